"""Putting text in front of the user safely (SPEC §4, §6)."""

from __future__ import annotations

import re

__all__ = ["strip_controls"]

# C0 and C1 control characters (ESC starts terminal escape sequences) and the
# Unicode bidirectional overrides that can make text display other than it reads.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n\r]+")


def strip_controls(text: str, *, keep_newlines: bool = False) -> str:
    """Text safe for a terminal: control characters removed, tabs and breaks spaced.

    >>> strip_controls("Baku\\x1b[31m summit\\x07")
    'Baku[31m summit'
    """
    if keep_newlines:
        text = text.replace("\r\n", "\n").replace("\t", " ")
        return _CONTROLS.sub("", text.replace("\r", "\n"))
    return _CONTROLS.sub("", _BREAKS.sub(" ", text))
