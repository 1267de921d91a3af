"""Where a JSON file's values are: what import messages point at (json.loads gives no
positions, so chrono walks the text again when it has something to say)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from chrono.formats.jsonfile import Places, load

_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


@given(value=st.lists(_VALUES, max_size=4), indent=st.sampled_from([None, 0, 2, "\t"]))
def test_each_value_is_found_where_its_text_begins(value: list[Any], indent: Any) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    places = Places(text)
    lines = text.split("\n")
    for path, at in places.values.items():
        line, column = places.line_column(at)
        assert lines[line - 1][column - 1] == text[at]  # (1-based, as messages say)
        expected: Any = value
        for step in path:
            expected = expected[step]
        decoded, _ = json.JSONDecoder().raw_decode(text, at)
        assert decoded == expected


def test_every_key_written_twice_is_a_problem_of_its_own() -> None:
    _, unread, repeats = load(b'{"a": 1,\n "a": 2, "b": [{"c": 0, "c": 0}]}', "f.json")
    assert unread == ()
    assert [(r.within, r.problem.line, r.problem.column, r.problem.message)
            for r in repeats] == [
        ((), 2, 2, "duplicate key 'a' (first at line 1)"),
        (("b", 0), 2, 25, "duplicate key 'c' (first at line 2)"),
    ]  # fmt: skip
