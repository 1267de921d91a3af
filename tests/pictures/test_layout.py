"""The picture's layout: the fast row finder is the plain one (STYLE §10)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chrono.pictures import _free_row, _Rows

# Boxes as the layout makes them: in their marks' order, each holding its mark, and
# never empty (a label is widened by a gap on both sides).
BOXES = st.lists(
    st.tuples(st.integers(0, 300), st.integers(1, 60), st.integers(1, 60)), max_size=200
).map(
    lambda raw: [
        (mark - before, mark + after) for mark, before, after in sorted(raw, key=lambda r: r[0])
    ]
)


@given(BOXES)
def test_the_tree_of_rows_is_first_fit(boxes: list[tuple[int, int]]) -> None:
    plain: list[list[tuple[float, float]]] = []
    fast = _Rows()
    for left, right in boxes:
        assert fast.place(left, right) == _free_row(plain, left, right)
    assert fast.count == len(plain)


def test_rows_grow_past_the_first_tree() -> None:
    rows = _Rows()
    assert [rows.place(0, 10) for _ in range(300)] == list(range(300))
    assert rows.place(10, 20) == 0
