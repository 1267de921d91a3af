"""`--format yaml` and `chrono merge`: a timeline file chrono reads back to the same events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from chrono.formats import Rendered, RenderOptions
from chrono.formats.records import timeline_record
from chrono.model import Event

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class _Dumper(_BaseDumper):
    """Safe dumper that writes multi-line text as a `|` block, as people write it."""


def _str(dumper: _Dumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_timeline(records: Sequence[dict[str, Any]], title: str | None = None) -> str:
    """A timeline file (SPEC §1, shape A) holding `records`."""
    document: dict[str, Any] = {}
    if title:
        document["title"] = title
    document["events"] = list(records)
    return yaml.dump(
        document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2
    )


def render(events: Sequence[Event], options: RenderOptions) -> Rendered:
    return Rendered(dump_timeline([timeline_record(e) for e in events], options.title))
