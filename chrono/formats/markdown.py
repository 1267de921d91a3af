"""`--format md`: GitHub-flavoured Markdown that pastes cleanly (SPEC §5, §7).

Every piece of event text is escaped so that a GFM renderer shows exactly that
text: CommonMark lets any ASCII punctuation be backslash-escaped, so chrono escapes
the characters that start inline markup everywhere, and the ones that start a block
(`#`, `>`, `-`, `1.` …) at the start of a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from chrono.formats import Format, Option, Rendered, Settings
from chrono.formats.grouping import GROUP_BY, period_label
from chrono.formats.records import as_url
from chrono.model import Event

# Inline markup: code, emphasis, links, HTML, tables, strikethrough, entities,
# GitHub math; the backslash first so that the escapes themselves survive.
_MARKUP = r"\\`*_\[\]<>|~&$"  # (as a regular expression's character class)
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f"
_INLINE = re.compile(f"([{_MARKUP}])")
_CONTROL = re.compile(f"[{_CONTROLS}]")
_PLAIN = re.compile(f"[^{_MARKUP}{_CONTROLS}]*")  # nothing to escape or remove
_BLOCK_START = re.compile(r"^([#>+\-=])|^(\d+)([.)])")
_HOST = re.compile(r"[^:]*://([^/?#]*)")  # as urlsplit's netloc, for as_url's URLs


def escape(text: str) -> str:
    """Inline text that renders as itself.

    >>> escape("A|B *draft* <b> ~1994 & 50%")
    'A\\\\|B \\\\*draft\\\\* \\\\<b\\\\> \\\\~1994 \\\\& 50%'
    """
    if _PLAIN.fullmatch(text):  # most text: nothing to escape or remove
        return text
    return _INLINE.sub(r"\\\1", _CONTROL.sub("", text))


def escape_line(text: str) -> str:
    """A line of text that starts no block (heading, quote, list, rule)."""
    return _BLOCK_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], escape(text))


def source_link(source: str) -> str:
    """A URL as a link labelled with its host; any other citation as text."""
    url = as_url(source)
    if url is None:
        return escape(source)
    found = _HOST.match(url)
    host = (found[1] if found else "").removeprefix("www.") or url
    return f"[{escape(host)}](<{url}>)"


def _description(text: str, indent: str) -> Iterator[str]:
    """Paragraphs indented under a list item; line breaks kept as hard breaks."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    for number, paragraph in enumerate(paragraphs):
        if number:
            yield ""
        lines = [escape_line(line.strip()) for line in paragraph.splitlines() if line.strip()]
        for i, line in enumerate(lines):
            yield indent + line + ("\\" if i < len(lines) - 1 else "")


def _list_item(event: Event) -> Iterator[str]:
    parts = [f"**{escape(event.date.display())}** — {escape(event.title)}"]
    if event.location:
        parts.append(escape(event.location))
    if event.sources:
        parts.append(", ".join(source_link(s) for s in event.sources))
    yield "- " + " — ".join(parts)
    if event.description:
        yield ""
        yield from _description(event.description, "  ")
        yield ""


def _table(events: Sequence[Event]) -> Iterator[str]:
    yield "| Date | Event | Location | Sources |"
    yield "| --- | --- | --- | --- |"
    for e in events:
        sources = ", ".join(source_link(s) for s in e.sources)
        cells = [escape(e.date.display()), escape(e.title), escape(e.location or ""), sources]
        yield "| " + " | ".join(cells) + " |"


def _groups(events: Sequence[Event], by: str) -> Iterator[tuple[str, list[Event]]]:
    current: list[Event] = []
    label = None
    for event in events:
        key = period_label(event.date, by)
        if current and key != label:
            yield label or "", current
            current = []
        label = key
        current.append(event)
    if current:
        yield label or "", current


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    by = settings.option("group_by") or "year"
    lines: list[str] = []
    if settings.title:
        lines += [f"# {escape(settings.title)}", ""]
    for label, group in _groups(events, by):
        if label:
            lines += [f"## {escape(label)}", ""]
        if settings.option("md_style") == "table":
            lines += [*_table(group), ""]
        else:
            for event in group:
                lines += _list_item(event)
            if lines[-1]:
                lines.append("")
    text = "\n".join(lines).rstrip("\n") + "\n" if lines else ""
    return Rendered(re.sub(r"\n{3,}", "\n\n", text))


MD_STYLE = Option(
    "md_style",
    "Markdown: a list with descriptions, or a table without.",
    choices=("list", "table"),
    default="list",
)
FORMAT = Format(
    "md", (".md", ".markdown"), "GitHub-flavoured Markdown for writers", render,
    options=(MD_STYLE, GROUP_BY),
)  # fmt: skip
