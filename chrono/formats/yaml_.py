"""`--format yaml` and `chrono merge`: a timeline file chrono reads back to the same events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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
    """Safe dumper that writes multi-line text as a `|` block, as people write it, and
    never anchors and aliases (the same value twice is written twice, as people
    write it, and pieces of one document can be dumped apart)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: _Dumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_timeline(records: Iterable[dict[str, Any]], title: str | None = None) -> str:
    """A timeline file (SPEC §1, shape A) holding `records`."""
    return "".join(timeline_pieces(records, title))


CHUNK = 1000  # records dumped at once: a large file is never a whole node graph


def timeline_pieces(records: Iterable[dict[str, Any]], title: str | None = None) -> Iterator[str]:
    """`dump_timeline` in pieces of CHUNK records: the same text, in bounded memory.
    (PyYAML writes a list under a key without indenting it, so the events' list is
    written as top-level lists, one after the other, after `events:`.)"""
    if title:
        yield _dump({"title": title})
    chunk: list[dict[str, Any]] = []
    started = False
    for record in records:
        chunk.append(record)
        if len(chunk) == CHUNK:
            yield ("" if started else "events:\n") + _dump(chunk)
            started, chunk = True, []
    if chunk:
        yield ("" if started else "events:\n") + _dump(chunk)
    elif not started:
        yield _dump({"events": []})


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2)


def render(events: Sequence[Event], options: RenderOptions) -> Rendered:
    return Rendered(timeline_pieces((timeline_record(e) for e in events), options.title))
