"""tabulate's `simple` style, written by chrono (STYLE §10): a fast path of `_tabulate`.

It is what nearly every `chrono show` prints, and tabulate takes about 85 µs a
row: this writes the same text (held to tabulate's by a Hypothesis test) several
times faster, without importing tabulate, and a chunk at a time with the whole
table's column widths, so that a long table's first screen shows at once.  One
difference is documented and tested: a hyphenated word wider than its column
breaks at the hyphen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from chrono.formats.cells import LINE_BREAKS, cell, cells, ljust, measure, width, wrappers

__all__ = ["simple", "simple_columns"]


def simple(
    rows: Sequence[Sequence[str]], headers: list[str], limits: list[int | None] | None, chunk: int
) -> Iterator[str]:
    """tabulate's `simple` style: cells stripped, wrapped to `limits`, left-aligned in
    columns at least two wider than their header, two spaces apart, lines stripped
    at the right; a dashed line under the header.  Widths are terminal columns."""
    columns = list(zip(*rows, strict=True)) or [() for _ in headers]
    return simple_columns(columns, headers, limits, chunk)


def simple_columns(
    columns: Sequence[Sequence[str]],
    headers: list[str],
    limits: list[int | None] | None,
    chunk: int,
    printable: Sequence[bool] | None = None,
) -> Iterator[str]:
    """`simple` of the table given as its columns (rows are made a chunk at a time)."""
    measures = [measure(column) for column in columns]
    sizes = _sizes(columns, headers, limits, printable, measures)
    pads = [str.ljust if m is len else ljust for m in measures]  # (ljust: terminal columns)
    head = "  ".join(h.ljust(n) for h, n in zip(headers, sizes, strict=True)).rstrip()
    rule = "  ".join("-" * n for n in sizes)
    count = len(columns[0]) if columns else 0
    for start in range(0, max(count, 1), chunk):
        out = [head, rule] if start == 0 else []
        rows = list(zip(*(column[start : start + chunk] for column in columns), strict=True))
        for row in cells(rows, limits):
            for k in range(max(len(lines) for lines in row)):
                line = "  ".join(
                    pad(lines[k] if k < len(lines) else "", n)
                    for lines, n, pad in zip(row, sizes, pads, strict=True)
                )
                out.append(line.rstrip())
        yield "\n".join(out) + "\n"


def _sizes(
    columns: Sequence[Sequence[str]],
    headers: list[str],
    limits: list[int | None] | None,
    printable: Sequence[bool] | None = None,
    measures: Sequence[Callable[[str], int]] | None = None,
) -> list[int]:
    """`column_sizes(cells(rows, limits), headers)`, from the rows' columns, without
    wrapping every cell first, so that a long table's first lines come at once: a
    line of text within its wrapping width is its stripped self, a cell no wider
    than its column so far cannot widen it, and no wrapped line is wider than the
    limit.  `printable` tells the columns known to be one printable line a cell,
    `measures` how each column is measured (`len`, in C, when it can be)."""
    sizes = []
    count = len(headers)
    for header, column, limit, wrapper, known, size_of in zip(
        headers, columns, limits or [None] * count, wrappers(limits, count),
        printable or [False] * count, measures or [width] * count, strict=True,
    ):  # fmt: skip
        size = len(header) + 2
        one_line = known or LINE_BREAKS.search("".join(column)) is None
        if one_line and (limit is None or max(map(size_of, column), default=0) <= limit):
            sizes.append(max(size, max(map(size_of, map(str.strip, column)), default=0)))
            continue
        for text in column:
            n = size_of(text)
            if n <= size:
                continue
            if one_line and (limit is None or n <= limit):
                n = size_of(text.strip())
            else:
                n = max(map(size_of, cell(text, wrapper)))
            if n > size:
                size = n
                if limit is not None and size >= limit:
                    break
        sizes.append(size)
    return sizes
