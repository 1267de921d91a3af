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
    """textwrap's wrapper, or for a line whose width is not its length (CJK, emoji,
    combining accents) the same wrapping counted in terminal columns."""

    def __init__(self, size: int) -> None:
        self.narrow = textwrap.TextWrapper(width=size)
        self.wide = _WideWrapper(width=size)

    def wrap(self, line: str) -> list[str]:
        if line.isascii() or _NARROW.fullmatch(line):
            return self.narrow.wrap(line)
        return self.wide.wrap(line)


class _WideWrapper(textwrap.TextWrapper):
    """textwrap's greedy wrapping (words and the spaces between them; a word wider than
    the line broken), measured in terminal columns.  A word breaks between characters
    as a terminal shows them: never before a zero-width one (an accent, a variation
    selector) nor after a joiner; a character wider than the line gets a line alone."""

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        lines: list[str] = []
        chunks.reverse()
        while chunks:
            line: list[str] = []
            used = 0
            if chunks[-1].strip() == "" and lines:
                del chunks[-1]
            while chunks and used + width(chunks[-1]) <= self.width:
                used += width(chunks[-1])
                line.append(chunks.pop())
            if chunks and width(chunks[-1]) > self.width:
                self._handle_long_word(chunks, line, used, self.width)
            if line and line[-1].strip() == "":
                del line[-1]
            if line:
                lines.append("".join(line))
        return lines

    def _handle_long_word(
        self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width_: int
    ) -> None:
        word = reversed_chunks[-1]
        room = width_ - cur_len
        end, used = 0, 0
        while end < len(word):
            cluster = _cluster(word, end)
            size = width(word[end:cluster])
            if used + size > room and end > 0:
                break
            if used + size > room and cur_line:  # not even one: on the next line
                return
            used += size
            end = cluster
        cur_line.append(word[:end])
        reversed_chunks[-1] = word[end:]
        if not reversed_chunks[-1]:
            reversed_chunks.pop()


def _cluster(text: str, start: int) -> int:
    """Where the character at `start` ends with what a terminal draws with it: the
    zero-width characters after it, and the character after a joiner."""
    end = start + 1
    while end < len(text) and (text[end - 1] == "\u200d" or width(text[end]) == 0):
        end += 1
    return end


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
