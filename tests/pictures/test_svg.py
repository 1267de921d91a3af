"""`export --format svg`, checked in a real Chromium and in librsvg (SPEC §8).

What a reader sees is measured from the rendered boxes, never taken from chrono's
own layout: every event drawn once, in the chronology's order, to scale between
axis breaks, no two pieces of text overlapping, none outside the picture.
"""

from __future__ import annotations

import itertools
import re
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chrono.formats import FORMATS
from chrono.formats.svg import xml
from chrono.model import Event
from chrono.precision import Precision
from tests.conftest import DATA, ROOT
from tests.formats.conftest import chronology
from tests.pictures.conftest import needs_chromium

MEASURE = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
                        return [r.left, r.top, r.right, r.bottom]; };
  const svg = document.documentElement;
  return {
    width: svg.width.baseVal.value, height: svg.height.baseVal.value,
    events: [...document.querySelectorAll('g.event[data-index]')].map(g => ({
      index: +g.dataset.index,
      mark: box(g.querySelector('.point, .bar')),
      label: box(g.querySelector('text.label')),
      shown: g.querySelector('text.label').textContent,
    })),
    texts: [...document.querySelectorAll('text')].map(t => [box(t), t.textContent]),
    breaks: [...document.querySelectorAll('path.break')].map(box),
    scripts: document.querySelectorAll('script').length,
  };
}"""


def dense() -> tuple[Event, ...]:
    """300 events in one year, many on the same days, with long titles; and a few
    decades before, so that the axis breaks."""
    lines = ["title: A dense year"]
    lines.append("events:")
    for i in range(300):
        day = 1 + (i * 7) % 28
        month = 1 + (i * 5) % 12
        lines.append(
            f"- {{date: 2024-{month:02d}-{day:02d}, title: 'Event {i} of a very busy year "
            f"{'with a long title ' * (i % 3)}'}}"
        )
    lines += ["- {date: 1950, title: A year long ago}", "- {date: 1990-05, title: A month}"]
    from chrono.loading import load_text
    from chrono.merging import merge_events

    loaded = load_text("\n".join(lines) + "\n", "dense.yaml")
    return merge_events(loaded.events).events


def two_days() -> tuple[Event, ...]:
    """Two days: ticks at both ends of the axis, and a title far too long for a line."""
    from chrono.loading import load_text
    from chrono.merging import merge_events

    long = " ".join(["A very long title about the peace process"] * 7) + " " + "x" * 150
    text = f"- {{date: 2025-08-08, title: '{long}'}}\n- {{date: 2025-08-09, title: Short one}}\n"
    return merge_events(load_text(text, "two.yaml").events).events


def one() -> tuple[Event, ...]:
    """One day with a short title, approximate and uncertain: a narrow picture with a
    legend of three kinds."""
    from chrono.loading import load_text
    from chrono.merging import merge_events

    text = "- {date: ~2021-03-04?, title: A}\n"
    return merge_events(load_text(text, "one.yaml").events).events


SCENARIOS = {
    "none": lambda: (),
    "one": one,
    "two-days": two_days,
    "shipped": lambda: chronology(str(ROOT / "timelines")),
    "bce": lambda: chronology(str(DATA / "bce_to_today.yaml")),
    "hostile": lambda: chronology(str(DATA / "hostile_text.yaml")),
    "dense": dense,
}


def write_svg(events: tuple[Event, ...], path: Path, **options: Any) -> str:
    svg = FORMATS["svg"]
    text = svg.render(events, svg.settings(title="Pictures: <test> & co", **options)).text
    path.write_text(text, encoding="utf-8")
    return text


def overlapping(boxes: list[tuple[list[float], str]]) -> list[tuple[str, str]]:
    """Pairs of boxes that share more than a hair (half a pixel)."""
    found = []
    ordered = sorted(boxes, key=lambda b: b[0][0])
    for i, (a, text_a) in enumerate(ordered):
        for b, text_b in ordered[i + 1 :]:
            if b[0] >= a[2] - 0.5:
                break
            if b[1] < a[3] - 0.5 and a[1] < b[3] - 0.5:
                found.append((text_a, text_b))
    return found


@needs_chromium
@pytest.mark.parametrize("lanes", ["none", "tag"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_the_picture_in_chromium(scenario: str, lanes: str, open_page: Any, tmp_path: Path) -> None:
    events = SCENARIOS[scenario]()
    path = tmp_path / "picture.svg"
    write_svg(events, path, lanes=lanes)
    page = open_page(path)
    seen = page.page.evaluate(MEASURE)
    assert page.errors == []
    assert page.foreign_requests() == []
    assert seen["scripts"] == 0
    # every event drawn once, its label saying its date and title
    assert sorted(e["index"] for e in seen["events"]) == list(range(len(events)))
    by_index = {e["index"]: e for e in seen["events"]}
    for i, event in enumerate(events):
        assert by_index[i]["shown"] == f"{event.date.display()} {event.title}"
    # left to right in the chronology's order (an open start begins at the axis' start)
    starts = [by_index[i]["mark"][0] + (4 if _point(e) else 0) for i, e in enumerate(events)]
    assert all(a <= b + 0.5 for a, b in itertools.pairwise(starts)), starts
    # no two texts overlap, none leaves the picture
    assert overlapping(seen["texts"]) == []
    for box, text in seen["texts"]:
        assert -0.5 <= box[0] <= box[2] <= seen["width"] + 0.5, text
        assert -0.5 <= box[1] <= box[3] <= seen["height"] + 0.5, text
    _to_scale(events, by_index, seen["breaks"])


def _point(event: Event) -> bool:
    """A day or an instant: drawn as a point (a circle of radius 4)."""
    return not event.date.interval and event.date.precision >= Precision.DAY


def _to_scale(events: tuple[Event, ...], marks: dict[int, Any], breaks: list[list[float]]) -> None:
    """Points between two breaks sit where one rate puts them."""
    cuts = sorted((b[0] + b[2]) / 2 for b in breaks)
    points = [
        (e.date.lo, (marks[i]["mark"][0] + marks[i]["mark"][2]) / 2)
        for i, e in enumerate(events)
        if _point(e)
    ]
    runs: dict[int, list[tuple[int, float]]] = {}
    for t, x in points:
        runs.setdefault(sum(c < x for c in cuts), []).append((t, x))
    checked = 0
    for run in runs.values():
        (t0, x0), (t1, x1) = min(run), max(run)
        if t1 == t0:
            continue
        for t, x in run:
            assert abs(x - (x0 + (t - t0) * (x1 - x0) / (t1 - t0))) < 1.0, (t, x)
            checked += 1
    assert checked or len(points) < 3


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.skipif(shutil.which("rsvg-convert") is None and __import__("os").environ.get("CI") != "true",
                    reason="needs rsvg-convert (Debian: apt-get install librsvg2-bin)")  # fmt: skip
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_librsvg_renders_it_at_its_size(scenario: str, tmp_path: Path) -> None:
    svg = tmp_path / "picture.svg"
    text = write_svg(SCENARIOS[scenario](), svg, lanes="tag")
    result = subprocess.run(
        ["rsvg-convert", str(svg), "-o", str(tmp_path / "p.png")],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    head = text.split(">", 1)[0]
    width = float(head.split('width="')[1].split('"')[0])
    height = float(head.split('height="')[1].split('"')[0])
    assert png_size(tmp_path / "p.png") == (round(width + 0.49), round(height + 0.49))


def test_a_standalone_svg_with_no_script_and_no_reference(tmp_path: Path) -> None:
    text = write_svg(chronology(str(DATA / "hostile_text.yaml")), tmp_path / "h.svg")
    import xml.etree.ElementTree as ET

    root = ET.fromstring(text)  # well-formed XML, whatever the titles hold
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert root.find(f"{ns}title").text == "Pictures: <test> & co"  # type: ignore[union-attr]
    assert "A chronology of" in (root.find(f"{ns}desc").text or "")  # type: ignore[union-attr]
    assert not list(root.iter(f"{ns}script"))
    for reference in ("href", "url(", "@import"):
        assert reference not in text


def test_no_events_is_a_picture_that_says_so(tmp_path: Path) -> None:
    text = write_svg((), tmp_path / "empty.svg")
    assert "No events." in text
    assert text.endswith("</svg>\n")


def test_the_readme_picture_is_current() -> None:
    """docs/azerbaijan-nato.svg, the README's first picture, is what chrono draws now."""
    events = chronology(str(ROOT / "timelines" / "azerbaijan-nato.yaml"))
    svg = FORMATS["svg"]
    drawn = svg.render(events, svg.settings(title="Azerbaijan and NATO")).text
    kept = (ROOT / "docs" / "azerbaijan-nato.svg").read_text(encoding="utf-8")
    assert drawn == kept, (
        "run: chrono export timelines/azerbaijan-nato.yaml --format svg -o docs/azerbaijan-nato.svg"
    )
    assert "](docs/azerbaijan-nato.svg)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_export_svg_from_the_command_line(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    result = run("export", str(ROOT / "timelines"), "-o", str(out), "--lanes", "source")
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert 'data-lane="azerbaijan-nato.yaml"' in text
    assert 'data-lane="press-reports.yaml"' in text
    assert run("export", "--format", "svg", "--lanes", "weekday").exit_code == 2


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_clock_times_of_mixed_zones_name_their_zones(run: Any, write: Any, fmt: str) -> None:
    """14:30 in Baku and 14:30 in New York were both labelled `8 Aug 2025 14:30` (a new
    user's report; SPEC §10): when the zones differ, every clock time names its own."""
    baku = write("baku.yaml", "timezone: Asia/Baku\nevents:\n"
                 "- {date: 2025-08-08T14:30, title: In Baku}\n")  # fmt: skip
    new_york = write("ny.yaml", "timezone: America/New_York\nevents:\n"
                     "- {date: 2025-08-08T14:30, title: In New York}\n")  # fmt: skip
    text = run("export", baku, new_york, "--format", fmt, "-q").stdout
    assert "8 Aug 2025 14:30 Asia/Baku" in text
    assert "8 Aug 2025 14:30 America/New_York" in text
    alone = run("export", baku, "--format", fmt, "-q").stdout
    assert "8 Aug 2025 14:30" in alone
    assert "Asia/Baku" not in alone.replace("timezone", "")


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_an_axis_of_hours_reads_in_the_events_zone(run: Any, write: Any, fmt: str) -> None:
    """A day's events had one tick, the day at midnight UTC, and a segment between
    cuts was labelled with its year: the axis is ticked in hours of the events' zone,
    or of UTC, said, where zones differ; a segment without a tick gives its time."""
    times = ("09:00", "11:30", "13:00", "16:15", "17:40", "19:00")
    day = write("day.yaml", "timezone: America/New_York\nevents:\n" + "".join(
        f"- {{date: 2025-08-08T{t}, title: At {t}}}\n" for t in times))  # fmt: skip
    ticks = re.findall(r'tick-label"[^>]*>([^<]*)<', run("export", day, "--format", fmt).stdout)
    assert ticks[:3] == ["09:00", "10:00", "11:00"]
    baku = write("baku.yaml", "- {date: '2025-08-08T20:00+04:00', title: In Baku}\n"
                 "- {date: '2025-08-09T02:00+04:00', title: Late in Baku}\n")  # fmt: skip
    text = run("export", day, baku, "--format", fmt).stdout
    labels = re.findall(r'(?:tick|segment)-label"[^>]*>([^<]*)<', text)
    assert [label for label in labels if not re.fullmatch(r"\d\d:\d\d UTC", label)] == []
    assert "13:00 UTC" in labels  # (9:00 in New York)


def test_the_description_names_the_years_even_with_open_intervals(tmp_path: Path) -> None:
    from chrono.formats.svg import describe
    from chrono.loading import load_text
    from chrono.merging import merge_events
    from chrono.pictures import lay_out

    events = merge_events(
        load_text(
            "- {date: ../1066, title: A}\n- {date: 1994/.., title: B}\n- {date: 2025-08, title: C}\n"
        ).events
    ).events
    point = merge_events(load_text("- {date: 2000-01-01, title: A}\n").events).events
    assert describe(lay_out(point, "T")) == "A chronology of 1 event, from 2000 to 2000."
    assert describe(lay_out(events, "T")) == "A chronology of 3 events, from 1066 to 2025."


@needs_chromium
def test_a_standalone_picture_reads_the_same_in_dark_mode(open_page: Any, tmp_path: Path) -> None:
    """Embedded in a light page while the reader's system is dark, the picture must not
    turn its text light: it keeps its own white background and dark text."""
    path = tmp_path / "picture.svg"
    write_svg(SCENARIOS["shipped"](), path)
    page = open_page(path).page
    page.emulate_media(color_scheme="dark")
    fill = page.evaluate("() => getComputedStyle(document.querySelector('text.label')).fill")
    background = page.evaluate(
        "() => { const r = document.querySelector('rect.background');"
        " return [r.getAttribute('fill'), r.getBBox().width, r.getBBox().height]; }"
    )
    size = page.evaluate(
        "() => [document.documentElement.width.baseVal.value,"
        " document.documentElement.height.baseVal.value]"
    )
    assert fill == "rgb(31, 35, 40)"
    assert background == ["#ffffff", *size]


def test_leaders_are_fainter_where_they_would_be_a_curtain(tmp_path: Path) -> None:
    """Hundreds of long leaders over the labels of a dense picture are drawn faint; the
    few of a small picture are not."""
    dense_text = write_svg(dense(), tmp_path / "dense.svg")
    assert '<g class="leaders crowded">' in dense_text
    shipped = write_svg(SCENARIOS["shipped"](), tmp_path / "shipped.svg")
    assert '<g class="leaders">' in shipped
    assert "crowded" not in shipped.split("</style>")[1]


@given(st.text(st.sampled_from("ab é&<>\"'\t\n\x00\x1f\x7f\u00a0\ufffe\uffff\u2028")) | st.text())
def test_text_is_written_as_xml_escapes_it(text: str) -> None:
    """`xml`'s quick check leaves alone only text the plain rule leaves alone: no
    character XML refuses, `&`, `<`, `>` and `"` escaped."""
    plain = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
    plain = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert xml(text) == plain.replace('"', "&quot;")


@pytest.mark.parametrize(("fmt", "said"), [("svg", "<title id=\"chrono-title\">Both &amp; more</title>"),
                                           ("md", "# Both & more"), ("ics", "X-WR-CALNAME:Both & more")])  # fmt: skip
def test_export_title_names_a_chronology_of_files_with_two_titles(
    run: Any, fmt: str, said: str
) -> None:
    """The shipped files have two titles: their picture was "Chronology", with no way to
    name it (a new user's trial)."""
    plain = run("export", str(ROOT / "timelines"), "--format", fmt).stdout
    assert "Both" not in plain
    named = run("export", str(ROOT / "timelines"), "--format", fmt, "--title", "Both & more")
    assert said in named.stdout
