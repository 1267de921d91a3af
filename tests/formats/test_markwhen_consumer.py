"""Markwhen: what Markwhen's own parser (@markwhen/parser) reads from chrono's export is
the chronology, and what chrono imports from documents Markwhen users write is what
that parser sees in them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrono.formats import FORMATS
from chrono.formats.markwhen import markwhen_date, unescape
from chrono.formats.records import needs_timezone
from chrono.formats.yaml_ import dump_timeline
from chrono.loading import load_text
from chrono.merging import merge_events
from chrono.model import Event
from chrono.precision import US_PER_DAY, US_PER_MINUTE, Precision, days_from_civil
from tests.conftest import DATA, ROOT
from tests.formats.conftest import chronology

SCRIPT = ROOT / "tests" / "js" / "markwhen_parse.mjs"
NODE = shutil.which("node")
INSTALLED = (ROOT / "tests" / "js" / "node_modules" / "@markwhen" / "parser").exists()
DOCUMENTS = [*sorted((DATA / "markwhen").glob("*.mw")), ROOT / "examples" / "lighthouse.mw"]

# As for Mermaid: outside CI a machine without Node.js or `npm ci` in tests/js skips
# these; in CI (CI=true) nothing is skipped.
pytestmark = pytest.mark.skipif(
    not (NODE and INSTALLED) and os.environ.get("CI") != "true",
    reason="needs Node.js and `npm ci` in tests/js (the README's test command does it)",
)

EDGES = """\
title: "Edges: #1 <b>bold</b>"
events:
  - date: 1994-05-04
    title: "Joins #nato PfP: !id .end [x] 50% C# [Baku](location)"
    tags: [nato, pfp, "a&b", "two words", "2025"]
    sources: ["https://www.nato.int/a b", "Archive box 7"]
    location: Brussels
    id: pfp-1994
    description: "Line one #not-a-tag\\n2025: not an event\\nNote: not a property\\n\\n- no list\\n# no heading\\n// no comment"
  - {date: ~2025-08, title: About August}
  - {date: -0299/-0199, title: Three centuries BCE}
  - {date: 2025-Q3, title: A quarter}
  - {date: 1994/.., title: Still going}
  - {date: 2025-08-08T14:30, title: A floating time}
  - {date: 2025-08-08T10:00, title: On the hour}
  - {date: 2025-08-08T14:30:00+04:00, title: An instant}
  - {date: 2025-08-08/2025-08-10, title: Three days}
  - {date: 0500-03/0501, title: Early centuries}
  - {date: 2025-11-06T10:30, title: In Baku, timezone: Asia/Baku}
"""


def parse_with_markwhen(text: str, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "timeline.mw"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [NODE or "node", str(SCRIPT), str(path)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "TZ": "UTC"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)  # type: ignore[no-any-return]


_ISO = re.compile(r"([+-]?\d{4,6})-(\d\d)-(\d\d)T(\d\d):(\d\d)[^+Z-]*(Z|[+-]\d\d:\d\d)?")


def instant(iso: str, utc: bool = False) -> int:
    """Markwhen's ISO date-time in chrono's microseconds: as on the clock, as chrono
    counts whole days and floating times; with `utc`, the instant (a clock time that
    chrono places in a `timezone`)."""
    m = _ISO.match(iso)
    assert m is not None, iso
    year, month, day, hour, minute = (int(g) for g in m.groups()[:5])
    local = days_from_civil(year, month, day) * US_PER_DAY + (hour * 60 + minute) * US_PER_MINUTE
    offset = m[6] if utc and m[6] not in (None, "Z") else "+00:00"
    sign = -1 if offset[0] == "-" else 1
    return local - sign * (int(offset[1:3]) * 60 + int(offset[4:6])) * US_PER_MINUTE


def check_event(event: Event, seen: dict[str, Any]) -> None:
    """Markwhen sees the event's date range, title, tags and id."""
    date = event.date
    _, exact = markwhen_date(date)
    lo, hi = instant(seen["from"]), instant(seen["to"])
    timed = any(p is not None and p.precision >= Precision.MINUTE for p in (date.start, date.end))
    if exact and not timed:  # a day, month, year or a range of them: the same span
        assert (lo, hi) == (date.lo, date.hi), (event.title, seen)
    elif timed and date.start is not None and not date.bce:  # a clock time or instant
        # (where it starts: Markwhen takes `10:00` for the hour, an instant for no time)
        start = instant(seen["from"], utc=True)
        assert start == date.lo - date.lo % US_PER_MINUTE, (event.title, seen)
        zone = event.timezone if needs_timezone(event) else None
        assert seen["properties"].get("timezone") == zone
    elif date.start is not None and date.end is not None:  # the nearest range holds it
        assert lo <= date.lo, (event.title, seen)
        assert date.hi <= hi, (event.title, seen)
        assert seen["properties"]["date"] == date.text
    else:  # an open end is `now` to Markwhen
        assert seen["properties"]["date"] == date.text
    # Markwhen's BCE dates leave the colon in the event's text (its BCE_START_REGEX)
    text = seen["text"].removeprefix(": ") if date.bce else seen["text"]
    assert unescape(text) == event.title
    tags = [t for t in event.tags if re.fullmatch(r"(?!\d+$)\w+", t, re.ASCII)]
    assert seen["tags"] == tags
    others = [t for t in event.tags if t not in tags]  # a property; all of them, in order,
    in_order = tags + others == list(event.tags)  # when #tags first would change it
    assert seen["properties"].get("tags", []) == (others if in_order else list(event.tags))
    assert seen["id"] == (event.id or None)  # (to Markwhen an empty id is none)
    assert seen["properties"].get("id", None) == event.id
    assert seen["properties"].get("location") == event.location
    assert seen["properties"].get("sources", []) == list(event.sources)


@pytest.mark.parametrize("scenario", ["shipped", "hostile", "bce", "edges"])
def test_markwhen_reads_every_event_as_chrono_wrote_it(
    scenario: str, shipped: tuple[Event, ...], hostile: tuple[Event, ...], tmp_path: Path
) -> None:
    events = {
        "shipped": shipped,
        "hostile": hostile,
        "bce": chronology(str(DATA / "bce_and_decades.yaml")),
        "edges": merge_events(load_text(EDGES, "edges.yaml").events).events,
    }[scenario]
    markwhen = FORMATS["markwhen"]
    text = markwhen.render(events, markwhen.settings(title="Edges: #1 <b>bold</b>")).text
    parsed = parse_with_markwhen(text, tmp_path)
    assert parsed["errors"] == []
    assert parsed["title"] == "Edges: #1 <b>bold</b>"
    assert len(parsed["events"]) == len(events)
    for event, seen in zip(events, parsed["events"], strict=True):
        check_event(event, seen)


def test_description_lines_stay_text_in_markwhen(tmp_path: Path) -> None:
    """A description line that looks like a date, a property, a list item, a heading or
    a comment is one more line of the description to Markwhen, not an event or a section."""
    events = merge_events(load_text(EDGES, "edges.yaml").events).events
    markwhen = FORMATS["markwhen"]
    parsed = parse_with_markwhen(markwhen.render(events, markwhen.settings()).text, tmp_path)
    (first,) = [e for e in parsed["events"] if e["id"] == "pfp-1994"]
    blocks = [unescape(b) if b is not None else "" for b in first["supplemental"]]
    assert blocks == [
        "Line one #not-a-tag", "2025: not an event", "Note: not a property", "",
        "- no list", "# no heading", "// no comment",
    ]  # fmt: skip
    assert first["sections"] == []


# --------------------------------------------------------------------------- import


def expected_dates(seen: dict[str, Any]) -> tuple[int, int]:
    return instant(seen["from"]), instant(seen["to"])


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_documents_users_write_import_as_markwhen_reads_them(
    document: Path, tmp_path: Path
) -> None:
    """Each event chrono imports has the span, title, tags and id Markwhen's parser
    gives it (a section's title is a tag of the events in it)."""
    text = document.read_text(encoding="utf-8")
    parsed = parse_with_markwhen(text, tmp_path)
    assert parsed["errors"] == []
    imported = FORMATS["markwhen"].read(text.encode(), document.name, None)  # type: ignore[misc]
    assert [p for p in imported.problems if p.is_error] == []
    assert imported.title == parsed["title"]
    loaded = load_text(dump_timeline(imported.records, imported.title), "imported.yaml")
    assert [p for p in loaded.problems if p.is_error] == []
    assert len(loaded.events) == len(parsed["events"])
    for event, seen in zip(loaded.events, parsed["events"], strict=True):
        lo, hi = expected_dates(seen)
        date = event.date
        open_end = date.interval and date.end is None  # `/ now`: an open end to chrono
        if date.precision >= Precision.MINUTE and not date.interval:  # in its zone
            assert date.lo == instant(seen["from"], utc=True), (event.title, seen)
        elif open_end:
            assert date.lo == lo, (event.title, seen)
        else:
            assert (date.lo, date.hi) == (lo, hi), (event.title, date.text, seen)
        # Markwhen's BCE dates leave the colon in the event's text (its BCE_START_REGEX)
        text = seen["text"].removeprefix(": ") if date.bce else seen["text"]
        assert event.title == " ".join(text.split())
        assert list(event.tags) == list(dict.fromkeys(seen["tags"] + seen["sections"]))
        assert event.id == seen["id"]
        assert (seen["recurrence"] is not None) == ("recurrence" in event.extra)


def test_markwhen_reads_each_date_form_to_chronos_span(tmp_path: Path) -> None:
    """The date forms chrono reads (tests/formats/test_markwhen_dates.py) mean to
    Markwhen's parser what they mean to chrono."""
    from tests.formats.test_markwhen_dates import FORMS, RELATIVE

    forms = [p.values[0] for p in FORMS]
    relative = [p.values[0] for p in RELATIVE]
    documents = ["".join(f"{w}: Event {n}\n" for n, w in enumerate(forms))] + [
        f"2025-08-08: Start\nid: start\n\n{then}: Then\n" for then in relative
    ]
    for text in documents:
        parsed = parse_with_markwhen(text, tmp_path)
        imported = FORMATS["markwhen"].read(text.encode(), "forms.mw", None)  # type: ignore[misc]
        events = load_text(dump_timeline(imported.records), "forms.yaml").events
        assert parsed["errors"] == []
        assert len(events) == len(parsed["events"])
        for event, seen in zip(events, parsed["events"], strict=True):
            date = event.date
            if date.interval and date.end is None:  # `/ now`
                assert date.lo == instant(seen["from"]), (event.title, seen)
            elif date.precision >= Precision.MINUTE and not date.interval:
                assert date.lo == instant(seen["from"], utc=True), (event.title, seen)
            else:
                assert (date.lo, date.hi) == expected_dates(seen), (event.title, seen)


@given(data=st.data())
@settings(max_examples=15, suppress_health_check=list(HealthCheck), deadline=None)
def test_markwhen_reads_any_text_and_date_as_chrono_wrote_it(data: st.DataObject) -> None:
    """Any text and any date chrono reads: Markwhen's parser sees the same events (a
    few examples: each runs Node.js)."""
    from tests.test_round_trips import TEXT, timelines

    text = data.draw(timelines(TEXT))
    loaded = load_text(text, "any.yaml")
    events = merge_events(loaded.events).events
    markwhen = FORMATS["markwhen"]
    with tempfile.TemporaryDirectory() as folder:
        parsed = parse_with_markwhen(
            markwhen.render(events, markwhen.settings()).text, Path(folder)
        )
    assert parsed["errors"] == []
    assert len(parsed["events"]) == len(events)
    for event, seen in zip(events, parsed["events"], strict=True):
        check_event(event, seen)


def test_an_open_interval_that_starts_after_today_is_no_error_to_markwhen(
    tmp_path: Path,
) -> None:
    """Markwhen's open end is `now`: `2999 / now` is "Illogical date range" to it, so an
    open interval that has not begun is written as its start, with the `date` property
    (it failed the property test above once 2027/.. came after the day it ran)."""
    events = merge_events(load_text(
        "- {date: 2999/.., title: Not yet}\n- {date: 2020/.., title: Ongoing}\n", "x.yaml"
    ).events).events  # fmt: skip
    markwhen = FORMATS["markwhen"]
    text = markwhen.render(events, markwhen.settings()).text
    assert "2020 / now: Ongoing" in text
    assert '2999: Not yet\ndate: "2999/.."' in text
    parsed = parse_with_markwhen(text, tmp_path)
    assert parsed["errors"] == []
    imported = markwhen.read(text.encode(), "x.mw", None)  # type: ignore[misc]
    assert [r["date"] for r in imported.records] == ["2020/..", "2999/.."]
