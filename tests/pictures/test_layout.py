"""The picture's layout: the fast row finder is the plain one (STYLE §10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chrono.pictures import _advance, _free_row, _Rows, date_text_width, text_width

# Boxes as the layout makes them: in their marks' order, each holding its mark, and
# never empty (a label is widened by a gap on both sides).
BOXES = st.lists(
    st.tuples(st.integers(0, 300), st.integers(1, 60), st.integers(1, 60)), max_size=200
).map(
    lambda raw: [
        (mark - before, mark + after) for mark, before, after in sorted(raw, key=lambda r: r[0])
    ]
)


def _free_rows(rows: list[list[tuple[float, float]]], left: float, right: float, k: int) -> int:
    """Plain first fit of a box `k` rows tall: the first row from which k rows are free."""
    start = 0
    while True:
        while len(rows) < start + k:
            rows.append([])
        if all(
            all(not (a < right and left < b) for a, b in rows[r]) for r in range(start, start + k)
        ):
            for r in range(start, start + k):
                rows[r].append((left, right))
            return start
        start += 1


@given(BOXES, st.lists(st.integers(1, 3), min_size=200, max_size=200))
def test_the_tree_of_rows_is_first_fit(boxes: list[tuple[int, int]], tall: list[int]) -> None:
    plain: list[list[tuple[float, float]]] = []
    fast = _Rows(sum(tall))
    for (left, right), k in zip(boxes, tall, strict=False):
        assert fast.place(left, right, k) == _free_rows(plain, left, right, k)
    assert fast.count == len([r for r in plain if r])


@given(BOXES)
def test_one_row_tall_is_the_plain_first_fit(boxes: list[tuple[int, int]]) -> None:
    plain: list[list[tuple[float, float]]] = []
    fast = _Rows(len(boxes))
    for left, right in boxes:
        assert fast.place(left, right) == _free_row(plain, left, right)


@pytest.mark.parametrize("most", [1, 2, 3, 64, 65, 300])
def test_rows_for_as_many_boxes_as_asked(most: int) -> None:
    rows = _Rows(most)
    assert [rows.place(0, 10) for _ in range(most)] == list(range(most))
    assert rows.place(10, 20) == 0


@given(st.text(max_size=60), st.sampled_from([12.0, 11.0, 15.0]), st.booleans())
def test_text_width_is_the_sum_of_the_advances(text: str, size: float, bold: bool) -> None:
    """The byte-table shortcut for ASCII and the table of other characters give what
    the plain definition gives: each character's advance, summed, at the size."""
    plain = sum(_advance(c) for c in text) * size / 1000 * (1.1 if bold else 1.0)
    assert text_width(text, size, bold) == plain
    assert text_width(text + text, size, bold) == pytest.approx(2 * plain)


@given(st.text(alphabet=st.sampled_from("0123456789 ~?–…:.+-ADMQXBCEJanFebOctZ/٣"), max_size=30))
def test_a_date_is_as_wide_as_its_text(shown: str) -> None:
    """Dates whose digits alone differ share one measured width: it is the width of
    each one's own text, in bold (a date that only matched its shape would fail)."""
    assert date_text_width(shown) == text_width(shown, bold=True)
    assert date_text_width(shown + "9") == text_width(shown + "9", bold=True)


def test_many_bars_at_one_time_keep_the_strip_of_marks_short() -> None:
    """Fifty years that all meet share eight rows of bars; the labels come right under
    them, each in its own place, instead of under fifty rows."""
    from chrono.loading import load_text
    from chrono.merging import merge_events
    from chrono.pictures import BAR_KIND, BAR_PITCH, BAR_ROWS, lay_out

    text = "".join(f"- {{date: 2000/2010, title: Span {i}}}\n" for i in range(50))
    text += "- {date: 2000/2001, title: Short}\n- {date: 2005-03-01, title: A day}\n"
    picture = lay_out(merge_events(load_text(text).events).events, "Bars")
    marks = picture.lanes[0].marks
    bars = sorted({m.y for m in marks if m.kind & BAR_KIND})
    assert len(bars) == BAR_ROWS
    axis = picture.lanes[0].axis_y
    assert min(m.top for m in marks) < axis + 6 + (BAR_ROWS + 2) * BAR_PITCH + 10
    few = "".join(f"- {{date: 2000/2010, title: Span {i}}}\n" for i in range(5))
    marks = lay_out(merge_events(load_text(few).events).events, "B").lanes[0].marks
    assert len({m.y for m in marks}) == 5  # under the limit, each bar its own row


def test_a_marks_kind_is_its_flags_bit_by_bit(tmp_path: Path) -> None:
    """The SVG's classes, the page's flags and the legend read `Mark.kind`: each bit is
    the flag of the mark's date that its name says."""
    from chrono.pictures import APPROXIMATE, BAR_KIND, OPEN_END, OPEN_START, UNCERTAIN, lay_out
    from tests.formats.conftest import chronology

    (tmp_path / "t.yaml").write_text(
        "events:\n"
        "  - {date: '~2020-01/2020-03?', title: span}\n"
        "  - {date: '2021-05-01/..', title: open end}\n"
        "  - {date: '../2019', title: open start}\n"
        "  - {date: '2022-02-02', title: day}\n",
        encoding="utf-8",
    )
    picture = lay_out(chronology(str(tmp_path)), "T")
    kinds = {m.event.title: m.kind for lane in picture.lanes for m in lane.marks}
    assert kinds == {
        "span": BAR_KIND | APPROXIMATE | UNCERTAIN,
        "open end": BAR_KIND | OPEN_END,
        "open start": BAR_KIND | OPEN_START,
        "day": 0,
    }
