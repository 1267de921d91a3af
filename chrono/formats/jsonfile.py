"""Reading a JSON file that a user gives chrono to import: its value, or the one
problem that keeps it from being read (chrono's JSON and TimelineJS's share this)."""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import json
import re
from collections.abc import Sequence
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any, NamedTuple

from chrono.errors import Problem, invalid_utf8

__all__ = ["Places", "Repeat", "load", "refused_records"]

# A \uD800-\uDFFF escape that is not half of a pair: JSON allows it, text cannot hold it.
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)(?:\\\\)*\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


class Repeat(NamedTuple):
    """A key written twice in one object, which JSON readers read two ways (RFC 8259
    §4): where the object is (its path of keys and indices), and the problem to report."""

    within: tuple[str | int, ...]
    problem: Problem


def load(data: bytes, path: str) -> tuple[Any, tuple[Problem, ...], tuple[Repeat, ...]]:
    """The JSON value of a file, or the problems that keep it from being read (never an
    exception: a file nested too deep, or with half a surrogate pair, is a problem),
    and the keys written twice in it: the value keeps the last, and the caller refuses
    what holds one, so that every other problem of the file is said in the same run."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, (invalid_utf8(path, data, exc),), ()
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        found = dict(items)
        repeated = repeated or len(found) < len(items)
        return found

    try:
        found = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        return None, (Problem(path, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}"),), ()
    except RecursionError:
        return None, (Problem(path, 1, 1, "invalid JSON: nested too deeply to read"),), ()
    lone = _LONE_SURROGATE.search(text)
    if lone is not None:
        line = text.count("\n", 0, lone.start()) + 1
        column = lone.start() - text.rfind("\n", 0, lone.start())
        return None, (Problem(path, line, column, "invalid JSON: half a surrogate pair "
                              f"({lone[0].lstrip(chr(92))!r} alone is no character)"),), ()  # fmt: skip
    if not repeated:
        return found, (), ()
    places = Places(text, depth=0, repeats=True)
    return found, (), tuple(
        Repeat(within, Problem(path, *places.line_column(at),
               f"duplicate key '{key}' (first at line {places.line_column(first)[0]})"))
        for key, at, first, within in places.repeated
    )  # fmt: skip


def refused_records(
    repeats: Sequence[Repeat], within: tuple[str | int, ...], word: str
) -> tuple[set[int], list[Problem]] | None:
    """The records of the list at `within` that hold a key written twice, refused
    (which of the two values is meant is unknown), and each repeat's problem named by
    its record (`event 3: duplicate key …`); None where a repeat is outside them:
    what the file holds is then unknown, and it is refused whole."""
    depth = len(within)
    refused: set[int] = set()
    problems: list[Problem] = []
    for repeat in repeats:
        index = repeat.within[depth] if len(repeat.within) > depth else None
        if repeat.within[:depth] != within or not isinstance(index, int):
            return None
        refused.add(index)
        message = f"{word} {index + 1}: {repeat.problem.message}"
        problems.append(dataclasses.replace(repeat.problem, message=message))
    return refused, problems


class Places:
    """Where the values of a JSON text are (json.loads gives no positions): each value
    down to `depth` levels by its path of keys and indices, and with `repeats` every
    key an object repeats, at any depth (else what is deeper is read whole, in C)."""

    def __init__(self, text: str, depth: int = 2, *, repeats: bool = False) -> None:
        self._text, self._depth, self._repeats = text, depth, repeats
        self._lines = [m.start() for m in re.finditer("\n", text)]
        self.values: dict[tuple[str | int, ...], int] = {}
        # (key, at, first at, the object's path)
        self.repeated: list[tuple[str, int, int, tuple[str | int, ...]]] = []
        with contextlib.suppress(RecursionError, ValueError, IndexError):  # (a text
            self._value(_skip(text, 0), ())  # json.loads refused: as far as it goes)

    def where(self, *path: str | int) -> tuple[int, int]:
        """Line and column of the value at `path`, or of the nearest value above it."""
        while path not in self.values and path:
            path = path[:-1]
        return self.line_column(self.values.get(path, 0))

    def line_column(self, at: int) -> tuple[int, int]:
        line = bisect.bisect_left(self._lines, at)
        return line + 1, at - (self._lines[line - 1] if line else -1)

    def _value(self, at: int, path: tuple[str | int, ...]) -> int:
        text = self._text
        if len(path) <= self._depth:
            self.values[path] = at
        elif not self._repeats:
            return _DECODER.raw_decode(text, at)[1]
        opening = text[at]
        if opening == "{":
            seen: dict[str, int] = {}
            at = _skip(text, at + 1)
            while text[at] != "}":
                key, after = scanstring(text, at + 1)
                if key in seen:
                    self.repeated.append((key, at, seen[key], path))
                else:
                    seen[key] = at
                at = self._value(_skip(text, _skip(text, after) + 1), (*path, key))
                at = _skip(text, at)
                at = _skip(text, at + 1) if text[at] == "," else at
            return at + 1
        if opening == "[":
            index, at = 0, _skip(text, at + 1)
            while text[at] != "]":
                at = _skip(text, self._value(at, (*path, index)))
                at = _skip(text, at + 1) if text[at] == "," else at
                index += 1
            return at + 1
        return _DECODER.raw_decode(text, at)[1]


_DECODER = json.JSONDecoder()


_SPACE = re.compile(r"[ \t\r\n]*")


def _skip(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # (`*` always matches)
