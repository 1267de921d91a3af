"""`chrono show`: the chronology as a terminal table, wrapped to the width.

The default style, `simple`, chrono writes itself (the same text tabulate writes,
tested): it is what most runs print, tabulate takes ~85 µs a row, and a table made
here can be written a chunk at a time with the whole table's column widths.  Every
other style is tabulate's, imported only for it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator, Sequence

from chrono.model import Event
from chrono.writing import strip_controls

__all__ = ["COLUMNS", "DEFAULT_COLUMNS", "render_table"]

COLUMNS: dict[str, Callable[[Event], str]] = {
    "date": lambda e: e.date.display(),
    "title": lambda e: e.title,
    "tags": lambda e: ", ".join(e.tags),
    "location": lambda e: e.location or "",
    "source": lambda e: e.sources[0] if e.sources else "",
    "sources": lambda e: " ".join(e.sources),
    "description": lambda e: e.description or "",
    "id": lambda e: e.id or "",
    "origin": lambda e: ", ".join(str(o) for o in e.origins),
}
DEFAULT_COLUMNS = ("date", "title", "tags", "location")
# Columns that give up width first, and the least each keeps when wrapped.
_MIN_WIDTH = {"date": 30, "title": 20, "description": 20}  # dates do not wrap
_FLEX_MIN = 8
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
    rows = [[strip_controls(COLUMNS[c](e)) for c in columns] for e in events]
    if drop_empty and rows:
        keep = [i for i in range(len(columns)) if any(row[i] for row in rows)]
        columns = [columns[i] for i in keep]
        rows = [[row[i] for i in keep] for row in rows]
    headers = [c.capitalize() for c in columns]
    widths = None
    if width is not None and rows and (tablefmt == "simple" or tablefmt in _multiline()):
        widths = _fit(columns, headers, rows, tablefmt, width)
    if tablefmt == "simple":
        yield from _simple(rows, headers, widths, chunk)
        return
    drop = _STREAMABLE.get(tablefmt)
    if drop is None or len(rows) <= chunk:
        yield _tabulate(rows, headers, tablefmt, widths) + "\n"
        return
    # Every chunk gets the whole table's column widths, through headers padded to them
    # (tabulate makes a column two wider than its header, at least).
    sizes = _column_sizes(_cells(rows, widths), headers)
    padded = [h.ljust(n - 2) for h, n in zip(headers, sizes, strict=True)]
    for start in range(0, len(rows), chunk):
        lines = _tabulate(rows[start : start + chunk], padded, tablefmt, widths).split("\n")
        yield "\n".join(lines if start == 0 else lines[drop:]) + "\n"


def _simple(
    rows: list[list[str]], headers: list[str], widths: list[int | None] | None, chunk: int
) -> Iterator[str]:
    """tabulate's `simple` style: cells stripped, wrapped to `widths`, left-aligned in
    columns at least two wider than their header, two spaces apart, lines stripped
    at the right; a dashed line under the header."""
    cells = _cells(rows, widths)
    sizes = _column_sizes(cells, headers)
    head = "  ".join(h.ljust(n) for h, n in zip(headers, sizes, strict=True)).rstrip()
    rule = "  ".join("-" * n for n in sizes)
    for start in range(0, max(len(cells), 1), chunk):
        out = [head, rule] if start == 0 else []
        for row in cells[start : start + chunk]:
            for k in range(max(len(lines) for lines in row)):
                line = "  ".join(
                    (lines[k] if k < len(lines) else "").ljust(n)
                    for lines, n in zip(row, sizes, strict=True)
                )
                out.append(line.rstrip())
        yield "\n".join(out) + "\n"


def _cells(rows: list[list[str]], widths: list[int | None] | None) -> list[list[list[str]]]:
    """Each cell as its lines: stripped, and wrapped to `widths` as tabulate wraps."""
    limits = widths or [None] * (len(rows[0]) if rows else 0)
    wrappers = [textwrap.TextWrapper(width=w) if w is not None else None for w in limits]
    return [[_cell(text, w) for text, w in zip(row, wrappers, strict=True)] for row in rows]


def _column_sizes(cells: list[list[list[str]]], headers: list[str]) -> list[int]:
    """As wide as a column's widest line, and two wider than its header at least
    (tabulate's MIN_PADDING)."""
    sizes = [len(h) + 2 for h in headers]
    for row in cells:
        for i, lines in enumerate(row):
            for line in lines:
                sizes[i] = max(sizes[i], len(line))
    return sizes


def _cell(text: str, wrapper: textwrap.TextWrapper | None) -> list[str]:
    if wrapper is not None:  # as tabulate wraps: each line of the text, blank ones left out
        text = "\n".join(
            "\n".join(wrapper.wrap(line)) for line in text.splitlines() if line.strip()
        )
    return text.strip().splitlines() or [""]


def _multiline() -> frozenset[str]:
    from tabulate import multiline_formats

    return frozenset(multiline_formats)


def _tabulate(
    rows: list[list[str]], headers: list[str], tablefmt: str, widths: list[int | None] | None
) -> str:
    from tabulate import tabulate

    # disable_numparse: a date `1994` or a title `2025` is text, not a number to align
    return tabulate(
        rows, headers=headers, tablefmt=tablefmt, maxcolwidths=widths, disable_numparse=True
    )


def _fit(
    columns: Sequence[str], headers: list[str], rows: list[list[str]], tablefmt: str, width: int
) -> list[int | None] | None:
    """Column widths that fit `width`, taking from the widest columns first."""
    natural = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    overhead = _overhead(len(columns), tablefmt)
    budget = width - overhead
    if sum(natural) <= budget:
        return None
    sizes = list(natural)
    floors = [min(n, _MIN_WIDTH.get(c, _FLEX_MIN)) for c, n in zip(columns, natural, strict=True)]
    while sum(sizes) > budget:
        widest = max(
            range(len(sizes)),
            key=lambda i: ((sizes[i] - floors[i]) * _WEIGHT.get(columns[i], 1.0), sizes[i]),
        )
        if sizes[widest] <= floors[widest]:
            break  # narrower than this cannot be read; let the terminal wrap
        sizes[widest] -= 1
    return [s if s < n else None for s, n in zip(sizes, natural, strict=True)]


def _overhead(count: int, tablefmt: str) -> int:
    """Characters the format adds around `count` columns (borders, padding)."""
    if tablefmt == "simple":  # what the probe below measures for it
        return 4 * count - 2
    from tabulate import tabulate

    probe = tabulate([["x"] * count], headers=["x"] * count, tablefmt=tablefmt)
    return max(len(line) for line in probe.splitlines()) - count
