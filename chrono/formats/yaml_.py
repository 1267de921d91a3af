"""`--format yaml` and `chrono merge`: a timeline file chrono reads back to the same events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import yaml

from chrono.formats import Format, Rendered, Settings
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
    """`dump_timeline` in pieces of CHUNK records: the text of one whole dump (less a
    final `...`, see `without_end`), in bounded memory.
    (PyYAML writes a list under a key without indenting it, so the events' list is
    written as top-level lists, one after the other, after `events:`.)  The usual
    record is written directly (the fast path `_fast_yaml.record_text`), the rest by
    PyYAML."""
    if title:
        yield _dump({"title": title})
    from chrono.formats._fast_yaml import record_text  # (loaded to write YAML only)

    texts: list[str] = []
    hard: list[dict[str, Any]] = []  # records for PyYAML, dumped together
    started = False

    def dump_hard() -> None:
        if hard:
            texts.append(without_end(_dump(hard)))
            hard.clear()

    for record in records:
        text = record_text(record)
        if text is None:
            hard.append(record)
        else:
            dump_hard()
            texts.append(text)
        if len(texts) + len(hard) >= CHUNK:
            dump_hard()
            yield ("" if started else "events:\n") + "".join(texts)
            started, texts = True, []
    dump_hard()
    if texts:
        yield ("" if started else "events:\n") + "".join(texts)
    elif not started:
        yield _dump({"events": []})


def without_end(dumped: str) -> str:
    """A dump without the document end marker (`...`) libyaml writes after text kept
    with `|+` at times: between pieces it would end the document, and at the end of
    the file it means nothing, so the pieces never carry it."""
    return dumped[: -len("...\n")] if dumped.endswith("\n...\n") else dumped


def _dump(data: Any) -> str:
    from chrono.formats._fast_yaml import WIDTH  # (the fast path writes to the same width)

    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=WIDTH, indent=2
    )


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    return Rendered(timeline_pieces((timeline_record(e) for e in events), settings.title))


FORMAT = Format("yaml", (".yaml", ".yml"), "a timeline file, as chrono merge writes", render)
