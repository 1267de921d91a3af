"""How exports group a chronology: headings by year or decade (Markdown, Mermaid), and
bands by first tag or source file (the pictures' lanes, TimelineJS's groups)."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from chrono.formats import Option
from chrono.precision import Precision, year_text

if TYPE_CHECKING:
    from chrono.dates import ChronoDate, DatePoint
    from chrono.model import Event

BANDS = ("none", "tag", "source")


def band(event: Event, by: str) -> str | None:
    """The band an event goes in: its first tag (`(no tag)` without one), the name of
    the file it came from, or None for `none`."""
    if by == "tag":
        return event.tags[0] if event.tags else "(no tag)"
    if by == "source":
        return PurePath(event.origin.path).name
    return None


GROUP_BY = Option(
    "group_by",
    "Markdown and Mermaid headings.  [default: year for md, decade for mermaid]",
    choices=("year", "decade", "none"),
)


def period_label(date: ChronoDate, by: str) -> str:
    """The heading an event falls under: `1994`, `1990s`, `44 BCE`, `40s BCE`.

    A date coarser than the grouping keeps its own label (`199X` under years), so
    no heading claims more precision than the date has.  An interval open at the
    start sorts before every date, so it has a heading of its own, `… – 1994`.
    `none` gives "".
    """
    if by == "none":
        return ""
    if date.start is None:
        assert date.end is not None  # parse_date refuses `../..`
        return f"… – {_label(date.end, by)}"
    return _label(date.start, by)


def _label(point: DatePoint, by: str) -> str:
    if point.precision <= Precision.DECADE and (
        by == "year" or point.precision is Precision.CENTURY
    ):
        return point.display().strip("~?")
    if by == "year":
        return year_text(point.year)
    if point.year <= 0:
        return f"{(1 - point.year) // 10 * 10}s BCE"
    return f"{point.year // 10 * 10}s" + (" CE" if point.year < 1000 else "")
