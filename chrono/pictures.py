"""The picture of a chronology, laid out once for SVG and HTML (SPEC §8).

Time runs left to right on one scale with axis breaks (`chrono.timescale`). Each
lane (`--lanes`) is a band: a strip of marks on its axis line (a point for a day
or an instant, a bar of its length for a span), then rows of labels under it,
each joined to its mark by a thin leader.

Labels never overlap and are never cut off, by construction: every label is a
box whose width chrono sets itself (the writer gives the text that length, so
fonts do not change it); a long title goes on in more lines, so the box is that
many rows tall; it starts at its mark, or ends there when it would run far past
the axis; and, in time order, it takes the first rows of its lane where its box,
widened by a gap, meets no other. A leader that passes behind a label of
a row above it is hidden there by the label's halo. A lane takes as many rows as it needs, so a dense
chronology makes a taller picture, never a crowded one, and the picture is as
wide as its widest row.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter, or_

from chrono.dates import ChronoDate, clock_zone, zones_differ
from chrono.formats.grouping import BANDS, band
from chrono.model import Event
from chrono.precision import US_PER_DAY, Precision, civil_from_days
from chrono.timescale import Scale, Tick, clock_text, fit, midnight, year_at

__all__ = [
    "APPROXIMATE",
    "BAR_KIND",
    "LANES",
    "OPEN_END",
    "OPEN_START",
    "UNCERTAIN",
    "AxisLabel",
    "Lane",
    "Mark",
    "Picture",
    "bounds",
    "date_text_width",
    "lay_out",
    "text_width",
]

FONT = 12.0  # px
ROW = 18.0  # a row of labels
BAR = 6.0  # a bar's height, and its row's pitch with the gap below
BAR_PITCH = 9.0
BAR_ROWS = 8  # bars that meet beyond this many share rows
GAP = 16.0  # between two labels of a row (less reads as one line)
MARGIN = 20.0
AXIS = 1100.0  # the time axis' length before labels widen the picture
WRAP = 600.0  # a label wider than this goes on in more lines
SPACE = FONT * 0.318  # a space's width
OVERHANG = 240.0  # how far a label may run past the axis before it ends at its mark
AXIS_Y = 44.0  # the axis under the title, its ticks' dates above it
SMALL = 11.0  # px: the axis' and the legend's text
TITLE = 15.0  # px, bold: the picture's title
SMALL_ROW = 13.0
HEADER = 56.0  # title, axis and ticks; rows of labels under the axis add to it
LANE_HEAD = 20.0  # a lane's name
LEGEND = 40.0

# DejaVu Sans advance widths, per mille of the font size, for ASCII 32-126; bold
# adds a tenth. Other characters: CJK and most emoji 1.0, combining marks 0,
# anything else 0.65 (DejaVu's mean over Latin letters). The writer makes each label
# exactly this long (SVG textLength), so the estimate is the truth on any font.
_ADVANCE = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)  # fmt: skip


_ASCII = (0,) * 32 + _ADVANCE + (0,)  # control characters take no room
# The same as two byte tables, high and low byte of each advance, for `bytes.translate`.
_HIGH = bytes(a >> 8 for a in _ASCII) + bytes(128)
_LOW = bytes(a & 255 for a in _ASCII) + bytes(128)


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """The length chrono gives `text` at `size` px."""
    if text.isascii():  # the advances' two bytes, translated and summed in C
        data = text.encode()
        total = sum(data.translate(_HIGH)) * 256 + sum(data.translate(_LOW))
    else:  # word by word, each word's sum kept: titles share their words
        total = sum(map(_WORDS.__getitem__, text.split(" "))) + _ASCII[32] * text.count(" ")
    return total * size / 1000 * (1.1 if bold else 1.0)


def wrap(
    text: str, whole: float, first: float, width: float = WRAP
) -> list[tuple[str, float, str]]:
    """`text`, `whole` wide (its `text_width`), in lines of at most `first` (the first)
    and `width` (the others), at spaces, and inside a word only when the word alone is
    too wide: each line with its width and what parts it from the line before (a
    space, or nothing inside a word)."""
    if whole <= first:  # most titles
        return [(text, whole, "")]
    lines: list[tuple[str, float, str]] = []
    line, used, room, sep = "", 0.0, max(first, FONT), ""
    for word in text.split(" "):
        size = _WORDS[word] * FONT / 1000  # (`text_width(word)`, from the table of words)
        if line and used + SPACE + size <= room:
            line, used = f"{line} {word}", used + SPACE + size
            continue
        if line:
            lines.append((line, used, sep))
            room, sep = width, " "
        while size > room:  # a word wider than a line: cut where it fills one
            cut = 1
            while cut < len(word) and text_width(word[: cut + 1]) <= room:
                cut += 1
            lines.append((word[:cut], text_width(word[:cut]), sep))
            word, room, sep = word[cut:], width, ""
            size = text_width(word)
        line, used = word, size
    lines.append((line, used, sep))
    return [item for item in lines if item[0]] or [("", 0.0, "")]


class _DateWidths(dict[bytes, float]):
    """The bold width of dates as shown, by their UTF-8 text with every digit a 0:
    DejaVu's digits are all as wide, so dates of one shape share one width."""

    def __missing__(self, zeroed: bytes) -> float:
        if len(self) >= _Words.LIMIT:
            self.clear()
        self[zeroed] = width = text_width(zeroed.decode(), bold=True)
        return width


_DATE_WIDTHS = _DateWidths()
_ZEROS = bytes.maketrans(b"123456789", b"000000000")


def date_text_width(shown: str) -> float:
    """`text_width(shown, bold=True)`, of a date as shown: from the dates already
    measured whose digits alone differ (`shape` in `chrono.dates`)."""
    return _DATE_WIDTHS[shown.encode().translate(_ZEROS)]


class _Advances(dict[str, int]):
    """Each character's advance, worked out the first time it is asked for."""

    def __missing__(self, char: str) -> int:
        self[char] = advance = _advance(char)
        return advance


_ADVANCES = _Advances()


class _Words(dict[str, int]):
    """Each word's advances summed, worked out the first time it is asked for (and
    forgotten all at once past `LIMIT` words)."""

    LIMIT = 100_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        self[word] = total = sum(map(_ADVANCES.__getitem__, word))
        return total


_WORDS = _Words()


def _advance(char: str) -> int:
    code = ord(char)
    if code < 128:
        return _ASCII[code]
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in "WF":
        return 1000
    return 650


@dataclass(slots=True)
class Mark:
    """One event as drawn: its index in the chronology, its mark and its label.

    The mark runs from `x0` to `x1` (`x1` is `x0` for a point) at `y` (a point's
    centre, a bar's top). The label is a box from `left` and `top`, `width` wide: the
    date as shown (`date`, `date_width` long), then the title in `lines`, each with its
    width and what parts it from the line before (a space, or nothing inside a word):
    the first after the date, and a title wider than WRAP goes on in as many more as it
    needs, which make the box as many rows tall."""

    index: int
    event: Event
    x0: float
    x1: float
    y: float
    # What kind of mark it is, as bits: BAR_KIND, OPEN_START, OPEN_END, APPROXIMATE,
    # UNCERTAIN (the SVG's classes, the page's flags and the legend read them).
    kind: int
    left: float
    width: float
    date: str
    date_width: float
    lines: list[tuple[str, float, str]]
    top: float = 0.0  # set when the label takes its row


@dataclass(slots=True)
class Lane:
    name: str | None
    top: float
    axis_y: float
    height: float
    marks: list[Mark] = field(default_factory=list)


@dataclass(slots=True)
class AxisLabel:
    """Under the axis: a break and the time it leaves out, or where a segment too
    short for ticks begins."""

    kind: str  # "break" or "segment"
    x: float  # left edge
    y: float  # top edge
    width: float
    text: str
    mark: float  # x of the break's middle or the segment's start


@dataclass(slots=True)
class Picture:
    title: str
    scale: Scale
    ticks: list[Tick]
    axis_labels: list[AxisLabel]
    axis_y: float
    lanes: list[Lane]
    width: float
    height: float
    origin: float  # x of the scale's 0
    count: int  # events
    time: tuple[int, int]  # from the first time any event may mean to the last
    legend: list[str]  # the kinds of mark drawn (LEGEND_TEXT)


LANES = BANDS
_DAY = Precision.DAY  # (a global: an enum's member looked up on its class is slow)
_MINUTE = Precision.MINUTE
# A mark's kind (`Mark.kind`), bit by bit (`lay_out` shifts each flag to its bit).
BAR_KIND = 1
OPEN_START = 2
OPEN_END = 4
APPROXIMATE = 8
UNCERTAIN = 16


def bounds(event: Event) -> tuple[int, int, bool, bool, bool]:
    """lo, hi (equal for a point), open start, open end, drawn as a bar.

    A day or an instant is a point; a longer span a bar of its length; an interval
    open at one side a bar from its known side to the axis' end on the other (lo
    and hi are then its known side's, which the scale must hold)."""
    date = event.date
    start, end = date.start, date.end  # (each once: plot asks this of every event)
    if start is None:  # `../1994`
        assert end is not None
        return end.lo, end.hi, True, False, True
    if end is None:  # `1994/..`
        return start.lo, start.hi, False, True, True
    if not date.interval and start.precision >= _DAY:
        return start.lo, start.lo, False, False, False
    return start.lo, end.hi, False, False, True


def axis_zone(dates: Sequence[ChronoDate]) -> tuple[bool, dt.tzinfo | None]:
    """Whether the clock times among `dates` differ in zone (each label then names its
    own, and the axis is read in UTC), and else the zone they share (None: none, or
    floating), in which the axis is read."""
    zones = zones_differ(dates)
    return zones, None if zones else clock_zone(dates)


def in_zone(
    events: Sequence[Event], spans: list[tuple[int, int, bool, bool, bool]], zone: dt.tzinfo
) -> list[tuple[int, int, bool, bool, bool]]:
    """`spans` with each day, month or year (a date without a clock time, the
    timeline's own day: SPEC §2) from its midnight in `zone`, where the chronology's
    clock times are read: a day and the clock times of that day meet on the axis (the
    day was drawn from midnight UTC, at 20:00 the day before in New York)."""
    moved = []
    for event, (lo, hi, open_start, open_end, bar) in zip(events, spans, strict=True):
        start, end = event.date.start, event.date.end
        first = start if start is not None else end
        last = end if end is not None else start
        assert first is not None
        assert last is not None
        if first.precision < _MINUTE and first.offset is None:
            lo -= midnight(zone, first.year, first.month or 1, first.day or 1)
        if last.precision < _MINUTE and last.offset is None:  # (at the midnight it ends)
            hi -= midnight(zone, *civil_from_days(hi // US_PER_DAY))
        moved.append((lo, max(hi, lo), open_start, open_end, bar))
    return moved


def held(spans: Sequence[tuple[int, int, bool, bool, bool]]) -> list[tuple[int, int]]:
    """The time the scale must hold: each event's, an open interval's reaching to the
    first or last time of the others (so no break is cut inside it)."""
    if not spans:
        return [(0, 0)]
    known = list(map(itemgetter(0, 1), spans))
    # (the open ones found and mended in C-level passes: this is asked of every event)
    open_sides = map(or_, map(itemgetter(2), spans), map(itemgetter(3), spans))
    opened = list(compress(range(len(spans)), open_sides))
    if opened:
        first, last = min(map(itemgetter(0), spans)), max(map(itemgetter(1), spans))
        for i in opened:
            lo, hi, open_start, open_end, _ = spans[i]
            known[i] = (first if open_start else lo, last if open_end else hi)
    return known


def lay_out(events: Sequence[Event], title: str, lanes: str = "none") -> Picture:
    spans = [bounds(e) for e in events]
    # Clock times name their zones on every label or on none, as a table's column does:
    # two different instants never read the same (SPEC §10); an axis of days or hours
    # is read in the zone of all, days from its midnight, or in UTC, which it then says.
    zones, zone = axis_zone([e.date for e in events])
    if zone is not None:
        spans = in_zone(events, spans, zone)
    known = held(spans)
    scale = fit(known, AXIS)
    ticks = scale.ticks(spacing=90.0, zone=zone, utc=zones)
    origin = MARGIN
    axis_labels = _axis_labels(scale, ticks, origin, zone, zones)
    rows_under = 1 + max((int(a.y) for a in axis_labels), default=-1)
    order: dict[str | None, Sequence[int]] = {None: range(len(events))}  # one lane
    if lanes != "none":
        banded: dict[str | None, list[int]] = {}
        for i, event in enumerate(events):
            banded.setdefault(band(event, lanes), []).append(i)
        order = dict(banded)
    right = origin + scale.end
    placed: list[Lane] = []
    for under in axis_labels:
        under.y = AXIS_Y + 6 + under.y * SMALL_ROW
    y = HEADER + rows_under * SMALL_ROW
    for name, members in order.items():
        lane = Lane(name, y, y + (LANE_HEAD if name is not None else 0) + 8, 0.0)
        bar_rows = _BarRows()
        marks, position, axis_y = lane.marks, scale.position, lane.axis_y
        far = origin + AXIS + OVERHANG
        starts = scale.positions([spans[i][0] for i in members])
        for i, start in zip(members, starts, strict=True):
            event = events[i]
            _, hi, open_start, open_end, bar = spans[i]
            date = event.date
            kind = (  # BAR_KIND, OPEN_START, OPEN_END, APPROXIMATE, UNCERTAIN
                bar | open_start << 1 | open_end << 2 | date.approximate << 3 | date.uncertain << 4
            )
            x0 = origin + (scale.start if open_start else start)
            if bar:
                x1 = origin + (scale.end if open_end else position(hi))
                if x1 < x0 + 3:  # noqa: PLR1730 - at least 3 long, without a call to max()
                    x1 = x0 + 3
                row = bar_rows.place(x0 - 1, x1 + 1)
                mark_y = axis_y + 6 + row * BAR_PITCH
            else:  # a point: hi is lo
                x1, mark_y = x0, axis_y
            shown = date.display(zones)
            date_width = date_text_width(shown)
            text = event.title
            room = WRAP - date_width - SPACE
            text_length = text_width(text)
            if text_length <= room:  # most titles: one line (`wrap`'s first case, no call)
                lines = [(text, text_length, "")]
                width = date_width + SPACE + text_length
            else:
                lines = wrap(text, text_length, room)
                width = date_width + SPACE + lines[0][1]
                if len(lines) > 1:
                    width = max(width, *(w for _, w, _ in lines[1:]))
            left = x0
            if left + width > far and x0 - width >= MARGIN:
                left = x0 - width  # ends at its mark
            marks.append(
                Mark(i, event, x0, x1, mark_y, kind, left, width, shown, date_width, lines)
            )
            if left + width > right:  # noqa: PLR1730 - no call to max(): for every event
                right = left + width
        labels_top = lane.axis_y + 6 + bar_rows.count * BAR_PITCH + 10
        rows, half = _Rows(sum(len(mark.lines) for mark in marks)), GAP / 2
        for mark in marks:  # in time order, so that rows read down in time order
            row = rows.place(mark.left - half, mark.left + mark.width + half, len(mark.lines))
            mark.top = labels_top + row * ROW
        lane.height = labels_top - lane.top + rows.count * ROW + 8
        placed.append(lane)
        y += lane.height
    time = (min(map(itemgetter(0), known)), max(map(itemgetter(1), known)))
    legend = _legend(placed)
    # as wide as its widest row, and its title, and its legend
    width = max(
        right + MARGIN,
        2 * MARGIN + text_width(title, TITLE, bold=True),
        2 * MARGIN
        + sum(LEGEND_ROOM[kind] + text_width(LEGEND_TEXT[kind], SMALL) for kind in legend),
    )
    if not events:
        ticks, axis_labels = [], []
    return Picture(
        title, scale, ticks, axis_labels, AXIS_Y, placed, width, y + LEGEND, origin,
        len(events), time, legend,
    )  # fmt: skip


# The legend: what each kind of mark means, and the room its symbol and the gap after
# its text take. Only the kinds a picture draws are in its legend.
LEGEND_TEXT = {
    "point": "a day or an instant",
    "bar": "a longer span",
    "approximate": "approximate (~)",
    "uncertain": "uncertain (?)",
    "open": "open: no start or no end",
}
LEGEND_ROOM = {"point": 32.0, "bar": 40.0, "approximate": 32.0, "uncertain": 32.0, "open": 40.0}


def _legend(lanes: list[Lane]) -> list[str]:
    kinds = {m.kind for lane in lanes for m in lane.marks}
    drawn = {
        "point": any(not k & BAR_KIND for k in kinds),
        "bar": any(k & BAR_KIND for k in kinds),
        "approximate": any(k & APPROXIMATE for k in kinds),
        "uncertain": any(k & UNCERTAIN for k in kinds),
        "open": any(k & (OPEN_START | OPEN_END) for k in kinds),
    }
    return [kind for kind in LEGEND_TEXT if drawn[kind]]


def _axis_labels(
    scale: Scale, ticks: list[Tick], origin: float, zone: dt.tzinfo | None, utc: bool
) -> list[AxisLabel]:
    """Labels under the axis, in rows (`y` is the row number) so that none meet: each
    break's, and each segment's without a tick, its year (its clock time, read as the
    ticks are, where the whole is less than two days)."""
    hours = scale.segments[-1].hi - scale.segments[0].lo < 2 * US_PER_DAY
    found: list[AxisLabel] = []
    rows: list[list[tuple[float, float]]] = []
    for x0, x1, text in scale.breaks():
        mid = origin + (x0 + x1) / 2
        label = f"⋯ {text}"
        width = text_width(label, SMALL)
        left = max(mid - width / 2, MARGIN)
        row = _free_row(rows, left - 4, left + width + 4)
        found.append(AxisLabel("break", left, row, width, label, mid))
    ticked = {scale.segment(t.t) for t in ticks}
    for seg in scale.segments:
        if seg in ticked:
            continue
        text = clock_text(seg.lo, zone, utc) if hours else year_at(seg.lo, zone)
        width = text_width(text, SMALL)
        left = origin + seg.x0
        row = _free_row(rows, left - 4, left + width + 4)
        found.append(AxisLabel("segment", left, row, width, text, origin + seg.x0))
    return found


def _free_row(rows: list[list[tuple[float, float]]], left: float, right: float) -> int:
    """The first row where (left, right) meets no box; the box is added there."""
    for number, boxes in enumerate(rows):
        at = bisect.bisect_left(boxes, (left, right))
        if at > 0 and boxes[at - 1][1] > left:
            continue
        if at < len(boxes) and boxes[at][0] < right:
            continue
        boxes.insert(at, (left, right))
        return number
    rows.append([(left, right)])
    return len(rows) - 1


class _BarRows:
    """The rows of bars under an axis: a bar takes the first row where it meets no
    other; where more than `BAR_ROWS` bars meet at one time it shares the row that is
    free soonest, so that the strip of marks stays a strip and the labels (each its
    own) come right under it."""

    def __init__(self) -> None:
        self.ends: list[float] = []

    @property
    def count(self) -> int:
        return len(self.ends)

    def place(self, left: float, right: float) -> int:
        ends = self.ends
        for row, end in enumerate(ends):  # noqa: B007 - the first row free at `left`
            if end <= left:
                break
        else:
            if len(ends) < BAR_ROWS:
                ends.append(-math.inf)
                row = len(ends) - 1
            else:
                row = ends.index(min(ends))
        ends[row] = max(ends[row], right)
        return row


class _Rows:
    """Rows of label boxes, first fit, in O(log rows) a box.

    Every box holds its mark's x, and boxes come in their marks' order. So a box
    already in a row begins before the new box ends, and the two meet exactly when
    it ends after the new box begins: the new box fits in a row when the row's
    rightmost end is at or before its left edge. A tree of the rows' right ends
    finds the first such row. Rows not used yet are not in it (their ends are
    infinite there): when no used row fits, as for most labels of a dense
    chronology, the root says so at once and the box starts the next row."""

    def __init__(self, most: int) -> None:
        """Rows for boxes `most` rows tall in all (each box takes at most that many
        rows more)."""
        self.size = 1 << max(most - 1, 1).bit_length()  # leaves: rows, and the unused
        self.ends = [math.inf] * (2 * self.size)
        self.count = 0  # rows used

    def place(self, left: float, right: float, rows: int = 1) -> int:
        """The first of `rows` rows in a row that all end at or before `left`; the box
        (as tall as those rows) is added to them."""
        ends, size = self.ends, self.size
        if ends[1] > left:  # (the root) no used row fits: the box starts the next rows
            row = self.count
        elif rows == 1:  # straight down from the root: the left child, else the right
            node = 1
            while node < size:
                node += node
                if ends[node] > left:
                    node += 1
            row = node - size
        else:
            row = 0
            while True:
                row = self._first(row, left)
                blocked = next((r for r in range(row + 1, row + rows) if self._end(r) > left), None)
                if blocked is None:
                    break
                row = blocked + 1
        if rows == 1:  # (most boxes: no loop)
            self._set(row, right)
        else:
            for r in range(row, row + rows):
                self._set(r, right)
        return row

    def _end(self, row: int) -> float:
        return self.ends[self.size + row] if row < self.count else -math.inf

    def _first(self, start: int, left: float) -> int:
        """The first row from `start` whose right end is at most `left` (a row not used
        yet, when no used row is): up the tree to the first subtree on the right that
        holds one, then down to it."""
        if start >= self.count:
            return start
        ends, node = self.ends, start + self.size
        while ends[node] > left:
            while node & 1:  # a right child: nothing more to its right at this level
                node >>= 1
                if node == 1:
                    return self.count
            node += 1
        while node < self.size:
            node = 2 * node if ends[2 * node] <= left else 2 * node + 1
        return node - self.size

    def _set(self, row: int, right: float) -> None:
        """Put a box that ends at `right` in `row` (which ends before the box begins)."""
        ends, node = self.ends, row + self.size
        if row >= self.count:
            self.count = row + 1
        ends[node] = least = right
        while node > 1:  # up the tree while the least right end below changes
            sibling = ends[node ^ 1]
            if sibling < least:  # noqa: PLR1730 - no call to min(): the layout's hottest loop
                least = sibling
            node >>= 1
            if ends[node] == least:
                break
            ends[node] = least
