"""Table cells as tabulate wraps them: each cell's lines, and each column's width.

Shared by the tabulate styles (chrono.formats.table) and chrono's own `simple`
style (chrono.formats._simple_table), so that both wrap the same way.  Widths are
what a terminal shows, as tabulate measures them with `wcwidth`: two columns for
a CJK character or most emoji, none for a combining accent.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wcwidth.textwrap import SequenceTextWrapper

__all__ = [
    "LINE_BREAKS",
    "Wrapper",
    "cell",
    "cells",
    "column_sizes",
    "ljust",
    "measure",
    "width",
    "wrappers",
]

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What str.splitlines() splits at.
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


# Characters a terminal shows one column wide, as wcwidth counts them (a test checks
# each): Latin, Greek, Cyrillic, and punctuation such as – ’ “ … .  Text of these
# alone is measured by its length, without loading wcwidth.
_NARROW = re.compile(
    "[\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e]*"
)


def width(text: str) -> int:
    """The columns a terminal gives `text`: two for a CJK character or most emoji,
    none for a combining accent or a joiner."""
    if text.isascii() or _NARROW.fullmatch(text):
        return len(text)
    from wcwidth import wcswidth

    shown = wcswidth(text)
    if shown < 0:  # a control character or line break, which shows nothing: the rest
        shown = wcswidth(_CONTROLS.sub("", text))
    return shown if shown >= 0 else 2 * len(text)  # (at most two columns a character)


def measure(texts: Sequence[str]) -> Callable[[str], int]:
    """`len` when every text is measured by its length (checked once, in C), else `width`."""
    joined = "".join(texts)
    return len if joined.isascii() or _NARROW.fullmatch(joined) else width


def ljust(text: str, size: int) -> str:
    """`text` padded with spaces to `size` columns on a terminal."""
    return text + " " * (size - width(text))


def cells(rows: Sequence[Sequence[str]], widths: list[int | None] | None) -> list[list[list[str]]]:
    """Each cell as its lines: stripped, and wrapped to `widths` as tabulate wraps."""
    found = wrappers(widths, len(rows[0]) if rows else 0)
    return [[cell(text, w) for text, w in zip(row, found, strict=True)] for row in rows]


class Wrapper:
    """textwrap's wrapper, or wcwidth's (textwrap's, counting terminal columns) for a
    line whose width is not its length: CJK, emoji, combining accents."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.narrow = textwrap.TextWrapper(width=size)
        self._wide: SequenceTextWrapper | None = None

    def wrap(self, line: str) -> list[str]:
        if line.isascii() or width(line) == len(line):
            return self.narrow.wrap(line)
        if self._wide is None:
            from wcwidth.textwrap import SequenceTextWrapper

            self._wide = SequenceTextWrapper(width=self.size)
        return self._wide.wrap(line)


def wrappers(widths: list[int | None] | None, count: int) -> list[Wrapper | None]:
    """A wrapper for each column with a width (None for the others, and for all
    `count` columns when no width is set)."""
    return [Wrapper(w) if w is not None else None for w in widths or [None] * count]


def column_sizes(cells: list[list[list[str]]], headers: list[str]) -> list[int]:
    """As wide as a column's widest line, and two wider than its header at least
    (tabulate's MIN_PADDING)."""
    sizes = [len(h) + 2 for h in headers]
    for row in cells:
        for i, lines in enumerate(row):
            for line in lines:
                sizes[i] = max(sizes[i], width(line))
    return sizes


def cell(text: str, wrapper: Wrapper | None) -> list[str]:
    if wrapper is not None:  # as tabulate wraps: each line of the text, blank ones left out
        text = "\n".join(
            "\n".join(wrapper.wrap(line)) for line in text.splitlines() if line.strip()
        )
    return text.strip().splitlines() or [""]
