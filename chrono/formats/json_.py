"""`--format json`: a list of event objects (SPEC §5, §7)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from chrono.formats import Rendered, RenderOptions
from chrono.formats.records import plain_record
from chrono.model import Event


def render(events: Sequence[Event], options: RenderOptions) -> Rendered:
    text = json.dumps([plain_record(e) for e in events], ensure_ascii=False, indent=2)
    return Rendered(text + "\n")
