"""The usual YAML record written directly (STYLE §10): a fast path of PyYAML's dump.

`chrono merge` and `--format yaml` write a timeline file with PyYAML's emitter
(libyaml's when present).  For the usual record (one-line text short enough never
to be folded, lists of such text) this writes the exact text the emitter gives it,
which saves about a fifth of `merge`'s time at 100k events; `yaml_` uses it
where it is sure, PyYAML everywhere else, and a Hypothesis test holds the two to
the same text.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["WIDTH", "record_text"]

WIDTH = 100  # the dump's width: lines longer than this may be folded at a space

# What libyaml's emitter, as _dump drives it, writes for a string: plain where YAML
# would read it back as that string, else in single quotes.  Only strings whose
# text it writes without a second thought are handled here: one line of printable
# characters, short enough (or without spaces) never to be folded at the width.
_PRINTABLE = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]+"  # libyaml escapes the astral ones
)
# Not plain: a leading indicator, `: ` or ` #` inside, a colon or space at an end.
_NOT_PLAIN = re.compile(r"^[-?:](?: |$)|^[#,\[\]{}&*!|>'\"%@`]|^---|^\.\.\.|: | #|:$|^ | $")
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers


def _scalar(value: str, column: int) -> str | None:
    """`value` as the emitter writes it starting at `column`, or None if unsure."""
    if not value or _PRINTABLE.fullmatch(value) is None:
        return None
    if column + len(value) + 2 > WIDTH and " " in value:
        return None  # the emitter may fold it
    resolved_as_text = not any(regexp.match(value) for _, regexp in _IMPLICIT.get(value[0], ()))
    if resolved_as_text and _NOT_PLAIN.search(value) is None:
        return value
    return "'" + value.replace("'", "''") + "'"


def record_text(record: dict[str, Any]) -> str | None:
    """One record as an item of the events' list, the text `_dump([record])` gives;
    None for a record this writer is not sure of (lists of lists, mappings, long or
    multi-line text, unusual characters)."""
    lines = []
    prefix = "- "
    for key, value in record.items():
        if _scalar(key, 2) != key:  # a key YAML would read as something else (`#notes`)
            return None
        if type(value) is str:
            text = _scalar(value, len(key) + 4)
            if text is None:
                return None
            lines.append(f"{prefix}{key}: {text}\n")
        elif type(value) is list and value:
            lines.append(f"{prefix}{key}:\n")
            for item in value:
                text = _scalar(item, 4) if type(item) is str else None
                if text is None:
                    return None
                lines.append(f"  - {text}\n")
        else:
            return None
        prefix = "  "
    return "".join(lines) if lines else None
