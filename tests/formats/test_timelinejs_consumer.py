"""TimelineJS: Knight Lab's own TimelineJS3 (the npm package, pinned in tests/js) loads
chrono's JSON in a real headless Chromium and tells the chronology: one slide per event
after the title slide, each with the event's date (BCE as readers count it) and its
title shown as text, never run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from chrono.formats import FORMATS
from chrono.loading import load_text
from chrono.merging import merge_events
from chrono.precision import MONTH_NAMES
from tests.conftest import ROOT
from tests.formats.timelinejs_page import PACKAGE
from tests.pictures.conftest import needs_chromium

pytestmark = [
    needs_chromium,
    pytest.mark.skipif(
        not PACKAGE.exists() and os.environ.get("CI") != "true",
        reason="needs `npm ci` in tests/js (the README's test command does it)",
    ),
]

STORY = """\
title: "The Ides <b>bold</b>"
events:
  - date: -0043-03-15
    title: Caesar is killed
    description: "In the Theatre of Pompey.\\nBy senators."
    location: Rome
    sources: ["https://en.wikipedia.org/wiki/Assassination_of_Julius_Caesar", "Suetonius"]
    tags: [rome]
  - date: 44 BCE
    title: The year of the Ides
  - date: 1994-05-04
    title: "<script>window.pwned = 1</script><b>Partnership</b> & peace"
    tags: [nato]
  - date: ~2025-08
    title: About August
  - date: 2020-09-27/2020-11-10
    title: Second Karabakh War
    id: karabakh-2020
  - date: 1994/..
    title: Still going
  - date: 2025-Q3
    title: A quarter
  - date: 2025-09-01/2025-09-01T00:00
    title: A day to its first minute
  - date: 2025-08-08T18:30Z
    title: Half past six UTC
  - date: 2025-08-08T16:15-04:00
    title: A quarter past four in Washington
"""


def _day(fields: dict[str, int]) -> str:
    """How TimelineJS (English) shows a day: `March 15, 44 BCE`."""
    year = fields["year"]
    era = f"{-year} BCE" if year < 0 else str(year)
    return f"{MONTH_NAMES[fields['month'] - 1]} {fields['day']}, {era}"


def expected_date(slide: dict[str, Any]) -> str:
    if "display_date" in slide:
        return str(slide["display_date"])
    shown = _day(slide["start_date"])
    return shown + (f" — {_day(slide['end_date'])}" if "end_date" in slide else "")


@pytest.fixture(scope="module")
def story() -> tuple[dict[str, Any], dict[str, Any]]:
    """What TimelineJS shows of chrono's JSON (once for this module's tests), and the JSON."""
    events = merge_events(load_text(STORY, "story.yaml").events).events
    timelinejs = FORMATS["timelinejs"]
    text = timelinejs.render(events, timelinejs.settings(title="The Ides <b>bold</b>")).text
    return shown_by_timelinejs(text), json.loads(text)


def test_timelinejs_builds_one_slide_per_event_after_the_title(story: Any) -> None:
    page, document = story
    shown = page["slides"]
    assert page["errors"] == []
    package = PACKAGE.as_uri().replace("@", "%40")
    assert [u for u in page["requests"] if not u.startswith(package)] == []
    assert [s["title"] for s in shown] == [True] + [False] * len(document["events"])
    assert shown[0]["headline"] == "The Ides <b>bold</b>"


def test_each_slide_shows_its_events_date_and_title(story: Any) -> None:
    page, document = story
    events = merge_events(load_text(STORY, "story.yaml").events).events
    shown = [{"headline": s["headline"], "date": s["date"]} for s in page["slides"][1:]]
    expected = [
        {"headline": event.title, "date": expected_date(slide)}
        for event, slide in zip(events, document["events"], strict=True)
    ]
    # TimelineJS orders slides by their start only (chrono: 1994-05-04 before 1994/..)
    assert sorted(shown, key=str) == sorted(expected, key=str)
    dates = {s["headline"]: s["date"] for s in shown}
    assert dates["Caesar is killed"] == "March 15, 44 BCE"  # chrono's -0043-03-15
    assert dates["The year of the Ides"] == "44 BCE"
    assert dates["Second Karabakh War"] == "September 27, 2020 — November 10, 2020"
    assert dates["About August"] == "~2025-08"  # the date as written (SPEC §9)
    # (TimelineJS would show an end no later than the start as no end at all)
    assert dates["A day to its first minute"] == "2025-09-01/2025-09-01T00:00"


def test_instants_of_several_offsets_keep_their_order(story: Any) -> None:
    """TimelineJS has no offsets: 16:15 in Washington (20:15 UTC) must still come after
    18:30 UTC on its axis, as in chrono's chronology."""
    page, _ = story
    headlines = [s["headline"] for s in page["slides"]]
    london = headlines.index("Half past six UTC")
    assert headlines.index("A quarter past four in Washington") == london + 1


def test_a_title_with_markup_shows_as_text_and_never_runs(story: Any) -> None:
    page, _ = story
    assert page["pwned"] is None
    assert page["markup"] == 0
    headlines = [s["headline"] for s in page["slides"]]
    assert "<script>window.pwned = 1</script><b>Partnership</b> & peace" in headlines


def test_description_location_tags_and_sources_show_on_the_slide(story: Any) -> None:
    page, _ = story
    (caesar,) = [s for s in page["slides"] if s["headline"] == "Caesar is killed"]
    assert "In the Theatre of Pompey.\nBy senators." in caesar["text"]
    assert "Location: Rome" in caesar["text"]
    assert "Tags: rome" in caesar["text"]
    assert "Suetonius" in caesar["text"]
    assert set(caesar["links"]) == {"https://en.wikipedia.org/wiki/Assassination_of_Julius_Caesar"}


def shown_by_timelinejs(text: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "story.json"
        path.write_text(text, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "tests.formats.timelinejs_page", str(path)],
            capture_output=True, text=True, timeout=180, check=False, cwd=ROOT,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@given(data=st.data())
@settings(
    max_examples=3,
    suppress_health_check=list(HealthCheck),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # (shrinking would start Chromium
)  # hundreds of times: the failing example is reported as found)
def test_timelinejs_tells_any_text_and_date_as_chrono_wrote_it(data: st.DataObject) -> None:
    """Any text and date chrono reads: a slide for each event, its title as text, its
    day or display date (a few examples: each starts Chromium)."""
    from tests.test_round_trips import TEXT, timelines

    events = merge_events(load_text(data.draw(timelines(TEXT)), "any.yaml").events).events
    timelinejs = FORMATS["timelinejs"]
    text = timelinejs.render(events, timelinejs.settings(title="Any")).text
    page = shown_by_timelinejs(text)
    assert page["errors"] == []
    assert page["pwned"] is None
    slides = json.loads(text)["events"]
    expected = [
        # (a clock time's display is TimelineJS's own: only its title is compared)
        (event.title, None if "hour" in slide["start_date"] and "display_date" not in slide
         else expected_date(slide))
        for event, slide in zip(events, slides, strict=True)
    ]  # fmt: skip
    shown = [(s["headline"], s["date"]) for s in page["slides"][1:]]
    assert Counter(h for h, _ in shown) == Counter(h for h, _ in expected)
    assert not Counter(e for e in expected if e[1] is not None) - Counter(shown)
