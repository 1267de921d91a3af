"""The YAML writer's direct path writes what PyYAML (libyaml's emitter) writes (issue #5)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chrono.formats._fast_yaml import record_text
from chrono.formats.yaml_ import _dump, timeline_pieces, without_end

# Text that trips YAML writers: indicators, quotes, `: ` and ` #`, what YAML 1.1 reads
# as numbers, booleans, nulls and dates, spaces at the ends, long lines, any Unicode.
TRICKY = st.sampled_from(
    ["-", "?", ":", "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", '"', "%", "@",
     "`", " ", "  ", ": ", " #", "---", "...", "~", "null", "yes", "No", "on", "1994",
     "1994-05-04", "2025-08", "0o17", "0x1F", "1_000", "1e3", ".inf", "12:30", "<<", "=",
     "Zürich", "Бакы", "\u2028", "\x85", "\ufeff", "\t", "\n", "é" * 3, "word"]
)  # fmt: skip
TEXT = st.lists(TRICKY | st.text(max_size=8), max_size=8).map("".join) | st.text(max_size=120)
LONG = st.lists(st.sampled_from(["peace", "agreement", "signed", "at", "the", "White House"]),
                min_size=10, max_size=30).map(" ".join)  # fmt: skip
# Mostly words, with a tricky piece now and then: the direct path answers often.
WORDS = st.lists(
    st.sampled_from(["Baku", "NATO", "peace", "it's", "2025", "Zürich", "Бакы", "a-b", "x:y"])
    | TRICKY,
    min_size=1,
    max_size=6,
).map(lambda words: " ".join(words) if len(words) % 2 else "".join(words))
VALUE = WORDS | TEXT | LONG
FIELDS = {
    "id": VALUE,
    "description": VALUE,
    "location": VALUE,
    "tags": st.lists(VALUE, max_size=3),
    "sources": st.lists(VALUE, max_size=3),
}
RECORD = st.fixed_dictionaries({"date": VALUE, "title": VALUE}, optional=FIELDS)
ANY_RECORD = st.fixed_dictionaries(
    {"date": VALUE, "title": VALUE},
    optional={
        **FIELDS,
        "sources": st.lists(VALUE | st.integers(), max_size=3),
        "extra": st.dictionaries(st.text(max_size=3), VALUE, max_size=2),
    },
)


@given(RECORD)
@settings(max_examples=500)
@example({"date": "1994-05-04", "title": "Partnership for Peace", "tags": ["nato", "pfp"]})
@example({"date": "2025-08", "title": "it's: a deal #1", "location": "  Baku "})
@example({"date": "1996", "title": " ".join(["word"] * 30)})
def test_direct_record_text_is_what_pyyaml_writes(record: dict[str, Any]) -> None:
    text = record_text(record)
    if text is not None:
        assert text == _dump([record])
        assert yaml.safe_load(text) == [record]


@given(RECORD, st.dictionaries(WORDS | TRICKY | st.text(max_size=4), WORDS, max_size=3))
@settings(max_examples=300)
@example({"date": "2020", "title": "t"}, {"#notes": "n1", "@handle": "h", "k: v": "kv"})
def test_other_keys_are_written_as_pyyaml_writes_them(
    record: dict[str, Any], others: dict[str, str]
) -> None:
    """(A key was written as it is: `#notes: n1` is a YAML comment, the field lost.)"""
    record = {**record, **{k: v for k, v in others.items() if k not in record}}
    text = record_text(record)
    if text is not None:
        assert text == _dump([record])
        assert yaml.safe_load(text) == [record]


def test_lines_near_the_width_are_written_as_pyyaml_folds_them() -> None:
    words = "peace talks in Baku " * 8
    for key in ("title", "description", "id"):
        for length in range(70, 130):
            for start in ("", "1994 ", "it's "):
                record = {"date": "1994", key: (start + words)[:length].strip()}
                text = record_text(record)
                assert text is None or text == _dump([record])


def test_the_usual_record_is_written_directly() -> None:
    """The direct path is not a dead branch: plain timelines take it."""
    record = {"date": "1994-05-04", "title": "Azerbaijan joins NATO's Partnership for Peace",
              "location": "Brussels", "tags": ["nato", "pfp"],
              "sources": ["http://www.mfa.gov.az/en/content/560"]}  # fmt: skip
    assert record_text(record) is not None
    assert record_text({"date": "1994", "title": "Two\nlines"}) is None  # a `|` block: PyYAML's


@given(
    st.lists(RECORD | ANY_RECORD, max_size=6),
    st.none() | st.just("A title"),
    st.sampled_from([1, 2, 1000]),
)
@settings(max_examples=300)
# libyaml ends a dump with `...` after text kept with `|+`, unless a later block resets it
@example([{"date": "", "title": "\n"}, {"date": "", "title": "Baku\n"}], None, 1)
@example([{"date": "", "title": "\n"}, {"date": "Baku", "title": "Baku"}], "A title", 1000)
def test_pieces_are_the_whole_dump(
    records: list[dict[str, Any]], title: str | None, chunk: int
) -> None:
    """Direct and PyYAML-written records interleaved, in chunks of any size: the text
    of one whole dump, less the document end marker libyaml may put at its end."""
    whole = (_dump({"title": title}) if title else "") + _dump({"events": records})
    with mock.patch("chrono.formats.yaml_.CHUNK", chunk):
        pieces = "".join(timeline_pieces(records, title))
    assert pieces == without_end(whole)
    assert "\n...\n" not in pieces  # never a document end inside the file
    assert yaml.safe_load(pieces) == yaml.safe_load(whole)
