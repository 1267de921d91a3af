"""Events and where they came from: frozen values, no I/O."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from chrono._values import Value
from chrono.precision import Precision

if TYPE_CHECKING:
    from chrono.dates import ChronoDate, DatePoint

__all__ = [
    "EMPTY", "KNOWN_FIELDS", "STDIN", "STDIN_NAME", "Event", "Origin", "floating_clock",
    "floating_point", "needs_timezone",
]  # fmt: skip

STDIN = "-"  # the path that names standard input
STDIN_NAME = "<stdin>"  # its name in origins and messages

# Fields chrono reads itself (SPEC §1); any other key is kept in `Event.extra`.
KNOWN_FIELDS = frozenset(
    {
        "title",
        "date",
        "start",
        "end",
        "id",
        "description",
        "location",
        "tags",
        "sources",
        "timezone",
        "conflicts",
    }
)


class _Empty(Mapping[str, Any]):
    """The one empty mapping every event without unknown fields or conflicts shares:
    an empty dict per event would cost 128 bytes twice over, 250 MB at 1M events."""

    __slots__ = ()

    def __getitem__(self, key: str) -> NoReturn:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self) -> str:
        return "EMPTY"  # pickled by name: the one instance stays one


EMPTY: Mapping[str, Any] = _Empty()


@dataclass(frozen=True, slots=True, order=True)
class Origin(Value):
    """Where an event was read: the path as the user named it (`<stdin>` for `-`)."""

    path: str
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Event(Value):
    """One dated event, possibly merged from several origins (SPEC §1, §3).

    `timezone` is the zone its clock times are read in (the event's own, else its
    file's).  `extra` holds the keys chrono does not know, as read.  `conflicts`
    maps a field to the values other merged origins gave it (SPEC §7).
    """

    title: str
    date: ChronoDate
    origins: tuple[Origin, ...]
    id: str | None = None
    description: str | None = None
    location: str | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    timezone: str | None = None
    extra: Mapping[str, Any] = field(default=EMPTY, compare=False)
    conflicts: Mapping[str, tuple[Any, ...]] = field(default=EMPTY, compare=False)

    @property
    def origin(self) -> Origin:
        """The first origin in (path, line) order: it gave the title (SPEC §7)."""
        return self.origins[0]

    def sort_key(self) -> tuple[Any, ...]:
        """Chronological order, total and stable (SPEC §2, §7)."""
        o = self.origins[0]
        return (*self.date.sort_key(), self.title.casefold(), self.title, o.path, o.line, o.column)


def needs_timezone(event: Event) -> bool:
    """True when the event has a clock time without offset whose meaning is its zone."""
    return event.timezone is not None and floating_clock(event.date)


def floating_clock(date: ChronoDate | None) -> bool:
    """Whether the date has a clock time with no offset (read in a zone, if any)."""
    return date is not None and (floating_point(date.start) or floating_point(date.end))


def floating_point(point: DatePoint | None) -> bool:
    """Whether the point is a clock time with no offset."""
    return point is not None and point.precision >= Precision.MINUTE and point.offset is None
