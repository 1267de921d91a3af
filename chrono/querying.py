"""Which events a user asked for: `--from/--to/--tag/--grep/--limit/--reverse` (SPEC §4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chrono.dates import ChronoDate
from chrono.model import Event

__all__ = ["Query", "Selection", "matches_text"]


@dataclass(frozen=True, slots=True)
class Selection:
    """The events kept, and how many each option left out (reported with `-v`)."""

    events: tuple[Event, ...]
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

    def select(self, events: Sequence[Event]) -> Selection:
        kept = list(events)
        counts: list[tuple[str, int]] = []

        def apply(option: str, keep: list[Event]) -> None:
            nonlocal kept
            if len(keep) != len(kept):
                counts.append((option, len(kept) - len(keep)))
            kept = keep

        lo = self.start.lo if self.start is not None else None
        hi = self.end.hi if self.end is not None else None
        if lo is not None:
            apply("--from", [e for e in kept if e.date.hi > lo])
        if hi is not None:
            apply("--to", [e for e in kept if e.date.lo < hi])
        if self.tags:
            wanted = {t.casefold() for t in self.tags}
            apply("--tag", [e for e in kept if any(t.casefold() in wanted for t in e.tags)])
        if self.grep:
            needle = self.grep.casefold()
            apply("--grep", [e for e in kept if matches_text(e, needle)])
        if self.reverse:
            kept.reverse()
        if self.limit is not None:
            apply("--limit", kept[: self.limit])
        return Selection(tuple(kept), tuple(counts))


def matches_text(event: Event, needle: str) -> bool:
    return needle in event.title.casefold() or (
        event.description is not None and needle in event.description.casefold()
    )
