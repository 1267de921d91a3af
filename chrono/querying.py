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
from typing import Protocol

from chrono.dates import ChronoDate
from chrono.model import Event

__all__ = ["EventIndex", "Filter", "Index", "Query", "Selection", "Where", "matches_text"]


class Index(Protocol):
    """A sorted chronology as the filters see it; positions are 0-based, in order."""

    def __len__(self) -> int: ...

    def los(self) -> Sequence[int]:
        """Each event's earliest instant (`ChronoDate.lo`), by position."""
        ...

    def his(self) -> Sequence[int]:
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


class Filter(Protocol):
    """One option's filter: which of the positions it is given it keeps, in order."""

    option: str  # as the user wrote it, for `-v`: "--from"

    def keep(self, index: Index, positions: list[int]) -> list[int]: ...


@dataclass(frozen=True, slots=True)
class Where:
    """A filter that looks at each event; any index answers it."""

    option: str
    test: Callable[[Event], bool]

    def keep(self, index: Index, positions: list[int]) -> list[int]:
        events = index.events(positions)
        return [i for i, event in zip(positions, events, strict=True) if self.test(event)]


@dataclass(frozen=True, slots=True)
class _From:
    option = "--from"
    lo: int

    def keep(self, index: Index, positions: list[int]) -> list[int]:
        his = index.his()
        return [i for i in positions if his[i] > self.lo]


@dataclass(frozen=True, slots=True)
class _To:
    option = "--to"
    hi: int

    def keep(self, index: Index, positions: list[int]) -> list[int]:
        los = index.los()
        return [i for i in positions if los[i] < self.hi]


@dataclass(frozen=True, slots=True)
class _Tags:
    option = "--tag"
    tags: frozenset[str]

    def keep(self, index: Index, positions: list[int]) -> list[int]:
        tagged = index.tagged(self.tags)
        return [i for i in positions if i in tagged]


@dataclass(frozen=True, slots=True)
class _Grep:
    option = "--grep"
    needle: str

    def keep(self, index: Index, positions: list[int]) -> list[int]:
        found = set(index.containing(self.needle))
        return [i for i in positions if i in found]


@dataclass(frozen=True, slots=True)
class Selection:
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
            found.append(_From(self.start.lo))
        if self.end is not None:
            found.append(_To(self.end.hi))
        if self.tags:
            found.append(_Tags(frozenset(t.casefold() for t in self.tags)))
        if self.grep:
            found.append(_Grep(self.grep.casefold()))
        return found

    def run(self, index: Index) -> Selection:
        """The positions this query keeps of `index`, in its order."""
        kept = list(range(len(index)))
        counts: list[tuple[str, int]] = []
        for filter_ in self.filters():
            keep = filter_.keep(index, kept)
            if len(keep) != len(kept):
                counts.append((filter_.option, len(kept) - len(keep)))
            kept = keep
        if self.reverse:
            kept.reverse()
        if self.limit is not None and self.limit < len(kept):
            counts.append(("--limit", len(kept) - self.limit))
            kept = kept[: self.limit]
        return Selection(tuple(kept), tuple(counts))

    def select(self, events: Sequence[Event]) -> list[Event]:
        """The events of a sorted list this query keeps, in its order."""
        return [events[i] for i in self.run(EventIndex(events)).positions]


def matches_text(event: Event, needle: str) -> bool:
    """Whether the title or description contains `needle` (casefolded)."""
    return needle in event.title.casefold() or (
        event.description is not None and needle in event.description.casefold()
    )


class EventIndex:
    """The `Index` of a chronology in memory: everything read from the events."""

    def __init__(self, events: Sequence[Event]) -> None:
        self._events = events

    def __len__(self) -> int:
        return len(self._events)

    def los(self) -> list[int]:
        return [e.date.lo for e in self._events]

    def his(self) -> list[int]:
        return [e.date.hi for e in self._events]

    def tagged(self, tags: Collection[str]) -> set[int]:
        return {i for i, e in enumerate(self._events) if any(t.casefold() in tags for t in e.tags)}

    def containing(self, needle: str) -> list[int]:
        return [i for i, e in enumerate(self._events) if matches_text(e, needle)]

    def events(self, positions: Sequence[int]) -> list[Event]:
        return [self._events[i] for i in positions]
