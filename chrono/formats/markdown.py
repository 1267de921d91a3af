"""`--format md`: Markdown that pastes cleanly into the engines writers use (SPEC §5, §7).

Every piece of event text is written so that it renders as itself in cmark-gfm
(GitHub), pandoc (`-f gfm` and its own `markdown`) and Python-Markdown (MkDocs).
The engines disagree on what a backslash escapes: CommonMark and pandoc take any
ASCII punctuation, Python-Markdown only ``\\`*_{}[]()>#+-.!``. So chrono
backslash-escapes only those, and writes the rest as character references
(`&lt;`, `&#124;`), which all four read:

- always: ``\\ ` * _ [ ] {`` (backslash; ``{`` starts pandoc's attributes), and
  ``< | $`` (reference; pandoc looks for a closing ``$`` even inside links);
- ``~ ^`` when one could close a pair (``~~del~~``, pandoc's ``H~2~O``, ``x^2^``):
  a closer follows a non-space, so only those are written ``&#126;``, ``&#94;``;
- ``&`` before what reads as a reference (``&amp;`` or ``&#``), ``@`` before a word (pandoc
  cites ``@NATO``), the first ``:`` of ``:tada:`` (GitHub's emoji), the second
  hyphen of ``--`` (pandoc's smart dashes);
- at the start of a line, what starts a block: ``# > + - = : ~ (``, ``1.``, ``a)``, ``@)``;
- in a heading, ``#`` (it could close the heading).

A web address in the text is written as a link and never escaped inside:
``<https://x.org/a_b>``, or ``[www\\.x.org](<http://www.x.org>)``; a ``$`` in its
target is written ``%24``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from chrono.dates import zones_differ
from chrono.formats import Format, Option, Rendered, Settings
from chrono.formats.grouping import GROUP_BY, period_label
from chrono.formats.records import as_url
from chrono.model import Event

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# What is always escaped or removed; with the few sequences `_plain` looks for, what
# may need escaping. Text without any of it is written as it is.
_NOTABLE = re.compile(r"[\\`*_\[\]{<|~^$&@\x00-\x1f\x7f]")
_NOTABLE_HEADING = re.compile(r"[\\`*_\[\]{<|~^$&@\x00-\x1f\x7f#]")
_EMOJI = re.compile(r":[\w+-]+:")
_SPECIAL = r"""
    (?P<backslash>[\\`*_\[\]{])
  | (?P<reference>[<|$] | (?<=\S)[~^] | @(?=[\w{]) | :(?=[\w+-]+:))
  | (?P<amp>&(?=\#|\w+;))
  | (?<=-)(?P<dash>-)
"""
_INLINE = re.compile(_SPECIAL, re.VERBOSE)
_HEADING = re.compile(_SPECIAL + r"| (?P<heading>\#)", re.VERBOSE)
# A web address as GitHub's autolinks find one, without the characters RFC 3986
# never allows in one; closing punctuation and an unbalanced `)` are not part of it.
_URL = re.compile(r"(?:(?i:https?|ftp)://|(?<![^\W_])(?<!\.)www\.)[^\s<>`|\"{}^\\]+")
_REFERENCE = re.compile(r"&(?:\#|\w+;)")  # (Python-Markdown reads `&#0` as `&#0;`)
_URL_TAIL = ".,:;!?*_~'\""
_BLOCK_START = re.compile(
    r"^(?:(?P<backslash>[#>+\-(])|(?P<reference>[=:~])"
    r"|(?P<number>\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+|@)(?P<mark>[.)])(?=\s|$))"
)
_HOST = re.compile(r"[^:]*://([^/?#]*)")  # as urlsplit's netloc, for as_url's URLs
_PUNYCODE = re.compile(r"(?<![^.@])xn--[a-z0-9-]+", re.IGNORECASE)  # a label of a host


def _url_end(text: str, start: int, end: int) -> int:
    """Where a found address really ends: GitHub's rules for what trails it, and
    before what would read as a character reference (`&amp;`) even in a link."""
    reference = _REFERENCE.search(text, start, end)
    if reference:
        end = reference.start()
    while end > start:
        last = text[end - 1]
        opening = {")": "(", "]": "["}.get(last)
        unbalanced = opening and text.count(opening, start, end) < text.count(last, start, end)
        if last not in _URL_TAIL and not unbalanced:
            break
        end -= 1
    return end


def _replace(m: re.Match[str]) -> str:
    if m.lastgroup in ("backslash", "dash", "heading"):
        return "\\" + m[0]
    if m.lastgroup == "amp":
        return "&amp;"
    return "&lt;" if m[0] == "<" else f"&#{ord(m[0])};"


def _escaped(text: str, pos: int, endpos: int, pattern: re.Pattern[str]) -> str:
    """text[pos:endpos] escaped, looking at the whole text for what precedes it."""
    out: list[str] = []
    for m in pattern.finditer(text, pos, endpos):
        out += text[pos : m.start()], _replace(m)
        pos = m.end()
    out.append(text[pos:endpos])
    return "".join(out)


def _plain(text: str, notable: re.Pattern[str]) -> bool:
    """Nothing to escape: most text, told quickly."""
    return not (
        notable.search(text)
        or "--" in text
        or "www." in text
        or (":" in text and ("://" in text or _EMOJI.search(text)))
    )


def _link(address: str) -> str:
    """A web address as a link that shows it as written."""
    if address[:4] == "www.":  # `www\.`: pandoc's gfm would link the text again, inside
        shown, href = "www\\." + _escaped(address, 4, len(address), _INLINE), "http://" + address
    elif "$" in address:  # `&#58;` for the same reason
        colon = address.index(":")
        shown = address[:colon] + "&#58;" + _escaped(address, colon + 1, len(address), _INLINE)
        href = address
    else:
        return f"<{address}>"
    return f"[{shown}](<{_href(href)}>)"


def _href(url: str) -> str:
    """A link's address: pandoc reads `$` as the start of math even in a table's links."""
    return url.replace("$", "%24")


def escape(
    text: str, pattern: re.Pattern[str] = _INLINE, notable: re.Pattern[str] = _NOTABLE
) -> str:
    """Inline text that renders as itself, its web addresses as links.

    >>> escape("A|B *draft* <b> ~1994~ & 50% @NATO https://x.org/a_b.")
    'A&#124;B \\\\*draft\\\\* &lt;b> ~1994&#126; & 50% &#64;NATO <https://x.org/a_b>.'
    """
    if _plain(text, notable):
        return text
    if "://" not in text and "www." not in text:  # no web address
        return pattern.sub(_replace, _CONTROL.sub("", text).replace("\n", " "))
    return _escape_all(text, pattern)


def _escape_all(text: str, pattern: re.Pattern[str] = _INLINE) -> str:
    """`escape` without its shortcuts."""
    text = _CONTROL.sub("", text).replace("\n", " ")  # (inline: a line break is a space)
    out: list[str] = []
    pos = 0
    while m := _URL.search(text, pos):
        end = _url_end(text, m.start(), m.end())
        address = text[m.start() : end]
        rest = address[4:] if address[:4].lower() == "www." else address.partition("://")[2]
        if not any(c.isalnum() for c in rest):  # `http://` or `www.` alone
            out.append(_escaped(text, pos, m.end(), pattern))
            pos = m.end()
            continue
        before, link = _escaped(text, pos, m.start(), pattern), _link(address)
        if link[0] == "[" and before[-1:] in ("!", "^"):  # not an image, nor a pandoc note
            before = before[:-1] + ("\\!" if before[-1] == "!" else "&#94;")
        out += before, link
        pos = end
    out.append(_escaped(text, pos, len(text), pattern))
    return "".join(out)


def escape_heading(text: str) -> str:
    """Heading text: also no closing `#` sequence and no pandoc attributes."""
    return escape(text, _HEADING, _NOTABLE_HEADING)


def _block_start(m: re.Match[str]) -> str:
    if m["backslash"]:
        return "\\" + m[0]
    if m["reference"]:
        return f"&#{ord(m[0])};"
    return m["number"] + "\\" + m["mark"]


def escape_line(text: str) -> str:
    """A line of text that starts no block (heading, quote, list, rule, table…)."""
    return _BLOCK_START.sub(_block_start, escape(text))


def _readable(host: str) -> str:
    """A host with its IDNA labels as people write them (`xn--bcher-kva.de`: `bücher.de`)."""
    return _PUNYCODE.sub(_unicode_label, host) if "xn--" in host.lower() else host


def _unicode_label(found: re.Match[str]) -> str:
    try:
        return found[0].encode("ascii").decode("idna")
    except UnicodeError:  # (not valid punycode: shown as it is)
        return found[0]


def source_link(source: str) -> str:
    """A URL as a link labelled with its host; any other citation as text."""
    url = as_url(source)
    if url is None:
        return escape(source)
    found = _HOST.match(url)
    host = _readable((found[1] if found else "").removeprefix("www.")) or url
    return f"[{escape(host)}](<{_href(url)}>)"


def _description(text: str, indent: str) -> Iterator[str]:
    """Paragraphs indented under a list item, lines kept by hard breaks.

    Four spaces, which Python-Markdown needs and CommonMark accepts; two spaces
    at a line's end, the one hard break that Python-Markdown knows too.
    """
    paragraphs = re.split(r"\n\s*\n", text.strip())
    for number, paragraph in enumerate(paragraphs):
        if number:
            yield ""
        lines = [escape_line(line.strip()) for line in paragraph.splitlines() if line.strip()]
        for i, line in enumerate(lines):
            yield indent + line + ("  " if i < len(lines) - 1 else "")


def _list_item(event: Event, zones: bool) -> Iterator[str]:
    parts = [f"**{escape(event.date.display(zones))}** — {escape(event.title)}"]
    if event.location:
        parts.append(escape(event.location))
    if event.sources:
        parts.append(", ".join(source_link(s) for s in event.sources))
    yield "- " + " — ".join(parts)
    if event.description:
        yield ""
        yield from _description(event.description, "    ")
        yield ""


def _table(events: Sequence[Event], zones: bool) -> Iterator[str]:
    yield "| Date | Event | Location | Sources |"
    yield "| --- | --- | --- | --- |"
    for e in events:
        sources = ", ".join(source_link(s) for s in e.sources)
        cells = [escape(e.date.display(zones)), escape(e.title), escape(e.location or ""), sources]
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
    zones = zones_differ(e.date for e in events)
    lines: list[str] = []
    if settings.title:
        lines += [f"# {escape_heading(settings.title)}", ""]
    for label, group in _groups(events, by):
        if label:
            lines += [f"## {escape_heading(label)}", ""]
        if settings.option("md_style") == "table":
            lines += [*_table(group, zones), ""]
        else:
            for event in group:
                lines += _list_item(event, zones)
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
