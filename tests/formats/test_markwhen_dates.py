"""Markwhen's date forms as chrono reads them (no Node.js needed): one row per form a
Markwhen user writes, with the date chrono keeps, or why it cannot."""

from __future__ import annotations

import pytest

from chrono.formats import FORMATS


def imported(document: str) -> tuple[list[str], list[str]]:
    read = FORMATS["markwhen"].read
    assert read is not None
    found = read(document.encode("utf-8"), "plans.mw", None)
    return [r["date"] for r in found.records], [str(p) for p in found.problems]


FORMS = [
    pytest.param("2025", "2025", id="year"),
    pytest.param("2025-08", "2025-08", id="month"),
    pytest.param("2025-08-08", "2025-08-08", id="day"),
    pytest.param("2025-08-08 14:30", "2025-08-08T14:30", id="clock"),
    pytest.param("2025-08-08 3pm", "2025-08-08T15:00", id="clock-pm"),
    pytest.param("2025-08-08 14", "2025-08-08T14:00", id="clock-hour"),
    pytest.param("2025-08-08 every week x4", "2025-08-08", id="recurrence-first"),
    pytest.param("2025-08-08T10:00:00Z", "2025-08-08T10:00:00Z", id="iso-instant"),
    pytest.param("08/2025", "2025-08", id="slash-month"),
    pytest.param("08/09/2025", "2025-08-09", id="slash-day-month-first"),
    pytest.param("Aug 2025", "2025-08", id="month-name"),
    pytest.param("August 2025", "2025-08", id="month-full-name"),
    pytest.param("8 August 2025", "2025-08-08", id="day-month"),
    pytest.param("August 8, 2025", "2025-08-08", id="month-day"),
    pytest.param("2025-08 / 2025-10", "2025-08/2025-10", id="edtf-range"),
    pytest.param("1914 - 1918", "1914/1918", id="dash-range"),
    pytest.param("2025 to 2026", "2025/2026", id="to-range"),
    pytest.param("Aug 2025 - Sep 2025", "2025-08/2025-09", id="month-names-range"),
    pytest.param("1994 / now", "1994/..", id="until-now"),
    pytest.param("44 BCE", "44 BCE", id="bce"),
    pytest.param("500 AD", "500 CE", id="ad"),
    pytest.param("300 BCE - 200 BCE", "300 BCE/201 BCE", id="bce-range-end-exclusive"),
]


@pytest.mark.parametrize(("written", "date"), FORMS)
def test_markwhen_date_forms(written: str, date: str) -> None:
    dates, problems = imported(f"{written}: An event\n")
    assert (dates, problems) == ([date], [])


RELATIVE = [
    pytest.param("after !start 2 weeks", "2025-08-09/2025-08-22", id="after-id"),
    pytest.param("3 days", "2025-08-09/2025-08-11", id="after-previous"),
    pytest.param("before !start 1 month", "2025-07-08/2025-08-07", id="before-id"),
    pytest.param("after !start.start 2 hours", "2025-08-08T00:00/2025-08-08T01:59", id="hours"),
    pytest.param("2025-09-01 / 10 days", "2025-09-01/2025-09-10", id="length"),
]


@pytest.mark.parametrize(("then", "date"), RELATIVE)
def test_relative_dates_resolve_as_markwhen_counts(then: str, date: str) -> None:
    dates, problems = imported(f"2025-08-08: Start\nid: start\n\n{then}: Then\n")
    assert (dates, problems) == (["2025-08-08", date], [])


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        pytest.param("Aug 8", "date 'Aug 8' has no year (Markwhen would take this year's)", id="no-year"),
        pytest.param("now", "'now' is not a date chrono keeps: it changes every day", id="now"),
        pytest.param("after !nope 2 days", "relative date 'after !nope 2 days': no event before it has id 'nope'", id="no-id"),
        pytest.param("3 days", "relative date '3 days': there is no event before it", id="no-previous"),
        pytest.param("2025-02-30", "impossible date '2025-02-30' (February 2025 has 28 days)", id="impossible"),
    ],
)  # fmt: skip
def test_what_chrono_cannot_take_is_said_at_its_line(written: str, problem: str) -> None:
    dates, problems = imported(f"title: Plans\n\n{written}: An event\n")
    assert (dates, problems) == ([], [f"plans.mw:3:1: {problem}"])


def test_a_relative_date_after_an_open_event_is_refused() -> None:
    """Markwhen counts `2 weeks` after `2025-10-01 / now` from today; chrono keeps no date
    that moves, and must not count from the start instead."""
    dates, problems = imported("2025-10-01 / now: Ongoing\n\n2 weeks: After it\n")
    assert dates == ["2025-10-01/.."]
    assert problems == [
        (
            "plans.mw:3:1: relative date '2 weeks' counts from the end of an event open at its "
            "end, which Markwhen takes as today: chrono keeps no date that changes every day"
        )
    ]
    closed, problems = imported("2025-01-01 / 2025-01-10: Done\n\n2 weeks: After it\n")
    assert (closed[1], problems) == ("2025-01-11/2025-01-24", [])


def test_working_days_are_not_counted() -> None:
    dates, problems = imported("2025-08-08: Start\n5 business days: Review\n")
    assert (dates, problems) == (
        ["2025-08-08"],
        ["plans.mw:2:1: '5 business days' counts working days: chrono does not"],
    )


def test_a_recurring_event_is_its_first_occurrence_with_its_rule_kept() -> None:
    read = FORMATS["markwhen"].read
    assert read is not None
    found = read(b"2025-01-06 every 2 weeks x6: Retrospective #team\n", "plans.mw", None)
    assert found.records == (
        {"date": "2025-01-06", "title": "Retrospective", "recurrence": "every 2 weeks x6",
         "tags": ["team"]},
    )  # fmt: skip


def test_iso_days_joined_by_a_dash_are_text_and_chrono_says_so() -> None:
    """@markwhen/parser reads `2020-09-27 - 2020-11-10: …` as a description line of the
    event before; chrono does the same (its events are the parser's), with a warning."""
    dates, problems = imported("2020-01-01: First\n2020-09-27 - 2020-11-10: Prototype\n")
    assert dates == ["2020-01-01"]
    assert problems == [
        (
            "plans.mw:2:1: warning: this looks like an event, but Markwhen reads two ISO days "
            "joined by '-' or 'to' as text, so it stays in the description above; write "
            "'2020-09-27 / 2020-11-10' to make it an event"
        )
    ]


def test_free_text_in_the_header_is_said_to_be_left_out() -> None:
    dates, problems = imported("title: Plans\nSome intro before any event.\n\n2025-08: Launch\n")
    assert dates == ["2025-08"]
    assert problems == [
        (
            "plans.mw:2:1: warning: not part of the header's 'key: value' lines, left out: "
            "'Some intro before any event.'"
        )
    ]


def test_other_properties_are_kept_and_go_out_again() -> None:
    """Markwhen users write `color: red`, `assignees: [a, b]` under an event; chrono keeps
    them as other keys (SPEC §10), and writes other keys back as properties."""
    from chrono.formats import FORMATS
    from chrono.loading import load_text
    from chrono.merging import merge_events

    markwhen = FORMATS["markwhen"]
    text = "2025-08: Launch\ncolor: red\nassignees: [Ada, Bo]\npercent: 50\n"
    imported = markwhen.read(text.encode(), "plans.mw", None)
    (record,) = imported.records
    assert (record["color"], record["assignees"], record["percent"]) == ("red", ["Ada", "Bo"], 50)
    events = merge_events(
        load_text("- {date: 2025-08, title: Launch, color: red, n: 5}\n").events
    ).events
    out = markwhen.render(events, markwhen.settings()).text
    assert 'color: "red"\nn: "5"' in out


def test_an_unclosed_header_is_an_error_not_an_empty_import() -> None:
    dates, problems = imported("---\ntitle: Plans\n\n2025-08: Launch\n")
    assert dates == []
    assert problems == [
        "plans.mw:1:1: the header opened by '---' is never closed, so no line after it is read"
    ]


def test_a_location_in_the_text_besides_the_property_is_kept() -> None:
    from chrono.formats import FORMATS

    text = "2025-08: Launch [Berlin](location)\nlocation: Potsdam\n"
    (record,) = FORMATS["markwhen"].read(text.encode(), "plans.mw", None).records
    assert record["location"] == "Potsdam; Berlin"
