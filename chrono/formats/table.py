"""`chrono show`: the chronology as a terminal table, wrapped to the width.

Every style is tabulate's, imported only for it, except the default, `simple`: it
is what most runs print, and the fast path `chrono.formats._simple_table` writes
the same text several times faster, a chunk at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from chrono.dates import zones_differ
from chrono.formats._simple_table import simple_columns
from chrono.formats.cells import cell, cells, column_sizes, measure, wrappers
from chrono.model import Event
from chrono.writing import strip_controls_all

__all__ = ["COLUMNS", "DEFAULT_COLUMNS", "render_table"]

COLUMNS: dict[str, Callable[[Event], str]] = {
    "date": lambda e: e.date.display(),
    "title": lambda e: e.title,
    "tags": lambda e: ", ".join(e.tags),
    "location": lambda e: e.location or "",
    "source": lambda e: e.sources[0] if e.sources else "",
    "sources": lambda e: "; ".join(e.sources),  # (a citation may hold a comma)
    "description": lambda e: e.description or "",
    "id": lambda e: e.id or "",
    "origin": lambda e: ", ".join(str(o) for o in e.origins),
}
DEFAULT_COLUMNS = ("date", "title", "tags", "location")
# Columns that give up width first, and the least each keeps when wrapped.  A date is
# never wrapped as words are (`8 Aug 2025 14:30 +04:00 – 8` / `Aug 2025 …`): it is
# whole, or, when the table does not fit else, on lines: an interval's ends, each
# clock time under its day.
_MIN_WIDTH = {"title": 20, "description": 20}
_FLEX_MIN = 8
_DASH = " – "  # between an interval's two ends (ChronoDate.display)
# The title is what people read: it gives up width at half the rate of the others.
_WEIGHT = {"title": 0.5}


def render_table(
    events: Sequence[Event],
    columns: Sequence[str],
    tablefmt: str = "simple",
    width: int | None = None,
    *,
    drop_empty: bool = False,
) -> str:
    """A table of `events` whose lines fit in `width` (None: no limit) if the format wraps.

    With `drop_empty`, columns that no event fills are left out (the default columns).
    """
    text = "".join(iter_table(events, columns, tablefmt, width, drop_empty=drop_empty))
    return text.removesuffix("\n")


# Formats whose header is their first lines and that have no closing border, so that a
# long table can be made and shown in chunks that line up: header lines to drop.
_STREAMABLE = {"simple": 2, "plain": 1, "github": 2, "pipe": 2}
CHUNK = 1000


def iter_table(
    events: Sequence[Event],
    columns: Sequence[str],
    tablefmt: str = "simple",
    width: int | None = None,
    *,
    drop_empty: bool = False,
    chunk: int = CHUNK,
) -> Iterator[str]:
    """The table in pieces (ending with a line break), so that a long table's first
    screen shows before the rest is made; the pieces join into one table."""
    # Made a column at a time: a column's cells are checked for control characters
    # together, and its natural width is one pass in C.
    made = [_column(events, c) for c in columns]
    if drop_empty and events:
        columns = [c for c, (column, _) in zip(columns, made, strict=True) if any(column)]
        made = [(column, printable) for column, printable in made if any(column)]
    texts = [column for column, _ in made]
    headers = [c.capitalize() for c in columns]
    widths = None
    if width is not None and events and (tablefmt == "simple" or tablefmt in _multiline()):
        natural = _natural(headers, made)
        widths = _fit(columns, natural, tablefmt, width)
        taken = _taken(columns, tablefmt)
        if widths is not None and "date" in columns and taken(_sizes(widths, natural)) > width:
            # Too wide even at the least widths: dates on lines, if that needs less.
            at = columns.index("date")
            split = [_split_date(text) for text in texts[at]]
            apart = _natural(headers, [*made[:at], (split, False), *made[at + 1 :]])
            narrower = _fit(columns, apart, tablefmt, width)
            if _used(narrower, apart) < _used(widths, natural):
                texts[at], made[at], widths = split, (split, False), narrower
    if tablefmt == "simple":
        yield from simple_columns(texts, headers, widths, chunk, [p for _, p in made])
        return
    rows: list[Sequence[str]] = list(zip(*texts, strict=True))
    drop = _STREAMABLE.get(tablefmt)
    if drop is None or len(rows) <= chunk:
        yield _tabulate(rows, headers, tablefmt, widths) + "\n"
        return
    # Every chunk gets the whole table's column widths, through headers padded to them
    # (tabulate makes a column two wider than its header, at least).
    sizes = column_sizes(cells(rows, widths), headers)
    padded = [h.ljust(n - 2) for h, n in zip(headers, sizes, strict=True)]
    for start in range(0, len(rows), chunk):
        lines = _tabulate(rows[start : start + chunk], padded, tablefmt, widths).split("\n")
        yield "\n".join(lines if start == 0 else lines[drop:]) + "\n"


def _column(events: Sequence[Event], name: str) -> tuple[list[str], bool]:
    """A column's cells, safe for a terminal, and whether it is all printable (so one
    line a cell): checked in C over the whole column, most columns need nothing more."""
    if name == "date" and zones_differ(e.date for e in events):
        texts = [e.date.display(zones=True) for e in events]
    else:
        texts = [COLUMNS[name](e) for e in events]
    if "".join(texts).isprintable():
        return texts, True
    return strip_controls_all(texts), False


def _multiline() -> frozenset[str]:
    from tabulate import multiline_formats

    return frozenset(multiline_formats)


def _tabulate(
    rows: Sequence[Sequence[str]],
    headers: list[str],
    tablefmt: str,
    widths: list[int | None] | None,
) -> str:
    from tabulate import tabulate

    if widths is not None:
        # Wrapped here as tabulate wraps (`_cell`): tabulate's own wrapping ignores
        # disable_numparse and casts what it wraps, so a location "False" showed as
        # "True" and "80,443" failed (python-tabulate #428).
        found = wrappers(widths, len(widths))
        rows = [
            [
                text if w is None else "\n".join(cell(text, w))
                for text, w in zip(row, found, strict=True)
            ]
            for row in rows
        ]
    # disable_numparse: a date `1994` or a title `2025` is text, not a number to align
    return tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True)


def _natural(headers: Sequence[str], made: Sequence[tuple[list[str], bool]]) -> list[int]:
    """Each column's widest line, its header's included (`made`: each column's cells,
    and whether they are one line each)."""
    found = []
    for header, (column, printable) in zip(headers, made, strict=True):
        size = measure(column)
        lines = column if printable else [line for text in column for line in text.splitlines()]
        found.append(max(len(header), *map(size, lines)) if lines else len(header))
    return found


def _split_date(text: str) -> str:
    """A date on lines: an interval's two ends, the dash ending the first, and each
    clock time under its day (`8 Aug 2025` / `16:15 -04:00`)."""
    if ":" not in text and _DASH not in text:
        return text  # (most dates: nothing to split)
    first, dash, last = text.partition(_DASH)
    lines = f"{first}{dash.rstrip()}\n{last}" if dash else text
    return _BEFORE_CLOCK.sub("\n", lines)


_BEFORE_CLOCK = re.compile(r" (?=\d{1,2}:\d\d)")


def _sizes(widths: list[int | None] | None, natural: list[int]) -> list[int]:
    """Each column's width: as fitted, or natural."""
    found = widths or [None] * len(natural)
    return [n if w is None else w for w, n in zip(found, natural, strict=True)]


def _used(widths: list[int | None] | None, natural: list[int]) -> int:
    """The width the columns take."""
    return sum(_sizes(widths, natural))


def _fit(
    columns: Sequence[str], natural: list[int], tablefmt: str, width: int
) -> list[int | None] | None:
    """Column widths that fit `width`, taking from the widest columns first (`natural`:
    the widest cell or header of each); the date column keeps its width."""
    taken = _taken(columns, tablefmt)
    if taken(natural) <= width:
        return None
    sizes = list(natural)
    floors = [
        n if c == "date" else min(n, _MIN_WIDTH.get(c, _FLEX_MIN))
        for c, n in zip(columns, natural, strict=True)
    ]
    while taken(sizes) > width:
        widest = max(
            range(len(sizes)),
            key=lambda i: ((sizes[i] - floors[i]) * _WEIGHT.get(columns[i], 1.0), sizes[i]),
        )
        if sizes[widest] <= floors[widest]:
            break  # narrower than this cannot be read; let the terminal wrap
        sizes[widest] -= 1
    return [s if s < n else None for s, n in zip(sizes, natural, strict=True)]


def _taken(columns: Sequence[str], tablefmt: str) -> Callable[[list[int]], int]:
    """The width of a table line whose columns' text is at most `sizes` wide."""
    if tablefmt == "simple":  # a column is two wider than its header at least; two
        least = [len(c) + 2 for c in columns]  # spaces between columns
        return lambda sizes: sum(map(max, sizes, least)) + 2 * (len(sizes) - 1)
    overhead = _overhead(len(columns), tablefmt)
    return lambda sizes: sum(sizes) + overhead


def _overhead(count: int, tablefmt: str) -> int:
    """Characters the format adds around `count` columns (borders, padding)."""
    from tabulate import tabulate

    probe = tabulate([["x"] * count], headers=["x"] * count, tablefmt=tablefmt)
    return max(len(line) for line in probe.splitlines()) - count
