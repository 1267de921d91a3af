"""The time axis of the pictures: one rate, long empty stretches cut (SPEC §8)."""

from __future__ import annotations

import itertools

from hypothesis import example, given
from hypothesis import strategies as st

from chrono.dates import parse_date
from chrono.precision import US_PER_DAY
from chrono.timescale import fit, span_text

YEAR = 365 * US_PER_DAY
TIMES = st.integers(-2000 * YEAR, 60 * YEAR)
SPANS = st.lists(
    st.tuples(TIMES, st.integers(0, 5 * YEAR)).map(lambda p: (p[0], p[0] + p[1])),
    min_size=1,
    max_size=30,
)


@given(SPANS)
def test_positions_keep_time_order_and_one_rate(spans: list[tuple[int, int]]) -> None:
    scale = fit(spans, 1000.0)
    times = sorted({t for span in spans for t in span})
    xs = [scale.position(t) for t in times]
    assert all(a <= b for a, b in itertools.pairwise(xs))  # time order
    rates = [
        (s.x1 - s.x0) / (s.hi - s.lo) for s in scale.segments if s.x1 - s.x0 > 1 and s.hi > s.lo
    ]
    assert not rates or max(rates) <= min(rates) * (1 + 1e-9)  # one rate for every segment
    # a break only where no span is: every span lies inside one segment
    for lo, hi in spans:
        assert scale.segment(lo) is scale.segment(hi)
    # breaks are of one length, and the axis is about as long as asked
    assert all(abs(b[1] - b[0] - 40.0) < 1e-6 for b in scale.breaks())
    assert scale.end <= 1000.0 + 24.0 * len(scale.segments)


@given(SPANS, st.lists(st.integers(-2100 * YEAR, 70 * YEAR), max_size=20))
def test_positions_at_once_are_position_of_each(
    spans: list[tuple[int, int]], others: list[int]
) -> None:
    """The layout places every mark with `positions`: the same numbers as `position`,
    on one segment (its quick pass) or many, for times inside the scale and past it."""
    scale = fit(spans, 1000.0)
    times = [t for span in spans for t in span] + others
    assert scale.positions(times) == [scale.position(t) for t in times]


def test_a_desert_is_cut_and_labelled() -> None:
    dates = [parse_date(t) for t in ("1994-05-04", "2025-08-08", "2025-11")]
    scale = fit([(d.lo, d.hi) for d in dates], 1000.0)
    assert [text for _, _, text in scale.breaks()] == ["31 years"]
    # the two 2025 dates take the axis, not the thirty years between
    assert scale.position(dates[2].hi) - scale.position(dates[1].lo) > 800


def test_deep_time_reads_in_eras() -> None:
    dates = [parse_date(t) for t in ("-0043-03-15", "1066", "1994", "2025")]
    scale = fit([(d.lo, d.hi) for d in dates], 1000.0)
    assert [text for _, _, text in scale.breaks()] == ["1,109 years", "927 years"]
    labels = [t.label for t in scale.ticks(90.0)]
    assert "2000" in labels


def test_span_text() -> None:
    assert span_text(3 * US_PER_DAY) == "3 days"
    assert span_text(15 * US_PER_DAY) == "2 weeks"
    assert span_text(75 * US_PER_DAY) == "2 months"
    assert span_text(int(28.2 * 365.2425 * US_PER_DAY)) == "28 years"
    assert span_text(US_PER_DAY // 24) == "1 hour"


def _plain_union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if found and lo <= found[-1][1]:
            found[-1] = (found[-1][0], max(found[-1][1], hi))
        else:
            found.append((lo, hi))
    return found or [(0, 0)]


@given(
    st.lists(st.tuples(st.integers(-50, 50), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1])))
)
def test_clusters_are_the_union_of_the_spans(spans: list[tuple[int, int]]) -> None:
    """The union made with running maxima is the union made a span at a time."""
    from chrono.timescale import _clusters

    assert _clusters(sorted(spans)) == _plain_union(spans)


@given(
    st.lists(
        st.tuples(st.integers(-50, 50), st.integers(0, 20), st.booleans(), st.booleans()).map(
            lambda p: (p[0], p[0] + p[1], p[2], p[3], True)
        )
    )
)
def test_held_reaches_open_intervals_to_the_others(
    spans: list[tuple[int, int, bool, bool, bool]],
) -> None:
    from chrono.pictures import held

    known = [(lo, hi) for lo, hi, *_ in spans] or [(0, 0)]
    first, last = min(lo for lo, _ in known), max(hi for _, hi in known)
    plain = [(first if s else lo, last if e else hi) for lo, hi, s, e, _ in spans] or [(0, 0)]
    assert held(spans) == plain


def test_ticks_fall_on_round_years_before_and_after_the_era() -> None:
    """3000 BCE, 2500 BCE ... as readers count (not 3001 BCE, astronomical -3000), and
    no tick at a span's end, which is the first instant after it."""
    dates = [parse_date(t) for t in ("3100 BCE", "2025")]
    scale = fit([(d.lo, d.hi) for d in dates], 1000.0, share=1.0)
    labels = [t.label for t in scale.ticks(90.0)]
    assert labels[:3] == ["3000 BCE", "2500 BCE", "2000 BCE"]
    assert "500 BCE" in labels
    assert all(not label.endswith("1 BCE") or label == "1 BCE" for label in labels)
    one = parse_date("1997")
    assert [t.label for t in fit([(one.lo, one.hi)], 100.0).ticks(30.0)][-1] == "Jul 1997"
    years = [parse_date(t) for t in ("1996", "1997")]
    labels = [t.label for t in fit([(d.lo, d.hi) for d in years], 20.0).ticks(5.0)]
    assert labels == ["1996", "1997"]  # (not 1998, where 1997 ends)


@given(
    st.integers(1, 9999),
    st.integers(20, 800),
    st.floats(300.0, 3000.0),
    st.sampled_from([60.0, 90.0]),
)
@example(2025, 176, 1100.0, 90.0)  # (a reviewer's: ticks every 4 weeks, not every 2)
@example(2021, 365, 1100.0, 90.0)  # (the trial's: no March)
def test_ticks_are_regular(year: int, days: int, length: float, spacing: float) -> None:
    """A year's axis left out March (a new user's report): its tick was 28 days after
    February's, nearer than the spacing allowed; and past 14 days a step of 14 days
    lost every other tick (a reviewer's). Steps are chosen by their shortest, so that
    the ticks of a stretch are every N months, or every N days."""
    from chrono.precision import civil_from_days, days_from_civil

    lo = days_from_civil(year, 1, 1) * US_PER_DAY
    ticks = fit([(lo, lo + days * US_PER_DAY)], length).ticks(spacing=spacing)
    found = [civil_from_days(t.t // US_PER_DAY) for t in ticks]
    if all(day == 1 for _, _, day in found):  # (months)
        steps = {(b[0] - a[0]) * 12 + b[1] - a[1] for a, b in itertools.pairwise(found)}
    else:
        steps = {(b.t - a.t) // US_PER_DAY for a, b in itertools.pairwise(ticks)}
    assert len(steps) <= 1, found


def test_hours_are_ticked_in_the_events_zone() -> None:
    """Events hours apart had no tick between them (only a day's, at midnight UTC):
    an axis of hours is ticked at round clock times, read where the events are."""
    import datetime as dt

    from chrono.timescale import clock_text

    new_york = dt.timezone(dt.timedelta(hours=-4))
    times = [parse_date(f"2025-08-08T{t}-04:00") for t in ("09:00", "13:00", "19:00")]
    scale = fit([(d.lo, d.lo) for d in times], 1000.0)
    ticks = scale.ticks(90.0, zone=new_york)
    assert [t.label for t in ticks] == [f"{h:02}:00" for h in range(9, 19)]
    assert scale.position(ticks[4].t) == scale.position(times[1].lo)  # 13:00 at 13:00
    assert [t.label for t in scale.ticks(90.0, utc=True)][:2] == ["13:00 UTC", "14:00 UTC"]
    assert clock_text(times[0].lo, new_york) == "09:00"
    assert clock_text(times[0].lo, utc=True) == "13:00 UTC"
    # a day's midnight is its date; a step of minutes where minutes are far apart
    night = [parse_date(t) for t in ("2025-08-08T20:00Z", "2025-08-09T08:00Z")]
    labels = [t.label for t in fit([(d.lo, d.lo) for d in night], 300.0).ticks(90.0)]
    assert labels == ["9 Aug", "06:00"]  # (every six hours: 90 px is 3.6 hours)
    minutes = [parse_date(t) for t in ("2025-08-08T14:00Z", "2025-08-08T14:20Z")]
    labels = [t.label for t in fit([(d.lo, d.lo) for d in minutes], 1000.0).ticks(90.0)]
    assert labels == [f"14:{m:02}" for m in range(0, 20, 2)]


def test_ticks_across_a_change_of_clocks_name_times_that_happened() -> None:
    """Stepping on the clock's face, a Paris axis on 30 March 2025 had ticks `02:00` and
    `02:30`, times that did not happen there, at 03:00 and 03:30; the repeated hour of
    26 October had none (a reviewer's). Ticks step in elapsed time."""
    from chrono.dates import load_zone
    from chrono.timescale import _round_times

    paris = load_zone("Europe/Paris")
    spring = [parse_date(t).start for t in ("2025-03-30T01:00+01:00", "2025-03-30T05:00+02:00")]
    labels = [label for _, label in _round_times(spring[0].lo, spring[1].lo, 1.8e9, paris)]
    assert labels == ["01:00", "01:30", "03:00", "03:30", "04:00", "04:30"]
    autumn = [parse_date(t).start for t in ("2025-10-26T01:00+02:00", "2025-10-26T04:00+01:00")]
    labels = [label for _, label in _round_times(autumn[0].lo, autumn[1].lo, 1.8e9, paris)]
    assert labels == ["01:00", "01:30", "02:00", "02:30", "02:00", "02:30", "03:00", "03:30"]


def test_a_month_in_a_zone_ends_at_its_last_midnight_there() -> None:
    """March in Paris ended at 31 Mar 23:00 UTC, the offset of its first day (a
    reviewer's): it ends at 1 April's midnight, summer time."""
    from chrono.dates import load_zone
    from chrono.loading import load_text
    from chrono.pictures import bounds, in_zone

    events = load_text("timezone: Europe/Paris\nevents:\n- {date: 2025-03, title: M}\n").events
    ((lo, hi, *_),) = in_zone(events, [bounds(e) for e in events], load_zone("Europe/Paris"))
    assert (lo, hi) == (
        parse_date("2025-02-28T23:00Z").start.lo,
        parse_date("2025-03-31T22:00Z").start.lo,
    )
