"""`--format json`: a list of event objects (SPEC §5, §7)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from chrono.formats import Rendered, RenderOptions
from chrono.formats.records import plain_record
from chrono.model import Event


def render(events: Sequence[Event], options: RenderOptions) -> Rendered:
    """The same bytes as `json.dumps(records, indent=2)`, one record at a time, so that
    a million events never exist as a million dicts at once."""
    if not events:
        return Rendered("[]\n")
    parts = (
        "  " + json.dumps(plain_record(e), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        for e in events
    )
    return Rendered("[\n" + ",\n".join(parts) + "\n]\n")
