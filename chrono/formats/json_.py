"""`--format json`: a list of event objects (SPEC §5, §7)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from chrono.formats import Format, Records, Rendered, Settings
from chrono.formats._fast_json import record_text
from chrono.formats.records import plain_record
from chrono.model import Event


def record(event: Event) -> str:
    """One event's record as it appears in the list, indented one level (JSON text
    has no line break inside a string, so every line break is the layout's)."""
    if not event.extra and not event.conflicts:  # the usual event: the fast path
        return record_text(event)
    return json.dumps(plain_record(event), ensure_ascii=False, indent=2).replace("\n", "\n  ")


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    """One record at a time, written as it is made: a large export is never whole
    in memory, neither as dicts nor as text."""
    return Rendered(RECORDS.join(record(event) for event in events))


RECORDS = Records(record, first="[\n  ", between=",\n  ", last="\n]\n", empty="[]\n")
FORMAT = Format(
    "json", (".json",), "a list of event objects, for other tools", render, records=RECORDS
)
