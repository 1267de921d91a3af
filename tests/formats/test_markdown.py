"""Markdown: rendered by a real GFM renderer, every event's text comes out as written."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from chrono.formats import FORMATS
from chrono.loading import load_text
from chrono.model import Event

GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _Elements(HTMLParser):
    """The tags of a rendered page, and the text of each <li>, <td> and heading."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.blocks: list[str] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("li", "td", "th", "h1", "h2", "p"):
            self._open.append([])
        if tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("li", "td", "th", "h1", "h2", "p"):
            text = "".join(self._open.pop())
            self.blocks.append(text.strip())
            if self._open:
                self._open[-1].append(text)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].append(data)


def rendered(text: str) -> _Elements:
    parser = _Elements()
    parser.feed(GFM.render(text))
    return parser


def render(events: tuple[Event, ...] | list[Event], **options: object) -> str:
    return FORMATS["md"].render(events, FORMATS["md"].settings(**options)).text


def _source_label(source: str) -> str:
    from urllib.parse import urlsplit

    from chrono.formats.records import as_url

    url = as_url(source)
    return urlsplit(url).netloc.removeprefix("www.") if url else source


def expected_item(event: Event) -> str:
    parts = [event.date.display(), event.title]
    if event.location:
        parts.append(event.location)
    if event.sources:
        parts.append(", ".join(_source_label(s) for s in event.sources))
    return " — ".join(parts)


def test_list_items_render_to_the_event_text(hostile: tuple[Event, ...]) -> None:
    page = rendered(render(hostile))
    for event in hostile:
        assert expected_item(event) in page.blocks, expected_item(event)
    # nothing in the text became markup: only the list, its paragraphs, bold dates,
    # source links, hard breaks and year headings
    assert set(page.tags) <= {"h2", "ul", "li", "p", "strong", "a", "br"}
    assert page.tags.count("strong") == len(hostile)


def test_descriptions_keep_their_lines(hostile: tuple[Event, ...]) -> None:
    page = rendered(render(hostile))
    event = next(e for e in hostile if e.description and "backslash" in e.description)
    assert event.description is not None
    lines = [line.strip() for line in event.description.split("\n\n")[0].splitlines()]
    assert "\n".join(lines) in [b.replace("\n\n", "\n") for b in page.blocks]
    assert "Second paragraph: 50% done; a, b, c." in page.blocks


def test_table_style_renders_every_cell(hostile: tuple[Event, ...]) -> None:
    page = rendered(render(hostile, md_style="table", group_by="none"))
    assert page.tags.count("tr") == len(hostile) + 1
    for event in hostile:
        assert event.title in page.blocks
        assert event.date.display() in page.blocks
    assert "li" not in page.tags
    assert "h2" not in page.tags


@pytest.mark.parametrize(
    ("group_by", "headings"),
    [
        pytest.param("year", ["44 BCE", "1500", "199X", "2025"], id="year"),
        pytest.param("decade", ["40s BCE", "1500s", "1990s", "2020s"], id="decade"),
        pytest.param("none", [], id="none"),
    ],
)
def test_group_headings(hostile: tuple[Event, ...], group_by: str, headings: list[str]) -> None:
    text = render(hostile, group_by=group_by)
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == headings


def test_title_heading_and_source_links(shipped: tuple[Event, ...]) -> None:
    text = render(shipped, title="Azerbaijan and NATO")
    assert text.startswith("# Azerbaijan and NATO\n\n## 1992\n\n- **Mar 1992** — ")
    assert "[mfa.gov.az](<http://www.mfa.gov.az/en/content/560>)" in text


SAFE_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() and " ".join(t.split()) == t)


@given(SAFE_TEXT)
def test_any_title_renders_as_itself(title: str) -> None:
    yaml_title = title.replace("\\", "\\\\").replace('"', '\\"')
    (event,) = load_text(f'- {{date: 1994, title: "{yaml_title}"}}').events
    page = rendered(render([event], group_by="none"))
    assert page.blocks == [f"1994 — {event.title}"]
    assert set(page.tags) <= {"ul", "li", "strong"}


URLISH = st.text(st.sampled_from("ab/:?#[]@!$&'()*+,;=%~-._ é\t<>\"`{}|^1")) | st.text()


@given(st.text() | st.text(st.sampled_from("ab *_`[]<>|~&$\\#\x07")))
def test_escape_shortcut_is_the_full_escape(text: str) -> None:
    from chrono.formats.markdown import _CONTROL, _INLINE, escape

    assert escape(text) == _INLINE.sub(r"\\\1", _CONTROL.sub("", text))


@given(st.sampled_from(["http://", "https://www.", "ftp://", "HTTPS://"]), URLISH)
def test_source_links_and_urls_are_what_urllib_makes(scheme: str, rest: str) -> None:
    from urllib.parse import quote, urlsplit

    from chrono.formats.markdown import escape, source_link
    from chrono.formats.records import as_url

    url = as_url(scheme + rest)
    source = (scheme + rest).strip()
    if url is None:
        return
    assert url == quote(source, safe="/:?#[]@!$&'()*+,;=%~-._")
    link = source_link(scheme + rest)  # never fails: urlsplit did on `http://[`
    try:
        host = urlsplit(url).netloc.removeprefix("www.") or url
    except ValueError:  # an invalid IPv6 host
        return
    assert link == f"[{escape(host)}](<{url}>)"


def test_a_source_with_a_broken_host_is_still_a_link() -> None:
    """`http://[` made urllib raise (an IPv6 host never closed): a traceback once."""
    events = load_text("- {date: 1994, title: T, sources: ['http://[broken/x']}\n", "t.yaml").events
    text = FORMATS["md"].render(events, FORMATS["md"].settings()).text
    assert "(<http://[broken/x>)" in text
