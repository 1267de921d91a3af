"""Exact de-duplication and lossless merging (SPEC §3, §7)."""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chrono.dedupe import Dedupe
from chrono.loading import load_text
from chrono.merging import merge_events
from chrono.model import Event
from chrono.titles import normalize_title


def events_of(*documents: tuple[str, str]) -> list[Event]:
    """Events from several (path, yaml) documents, as if from several files."""
    return [e for path, text in documents for e in load_text(text, path).events]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Peace agreement signed", "peace  agreement SIGNED.", id="case-space-stop"),
        pytest.param("Azerbaijan–Armenia deal", "Azerbaijan-Armenia deal", id="dashes"),
        pytest.param("NATO’s “Partnership”", 'NATO\'s "Partnership"', id="quotes"),
        pytest.param("Zürich café", "Zurich cafe", id="diacritics"),
        pytest.param("A|B and it's", "AB and its", id="punctuation-removed"),
        pytest.param("İstanbul talks", "istanbul talks", id="dotted-capital-i"),
    ],
)
def test_normalized_titles_match(a: str, b: str) -> None:
    assert normalize_title(a) == normalize_title(b)


def _normalize_by_definition(title: str) -> str:
    """normalize_title as SPEC §3 and §10 word it: casefold and decompose; keep letters,
    digits, `+`, `#`, `%`, `<`, `>`, `=`, `^`, `±`, `≤`, `≥`, `≠`, currency signs, and a minus sign (`-` or `−`, as `-`) before
    a digit, at the start or after a space or an opening bracket; a boundary anywhere
    else, kept only between two digits; and a title that keeps nothing, as written."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    marks = "+#%<>=^±≤≥\u0338"  # (U+0338 is the stroke of `≠` once decomposed)
    chars = []
    for i, ch in enumerate(decomposed):
        after = decomposed[i + 1] if i + 1 < len(decomposed) else ""
        before = decomposed[i - 1] if i else ""
        if (
            ch in "-\u2212"
            and after.isdigit()
            and (not before or before.isspace() or before in "([{")
        ):
            chars.append("\x00")  # (a sign: a group of its own)
        elif ch.isalnum() or ch in marks or unicodedata.category(ch) == "Sc":
            chars.append(ch)
        else:
            chars.append(" ")
    groups = []
    for group in "".join(chars).split():  # (letters and digits apart from the marks)
        runs = re.findall(r"\x00|[^\w\x00]+|[^\W_]+", group)
        groups.extend("-" if run == "\x00" else run for run in runs)
    if not groups:
        return title
    out = groups[0]
    for before, group in itertools.pairwise(groups):
        out += ("." if before[-1].isdigit() and group[0].isdigit() else "") + group
    return out


@given(st.text() | st.text(st.characters(max_codepoint=127)))
def test_normalized_title_is_its_definition(title: str) -> None:
    assert normalize_title.__wrapped__(title) == _normalize_by_definition(title)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("C++ released", "C released", id="plus"),
        pytest.param("C# 1.0 released", "C 1.0 released", id="hash"),
        pytest.param("Version 1.10 released", "Version 11.0 released", id="digit-groups"),
        pytest.param("Temperature hits -40 degrees", "Temperature hits 40 degrees", id="minus"),
        pytest.param("Rates cut by −0.5", "Rates cut by 0.5", id="minus-sign"),
        pytest.param("Shares up +5%", "Shares up -5%", id="signs"),
        pytest.param("Shares fall 5%", "Shares fall 5", id="percent"),
        pytest.param("Sold for $100", "Sold for €100", id="currency"),
        pytest.param("Sold for $100", "Sold for 100", id="currency-or-none"),
        pytest.param("Inflation > 5%", "Inflation < 5%", id="greater-or-less"),
        pytest.param("x = y proved", "x ≠ y proved", id="equal-or-not"),
        pytest.param("x ≤ y proved", "x y proved", id="at-most"),
        pytest.param("Growth ±2%", "Growth 2%", id="plus-minus"),
        pytest.param("x^2 proved", "x2 proved", id="power"),
        pytest.param("🎉🎉", "🚀", id="emoji-only"),
        pytest.param("---", "🎉", id="punctuation-only"),
    ],
)
def test_issue_11_normalisation_keeps_what_tells_titles_apart(a: str, b: str) -> None:
    text = f"- {{date: 2025-01-01, title: '{a}'}}\n- {{date: 2025-01-01, title: '{b}'}}\n"
    assert normalize_title(a) != normalize_title(b)
    assert len(merge_events(load_text(text).events).events) == 2


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("France beat Germany 2-0", "France beat Germany 2–0", id="score-dash"),
        pytest.param("Minus −40 recorded", "Minus -40 recorded", id="minus-sign-is-minus"),
        pytest.param("Prices 5%-10% higher", "Prices 5%–10% higher", id="range-after-percent"),
        pytest.param("Pages 10--20", "Pages 10-20", id="double-hyphen"),
        pytest.param("Oil at $100", "oil at ＄100", id="fullwidth-dollar"),
    ],
)
def test_signs_fold_as_the_same_mark(a: str, b: str) -> None:
    assert normalize_title(a) == normalize_title(b)


def test_currency_lists_every_currency_sign() -> None:
    from chrono.titles import CURRENCY

    signs = re.compile(f"[{CURRENCY}]")
    kept = re.compile(rf"(?:[{CURRENCY}]|[^\W_])+")  # (NFKD: ＄ is $, ₨ is Rs)
    missing = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) == "Sc"
        and not kept.fullmatch(unicodedata.normalize("NFKD", chr(c)))
    ]
    extra = [hex(c) for c in range(sys.maxunicode + 1)
             if signs.fullmatch(chr(c)) and unicodedata.category(chr(c)) != "Sc"]  # fmt: skip
    assert (missing, extra) == ([], [])


def test_no_character_is_both_alphanumeric_and_combining() -> None:
    # normalize_title relies on this to drop diacritics with the punctuation.
    both = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if chr(c).isalnum() and unicodedata.combining(chr(c))
    ]
    assert both == []


def test_same_date_and_title_merge_losing_nothing() -> None:
    events = events_of(
        (
            "b.yaml",
            (
                "- {date: 2025-08-08, title: Peace signed., tags: [peace, caucasus],"
                " sources: [s2, s1], description: other words, extra: 2}"
            ),
        ),
        (
            "a.yaml",
            (
                "- {date: 8 Aug 2025, title: Peace signed, tags: [usa, peace],"
                " sources: [s1], description: first words, extra: 1, location: Washington}"
            ),
        ),
    )
    merged = merge_events(events)
    (event,) = merged.events
    assert event.title == "Peace signed"  # a.yaml:1 is the first origin
    assert [str(o) for o in event.origins] == ["a.yaml:1", "b.yaml:1"]
    assert event.tags == ("usa", "peace", "caucasus")
    assert event.sources == ("s1", "s2")
    assert event.description == "first words"
    assert event.location == "Washington"
    assert event.extra == {"extra": "1"}
    assert dict(event.conflicts) == {
        "title": ("Peace signed.",),
        "description": ("other words",),
        "extra": ("2",),
    }
    assert len(merged.groups) == 1
    assert len(merged.groups[0].members) == 2


def test_tags_that_differ_only_in_case_are_one_tag() -> None:
    """`--tag bridge` finds `Bridge` and `bridge` alike: a merge of two sources kept
    both (a new user's report); it keeps the first as written."""
    events = events_of(
        ("a.yaml", "- {date: 2026-03-14, title: Bridge collapses, tags: [Bridge, collapse]}"),
        ("b.yaml", "- {date: 2026-03-14, title: Bridge collapses, tags: [bridge, Accident]}"),
    )
    (event,) = merge_events(events).events
    assert event.tags == ("Bridge", "collapse", "Accident")


def test_same_id_merges_and_the_most_precise_date_wins() -> None:
    events = events_of(
        ("a.yaml", "- {id: pfp, date: 1994, title: Partnership for Peace}"),
        ("b.yaml", "- {id: pfp, date: 1994-05-04, title: Azerbaijan joins PfP}"),
    )
    (event,) = merge_events(events).events
    assert event.date.text == "1994-05-04"
    assert event.title == "Partnership for Peace"
    assert event.conflicts == {"title": ("Azerbaijan joins PfP",), "date": ("1994",)}


def test_id_and_title_keys_join_transitively() -> None:
    events = events_of(
        ("a.yaml", "- {id: x, date: 2000, title: One}"),
        ("b.yaml", "- {id: x, date: 2001, title: Two}"),
        ("c.yaml", "- {date: 2001, title: two}"),
    )
    (event,) = merge_events(events).events
    assert len(event.origins) == 3


@pytest.mark.parametrize(
    ("a", "b", "merged"),
    [
        pytest.param("1994", "1994?", False, id="qualifier-differs"),
        pytest.param("1994", "1994-05", False, id="precision-differs"),
        pytest.param("44 BCE", "-0043", True, id="bce-spellings"),
        pytest.param("May 1994", "1994-05", True, id="natural-and-iso"),
        pytest.param("1994/2000", "1994/2000", True, id="interval"),
    ],
)
def test_exact_duplicates_need_the_same_date_meaning(a: str, b: str, merged: bool) -> None:
    events = events_of(
        ("a.yaml", f"- {{date: '{a}', title: T}}"), ("b.yaml", f"- {{date: '{b}', title: T}}")
    )
    assert len(merge_events(events).events) == (1 if merged else 2)


def test_date_interval_equals_start_and_end() -> None:
    events = events_of(
        ("a.yaml", "- {date: 1994/2025-08, title: Span}"),
        ("b.yaml", "- {start: 1994, end: 2025-08, title: Span}"),
    )
    assert len(merge_events(events).events) == 1


def test_dedupe_none_keeps_every_event_ids_included() -> None:
    events = events_of(
        ("a.yaml", "- {id: x, date: 1994, title: T}\n- {id: x, date: 1994, title: T}"),
    )
    assert len(merge_events(events, Dedupe.NONE).events) == 2
    assert len(merge_events(events, Dedupe.EXACT).events) == 1


def test_different_events_on_the_same_day_stay_apart() -> None:
    events = events_of(
        (
            "a.yaml",
            (
                "- {date: 2025-08-08, title: Peace agreement signed}\n"
                "- {date: 2025-08-08, title: US lifts military restrictions}"
            ),
        ),
    )
    assert len(merge_events(events).events) == 2


_RECORDS = st.lists(
    st.tuples(
        st.sampled_from(["1994", "1994-05", "1994-05-04", "May 1994", "1994?", "1994/1995"]),
        st.sampled_from(["Treaty signed", "treaty  SIGNED", "Summit", "Flood"]),
        st.sampled_from([None, None, "x", "y"]),
    ),
    min_size=1,
    max_size=12,
)


@given(_RECORDS, st.lists(st.integers(0, 3), max_size=12))
def test_merging_again_after_near_duplicates_looks_only_where_keys_may_meet(
    records: list[tuple[str, str, str | None]], labels: list[int]
) -> None:
    """After near-duplicate groups merge, exact merging looks only at the events that
    may share a key with a merged one (`_Merging._meeting`, by date and id or by the
    keys' hashes): what it merges is what looking at every event merges, in the same
    order."""
    from chrono.merging import _Merging

    documents = [
        (f"f{n}.yaml", f"- {{date: '{d}', title: '{t}'" + (f", id: {i}}}" if i else "}"))
        for n, (d, t, i) in enumerate(records)
    ]
    results = []
    for everywhere, forget in ((True, False), (False, False), (False, True)):
        merging = _Merging(events_of(*documents))
        merging.merge_exact()
        if forget:  # (as before a near-duplicate search: only the keys' hashes kept)
            merging.forget_keys()
        groups: dict[int, list[Event]] = {}
        for event, label in zip(merging.current, labels, strict=False):
            if label:
                groups.setdefault(label, []).append(event)
        merged = merging.merge(list(groups.values()))
        merging.merge_exact(None if everywhere else merged)
        results.append((merging.current, merging.result({})))
    assert results[0] == results[1] == results[2]
