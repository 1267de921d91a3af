"""Table cells as tabulate wraps them: each cell's lines, and each column's width.

Shared by the tabulate styles (chrono.formats.table) and chrono's own `simple`
style (chrono.formats._simple_table), so that both wrap the same way.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

__all__ = ["LINE_BREAKS", "cell", "cells", "column_sizes", "wrappers"]

# What str.splitlines() splits at.
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def cells(rows: Sequence[Sequence[str]], widths: list[int | None] | None) -> list[list[list[str]]]:
    """Each cell as its lines: stripped, and wrapped to `widths` as tabulate wraps."""
    found = wrappers(widths, len(rows[0]) if rows else 0)
    return [[cell(text, w) for text, w in zip(row, found, strict=True)] for row in rows]


def wrappers(widths: list[int | None] | None, count: int) -> list[textwrap.TextWrapper | None]:
    """A wrapper for each column with a width (None for the others, and for all
    `count` columns when no width is set)."""
    return [
        textwrap.TextWrapper(width=w) if w is not None else None for w in widths or [None] * count
    ]


def column_sizes(cells: list[list[list[str]]], headers: list[str]) -> list[int]:
    """As wide as a column's widest line, and two wider than its header at least
    (tabulate's MIN_PADDING)."""
    sizes = [len(h) + 2 for h in headers]
    for row in cells:
        for i, lines in enumerate(row):
            for line in lines:
                sizes[i] = max(sizes[i], len(line))
    return sizes


def cell(text: str, wrapper: textwrap.TextWrapper | None) -> list[str]:
    if wrapper is not None:  # as tabulate wraps: each line of the text, blank ones left out
        text = "\n".join(
            "\n".join(wrapper.wrap(line)) for line in text.splitlines() if line.strip()
        )
    return text.strip().splitlines() or [""]
