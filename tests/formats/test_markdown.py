"""Markdown: four real engines render every event's text as written (SPEC §5).

The engines are the ones writers paste into: cmark-gfm (GitHub's own library),
pandoc reading `gfm` and its own `markdown` (citations, fancy lists, smart
typography, sub- and superscripts), and Python-Markdown with MkDocs' default
extensions. pandoc comes from the system's packages: a machine without it skips
those cases, CI (CI=true, where .ci/run installs it) never does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import unquote

import cmarkgfm
import markdown
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from chrono.dates import parse_date
from chrono.formats import FORMATS
from chrono.formats.records import as_url
from chrono.loading import load_text
from chrono.model import Event, Origin

PANDOC = shutil.which("pandoc")


def _pandoc(dialect: str) -> Callable[[str], str]:
    def render(text: str) -> str:
        return subprocess.run(
            [PANDOC or "pandoc", "-f", dialect, "-t", "html", "--wrap=none"],
            input=text, capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip

    return render


ENGINES: dict[str, Callable[[str], str]] = {
    "cmark-gfm": cmarkgfm.github_flavored_markdown_to_html,
    "pandoc-gfm": _pandoc("gfm"),
    "pandoc-markdown": _pandoc("markdown"),
    "python-markdown": lambda text: markdown.markdown(
        text,
        extensions=["toc", "tables", "fenced_code"],  # MkDocs' defaults
    ),
}
_needs_pandoc = pytest.mark.skipif(
    not PANDOC and os.environ.get("CI") != "true",
    reason="needs pandoc (Debian's package `pandoc`; .ci/run installs it)",
)
ENGINE = pytest.mark.parametrize(
    "engine",
    [pytest.param(name, marks=[_needs_pandoc] if "pandoc" in name else []) for name in ENGINES],
)
# pandoc's `smart` extension is typography, not markup: it curls quotes, drops a
# space just inside a pair of them, and makes `...` an ellipsis (the README says so).
# Its dashes would change text (`--flag`), so chrono prevents those.
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


class Page(HTMLParser):
    """A rendered page: its tags, its links, and the text of each block."""

    BLOCKS = ("li", "td", "th", "h1", "h2", "p")

    def __init__(self, html: str, engine: str) -> None:
        super().__init__()
        self.engine = engine
        self.tags: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.blocks: list[str] = []
        self._raw: list[str] = []
        self._open: list[list[str]] = []
        self._href: str | None = None
        self._link_text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in self.BLOCKS:
            self._open.append([])
        if tag == "a":
            self._href, self._link_text = dict(attrs).get("href") or "", []
        if tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            text = "".join(self._open.pop())
            self.blocks.append(self.normal(text))
            self._raw.append(text)
            if self._open:
                self._open[-1].append(text)
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._link_text)))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].append(data)
        if self._href is not None:
            self._link_text.append(data)

    def normal(self, text: str) -> str:
        """Text as a reader sees it: white space as one space, pandoc's typography undone."""
        return typeset(text, self.engine)

    def lines(self) -> list[str]:
        """The lines of every block, for descriptions broken by hard breaks."""
        return [self.normal(line) for block in self._raw for line in block.split("\n")]


def rendered(text: str, engine: str) -> Page:
    return Page(ENGINES[engine](text), engine)


def render(events: tuple[Event, ...] | list[Event], **options: object) -> str:
    return FORMATS["md"].render(events, FORMATS["md"].settings(**options)).text


def source_label(source: str) -> str:
    from urllib.parse import urlsplit

    url = as_url(source)
    return urlsplit(url).netloc.removeprefix("www.") if url else source


def expected_item(event: Event) -> str:
    parts = [event.date.display(), event.title]
    if event.location:
        parts.append(event.location)
    if event.sources:
        parts.append(", ".join(source_label(s) for s in event.sources))
    return " — ".join(" ".join(part.split()) for part in parts)


def typeset(text: str, engine: str) -> str:
    """Text as a reader sees it: white space as one space; pandoc's typography
    undone, and its Unicode normalisation (NFC: the same characters) applied."""
    if engine.startswith("pandoc"):
        text = unicodedata.normalize("NFC", text)
    if engine == "pandoc-markdown":
        text = re.sub(r"\s*(['\"])\s*", r"\1", text.translate(_TYPOGRAPHY))
    return " ".join(text.split())


LIST_TAGS = {"h1", "h2", "ul", "li", "p", "strong", "a", "br"}
TABLE_TAGS = {"h1", "h2", "table", "thead", "tbody", "tr", "th", "td", "a", "colgroup", "col"}


# Text that is hard on Markdown: every piece of markup of the four engines, web
# addresses and what looks like them, letters of several scripts, any character.
PIECES = st.sampled_from([
    "\\", "`", "*", "**", "_", "__", "[", "]", "(", ")", "<", ">", "|", "~", "~~", "^",
    "$", "&", "@", ":", "#", "=", "+", "-", "--", "---", ".", "...", "!", "{", "}", "%",
    "'", '"', " ", "  ", "\t", "a", "Z", "1", "42", "é", "東京", "🇦🇿", "x", "iv", "(a)",
    "1.", "a)", "@NATO", "[@doe]", ":tada:", "&amp;", "&#35;", "<b>", "<!--", "H~2~O",
    "x^2^", "$x$", "^[note]", "[x]{.y}", "{#id}", "https://x.org/a_b?a=1&b=2",
    "www.x.org/a_b", "<https://x.org>", "info@nato.int", "```", ":::", "\\(", "@)", "#.",
])  # fmt: skip
TEXT = st.lists(
    PIECES | st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=3),
    min_size=1,
    max_size=10,
).map("".join)
INLINE = TEXT.filter(lambda t: t.strip())
DESCRIPTION = st.lists(TEXT, min_size=1, max_size=5).map("\n".join) | st.lists(
    TEXT, min_size=2, max_size=3
).map("\n\n".join)
DATES = st.sampled_from(["1994", "~2025-08", "2025-08-08?", "-0043-03-15", "199X", "2025-Q3"])


@st.composite
def events(draw: st.DrawFn, size: int = 12) -> list[Event]:
    found: list[Event] = []
    for line in range(1, draw(st.integers(1, size)) + 1):
        found.append(Event(
            title=draw(INLINE),
            date=parse_date(draw(DATES)),
            origins=(Origin("t.yaml", line, 3),),
            description=draw(st.none() | DESCRIPTION),
            location=draw(st.none() | INLINE),
            sources=tuple(draw(st.lists(INLINE | st.just("https://x.org/a_b"), max_size=2))),
        ))  # fmt: skip
    return sorted(found, key=Event.sort_key)


SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ENGINE
@SLOW
@given(batch=events(), title=INLINE)
def test_every_event_renders_as_written(engine: str, batch: list[Event], title: str) -> None:
    text = render(batch, title=title, group_by="decade")
    page = rendered(text, engine)
    for event in batch:
        assert typeset(expected_item(event), engine) in page.blocks
        for line in (event.description or "").splitlines():
            if line.strip():
                assert typeset(line, engine) in page.lines()
    assert typeset(title, engine) == page.blocks[0]  # the <h1>
    # nothing in the text became markup: no emphasis, code, citation, sub- or
    # superscript, strikethrough, HTML, nested list, quote, table or rule
    assert set(page.tags) <= LIST_TAGS, (set(page.tags) - LIST_TAGS, text)
    assert page.tags.count("strong") == len(batch)
    assert page.tags.count("li") == len(batch)


@ENGINE
@SLOW
@given(batch=events())
def test_table_cells_render_as_written(engine: str, batch: list[Event]) -> None:
    text = render(batch, md_style="table", group_by="none")
    page = rendered(text, engine)
    assert set(page.tags) <= TABLE_TAGS, (set(page.tags) - TABLE_TAGS, text)
    assert page.tags.count("tr") == len(batch) + 1
    for event in batch:
        assert typeset(event.title, engine) in page.blocks
        assert typeset(event.location or "", engine) in page.blocks


URL = st.builds(
    "{}{}/{}{}".format,
    st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "www."]),
    st.sampled_from(["x.org", "example.co.uk", "a-b.net:8080", "президент.рф"]),
    st.text(st.sampled_from("ab_-.~/?=&%()#!*+,;:@$'1"), max_size=20),
    st.sampled_from("az09/"),
)
AROUND = st.sampled_from(["", "see ", "(", "*", "_", "~", "<", '"', "'", "@", "[", "|"])
AFTER = st.sampled_from(["", ".", ",", ")", "!", "?", ":", ";", "*", "_", "~", "'", '"', "|"])


@ENGINE
@SLOW
@given(url=URL, before=AROUND, after=AFTER, where=st.sampled_from(["title", "description"]))
def test_a_web_address_stays_one_working_link(
    engine: str, url: str, before: str, after: str, where: str
) -> None:
    # a closing bracket that balances one in the address is part of it, as on GitHub
    assume(not (after == ")" and url.count("(") > url.count(")")))
    assume(not re.search(r"&(#|\w+;)", url + after))  # it ends before a character reference
    text = f"{before}{url}{after} and more"
    event = Event(
        title=text if where == "title" else "T",
        date=parse_date("2025-08-08"),
        origins=(Origin("t.yaml", 1, 3),),
        description=text if where == "description" else None,
    )
    page = rendered(render([event], group_by="none"), engine)
    href = f"http://{url}" if url.startswith("www.") else url
    # one link: the whole address, as written (its href as the engine encodes it)
    links = [(unquote(h), typeset(shown, engine)) for h, shown in page.links]
    assert (unquote(href), typeset(url, engine)) in links
    assert any(typeset(text, engine) in line for line in page.lines())


def test_the_issue_examples_in_every_engine() -> None:
    """The examples of issue #11: each fails in one engine or another without care."""
    text = render(
        load_text(
            "- date: 2025-08-08\n"
            "  title: '@NATO tweets about H~2~O & 1.10 -- ~x~'\n"
            '  description: "https://x.org/a_b?a=1&b=2\\n(a) first\\na ~ b & c | d"\n'
        ).events,
        group_by="none",
    )
    assert "<https://x.org/a_b?a=1&b=2>" in text  # no `\_`, no `\&` inside
    for engine in ENGINES:
        if "pandoc" in engine and not PANDOC:
            continue
        page = rendered(text, engine)
        assert ("https://x.org/a_b?a=1&b=2", "https://x.org/a_b?a=1&b=2") in page.links
        assert "8 Aug 2025 — @NATO tweets about H~2~O & 1.10 -- ~x~" in page.blocks, engine
        assert [line for line in page.lines() if line][-2:] == ["(a) first", "a ~ b & c | d"]
        assert set(page.tags) <= LIST_TAGS, engine


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


@ENGINE
def test_hostile_scenario(engine: str, hostile: tuple[Event, ...]) -> None:
    page = rendered(render(hostile, title="Hostile: #1 {#x} | test #"), engine)
    assert page.blocks[0] == "Hostile: #1 {#x} | test #"
    for event in hostile:
        assert typeset(expected_item(event), engine) in page.blocks
    assert set(page.tags) <= LIST_TAGS


def test_title_heading_and_source_links(shipped: tuple[Event, ...]) -> None:
    text = render(shipped, title="Azerbaijan and NATO")
    assert text.startswith("# Azerbaijan and NATO\n\n## 1992\n\n- **Mar 1992** — ")
    assert "[mfa.gov.az](<http://www.mfa.gov.az/en/content/560>)" in text


@given(st.text() | TEXT)
def test_escape_shortcuts_change_nothing(text: str) -> None:
    from chrono.formats.markdown import _HEADING, _NOTABLE_HEADING, _escape_all, escape

    assert escape(text) == _escape_all(text)
    assert escape(text, _HEADING, _NOTABLE_HEADING) == _escape_all(text, _HEADING)


URLISH = st.text(st.sampled_from("ab/:?#[]@!$&'()*+,;=%~-._ é\t<>\"`{}|^1")) | st.text()


@given(st.sampled_from(["http://", "https://www.", "ftp://", "HTTPS://"]), URLISH)
def test_source_links_and_urls_are_what_urllib_makes(scheme: str, rest: str) -> None:
    from urllib.parse import quote, urlsplit

    from chrono.formats.markdown import escape, source_link

    url = as_url(scheme + rest)
    source = (scheme + rest).strip()
    if url is None:
        return
    safe = "/:?#[]@!$&'()*+,;=%~-._"
    after = source.index("://") + 3
    authority = re.match(r"[^/?#]*", source[after:])[0]  # type: ignore[index]
    if authority.isascii():
        assert url == quote(source, safe=safe)
    else:  # its host in punycode (or percent-encoded where IDNA cannot write it)
        assert url.isascii()
        assert url.endswith(quote(source[after + len(authority) :], safe=safe))
    link = source_link(scheme + rest)  # never fails: urlsplit did on `http://[`
    try:
        host = urlsplit(url).netloc.removeprefix("www.") or url
    except ValueError:  # an invalid IPv6 host
        return
    if "xn--" not in host.lower():
        assert link == f"[{escape(host)}](<{url.replace('$', '%24')}>)"
    else:  # (labelled with the host as people write it: see the examples below)
        assert link.endswith(f"](<{url.replace('$', '%24')}>)")


@pytest.mark.parametrize(
    ("source", "url", "label"),
    [
        ("https://ünï.com/ü", "https://xn--n-nga1b.com/%C3%BC", "ünï.com"),
        ("http://user@bücher.de:8080/a b", "http://user@xn--bcher-kva.de:8080/a%20b", "user@bücher.de:8080"),
        ("https://straße.de/", "https://stra%C3%9Fe.de/", "stra%C3%9Fe.de"),  # (IDNA 2003: strasse)
        ("https://example.org/ü", "https://example.org/%C3%BC", "example.org"),
    ],
)  # fmt: skip
def test_a_host_that_is_not_ascii_is_written_in_punycode(source: str, url: str, label: str) -> None:
    """A percent-encoded host (`https://%C3%BCn%C3%AF.com/`) is not one clients other
    than browsers resolve, and the Markdown label showed it so (an audit found it)."""
    from chrono.formats.markdown import escape, source_link

    assert as_url(source) == url
    assert source_link(source) == f"[{escape(label)}](<{url}>)"


def test_a_source_with_a_broken_host_is_still_a_link() -> None:
    """`http://[` made urllib raise (an IPv6 host never closed): a traceback once."""
    events = load_text("- {date: 1994, title: T, sources: ['http://[broken/x']}\n", "t.yaml").events
    text = FORMATS["md"].render(events, FORMATS["md"].settings()).text
    assert "(<http://[broken/x>)" in text


SCHEME_IN_ANY_CASE = st.sampled_from(["http", "https", "ftp", "htp", "ftps", "file"]).flatmap(
    lambda word: st.tuples(*(st.sampled_from([c, c.upper()]) for c in word)).map("".join)
)


@given(
    st.tuples(
        st.sampled_from(["", " ", "\t"]),
        SCHEME_IN_ANY_CASE,
        st.sampled_from(["://", ":/", "//", ":///", ":// "]),
    ).map("".join),
    URLISH,
)
def test_a_source_is_an_address_when_it_starts_with_a_scheme_in_any_case(
    head: str, rest: str
) -> None:
    """http, https and ftp in any case, `://`, then neither a space nor a slash: a link;
    anything else a citation (as_url's quick checks, against the plain pattern)."""
    import re
    from urllib.parse import quote

    source = (head + rest).strip()
    if re.match(r"(?:https?|ftp)://[^\s/]", source, re.IGNORECASE):
        url = as_url(head + rest)
        if re.match(r"[^:]*://[^/?#]*", source)[0].isascii():  # type: ignore[index]
            assert url == quote(source, safe="/:?#[]@!$&'()*+,;=%~-._")
        else:  # (a host that is not ASCII: in punycode, test_a_host_that_is_not_ascii…)
            assert url is not None
            assert url.isascii()
    else:
        assert as_url(head + rest) is None
