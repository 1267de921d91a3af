"""`--format mermaid`: a fenced Mermaid `timeline` that GitHub renders (SPEC §5, §7).

Mermaid has no quoting, so characters with a meaning in its timeline syntax are
written as its entity codes (`#58;` for `:`), which it renders as the character.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chrono.dates import zones_differ
from chrono.formats import Format, Rendered, Settings
from chrono.formats.grouping import GROUP_BY, period_label
from chrono.model import Event

# `#` first: the codes written for the others start with it.
_ENTITIES = {"#": "#35;", ":": "#58;", ";": "#59;", "%": "#37;", "<": "#60;", ">": "#62;"}
_SPECIAL = re.compile("[#:;%<>]")
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """One line of Mermaid text that shows as `text`.

    >>> escape("Phase-2: 50% #1 <b>")
    'Phase-2#58; 50#37; #35;1 #60;b#62;'
    """
    return _SPECIAL.sub(lambda m: _ENTITIES[m[0]], _SPACE.sub(" ", text).strip())


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    by = settings.option("group_by") or "decade"
    lines = ["```mermaid", "timeline"]
    if settings.title:
        lines.append(f"    title {escape(settings.title)}")
    section = None
    period: str | None = None
    zones = zones_differ(e.date for e in events)
    for event in events:
        label = period_label(event.date, by)
        if label and label != section:
            lines.append(f"    section {escape(label)}")
            section, period = label, None
        shown = event.date.display(zones)
        if shown == period:  # events of one period share its line
            lines[-1] += f" : {escape(event.title)}"
        else:
            lines.append(f"        {escape(shown)} : {escape(event.title)}")
            period = shown
    lines.append("```")
    return Rendered("\n".join(lines) + "\n")


FORMAT = Format(
    "mermaid", (".mmd", ".mermaid"), "a Mermaid timeline diagram that GitHub draws", render,
    options=(GROUP_BY,),
)  # fmt: skip
