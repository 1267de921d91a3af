"""`export --format html`, used in a real Chromium: details, keyboard, filter, zoom,
print and dark mode, with no request anywhere and no script from the events' text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from chrono.formats import FORMATS
from chrono.loading import load_text
from chrono.merging import merge_events
from chrono.model import Event
from tests.conftest import ROOT
from tests.formats.conftest import chronology
from tests.pictures.conftest import needs_chromium

pytestmark = needs_chromium

HOSTILE = """\
title: Hostile <b>page</b>
events:
- date: 2025-08-08
  title: "<img src=x onerror=\\"window.pwned=1\\"> </script><script>window.pwned=2</script>"
  description: "Line one\\nLine <two> & three"
  tags: [a&b, nato]
  location: "Baku <i>HQ</i>"
  sources: ["https://example.org/a?b=1&c=<2>", "Archive box 7"]
- date: ~1994
  title: Plain event
  tags: [nato]
- date: 2000/..
  title: Still going
  tags: [other]
"""


def write_page(events: tuple[Event, ...], path: Path, title: str | None = None) -> None:
    html = FORMATS["html"]
    path.write_text(html.render(events, html.settings(title=title)).text, encoding="utf-8")


@pytest.fixture
def hostile_page(open_page: Any, tmp_path: Path) -> Any:
    events = merge_events(load_text(HOSTILE, "hostile.yaml").events).events
    path = tmp_path / "page.html"
    write_page(events, path, title="Hostile <b>page</b>")
    return open_page(path)


def details(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#details dt')]
             .map(dt => [dt.textContent, dt.nextElementSibling.textContent]))"""
    )


def test_text_is_shown_never_run(hostile_page: Any) -> None:
    page = hostile_page.page
    assert page.evaluate("() => window.pwned") is None
    assert hostile_page.errors == []
    assert hostile_page.foreign_requests() == []
    assert page.title() == "Hostile <b>page</b>"
    label = page.text_content('g.event[data-index="2"] text.label')
    assert "<img src=x" in label
    assert "<script>" in label


def test_click_shows_the_details(hostile_page: Any) -> None:
    page = hostile_page.page
    page.click('g.event[data-index="2"] tspan.date')
    shown = details(page)
    assert shown["Date"] == "2025-08-08"
    assert shown["Description"] == "Line one\nLine <two> & three"
    assert shown["Tags"] == "a&b, nato"
    assert shown["Location"] == "Baku <i>HQ</i>"
    assert shown["From"] == "hostile.yaml:3"
    links = page.evaluate(
        "() => [...document.querySelectorAll('#details a')].map(a => [a.href, a.textContent])"
    )
    assert links == [["https://example.org/a?b=1&c=%3C2%3E", "https://example.org/a?b=1&c=<2>"]]
    assert "Archive box 7" in shown["Sources"]
    assert page.evaluate("() => window.pwned") is None


def test_keyboard_focus_shows_the_details(hostile_page: Any) -> None:
    page = hostile_page.page
    page.focus("#picture")
    for date in ("~1994", "2000/..", "2025-08-08"):  # in the chronology's order
        page.keyboard.press("Tab")
        assert details(page)["Date"] == date


def test_the_tag_filter(hostile_page: Any) -> None:
    page = hostile_page.page

    def visible() -> list[int]:
        return page.evaluate(
            """() => [...document.querySelectorAll('g.event[data-index]')]
                 .filter(g => g.getBoundingClientRect().width > 0).map(g => +g.dataset.index)"""
        )

    assert visible() == [0, 1, 2]
    page.select_option("#tag", "nato")
    assert visible() == [0, 2]
    assert page.text_content("#count") == "2"
    page.click('g.event[data-index="0"] text.label')
    assert details(page)["Date"] == "~1994"
    page.select_option("#tag", "a&b")
    assert visible() == [2]
    assert details(page) == {}  # the hidden event's details went with it
    page.select_option("#tag", "")
    assert visible() == [0, 1, 2]


def test_zoom(hostile_page: Any) -> None:
    page = hostile_page.page

    def width() -> float:
        return page.evaluate(
            "() => document.querySelector('#picture svg').getBoundingClientRect().width"
        )

    before = width()
    page.click("#zoom-in")
    assert width() == pytest.approx(before * 1.25, rel=0.01)
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert width() == pytest.approx(before / 1.25, rel=0.01)
    assert page.text_content("#zoom-level") == "80%"


def test_print_is_the_whole_chronology_as_a_list(open_page: Any, tmp_path: Path) -> None:
    from tests.pictures.test_svg import dense

    events = dense()
    path = tmp_path / "dense.html"
    write_page(events, path)
    opened = open_page(path)
    page = opened.page
    page.emulate_media(media="print")
    items = page.evaluate(
        """() => [...document.querySelectorAll('.print-list li')]
             .filter(li => li.getBoundingClientRect().height > 0).length"""
    )
    assert items == len(events)
    assert (
        page.evaluate("() => getComputedStyle(document.getElementById('picture')).display")
        == "none"
    )
    pdf = page.pdf()  # the whole chronology, over as many pages as it takes
    pages = max(int(n) for n in re.findall(rb"/Count (\d+)", pdf))
    assert pages > 5
    assert opened.errors == []
    assert opened.foreign_requests() == []


def test_dark_mode(open_page: Any, tmp_path: Path) -> None:
    path = tmp_path / "dark.html"
    write_page(chronology(str(ROOT / "timelines")), path)
    page = open_page(path).page
    page.emulate_media(color_scheme="dark")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    label = page.evaluate("() => getComputedStyle(document.querySelector('text.label')).fill")
    assert background == "rgb(13, 17, 23)"
    assert label == "rgb(230, 237, 243)"


def test_screen_readers_reach_each_event(hostile_page: Any, tmp_path: Path) -> None:
    """The page's picture is a group of buttons (an image's parts would be hidden from
    screen readers); the standalone SVG stays one image with its title and description."""
    page = hostile_page.page
    assert page.get_attribute("#picture svg", "role") == "group"
    roles = page.evaluate(
        "() => [...document.querySelectorAll('g.event[data-index]')].map(g => g.getAttribute('role'))"
    )
    assert roles == ["button", "button", "button"]
    svg = FORMATS["svg"]
    text = svg.render(chronology(str(ROOT / "timelines")), svg.settings()).text
    assert 'role="img"' in text
    assert "tabindex" not in text
