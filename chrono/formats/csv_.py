"""`--format csv`: one row per event, RFC 4180, safe to open in a spreadsheet (SPEC §5, §7)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from chrono.formats import Rendered, RenderOptions
from chrono.model import Event

HEADER = ("date", "title", "description", "location", "tags", "sources", "id")
LIST_SEPARATOR = "; "
# A cell starting with one of these is a formula to Excel, LibreOffice and Google
# Sheets (OWASP "CSV injection"); tab and carriage return start one in some of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Prefix a formula-like cell with `'`, which spreadsheets show as text.

    >>> neutralise("=HYPERLINK(...)"), neutralise("-0043-03-15"), neutralise("Baku")
    ("'=HYPERLINK(...)", "'-0043-03-15", 'Baku')
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def restore(cell: str) -> str:
    """Undo `neutralise` (for `chrono import`)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render(events: Sequence[Event], options: RenderOptions) -> Rendered:
    extra_keys = list(dict.fromkeys(k for e in events for k in e.extra if k not in HEADER))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: CRLF, minimal quoting
    writer.writerow(HEADER + tuple(extra_keys))
    for e in events:
        row = [e.date.text, e.title, e.description, e.location, e.tags, e.sources, e.id]
        row += [e.extra.get(k) for k in extra_keys]
        writer.writerow([neutralise(_cell(v)) for v in row])
    return Rendered(out.getvalue())
