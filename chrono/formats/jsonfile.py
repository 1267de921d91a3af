"""Reading a JSON file that a user gives chrono to import: its value, or the one
problem that keeps it from being read (chrono's JSON and TimelineJS's share this)."""

from __future__ import annotations

import json
import re
from typing import Any

from chrono.errors import Problem, invalid_utf8

__all__ = ["load"]

# A \uD800-\uDFFF escape that is not half of a pair: JSON allows it, text cannot hold it.
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)(?:\\\\)*\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def load(data: bytes, path: str) -> tuple[Any, Problem | None]:
    """The JSON value of a file, or the problem that keeps it from being read (never an
    exception: a file nested too deep, or with half a surrogate pair, is a problem)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, invalid_utf8(path, data, exc)
    try:
        found = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, Problem(path, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")
    except RecursionError:
        return None, Problem(path, 1, 1, "invalid JSON: nested too deeply to read")
    lone = _LONE_SURROGATE.search(text)
    if lone is not None:
        line = text.count("\n", 0, lone.start()) + 1
        column = lone.start() - text.rfind("\n", 0, lone.start())
        return None, Problem(path, line, column, "invalid JSON: half a surrogate pair "
                             f"({lone[0].lstrip(chr(92))!r} alone is no character)")  # fmt: skip
    return found, None
