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
from tests.pictures.test_svg import dense, overlapping

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


def test_each_event_shows_its_own_sources_and_every_origin(open_page: Any, tmp_path: Path) -> None:
    """Sources and origins are kept in lists of all events' in turn: an event told in
    two files lists both, and its neighbours' sources stay theirs."""
    first = load_text(
        "- {date: 1994-05-04, title: Joins, sources: ['https://example.org/é', 'Box 1']}\n"
        "- {date: 2025-08-08, title: Signs, sources: ['https://example.org/b']}\n",
        "one.yaml",
    ).events
    second = load_text("- {date: 2020-01-01, title: Meets}\n- {date: 2025-08-08, title: Signs}\n",
                       "two.yaml").events  # fmt: skip
    events = merge_events(first + second).events
    path = tmp_path / "page.html"
    write_page(events, path)
    page = open_page(path).page
    page.click('g.event[data-index="2"] tspan.date')
    shown = details(page)
    assert shown["From"] == "one.yaml:2, two.yaml:2"
    assert shown["Sources"] == "https://example.org/b"
    page.click('g.event[data-index="0"] tspan.date')
    links = page.evaluate(
        "() => [...document.querySelectorAll('#details a')].map(a => [a.href, a.textContent])"
    )
    assert links == [["https://example.org/%C3%A9", "https://example.org/é"]]
    assert details(page)["Sources"] == "https://example.org/é, Box 1"
    assert details(page)["From"] == "one.yaml:1"


def test_text_is_shown_never_run(hostile_page: Any) -> None:
    page = hostile_page.page
    assert page.evaluate("() => window.pwned") is None
    assert hostile_page.errors == []
    assert hostile_page.foreign_requests() == []
    assert page.title() == "Hostile <b>page</b>"
    label = page.text_content('g.event[data-index="2"] text.label')
    assert "<img src=x" in label
    assert "<script>" in label
    # and in the list that prints, made once the page is idle
    page.wait_for_function("() => document.querySelectorAll('.print-list li').length == 3")
    assert "</script><script>" in page.text_content(".print-list li:last-child")
    assert page.evaluate("() => window.pwned") is None


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


def test_a_tag_with_a_control_character_filters_too(open_page: Any, tmp_path: Path) -> None:
    """The tag was the option's value as written, and the page's parser makes NUL
    U+FFFD: choosing it showed no event (an audit found it)."""
    text = 'events:\n- {date: 2025, title: A, tags: ["x\\0y\\a"]}\n- {date: 2024, title: B, tags: [z]}\n'
    events = merge_events(load_text(text, "t.yaml").events).events
    assert events[1].tags == ("x\0y\a",)
    path = tmp_path / "page.html"
    write_page(events, path)
    page = open_page(path).page
    page.select_option("#tag", index=1)  # (all, then the tags in order: x…y first)
    assert page.text_content("#count") == "1"
    page.select_option("#tag", "z")
    assert page.text_content("#count") == "1"
    page.select_option("#tag", "")
    assert page.text_content("#count") == "2"


def test_zoom(hostile_page: Any) -> None:
    page = hostile_page.page

    def width() -> float:
        return page.evaluate(
            "() => document.querySelector('#picture svg:not(#axis)').getBoundingClientRect().width"
        )

    before = width()
    page.click("#zoom-in")
    assert width() == pytest.approx(before * 1.25, rel=0.01)
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert width() == pytest.approx(before / 1.25, rel=0.01)
    assert page.text_content("#zoom-level") == "80%"


def test_print_is_the_whole_chronology_as_a_list(open_page: Any, tmp_path: Path) -> None:

    events = dense()
    path = tmp_path / "dense.html"
    write_page(events, path)
    opened = open_page(path)
    page = opened.page
    page.emulate_media(media="print")
    # (the list is made when the page is idle, or at once when printing begins)
    page.wait_for_function(
        f"() => document.querySelectorAll('.print-list li').length == {len(events)}"
    )
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
    assert page.get_attribute("#picture svg:not(#axis)", "role") == "group"
    roles = page.evaluate(
        "() => [...document.querySelectorAll('g.event[data-index]')].map(g => g.getAttribute('role'))"
    )
    assert roles == ["button", "button", "button"]
    svg = FORMATS["svg"]
    text = svg.render(chronology(str(ROOT / "timelines")), svg.settings()).text
    assert 'role="img"' in text
    assert "tabindex" not in text


@pytest.fixture
def dense_page(open_page: Any, tmp_path: Path) -> Any:
    """302 events, most in one year: a picture many screens tall."""

    events = dense()
    path = tmp_path / "dense.html"
    write_page(events, path)
    opened = open_page(path, height=700)
    opened.events = events
    return opened


DRAWN = """() => [...document.querySelectorAll('#drawn g.event[data-index]')].map(g => {
  const r = g.querySelector('text.label').getBoundingClientRect();
  return [+g.dataset.index, [r.left, r.top, r.right, r.bottom], g.querySelector('text.label').textContent];
})"""


def test_a_long_page_draws_the_events_in_view_and_all_of_them_by_scrolling(
    dense_page: Any,
) -> None:
    """Only the labels in view are in the page; scrolling down the whole picture draws
    every event once in a while, with its date and title, and no two labels in a view
    meet."""
    page, events = dense_page.page, dense_page.events
    first = page.evaluate(DRAWN)
    assert 0 < len(first) < len(events) / 3
    seen: dict[int, str] = {}
    height = page.evaluate(
        "() => document.querySelector('#picture svg:not(#axis)').getBoundingClientRect().height"
    )
    step = page.evaluate("() => document.getElementById('picture').clientHeight")
    top = 0
    while top < height:
        page.evaluate(f"() => document.getElementById('picture').scrollTop = {top}")
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        drawn = page.evaluate(DRAWN)
        assert overlapping([(box, text) for _, box, text in drawn]) == []
        frame = page.evaluate(
            "() => { const r = document.querySelector('#picture svg:not(#axis)').getBoundingClientRect();"
            " return [r.left, r.right]; }"
        )
        for _, box, text in drawn:  # inside the picture, left and right
            assert frame[0] - 0.5 <= box[0] <= box[2] <= frame[1] + 0.5, text
        seen.update((i, text) for i, _, text in drawn)
        top += step
    assert sorted(seen) == list(range(len(events)))
    for i, event in enumerate(events):
        assert seen[i] == f"{event.date.display()} {event.title}"
    assert dense_page.errors == []


def test_zoomed_out_labels_are_boxes_and_a_click_zooms_in(dense_page: Any) -> None:
    page = dense_page.page
    for _ in range(5):  # 100% / 1.25⁵ = 33%: labels too small to read
        page.keyboard.press("-")
    assert page.text_content("#zoom-level") == "33%"
    assert page.evaluate("() => document.querySelectorAll('#drawn g.event').length") == 0
    boxes = page.evaluate("() => document.getElementById('label-boxes').getAttribute('d')")
    assert boxes.count("z") > 50  # a box for each label in view
    box = page.evaluate(
        "() => { const r = document.getElementById('label-boxes').getBoundingClientRect();"
        " return [r.left + 20, r.top + 40]; }"
    )
    page.mouse.click(*box)
    assert page.text_content("#zoom-level") == "100%"
    assert len(page.evaluate(DRAWN)) > 0


def test_tab_walks_the_whole_chronology_in_order(dense_page: Any) -> None:
    page, events = dense_page.page, dense_page.events
    page.focus("#picture")
    for i in range(80):  # well past the first screen's labels
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.dataset.index") == str(i)
        assert details(page)["Date"] == events[i].date.text
    page.keyboard.press("Shift+Tab")
    assert details(page)["Date"] == events[78].date.text


def test_a_click_on_a_mark_shows_its_event(dense_page: Any) -> None:
    """The marks on the axis are drawn together; a click on one still finds its event,
    brings its label into view and shows its details."""
    from chrono.pictures import lay_out

    page, events = dense_page.page, dense_page.events
    picture = lay_out(events, "Chronology")
    mark = next(m for m in picture.lanes[0].marks if m.event.title == "A year long ago")
    page.evaluate("() => document.getElementById('picture').scrollTop = 0")
    origin = page.evaluate(
        "() => { const r = document.querySelector('#picture svg:not(#axis)').getBoundingClientRect();"
        " return [r.left, r.top]; }"
    )
    page.mouse.click(origin[0] + mark.x0 + 5, origin[1] + mark.y + 3)
    assert details(page)["Date"] == "1950"
    focused = page.evaluate("() => document.activeElement.dataset.index")
    assert focused == str(mark.index)


def test_without_javascript_the_page_says_what_to_do(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    write_page(chronology(str(ROOT / "timelines")), path)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.as_uri())
    assert "export --format svg" in page.inner_text("body")
    context.close()


def test_zooming_keeps_the_middle_of_the_view(dense_page: Any) -> None:
    """Halfway down a tall picture, + and − zoom about the middle of the view, so the
    reader stays among the same events."""
    page = dense_page.page
    middle = """() => { const b = document.getElementById('picture'),
        z = parseInt(document.getElementById('zoom-level').textContent) / 100;
        return [(b.scrollLeft + b.clientWidth / 2) / z, (b.scrollTop + b.clientHeight / 2) / z]; }"""
    page.evaluate("() => document.getElementById('picture').scrollTop = 2000")
    before = page.evaluate(middle)
    page.keyboard.press("+")
    page.click("#zoom-in")
    after = page.evaluate(middle)
    assert after[1] == pytest.approx(before[1], abs=8)  # (the shown zoom is rounded)
    page.keyboard.press("-")
    assert page.evaluate(middle)[1] == pytest.approx(before[1], abs=8)


def test_print_keeps_the_title_the_filter_and_the_sources(hostile_page: Any) -> None:
    page = hostile_page.page
    page.wait_for_function("() => document.querySelectorAll('.print-list li').length == 3")
    page.select_option("#tag", "nato")
    page.emulate_media(media="print")
    printed = page.evaluate(
        """() => [...document.querySelectorAll('h1, #print-note, .print-list li')]
             .filter(e => e.getBoundingClientRect().height > 0).map(e => e.innerText)"""
    )
    assert printed[0] == "Hostile <b>page</b>"
    assert printed[1] == "Events tagged “nato”: 2 of 3."
    assert [line.split("\n")[0][:5] for line in printed[2:]] == ["~1994", "8 Aug"]
    assert "Sources: https://example.org/a?b=1&c=<2>, Archive box 7" in printed[3]
    assert (
        page.evaluate("() => getComputedStyle(document.getElementById('zoom-in')).display")
        == "none"
    )


def test_clicks_on_a_place_where_marks_meet_go_through_them(open_page: Any, tmp_path: Path) -> None:
    from chrono.pictures import lay_out

    text = "".join(f"- {{date: 2025-08-08, title: Meeting {i}}}\n" for i in range(4))
    text += "- {date: 2020-01-01, title: Before}\n"
    events = merge_events(load_text(text, "same.yaml").events).events
    path = tmp_path / "same.html"
    write_page(events, path)
    page = open_page(path).page
    mark = lay_out(events, "Chronology").lanes[0].marks[-1]
    left, top = page.evaluate(
        "() => { const r = document.querySelector('#picture svg:not(#axis)').getBoundingClientRect();"
        " return [r.left, r.top]; }"
    )
    titles = []
    for _ in range(5):
        page.evaluate("() => document.getElementById('picture').scrollTo(0, 0)")
        page.mouse.click(left + mark.x0, top + mark.y)
        titles.append(page.text_content("#details h2"))
    assert titles == ["Meeting 0", "Meeting 1", "Meeting 2", "Meeting 3", "Meeting 0"]


def test_long_details_stay_in_the_window(open_page: Any, tmp_path: Path) -> None:
    sources = ", ".join(f'"https://example.org/{"long/" * 30}{i}"' for i in range(12))
    text = f"- {{date: 1994-05-04, title: Long, description: '{'Many words. ' * 200}', sources: [{sources}]}}\n"
    events = merge_events(load_text(text, "long.yaml").events).events
    path = tmp_path / "long.html"
    write_page(events, path)
    page = open_page(path, height=700).page
    page.click("g.event text.label")
    bottom = page.evaluate(
        "() => document.getElementById('details').getBoundingClientRect().bottom"
    )
    assert bottom <= 700
    assert page.evaluate("() => document.scrollingElement.scrollHeight") <= 700


def test_the_time_axis_stays_in_view_as_the_picture_scrolls(dense_page: Any) -> None:
    page = dense_page.page

    def ticks_top() -> list[float]:
        return page.evaluate(
            """() => { const top = document.getElementById('picture').getBoundingClientRect().top;
                 return [...document.querySelectorAll('#axis text.tick-label')]
                   .map(t => t.getBoundingClientRect().top - top); }"""
        )

    at_top = ticks_top()
    assert at_top
    assert all(0 <= y < 60 for y in at_top)
    page.evaluate("() => document.getElementById('picture').scrollTop = 3000")
    assert ticks_top() == pytest.approx(at_top, abs=1)
    page.keyboard.press("+")
    assert all(0 <= y < 80 for y in ticks_top())


def test_a_filter_that_leaves_none_in_view_goes_to_its_first_event(
    open_page: Any, tmp_path: Path
) -> None:
    text = "".join(f"- {{date: 2024-01-{1 + i % 28:02d}, title: Busy {i}}}\n" for i in range(200))
    text += "- {date: 2024-01-28, title: Zz the rare one, tags: [rare]}\n"
    events = merge_events(load_text(text, "rare.yaml").events).events
    path = tmp_path / "rare.html"
    write_page(events, path)
    page = open_page(path, height=600).page
    page.select_option("#tag", "rare")
    assert page.evaluate(DRAWN)[0][2] == "28 Jan 2024 Zz the rare one"


def test_a_label_brought_into_view_is_not_under_the_axis(dense_page: Any) -> None:
    page = dense_page.page

    def focused_top() -> float:
        return page.evaluate(
            """() => document.activeElement.querySelector('text.label').getBoundingClientRect().top
                 - document.getElementById('axis').getBoundingClientRect().bottom"""
        )

    page.focus("#picture")
    page.keyboard.press("Tab")
    # the next label scrolled to just under the top of the view, where the axis is
    top = page.evaluate(
        "() => { const top = JSON.parse(document.getElementById('chrono-data').textContent)"
        ".marks.top; return new Float32Array(Uint8Array.from(atob(top), (c) => c.charCodeAt(0))"
        ".buffer)[1]; }"
    )
    page.evaluate(f"() => document.getElementById('picture').scrollTop = {top} - 10")
    page.keyboard.press("Tab")
    assert focused_top() >= 0
    for _ in range(10):  # zoomed far in, the axis stays at the top instead of covering
        page.keyboard.press("+")
    assert (
        page.evaluate("() => getComputedStyle(document.getElementById('axis')).position")
        == "static"
    )
