"""Time to position, with long empty stretches cut out (SPEC §8): for the pictures.

A chronology from 1994 to 2025 with one event in 1994 is mostly a desert at any
single scale. `fit` keeps one rate (units of length per unit of time) for every
part of the axis, so distances compare, and cuts out each empty stretch that is
long both against the whole time and against the usual gap between events: the
cut is drawn as a marked axis break of fixed length, labelled with the time it
leaves out (`⋯ 28 years`).
Positions are proportional to time between breaks.

Times are microseconds since 1970 (as `ChronoDate.lo`/`hi`), any era.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, pairwise
from operator import gt, itemgetter, sub

from chrono.precision import (
    MONTHS,
    US_PER_DAY,
    US_PER_MINUTE,
    civil_from_days,
    days_from_civil,
    year_text,
)

__all__ = [
    "Scale",
    "Segment",
    "Tick",
    "clock_text",
    "end_text",
    "fit",
    "midnight",
    "span_text",
    "year_at",
]

_YEAR = 365.2425 * US_PER_DAY


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of time drawn to scale, from `lo` to `hi`, at `x0`…`x1`."""

    lo: int
    hi: int
    x0: float
    x1: float

    def position(self, t: int) -> float:
        if self.hi == self.lo:
            return (self.x0 + self.x1) / 2
        return self.x0 + (t - self.lo) * (self.x1 - self.x0) / (self.hi - self.lo)


@dataclass(frozen=True, slots=True)
class Tick:
    t: int
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Scale:
    """Segments left to right; between two neighbours, a break of `gap` length."""

    segments: tuple[Segment, ...]
    start: float  # where the axis begins and ends
    end: float

    def segment(self, t: int) -> Segment:
        """The segment that holds `t` (the nearest, for a time in a break)."""
        for seg in self.segments:
            if t <= seg.hi:
                return seg
        return self.segments[-1]

    def position(self, t: int) -> float:
        seg = self.segment(t)
        return seg.position(min(max(t, seg.lo), seg.hi))

    def positions(self, times: Sequence[int]) -> list[float]:
        """`position` of each time, the same numbers: on a scale of one segment (most
        chronologies without a desert) in one pass without a call for each."""
        if len(self.segments) > 1:
            return list(map(self.position, times))
        seg = self.segments[0]
        lo, hi, x0 = seg.lo, seg.hi, seg.x0
        if hi == lo:
            return [(x0 + seg.x1) / 2] * len(times)
        length, duration = seg.x1 - x0, hi - lo
        # (clamped by comparisons: calls to min() and max() cost more than the arithmetic)
        clamped = (lo if t < lo else hi if t > hi else t for t in times)  # noqa: FURB136
        return [x0 + (t - lo) * length / duration for t in clamped]

    def breaks(self) -> Iterator[tuple[float, float, str]]:
        """Each break: where it starts and ends, and the time it leaves out."""
        for a, b in pairwise(self.segments):
            yield a.x1, b.x0, span_text(b.lo - a.hi)

    def ticks(self, spacing: float, zone: dt.tzinfo | None = None, utc: bool = False) -> list[Tick]:
        """Round dates inside the segments, at least `spacing` apart.  Clock times and
        days (on a scale of minutes to weeks) are read in `zone` (None: as written,
        which is UTC here); with `utc`, each clock time says it is UTC."""
        found: list[Tick] = []
        for seg in self.segments:
            if seg.hi == seg.lo:
                continue
            rate = (seg.x1 - seg.x0) / (seg.hi - seg.lo)
            for t, label in _round_times(seg.lo, seg.hi, spacing / rate, zone):
                x = seg.position(t)
                if not found or x - found[-1].x >= spacing:
                    found.append(Tick(t, x, label))
        if utc:
            found = [Tick(t.t, t.x, f"{t.label} UTC") if ":" in t.label else t for t in found]
        return found


def fit(
    spans: Sequence[tuple[int, int]],
    length: float,
    *,
    gap: float = 40.0,
    share: float = 0.15,
    most: int = 12,
    point: float = 24.0,
) -> Scale:
    """A scale on which `spans` (lo, hi) take about `length`: one rate for all, and each
    empty stretch longer than `share` of the whole time and three times the usual
    gap between events (the `most` longest of them at most) cut to a break of `gap`.
    A segment that is one instant is `point` long."""
    ordered = sorted(spans, key=itemgetter(0))  # (ties in any order: the same clusters)
    clusters = _clusters(ordered)
    gaps = [b[0] - a[1] for a, b in pairwise(clusters)]
    whole = clusters[-1][1] - clusters[0][0]
    # A desert is long against the whole and against how far apart events usually
    # are where they are not deserts: the median of the other gaps between starts.
    # Points spread evenly have no such gaps, and are drawn uncut.
    starts = list(map(itemgetter(0), ordered))
    limit = share * whole
    # (starts are in order: a gap is 0 or more)
    usual = sorted(filter(limit.__ge__, filter(None, map(sub, starts[1:], starts))))
    longest = heapq.nlargest(most, range(len(gaps)), key=gaps.__getitem__)
    cut = set()
    if usual:
        typical = usual[len(usual) // 2]
        cut = {i for i in longest if gaps[i] > limit and gaps[i] > 3 * typical}
    kept = whole - sum(gaps[i] for i in cut)
    room = length - gap * len(cut)
    rate = room / kept if kept > 0 else 0.0
    segments: list[Segment] = []
    x = 0.0
    lo = clusters[0][0]
    for i, (a, b) in enumerate(pairwise([*clusters, (0, 0)])):
        if i < len(gaps) and i not in cut:
            continue
        hi = a[1]
        size = (hi - lo) * rate if hi > lo else point
        segments.append(Segment(lo, hi, x, x + size))
        x += size + gap
        lo = b[0]
    return Scale(tuple(segments), 0.0, segments[-1].x1)


def _clusters(ordered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of the spans, in order of their starts, as disjoint (lo, hi) in order."""
    if not ordered:
        return [(0, 0)]
    los = list(map(itemgetter(0), ordered))
    reach = list(accumulate(map(itemgetter(1), ordered), max))  # the furthest end so far
    # a cluster begins where a span starts after every span before it has ended
    begins = compress(range(1, len(los)), map(gt, los[1:], reach))
    firsts = [0, *begins, len(los)]
    return [(los[a], reach[b - 1]) for a, b in pairwise(firsts)]


def span_text(us: int) -> str:
    """A length of time as people say it: `28 years`, `3 months`, `5 days`."""
    days = us / US_PER_DAY
    for size, unit in ((365.2425, "year"), (30.436875, "month"), (7, "week"), (1, "day")):
        if days >= size:
            n = round(days / size)
            return f"{n:,} {unit}{'s' if n != 1 else ''}"
    hours = us / (60 * US_PER_MINUTE)
    n = max(round(hours), 1)
    return f"{n} hour{'s' if n != 1 else ''}"


_YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)


def _round_years(first: int, last: int, step: int) -> Iterator[int]:
    """Astronomical years from `first` to `last` that are round as readers count them:
    500 BCE (astronomical -499) and 1000 BCE, then 500 CE and 1000."""
    year = first + (1 - first) % step  # BCE: 1 - year is a multiple of step
    while year <= min(last, 0):
        yield year
        year += step
    year = max(step, -(-first // step) * step)
    while year <= last:
        yield year
        year += step


_CLOCK_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720)  # minutes
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _round_clock(lo: int, hi: int, step: int, zone: dt.tzinfo) -> Iterator[tuple[int, str]]:
    """Round clock times in `zone` from `lo` to before `hi`, `step` minutes apart: `14:30`,
    and a day's midnight as its date (`8 Aug`).  They step in elapsed time, each
    labelled as the zone's clocks read it: at a change of clocks no tick names a time
    that did not happen (`02:30` in Paris on 30 March 2025), and the repeated hour has
    its ticks."""
    start = _wall(lo, zone)
    if start is None or _wall(hi, zone) is None:  # (before year 1 or after 9999)
        return
    day = start.replace(hour=0, minute=0, second=0, microsecond=0)
    minutes = -(-(start - day) // dt.timedelta(minutes=step)) * step
    t = (day + dt.timedelta(minutes=minutes) - _EPOCH) // dt.timedelta(microseconds=1)
    while t < hi:
        now = _wall(t, zone)
        assert now is not None  # (between lo and hi, which have clocks)
        at_midnight = now.hour == now.minute == 0
        yield t, f"{now.day} {MONTHS[now.month - 1]}" if at_midnight else f"{now:%H:%M}"
        t += step * US_PER_MINUTE


@functools.lru_cache(maxsize=4096)
def midnight(zone: dt.tzinfo | None, year: int, month: int, day: int) -> int:
    """`zone`'s offset at a day's midnight, in microseconds east of UTC (0 for no zone,
    and where there is no clock: before year 1 or after 9999)."""
    if zone is None or not 1 <= year <= 9999:
        return 0
    offset = dt.datetime(year, month, day, tzinfo=zone).utcoffset()
    return 0 if offset is None else offset // dt.timedelta(microseconds=1)


def _wall(t: int, zone: dt.tzinfo | None) -> dt.datetime | None:
    """`t` on the clocks of `zone` (None: UTC); None before year 1 or after 9999."""
    try:
        return (_EPOCH + dt.timedelta(microseconds=t)).astimezone(zone or dt.timezone.utc)
    except OverflowError:
        return None


def clock_text(t: int, zone: dt.tzinfo | None = None, utc: bool = False) -> str:
    """The clock time of `t` in `zone` (None: UTC, unsaid), `14:30`, with `UTC` if asked;
    the year where it has no clock (before year 1 or after 9999)."""
    wall = _wall(t, zone)
    if wall is None:
        return year_text(civil_from_days(t // US_PER_DAY)[0])
    return f"{wall:%H:%M}{' UTC' if utc else ''}"


def year_at(t: int, zone: dt.tzinfo | None = None) -> str:
    """The year `t` falls in, on the clocks of `zone` (a day placed from its midnight
    there is in its own year)."""
    wall = _wall(t, zone)
    return year_text(wall.year if wall is not None else civil_from_days(t // US_PER_DAY)[0])


def end_text(t: int, span: int, zone: dt.tzinfo | None = None) -> str:
    """What an axis `span` microseconds long says at its end `t`: the day where it spans
    under two months (a summit's two days are not `2025 … 2025`), the month under two
    years, else the year (`year_at`)."""
    wall = _wall(t, zone)
    if wall is None or span >= 2 * _YEAR:
        return year_at(t, zone)
    month = f"{MONTHS[wall.month - 1]} {year_text(wall.year)}"
    return f"{wall.day} {month}" if span < 61 * US_PER_DAY else month


def _round_times(
    lo: int, hi: int, least: float, zone: dt.tzinfo | None = None
) -> Iterator[tuple[int, str]]:
    """Round dates from `lo` to before `hi` (the end of a span is its first instant after
    it), at least `least` microseconds apart, labelled; read in `zone` (years, months
    and days from their midnight there)."""
    if least <= _CLOCK_STEPS[-1] * US_PER_MINUTE:
        step = next(s for s in _CLOCK_STEPS if s * US_PER_MINUTE >= least)
        yield from _round_clock(lo, hi, step, zone or dt.timezone.utc)
        return
    first_year = civil_from_days(lo // US_PER_DAY)[0]
    last_year = civil_from_days(hi // US_PER_DAY)[0]
    if least > 0.9 * _YEAR:
        step = next((s for s in _YEAR_STEPS if s * _YEAR >= least), _YEAR_STEPS[-1])
        for year in _round_years(first_year, last_year, step):
            t = days_from_civil(year, 1, 1) * US_PER_DAY - midnight(zone, year, 1, 1)
            if lo <= t < hi:
                yield t, year_text(year)
        return
    if least > 14 * US_PER_DAY:  # months: 1, 3 or 6 at a time (past a step of 14 days)
        # (by the shortest of each: February, its quarter, its half year; by the mean,
        # March's tick fell closer to February's than the spacing, and was dropped)
        shortest = {1: 28, 3: 90, 6: 181}
        step = next((s for s in (1, 3, 6) if shortest[s] * US_PER_DAY >= least), 12)
        for year in range(first_year, last_year + 1):
            for month in range(1, 13, step):
                t = days_from_civil(year, month, 1) * US_PER_DAY - midnight(zone, year, month, 1)
                if lo <= t < hi:
                    label = year_text(year) if month == 1 else f"{MONTHS[month - 1]} {year}"
                    yield t, label
        return
    step_days = next((s for s in (1, 2, 7, 14) if s * US_PER_DAY >= least), 14)
    # (each day from its midnight in `zone`, as years and months: from the day `lo` is
    # on the zone's clocks)
    day = (lo + midnight(zone, *civil_from_days(lo // US_PER_DAY))) // US_PER_DAY
    day += (-day) % step_days
    while (t := day * US_PER_DAY - midnight(zone, *civil_from_days(day))) < hi:
        if t >= lo:
            year, month, dom = civil_from_days(day)
            yield t, f"{dom} {MONTHS[month - 1]} {year_text(year)}"
        day += step_days
