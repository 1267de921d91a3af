"""Filters shared by show, export and merge (SPEC §4, §7)."""

from __future__ import annotations

import pytest

from chrono.dates import parse_date
from chrono.loading import load_text
from chrono.merging import sort_events
from chrono.querying import EventIndex, Query

TEXT = """
- {date: 1994-05-04, title: Partnership for Peace, tags: [nato, pfp]}
- {date: 2025-08, title: Peace deal brokered, tags: [peace]}
- {date: 2025-08-08, title: Agreement signed, tags: [Peace, usa], description: At the White House}
- {date: 2025-08-15/2025-09-01, title: Talks, tags: [usa]}
- {date: ~2025-11, title: NATO delegation in Baku, tags: [nato]}
"""
EVENTS = sort_events(load_text(TEXT).events)


def titles(query: Query) -> list[str]:
    return [e.title for e in query.filter(EVENTS)]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(
            "2025-08-15",
            None,
            ["Peace deal brokered", "Talks", "NATO delegation in Baku"],
            id="month-contains-from-day",
        ),
        pytest.param(
            None,
            "Aug 2025",
            ["Partnership for Peace", "Peace deal brokered", "Agreement signed", "Talks"],
            id="to-is-inclusive-of-the-month",
        ),
        pytest.param("2000", "2025-08-07", ["Peace deal brokered"], id="from-to"),
        pytest.param("2025-09-01", "2025-09-01", ["Talks"], id="interval-overlap"),
        pytest.param("1995", "1999", [], id="nothing"),
    ],
)
def test_from_to_keep_overlapping_spans(
    start: str | None, end: str | None, expected: list[str]
) -> None:
    query = Query(start=parse_date(start) if start else None, end=parse_date(end) if end else None)
    assert titles(query) == expected


def test_tags_are_either_and_case_insensitive() -> None:
    assert titles(Query(tags=("pfp", "peace"))) == [
        "Partnership for Peace",
        "Peace deal brokered",
        "Agreement signed",
    ]


def test_grep_searches_title_and_description_case_insensitively() -> None:
    assert titles(Query(grep="WHITE house")) == ["Agreement signed"]
    assert titles(Query(grep="peace")) == ["Partnership for Peace", "Peace deal brokered"]


def test_reverse_then_limit_gives_the_most_recent() -> None:
    assert titles(Query(reverse=True, limit=2)) == ["NATO delegation in Baku", "Talks"]
    assert titles(Query(limit=0)) == []


def test_selection_counts_what_each_option_left_out() -> None:
    selection = Query(tags=("nato",), limit=1).run(EventIndex(EVENTS))
    assert selection.filtered == (("--tag", 3), ("--limit", 1))
