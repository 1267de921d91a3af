"""`chrono show`: the chronology as a terminal table, wrapped to the width.

The default style, `simple`, chrono writes itself (the same text tabulate writes,
tested): it is what most runs print, tabulate takes ~85 µs a row, and a table made
here can be written a chunk at a time with the whole table's column widths.  Every
other style is tabulate's, imported only for it.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator, Sequence

from chrono.model import Event
from chrono.writing import strip_controls_all

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
        natural = [max(len(h), *map(len, column)) for h, column in zip(headers, texts, strict=True)]
        widths = _fit(columns, natural, tablefmt, width)
    if tablefmt == "simple":
        yield from _simple_columns(texts, headers, widths, chunk, [p for _, p in made])
        return
    rows: list[Sequence[str]] = list(zip(*texts, strict=True))
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


def _column(events: Sequence[Event], name: str) -> tuple[list[str], bool]:
    """A column's cells, safe for a terminal, and whether it is all printable (so one
    line a cell): checked in C over the whole column, most columns need nothing more."""
    texts = [COLUMNS[name](e) for e in events]
    if "".join(texts).isprintable():
        return texts, True
    return strip_controls_all(texts), False


def _simple(
    rows: Sequence[Sequence[str]], headers: list[str], widths: list[int | None] | None, chunk: int
) -> Iterator[str]:
    """tabulate's `simple` style: cells stripped, wrapped to `widths`, left-aligned in
    columns at least two wider than their header, two spaces apart, lines stripped
    at the right; a dashed line under the header."""
    columns = list(zip(*rows, strict=True)) or [() for _ in headers]
    return _simple_columns(columns, headers, widths, chunk)


def _simple_columns(
    columns: Sequence[Sequence[str]],
    headers: list[str],
    widths: list[int | None] | None,
    chunk: int,
    printable: Sequence[bool] | None = None,
) -> Iterator[str]:
    """`_simple` of the table given as its columns (rows are made a chunk at a time)."""
    sizes = _simple_sizes(columns, headers, widths, printable)
    head = "  ".join(h.ljust(n) for h, n in zip(headers, sizes, strict=True)).rstrip()
    rule = "  ".join("-" * n for n in sizes)
    count = len(columns[0]) if columns else 0
    for start in range(0, max(count, 1), chunk):
        out = [head, rule] if start == 0 else []
        rows = list(zip(*(column[start : start + chunk] for column in columns), strict=True))
        for row in _cells(rows, widths):
            for k in range(max(len(lines) for lines in row)):
                line = "  ".join(
                    (lines[k] if k < len(lines) else "").ljust(n)
                    for lines, n in zip(row, sizes, strict=True)
                )
                out.append(line.rstrip())
        yield "\n".join(out) + "\n"


def _simple_sizes(
    columns: Sequence[Sequence[str]],
    headers: list[str],
    widths: list[int | None] | None,
    printable: Sequence[bool] | None = None,
) -> list[int]:
    """`_column_sizes(_cells(rows, widths), headers)`, from the rows' columns, without
    wrapping every cell first, so that a long table's first lines come at once: a
    line of text within its wrapping width is its stripped self, a cell no longer
    than its column so far cannot widen it, and no wrapped line is wider than the
    width.  `printable` tells the columns known to be one printable line a cell."""
    sizes = []
    for header, column, limit, wrapper, known in zip(
        headers, columns, widths or [None] * len(headers), _wrappers(widths, len(headers)),
        printable or [False] * len(headers), strict=True,
    ):  # fmt: skip
        size = len(header) + 2
        one_line = known or _LINE_BREAKS.search("".join(column)) is None
        if one_line and (limit is None or max(map(len, column), default=0) <= limit):
            sizes.append(max(size, max(map(len, map(str.strip, column)), default=0)))
            continue
        for text in column:
            n = len(text)
            if n <= size:
                continue
            if one_line and (limit is None or n <= limit):
                n = len(text.strip())
            else:
                n = max(map(len, _cell(text, wrapper)))
            if n > size:
                size = n
                if limit is not None and size >= limit:
                    break
        sizes.append(size)
    return sizes


# What str.splitlines() splits at.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _cells(rows: Sequence[Sequence[str]], widths: list[int | None] | None) -> list[list[list[str]]]:
    """Each cell as its lines: stripped, and wrapped to `widths` as tabulate wraps."""
    wrappers = _wrappers(widths, len(rows[0]) if rows else 0)
    return [[_cell(text, w) for text, w in zip(row, wrappers, strict=True)] for row in rows]


def _wrappers(widths: list[int | None] | None, count: int) -> list[textwrap.TextWrapper | None]:
    """A wrapper for each column with a width (None for the others, and for all
    `count` columns when no width is set)."""
    return [
        textwrap.TextWrapper(width=w) if w is not None else None for w in widths or [None] * count
    ]


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
        wrappers = _wrappers(widths, len(widths))
        rows = [
            [
                text if w is None else "\n".join(_cell(text, w))
                for text, w in zip(row, wrappers, strict=True)
            ]
            for row in rows
        ]
    # disable_numparse: a date `1994` or a title `2025` is text, not a number to align
    return tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True)


def _fit(
    columns: Sequence[str], natural: list[int], tablefmt: str, width: int
) -> list[int | None] | None:
    """Column widths that fit `width`, taking from the widest columns first (`natural`:
    the widest cell or header of each)."""
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
