"""Which events a user asked for: `--from/--to/--tag/--grep/--limit/--reverse` (SPEC §4).

A `Query` runs against an `Index`: the positions of a sorted chronology's events and
what the filters look at (date bounds, tags, text).  The chronology in memory
(`EventIndex`) and the one in the cache (`chrono.caches.stored`) both provide one,
so a filter is written once, here, and an index changes how fast a query runs,
never what it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from chrono.dates import ChronoDate
from chrono.model import Event
from chrono.precision import US_PER_DAY, Precision
from chrono.titles import searchable

__all__ = [
    "EventIndex", "Filter", "Index", "Query", "Selection", "floating_clock", "matches_text",
    "where",
]  # fmt: skip


class Index(Protocol):
    """A sorted chronology as the filters see it; positions are 0-based, in order."""

    def __len__(self) -> int: ...

    def starts(self) -> Sequence[int]:
        """Each event's earliest instant (`ChronoDate.lo`), by position."""
        ...

    def ends(self) -> Sequence[int]:
        """Each event's end (`ChronoDate.hi`, exclusive), by position."""
        ...

    def tagged(self, tags: Collection[str]) -> Collection[int]:
        """Positions of the events with any of `tags` (casefolded, as given)."""
        ...

    def containing(self, needle: str) -> Iterable[int]:
        """Positions of the events whose title or description contains `needle`
        (casefolded, as given), as `matches_text` decides."""
        ...

    def events(self, positions: Sequence[int]) -> Sequence[Event]:
        """The events at `positions`: what a filter no index answers looks at."""
        ...


# What a filter keeps of the positions it is given, in order, looking at the index.
Keep = Callable[[Index, list[int]], list[int]]
# One option's filter: the option as the user wrote it (for `-v`: "--from"), and what
# it keeps.  (Functions, not classes: chrono's start-up pays for every class made.)
Filter = tuple[str, Keep]


def where(option: str, test: Callable[[Event], bool]) -> Filter:
    """A filter that looks at each event; any index answers it."""

    def keep(index: Index, positions: list[int]) -> list[int]:
        events = index.events(positions)
        return [i for i, event in zip(positions, events, strict=True) if test(event)]

    return option, keep


def _from(lo: int, clock: str | None = None) -> Keep:
    def keep(index: Index, positions: list[int]) -> list[int]:
        ends = index.ends()
        if clock is None:
            return [i for i in positions if ends[i] > lo]
        near = [i for i in positions if lo - US_PER_DAY < ends[i] <= lo + US_PER_DAY]
        bounds = _in_zones(clock, near, index, first=True)
        return [i for i in positions if ends[i] > bounds.get(i, lo)]

    return keep


def _to(hi: int, clock: str | None = None) -> Keep:
    def keep(index: Index, positions: list[int]) -> list[int]:
        starts = index.starts()
        if clock is None:
            return [i for i in positions if starts[i] < hi]
        near = [i for i in positions if hi - US_PER_DAY <= starts[i] < hi + US_PER_DAY]
        bounds = _in_zones(clock, near, index, first=False)
        return [i for i in positions if starts[i] < bounds.get(i, hi)]

    return keep


def floating_clock(date: ChronoDate | None, first: bool) -> str | None:
    """The text of a `--from` (`first`) or `--to` whose bound is a clock time with no
    offset, which is read in each event's zone; None for any other."""
    if date is None:
        return None
    point = date.start if first else date.end
    if point is None or point.precision < Precision.MINUTE or point.offset is not None:
        return None
    return date.text


def _in_zones(clock: str, positions: list[int], index: Index, first: bool) -> dict[int, int]:
    """The bound a clock time with no offset sets for each event at `positions`: read
    in the zone the event was read in, as its timeline's own clock times are (SPEC §7),
    else in UTC. A zone's offset is less than a day, so an event that ends (or starts)
    further than a day from the bound read in UTC is on the same side in every zone,
    and only the events within a day are looked at."""
    from chrono.dates import parse_date

    bounds = {}
    for i, event in zip(positions, index.events(positions), strict=True):
        placed = parse_date(clock, zone=event.timezone)
        bounds[i] = placed.lo if first else placed.hi
    return bounds


def _tags(tags: frozenset[str]) -> Keep:
    def keep(index: Index, positions: list[int]) -> list[int]:
        tagged = index.tagged(tags)
        return [i for i in positions if i in tagged]

    return keep


def _grep(needle: str) -> Keep:
    def keep(index: Index, positions: list[int]) -> list[int]:
        found = set(index.containing(needle))
        return [i for i in positions if i in found]

    return keep


class Selection(NamedTuple):
    """What a query kept: positions in the chronology, in the query's order, and how
    many events each option left out (reported with `-v`)."""

    positions: tuple[int, ...]
    filtered: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Query:
    """Filters over a sorted chronology.

    `--from`/`--to` keep an event when the span its date can denote overlaps the
    span asked for, so `2025-08` is inside `--from 2025-08-15` (SPEC §4).  Tags
    match either (OR), case-insensitively; `--reverse` applies before `--limit`
    (SPEC §7).
    """

    start: ChronoDate | None = None
    end: ChronoDate | None = None
    tags: tuple[str, ...] = ()
    grep: str | None = None
    limit: int | None = None
    reverse: bool = False

    def filters(self) -> list[Filter]:
        """The filters the options ask for, in the order they apply."""
        found: list[Filter] = []
        if self.start is not None:
            found.append(("--from", _from(self.start.lo, floating_clock(self.start, first=True))))
        if self.end is not None:
            found.append(("--to", _to(self.end.hi, floating_clock(self.end, first=False))))
        if self.tags:
            found.append(("--tag", _tags(frozenset(t.casefold() for t in self.tags))))
        if self.grep:
            found.append(("--grep", _grep(searchable(self.grep))))
        return found

    def run(self, index: Index) -> Selection:
        """The positions this query keeps of `index`, in its order."""
        kept = list(range(len(index)))
        counts: list[tuple[str, int]] = []
        for option, keep in self.filters():
            chosen = keep(index, kept)
            if len(chosen) != len(kept):
                counts.append((option, len(kept) - len(chosen)))
            kept = chosen
        if self.reverse:
            kept.reverse()
        if self.limit is not None and self.limit < len(kept):
            counts.append(("--limit", len(kept) - self.limit))
            kept = kept[: self.limit]
        return Selection(tuple(kept), tuple(counts))

    def filter(self, events: Sequence[Event]) -> list[Event]:
        """The events of a sorted list this query keeps, in its order."""
        return [events[i] for i in self.run(EventIndex(events)).positions]


def matches_text(event: Event, needle: str) -> bool:
    """Whether the title or description contains `needle` (`searchable` already)."""
    return needle in searchable(event.title) or (
        event.description is not None and needle in searchable(event.description)
    )


class EventIndex:
    """The `Index` of a chronology in memory: everything read from the events."""

    def __init__(self, events: Sequence[Event]) -> None:
        self._events = events

    def __len__(self) -> int:
        return len(self._events)

    def starts(self) -> list[int]:
        return [e.date.lo for e in self._events]

    def ends(self) -> list[int]:
        return [e.date.hi for e in self._events]

    def tagged(self, tags: Collection[str]) -> set[int]:
        return {i for i, e in enumerate(self._events) if any(t.casefold() in tags for t in e.tags)}

    def containing(self, needle: str) -> list[int]:
        return [i for i, e in enumerate(self._events) if matches_text(e, needle)]

    def events(self, positions: Sequence[int]) -> list[Event]:
        return [self._events[i] for i in positions]
