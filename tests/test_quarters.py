"""Quarters (`2025-Q3`, `Q3 2025`, EDTF's `2025-35`), end to end: the precision added
through the table of `chrono.precision` and the parser's grammar alone (issue #10)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from chrono.dates import DateError, parse_date
from chrono.loading import load_text
from chrono.merging import merge_events
from chrono.precision import MEANINGS, Precision

Run = Callable[..., Result]
Write = Callable[[str, str], str]

TIMELINE = """\
title: Quarters
events:
  - {date: 2025-07-01, title: First day of July}
  - {date: 2025-Q3, title: Energy summit in Baku, tags: [energy]}
  - {date: 2025, title: The whole year}
  - {date: 2025-07, title: July}
  - {date: 2025-10-02, title: Baku summit on energy}
  - {date: 2026-Q1, title: Next spring}
"""


@pytest.mark.parametrize("written", ["2025-Q3", "Q3 2025", "2025-35", "2025-q3", "q3  2025"])
def test_every_written_form_means_july_to_september(written: str) -> None:
    date = parse_date(written)
    assert date.precision is Precision.QUARTER
    assert date.display() == "Q3 2025"
    assert date.iso_bounds() == ("2025-07-01", "2025-09-30")
    assert date.meaning() == parse_date("2025-Q3").meaning()


@pytest.mark.parametrize(
    ("written", "shown", "bounds"),
    [
        pytest.param("2025-33", "Q1 2025", ("2025-01-01", "2025-03-31"), id="edtf-q1"),
        pytest.param("2024-Q1", "Q1 2024", ("2024-01-01", "2024-03-31"), id="leap-year"),
        pytest.param("2025-36", "Q4 2025", ("2025-10-01", "2025-12-31"), id="edtf-q4"),
        pytest.param("~2025-Q2", "~Q2 2025", ("2025-04-01", "2025-06-30"), id="approximate"),
        pytest.param("Q1 44 BCE", "Q1 44 BCE", ("-0043-01-01", "-0043-03-31"), id="bce"),
        pytest.param("-0043-Q1", "Q1 44 BCE", ("-0043-01-01", "-0043-03-31"), id="bce-iso"),
        pytest.param(
            "2025-Q3/2026-Q1", "Q3 2025 – Q1 2026", ("2025-07-01", "2026-03-31"), id="interval"
        ),
    ],
)
def test_quarters_read_and_show(written: str, shown: str, bounds: tuple[str, str]) -> None:
    date = parse_date(written)
    assert date.display() == shown
    assert date.iso_bounds() == bounds


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        pytest.param("2025-Q5", "unknown date form", id="no-fifth-quarter"),
        pytest.param("2025-37", "sub-year groupings but quarters", id="edtf-37-is-not-a-quarter"),
        pytest.param("Q3 sometime", "write a quarter as 2025-Q3 or Q3 2025", id="no-year"),
        pytest.param("Q3 2025-08", "write a quarter as 2025-Q3 or Q3 2025", id="not-a-year"),
    ],
)
def test_what_is_not_a_quarter_says_why(written: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_date(written)


def test_every_precision_has_a_meaning() -> None:
    assert set(MEANINGS) == set(Precision)


def test_a_quarter_sorts_after_its_year_and_before_its_first_month() -> None:
    events = merge_events(load_text(TIMELINE).events).events
    assert [e.title for e in events[:4]] == [
        "The whole year",
        "Energy summit in Baku",
        "July",
        "First day of July",
    ]


def test_written_forms_of_one_quarter_merge_as_exact_duplicates() -> None:
    text = "- {date: 2025-Q3, title: Summit}\n- {date: Q3 2025, title: summit}\n"
    text += "- {date: 2025-35, title: SUMMIT}\n"
    (event,) = merge_events(load_text(text).events).events
    assert len(event.origins) == 3


def test_show_and_filters(run: Run, write: Write) -> None:
    path = write("q.yaml", TIMELINE)
    shown = run("show", path, "--columns", "date,title").stdout.splitlines()
    assert "Q3 2025     Energy summit in Baku" in shown
    inside = run("show", path, "--from", "2025-09-30", "--to", "2025-09-30", "--columns", "title")
    assert inside.stdout.split("\n")[2:4] == ["The whole year", "Energy summit in Baku"]
    before = run("show", path, "--to", "2025-06-30", "--columns", "title").stdout
    assert "Energy summit" not in before
    by_quarter = run("show", path, "--from", "2025-Q3", "--to", "2025-Q3", "--columns", "title")
    assert "July" in by_quarter.stdout
    assert "Baku summit on energy" not in by_quarter.stdout


def test_every_export_format(run: Run, write: Write) -> None:
    path = write("q.yaml", TIMELINE)
    records = json.loads(run("export", path, "-f", "json").stdout)
    (quarter,) = [r for r in records if r["date"] == "2025-Q3"]
    assert (quarter["precision"], quarter["start"], quarter["end"]) == (
        "quarter",
        "2025-07-01",
        "2025-09-30",
    )
    md = run("export", path, "-f", "md").stdout
    assert "- **Q3 2025** — Energy summit in Baku" in md
    csv = run("export", path, "-f", "csv").stdout
    assert "\n2025-Q3,Energy summit in Baku," in csv
    mermaid = run("export", path, "-f", "mermaid").stdout
    assert "        Q3 2025 : Energy summit in Baku\n" in mermaid
    yaml = run("merge", path).stdout
    assert "- date: 2025-Q3\n  title: Energy summit in Baku\n" in yaml
    again = merge_events(load_text(yaml).events).events
    assert [e.date.meaning() for e in again] == [
        e.date.meaning() for e in merge_events(load_text(TIMELINE).events).events
    ]


@pytest.mark.parametrize(
    ("partial", "end"), [("start", "20250702"), ("span", "20251001")], ids=["start", "span"]
)
def test_ics_partial_policy(run: Run, write: Write, partial: str, end: str) -> None:
    path = write("q.yaml", TIMELINE)
    ics = run("export", path, "-f", "ics", "--partial", partial, "--grep", "energy summit")
    vevent = ics.stdout.split("BEGIN:VEVENT\n")[1]
    assert "DTSTART;VALUE=DATE:20250701\n" in vevent
    assert f"DTEND;VALUE=DATE:{end}\n" in vevent
    assert "SUMMARY:Q3 2025: Energy summit in Baku\n" in vevent


def test_ics_skips_quarters_with_partial_skip(run: Run, write: Write) -> None:
    path = write("q.yaml", TIMELINE)
    result = run("export", path, "-f", "ics", "--partial", "skip", "--grep", "energy summit")
    assert "BEGIN:VEVENT" not in result.stdout
    assert "quarter precision (--partial skip)" in result.stderr


def test_dupes_sees_a_quarter_contain_its_days_and_an_approximate_one_reach(
    run: Run, write: Write
) -> None:
    path = write("q.yaml", TIMELINE.replace("2025-Q3, title: Energy", "~2025-Q3, title: Energy"))
    result = run("dupes", path, "--min-score", "0.3")
    assert "~Q3 2025 is close to 2 Oct 2025" in result.stdout
    exact = write("e.yaml", "- {date: 2025-Q3, title: Summit in Baku}\n"
                            "- {date: 2025-08-08, title: Baku summit}\n")  # fmt: skip
    assert "Q3 2025 contains 8 Aug 2025" in run("dupes", exact).stdout
