"""JSON, CSV, YAML and Mermaid: read back by their consumers (json, csv, chrono, regex)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.formats import FORMATS
from chrono.formats.csv_ import FORMULA_STARTS
from chrono.loading import load_text
from chrono.merging import merge_events
from chrono.model import Event


def render(name: str, events: tuple[Event, ...] | list[Event], **options: object) -> str:
    return FORMATS[name].render(events, FORMATS[name].settings(**options)).text


# --------------------------------------------------------------------------- JSON


def test_json_objects_follow_the_spec(shipped: tuple[Event, ...]) -> None:
    records = json.loads(render("json", shipped))
    assert len(records) == len(shipped)
    pfp = next(r for r in records if r["id"] == "pfp-1994")
    assert list(pfp)[:12] == [
        "title", "date", "start", "end", "precision", "approximate", "uncertain", "id",
        "description", "location", "tags", "sources",
    ]  # fmt: skip
    assert (pfp["date"], pfp["start"], pfp["end"], pfp["precision"]) == (
        "1994-05-04", "1994-05-04", "1994-05-04", "day",
    )  # fmt: skip
    assert [o["path"] for o in pfp["origins"]] == [
        "timelines/azerbaijan-nato.yaml",
        "timelines/press-reports.yaml",
    ] or pfp["origins"][0]["path"].endswith("azerbaijan-nato.yaml")
    assert pfp["conflicts"] == {"title": ["Azerbaijan joins NATO’s Partnership for Peace"]}
    vague = next(r for r in records if r["date"] == "~2025-11")
    assert (vague["start"], vague["end"], vague["approximate"], vague["precision"]) == (
        "2025-11-01", "2025-11-30", True, "month",
    )  # fmt: skip


def test_json_bce_and_open_intervals() -> None:
    events = load_text("- {date: -0043-03-15, title: Ides}\n- {date: 1994/.., title: Open}").events
    records = {r["title"]: r for r in json.loads(render("json", events))}
    assert (records["Ides"]["start"], records["Ides"]["end"]) == ("-0043-03-15", "-0043-03-15")
    assert (records["Open"]["start"], records["Open"]["end"]) == ("1994-01-01", None)


# --------------------------------------------------------------------------- CSV


def test_csv_header_rows_and_quoting(hostile: tuple[Event, ...]) -> None:
    text = render("csv", hostile)
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["date", "title", "description", "location", "tags", "sources", "id"]
    assert len(rows) == len(hostile) + 1
    first = next(r for r in rows if r[1].startswith("# Not"))
    assert first[4] == "a,b; semi;colon; back\\slash"
    assert first[2].startswith("Line one with \\ backslash\n- not a list")


def test_csv_cells_never_start_a_formula(hostile: tuple[Event, ...]) -> None:
    rows = list(csv.reader(io.StringIO(render("csv", hostile), newline="")))
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    bce = next(r for r in rows if r[1] == "Ides of March")
    assert bce[0] == "'-0043-03-15"


# --------------------------------------------------------------------------- YAML


def _same(a: Event, b: Event) -> tuple[object, ...]:
    return (
        a.title == b.title, a.date.meaning() == b.date.meaning(), a.date.text == b.date.text,
        a.tags == b.tags, a.sources == b.sources, a.description == b.description,
        a.location == b.location, a.id == b.id, dict(a.extra) == dict(b.extra),
        dict(a.conflicts) == dict(b.conflicts),
    )  # fmt: skip


def test_yaml_reads_back_to_the_same_events(
    shipped: tuple[Event, ...], hostile: tuple[Event, ...]
) -> None:
    for events in (shipped, hostile):
        back = merge_events(load_text(render("yaml", events, title="T")).events).events
        assert len(back) == len(events)
        for a, b in zip(events, back, strict=True):
            assert all(_same(a, b)), (a, b)


def test_yaml_keeps_the_timezone_where_clock_times_need_it() -> None:
    baku = load_text("timezone: Asia/Baku\nevents:\n- {date: 2025-08-08T14:30, title: A}\n"
                     "- {date: 2025-08-08, title: B}").events  # fmt: skip
    text = render("yaml", baku)
    assert text.count("timezone: Asia/Baku") == 1
    (a, _) = sorted(load_text(text).events, key=lambda e: e.title)
    assert a.date.lo == baku[0].date.lo


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "title": TEXT.filter(lambda t: t.strip()),
                "description": TEXT,
                "tags": st.lists(TEXT, max_size=3),
                "note": TEXT,
                "date": st.sampled_from(
                    [
                        "1994",
                        "~2025-08",
                        "-0043-03-15",
                        "199X",
                        "1994/..",
                        "2025-08-08T14:30:00+04:00",
                        "May 1994",
                    ]
                ),
            }
        ),
        max_size=5,
    )
)
@settings(max_examples=60)
def test_yaml_round_trip_property(items: list[dict[str, object]]) -> None:
    source = render("json", [])  # the JSON writer quotes anything safely for YAML too
    assert source == "[]\n"
    events = load_text(json.dumps(items, ensure_ascii=False)).events
    again = load_text(render("yaml", events)).events
    assert [_same(a, b) for a, b in zip(events, again, strict=True)] == [
        (True,) * 10 for _ in events
    ]


# --------------------------------------------------------------------------- Mermaid


def test_mermaid_is_a_fenced_timeline_with_safe_text(hostile: tuple[Event, ...]) -> None:
    text = render("mermaid", hostile, title="Hostile: text; #1")
    lines = text.splitlines()
    assert lines[:3] == ["```mermaid", "timeline", "    title Hostile#58; text#59; #35;1"]
    assert lines[-1] == "```"
    periods = [line for line in lines if line.startswith("        ")]
    sections = [line.strip() for line in lines if line.startswith("    section ")]
    assert sections == ["section 40s BCE", "section 1500s", "section 1990s", "section 2020s"]
    for line in periods:
        period, *texts = line.strip().split(" : ")
        assert texts
        for part in [period, *texts]:
            assert not re.search(r"[:;<>#%]", re.sub(r"#\d+;", "", part)), part
    shared = next(line for line in periods if line.strip().startswith("8 Aug 2025 :"))
    assert shared.count(" : ") == 1  # only one event on 8 Aug 2025 (the others have times)


DATES = ["1994", "~2025-08", "-0043-03-15", "199X", "1994/..", "../2001-02", "2025-08-08T14:30",
         "2025-08-08T14:30:00+04:00", "May 1994", "2025-09-01T10:00:00.250Z", "1990/2000?",
         "2025-Q3"]  # fmt: skip


@given(
    st.lists(
        st.fixed_dictionaries(
            {"title": TEXT.filter(lambda t: t.strip()), "date": st.sampled_from(DATES)},
            optional={
                "description": TEXT,
                "location": TEXT,
                "id": TEXT,
                "tags": st.lists(TEXT, max_size=3),
                "sources": st.lists(TEXT, max_size=2),
                "timezone": st.sampled_from(["Asia/Baku", "UTC"]),
            },
        ),
        max_size=4,
    )
)
@settings(max_examples=80)
def test_json_records_written_directly_match_the_standard_library(
    items: list[dict[str, object]],
) -> None:
    """The fast path (chrono.formats._fast_json: events without unknown fields or
    conflicts) writes what json.dumps writes for the record's dict."""
    from chrono.formats._fast_json import record_text
    from chrono.formats.records import plain_record

    events = load_text(json.dumps(items, ensure_ascii=False)).events
    for event in events:
        expected = json.dumps(plain_record(event), ensure_ascii=False, indent=2)
        assert record_text(event) == expected.replace("\n", "\n  ")


def test_yaml_written_in_chunks_is_one_document(
    shipped: tuple[Event, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`merge` writes its YAML a chunk of records at a time (bounded memory): the text
    is the one document PyYAML would write whole, at every chunk boundary."""
    import yaml

    from chrono.formats import yaml_
    from chrono.formats.records import timeline_record

    records = [timeline_record(e) for e in shipped]
    for size in (1, 2, 3, len(records), len(records) + 1):
        monkeypatch.setattr(yaml_, "CHUNK", size)
        for count in (0, 1, size, len(records)):
            for title in (None, "T"):
                document = {"title": title} if title else {}
                document["events"] = records[:count]
                whole = yaml.dump(document, Dumper=yaml_._Dumper, allow_unicode=True,
                                  sort_keys=False, width=100, indent=2)  # fmt: skip
                assert yaml_.dump_timeline(records[:count], title) == whole
