"""Dates as authors write them: partial, qualified, BCE, intervals (SPEC §2).

A `ChronoDate` keeps the text it was read from and the span of time it can
denote, as integer microseconds on the proleptic Gregorian calendar with
astronomical year numbering (year 0 is 1 BCE).  Integers, not `datetime`, so
that `-0043`, `199X` and `2025-08-08T14:30Z` all sort on one axis.

Reading is strict grammar first (ISO 8601 / EDTF), natural language second
(python-dateutil), and never invents a field the author did not write.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from chrono._values import Value
from chrono.errors import DateError
from chrono.precision import (
    MEANINGS,
    MONTH_NAMES,
    MONTHS,
    US_PER_DAY,
    US_PER_MINUTE,
    US_PER_SECOND,
    Precision,
    civil_from_days,
    civil_from_instant,
    days_in_month,
    year_text,
)

__all__ = ["ChronoDate", "DateError", "DatePoint", "Precision", "iso_day", "parse_date"]

OPEN_LO = -(10**30)  # an open start (`../1994`) sorts before every date
OPEN_HI = 10**30  # an open end (`1994/..`) lasts after every date
# (an enum's member looked up on its class costs several times a global's lookup, and
# `display` and `zones_differ` ask it of every date)
_MINUTE, _SECOND = Precision.MINUTE, Precision.SECOND


# --------------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class DatePoint(Value):
    """One written date at its precision, with the span `[lo, hi)` it can denote.

    `year` is astronomical (0 = 1 BCE); for a decade or century it is the first
    year (`199X` -> 1990).  `offset` is minutes east of UTC for an instant, None for
    a floating date or time.  `zone` names the time zone a floating clock time was
    placed in for sorting (SPEC §7); it is not part of what was written.
    """

    precision: Precision
    year: int
    month: int
    day: int
    hour: int
    minute: int
    second: int
    microsecond: int
    offset: int | None
    approximate: bool
    uncertain: bool
    lo: int
    hi: int
    zone: str | None = None
    fraction_digits: int = 0

    @property
    def floating(self) -> bool:
        """A clock time with neither offset nor zone (SPEC §2)."""
        return self.precision >= _MINUTE and self.offset is None and self.zone is None

    def at_offset(self, offset: int) -> DatePoint:
        """This floating clock time at `offset` minutes east of UTC (its lo and hi were
        its clock read as UTC)."""
        shift = offset * US_PER_MINUTE
        return dataclasses.replace(self, offset=offset, lo=self.lo - shift, hi=self.hi - shift)

    def meaning(self) -> tuple[int, int, int, bool, bool]:
        """What the author meant, whatever the spelling: `44 BCE` == `-0043`."""
        return (self.precision, self.lo, self.hi, self.approximate, self.uncertain)

    def display(self, zone: bool = False) -> str:
        """The date for readers, never more precise than written (SPEC §2); with
        `zone`, a clock time placed in a named zone says which (`14:30 Asia/Baku`)."""
        precision = self.precision
        text = _SHOWN[precision](self.year, self.month, self.day)
        if precision >= _MINUTE:
            text += " " + _clock(self)
            if zone and self.zone is not None and self.offset is None:
                text += " " + self.zone
        if self.approximate:
            text = "~" + text
        if self.uncertain:
            text += "?"
        return text

    def shape(self, zone: bool = False) -> tuple[object, ...]:
        """What the width of `display(zone)` depends on: points of one shape display as
        texts of one length that differ only in digits and in a month's name (three
        letters each), so the longest of many dates is among one of each shape."""
        year = self.year
        return (
            self.precision,
            # From 1000 to 9999 a year is four digits at every precision (`19XX`, `199X`,
            # `1994`); the rest, rare, are told apart year by year.
            1000 if 1000 <= year <= 9999 else year,
            self.day > 9,
            self.offset,
            self.zone if zone else None,
            self.approximate,
            self.uncertain,
            self.fraction_digits,
        )

    def iso_bounds(self) -> tuple[str, str]:
        """ISO 8601 text of the first and last instant or day (SPEC §7, JSON)."""
        if self.precision >= Precision.MINUTE:
            text = _iso_time(self)
            return text, text
        first = iso_day(self.year, self.month, self.day)  # at every precision, its first day
        if self.precision is Precision.DAY:
            return first, first
        return first, iso_day(*civil_from_days((self.hi - 1) // US_PER_DAY))


@dataclass(frozen=True, slots=True)
class ChronoDate(Value):
    """A date or interval as written, with what it means.

    For a single date `end is start`; an open side of an interval is None.
    """

    text: str
    start: DatePoint | None
    end: DatePoint | None
    interval: bool = False

    @property
    def lo(self) -> int:
        return self.start.lo if self.start is not None else OPEN_LO

    @property
    def hi(self) -> int:
        return self.end.hi if self.end is not None else OPEN_HI

    @property
    def precision(self) -> Precision:
        point = self.start if self.start is not None else self.end
        assert point is not None  # parse_date refuses `../..`
        return point.precision

    @property
    def approximate(self) -> bool:
        start, end = self.start, self.end  # (no generator: exports ask this of every event)
        return (start is not None and start.approximate) or (end is not None and end.approximate)

    @property
    def uncertain(self) -> bool:
        start, end = self.start, self.end
        return (start is not None and start.uncertain) or (end is not None and end.uncertain)

    @property
    def bce(self) -> bool:
        return any(p is not None and p.year <= 0 for p in (self.start, self.end))

    def sort_key(self) -> tuple[int, int, int]:
        """Earliest instant, then coarser precision first, then end (SPEC §2, §7)."""
        return (self.lo, int(self.precision), self.hi)

    def meaning(self) -> tuple[object, ...]:
        """Equal for dates that mean the same, however written (SPEC §7)."""
        start = self.start.meaning() if self.start is not None else None
        if not self.interval:
            return (start,)
        end = self.end.meaning() if self.end is not None else None
        return (start, end)

    def display(self, zones: bool = False) -> str:
        """For readers; with `zones`, clock times say their zone (see `zones_differ`)."""
        if not self.interval:
            assert self.start is not None
            return self.start.display(zones)
        first = self.start.display(zones) if self.start is not None else "…"
        last = self.end.display(zones) if self.end is not None else "…"
        if self._one_day():  # `8 Aug 2025 10:30 – 12:00 +04:00`: the day and zone once
            at, end_at = _CLOCK_TEXT.search(first), _CLOCK_TEXT.search(last)
            assert at is not None
            assert end_at is not None
            clock, _, zone = first[at.start() :].partition(" ")
            if last[end_at.start() :].partition(" ")[2] == zone:
                return f"{first[: at.start()]}{clock} – {last[end_at.start() :]}"
        return f"{first} – {last}"

    def _one_day(self) -> bool:
        """An interval of two clock times of one day in one zone, neither qualified."""
        start, end = self.start, self.end
        return (
            start is not None
            and end is not None
            and start.precision >= _MINUTE
            and end.precision >= _MINUTE
            and (start.year, start.month, start.day) == (end.year, end.month, end.day)
            and (start.offset, start.zone) == (end.offset, end.zone)
            and not (start.approximate or start.uncertain or end.approximate or end.uncertain)
        )

    def shape(self, zones: bool = False) -> tuple[object, ...]:
        """Equal for dates whose `display(zones)` are texts of one length that differ only
        in digits and months' names (see `DatePoint.shape`): the widest of many dates is
        found by displaying one date of each shape."""
        start, end = self.start, self.end
        if not self.interval:
            assert start is not None
            return start.shape(zones)
        return (
            start.shape(zones) if start is not None else None,
            end.shape(zones) if end is not None else None,
            self._one_day(),
        )

    def iso_bounds(self) -> tuple[str | None, str | None]:
        """ISO text of the earliest and latest instant; None for an open side."""
        if self.end is self.start and self.start is not None:  # a single date
            return self.start.iso_bounds()
        first = self.start.iso_bounds()[0] if self.start is not None else None
        last = self.end.iso_bounds()[1] if self.end is not None else None
        return first, last

    def contains(self, other: ChronoDate) -> bool:
        return self.lo <= other.lo and other.hi <= self.hi


# --------------------------------------------------------------------------- display

_CLOCK_TEXT = re.compile(r"\d{1,2}:\d\d")


def zones_differ(dates: Iterable[ChronoDate]) -> bool:
    """True when the clock times among `dates` are not all of one zone: then a
    reader needs each one's zone to compare them (`14:30 Asia/Baku` is not `14:30
    America/New_York`).  A time with an offset shows it anyway; one without zone or
    offset (floating) counts as a zone of its own."""
    seen: set[object] = set()
    for date in dates:
        if not date.interval:
            point = date.start
            assert point is not None
            if point.precision < _MINUTE:
                continue  # most dates: a day, a month, a year
        for p in (date.start, date.end):
            if p is not None and p.precision >= _MINUTE:
                seen.add(p.zone if p.offset is None else p.offset)
                if len(seen) > 1:
                    return True
    return False


def clock_zone(dates: Iterable[ChronoDate]) -> dt.tzinfo | None:
    """Where the first clock time among `dates` is read (where all are, when their
    zones do not differ): its offset or IANA zone; None when there is no clock time,
    or it is floating."""
    for date in dates:
        for p in (date.start, date.end):
            if p is not None and p.precision >= _MINUTE:
                if p.offset is not None:
                    return dt.timezone(dt.timedelta(minutes=p.offset))
                return load_zone(p.zone) if p.zone is not None else None
    return None


def _clock(p: DatePoint) -> str:
    """A clock time as readers see it, with its offset: `14:30`, `14:30:05 +04:00`."""
    clock = f"{p.hour:02d}:{p.minute:02d}"
    if p.precision is _SECOND:
        clock += f":{p.second:02d}" + _fraction(p)
    return clock + _offset_text(p.offset, " ")


# How a date of each precision reads (`Meaning.display`), looked up once a date.
_SHOWN = {precision: meaning.display for precision, meaning in MEANINGS.items()}


def _fraction(p: DatePoint) -> str:
    if not p.fraction_digits:
        return ""
    return "." + f"{p.microsecond:06d}"[: p.fraction_digits]


def _offset_text(offset: int | None, sep: str) -> str:
    if offset is None:
        return ""
    if offset == 0:
        return sep + "UTC" if sep else "Z"
    sign = "+" if offset > 0 else "-"
    hours, minutes = divmod(abs(offset), 60)
    return f"{sep}{sign}{hours:02d}:{minutes:02d}"


def iso_day(year: int, month: int, day: int) -> str:
    """A day as ISO 8601 text, astronomical years (`-0043-03-15` is 15 March 44 BCE)."""
    if year >= 0:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"-{-year:04d}-{month:02d}-{day:02d}"


def _iso_time(p: DatePoint) -> str:
    """The clock time with its offset: as written, or the zone's then for a clock time
    placed in a named zone (an instant too, SPEC §7); none for a floating time."""
    text = f"{iso_day(p.year, p.month, p.day)}T{p.hour:02d}:{p.minute:02d}"
    if p.precision is Precision.SECOND:
        text += f":{p.second:02d}" + _fraction(p)
    if p.offset is not None:
        return text + _offset_text(p.offset, "")
    # as the instant was placed (`_make_point`)
    seconds = _zone_offset(p.zone, p.year, p.month, p.day, p.hour, p.minute)
    if seconds is None:
        return text
    if seconds % 60:  # local mean time before 1900 or so: RFC 3339 has no offset
        # of seconds, so the instant in UTC, to its second
        year, month, day, hour, minute, second, _ = civil_from_instant(p.lo)
        text = f"{iso_day(year, month, day)}T{hour:02d}:{minute:02d}:{second:02d}"
        return text + (_fraction(p) if p.precision is Precision.SECOND else "") + "Z"
    return text + _offset_text(seconds // 60, "")


# --------------------------------------------------------------------------- building


def _make_point(
    precision: Precision,
    year: int,
    month: int = 1,
    day: int = 1,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
    *,
    offset: int | None = None,
    zone: str | None = None,
    qualifiers: tuple[bool, bool] = (False, False),
    fraction_digits: int = 0,
) -> DatePoint:
    """Check the fields and compute the span; `DateError` for an impossible date."""
    _check_fields(precision, year, month, day, hour, minute, second)
    lo, hi = _span(precision, year, month, day, hour, minute, second, microsecond)
    if precision >= Precision.MINUTE:
        if offset is not None:
            shift = offset * US_PER_MINUTE
        else:
            seconds = _zone_offset(zone, year, month, day, hour, minute)
            if seconds is None:
                zone = None
            shift = (seconds or 0) * US_PER_SECOND
        lo -= shift
        hi -= shift
    else:
        offset, zone = None, None
    return DatePoint(
        precision,
        year,
        month,
        day,
        hour,
        minute,
        second,
        microsecond,
        offset,
        qualifiers[0],
        qualifiers[1],
        lo,
        hi,
        zone,
        fraction_digits,
    )


class _ImpossibleDate(DateError):
    """A date of the right form whose fields do not exist (2025-02-30)."""


def _check_fields(
    precision: Precision, year: int, month: int, day: int, hour: int, minute: int, second: int
) -> None:
    if precision >= Precision.MONTH and not 1 <= month <= 12:
        raise _ImpossibleDate(f"there is no month {month:02d}")
    if precision >= Precision.DAY:
        last = days_in_month(year, month)
        if not 1 <= day <= last:
            name = f"{MONTH_NAMES[month - 1]} {year_text(year)}"
            raise _ImpossibleDate(f"{name} has {last} days")
    if precision >= Precision.MINUTE and not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise _ImpossibleDate(f"{hour:02d}:{minute:02d} is not a time of day")
    if precision >= Precision.SECOND and not 0 <= second <= 59:
        raise _ImpossibleDate(f"second {second:02d} does not exist")


def _span(
    precision: Precision,
    year: int,
    month: int,
    day: int,
    hour: int,
    minute: int,
    second: int,
    microsecond: int,
) -> tuple[int, int]:
    first, after = precision.meaning.days(year, month, day)
    if precision < Precision.MINUTE:
        return first * US_PER_DAY, after * US_PER_DAY
    lo = first * US_PER_DAY + (hour * 60 + minute) * US_PER_MINUTE
    if precision is Precision.MINUTE:
        return lo, lo + US_PER_MINUTE
    lo += second * US_PER_SECOND + microsecond
    return lo, lo + (US_PER_SECOND if not microsecond else 1)


def _zone_offset(
    zone: str | None, year: int, month: int, day: int, hour: int, minute: int
) -> int | None:
    """Seconds east of UTC of a local clock time in `zone`, or None (SPEC §7): whole
    minutes since standard time, but a zone's local mean time before it had seconds
    (Kathmandu +05:41:16 until 1920)."""
    if zone is None or not 1 <= year <= 9999:
        return None
    tz = load_zone(zone)
    offset = dt.datetime(year, month, day, hour, minute, tzinfo=tz).utcoffset()
    return None if offset is None else int(offset.total_seconds())


def revised_at(value: object) -> int | None:
    """When an event's `revised` says it was last changed (a calendar's LAST-MODIFIED,
    as `chrono import` keeps it): the instant, in µs since 1970; None where the value
    is not one instant (one clock time with an offset or `Z`, to the minute or finer,
    neither approximate nor uncertain).  Merging and ICS export read it alike."""
    if not isinstance(value, str):
        return None
    try:
        read = parse_date(value)
    except DateError:
        return None
    start = read.start
    if read.interval or start is None or start.offset is None or read.precision < _MINUTE:
        return None
    return None if read.approximate or read.uncertain else read.lo


def clock_cautions(date: ChronoDate) -> list[str]:
    """What to say of a clock time read in a zone on a night its clocks changed: one
    they skipped (`02:30` as they went forward) or showed twice (as they went back). It
    is read as RFC 5545 §3.3.5 reads it (the offset before the change; the first), and
    the user, who may have meant another, is told which."""
    said: list[str] = []
    ends = (date.start,) if date.end == date.start else (date.start, date.end)
    for p in ends:
        if p is None or p.zone is None or p.offset is not None or not 1 <= p.year <= 9999:
            continue
        if p.precision not in (Precision.MINUTE, Precision.SECOND):
            continue
        if (p.month, p.day) not in _change_days(p.zone, p.year):  # (most days)
            continue
        tz = load_zone(p.zone)
        wall = dt.datetime(p.year, p.month, p.day, p.hour, p.minute, tzinfo=tz)
        first, second = wall.utcoffset(), wall.replace(fold=1).utcoffset()
        if first is None or first == second:
            continue
        day = f"{p.day} {MONTHS[p.month - 1]} {p.year} {p.hour:02d}:{p.minute:02d}"
        offset = _offset_text(int(first.total_seconds()) // 60, "")
        gap = second is not None and first < second  # (the offset before it is smaller)
        if gap:
            after = wall.astimezone(dt.timezone.utc).astimezone(tz)
            called = f"{after:%H:%M}" if after.day == p.day else (
                f"{after.day} {MONTHS[after.month - 1]} {after.year} {after:%H:%M}")  # fmt: skip
            said.append(f"{day} did not happen in {p.zone} (its clocks went forward): read "
                        f"as {p.hour:02d}:{p.minute:02d} {offset}, which its clocks called "
                        f"{called}")  # fmt: skip
        else:
            said.append(f"{day} happened twice in {p.zone} (its clocks went back): read as "
                        f"the first, {offset}; write the offset to choose")  # fmt: skip
    return said


@functools.cache
def _change_days(zone: str, year: int) -> frozenset[tuple[int, int]]:
    """The days of `year` (month, day) on which `zone`'s clocks changed: its offset at
    the day's start differs from the next day's.  Once a zone and year (366 offsets),
    so that a chronology's every clock time asks a set."""
    tz = load_zone(zone)
    day = dt.datetime(year, 1, 1, tzinfo=tz)
    offset, changes = day.utcoffset(), set()
    while day.year == year:
        try:
            following = day + dt.timedelta(days=1)
        except OverflowError:  # (31 Dec 9999)
            break
        if (then := following.utcoffset()) != offset:
            changes.add((day.month, day.day))
        day, offset = following, then
    return frozenset(changes)


@functools.cache
def load_zone(name: str) -> dt.tzinfo:
    """An IANA time zone; `DateError` when the name is unknown."""
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        near = _nearest_zone(name)
        hint = f"did you mean '{near}'?" if near else "expected an IANA name such as Asia/Baku"
        if _UTC_PLUS.fullmatch(name.strip()):  # (`GMT+4`: the nearest name was `GMT+0`)
            hint = ("a time zone is a place's IANA name, such as Asia/Baku; or write the "
                    "offset in each date, 2025-08-08T14:30+04:00")  # fmt: skip
        raise DateError(f"unknown time zone '{name}' ({hint})") from None


def zone_caution(name: str) -> str | None:
    """What a person naming `name` as their events' zone may not know: IANA names that
    hold one offset all year, taken for a place's time (`EST` reads a summer 14:30 an
    hour off New York's), and `Etc/GMT+4`, four hours behind UTC.  A warning, not an
    error: a calendar's `TZID=EST` means what it says, and its import keeps it."""
    if place := _FIXED_ZONES.get(name):
        offset = _offset_text(int(load_zone(name).utcoffset(None) // dt.timedelta(minutes=1)), "")  # type: ignore[operator]
        return (f"time zone '{name}' is UTC{offset} all year, without summer time; for "
                f"the place's time, name the place, such as {place}")  # fmt: skip
    if (etc := _ETC_GMT.fullmatch(name)) and int(etc[2]):
        east = f"{'-' if etc[1] == '+' else '+'}{int(etc[2]):02}:00"
        return (f"time zone '{name}' is UTC{east} (POSIX's sign, the other way round); "
                "name the place, or write the offset in each date")  # fmt: skip
    return None


_FIXED_ZONES = {"EST": "America/New_York", "MST": "America/Denver", "HST": "Pacific/Honolulu"}
_ETC_GMT = re.compile(r"(?i)Etc/GMT([+-])(\d{1,2})")


def _nearest_zone(name: str) -> str | None:
    """The IANA zone a mistyped name most likely meant (`Europe/Lisbn`, `asia/baku`)."""
    import difflib
    import zoneinfo

    zones = {zone.casefold(): zone for zone in zoneinfo.available_timezones()}
    found = difflib.get_close_matches(name.casefold(), zones, n=1, cutoff=0.8)
    return zones[found[0]] if found else None


# --------------------------------------------------------------------------- parsing

_QUALIFIERS = "~?%"
_ISO = re.compile(
    r"(?P<year>[+-]?\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:[Tt ](?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<frac>\d{1,6}))?)?"
    r"\s*(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
    r")?)?)?"
)
_UNSPECIFIED = re.compile(r"(?P<digits>\d{2,3})(?P<x>[Xx]{1,2})")
_QUARTER = re.compile(r"(?P<year>[+-]?\d{4})-[Qq](?P<q>[1-4])|[Qq](?P<q2>[1-4])\s+(?P<rest>.+)")
_SHORT_SIGNED = re.compile(r"(?P<sign>[+-])(?P<year>\d{1,3})(?P<rest>-\d.*)?")
_EDTF_QUARTERS = range(33, 37)  # EDTF level 2's sub-year groupings 33-36: Q1 to Q4
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d+)")
_SLASHED_ISO = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_YEAR_FIRST = re.compile(r"\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}\b")
_ERA = re.compile(
    r"(?P<body>.*?\d)\s*(?:(?P<bce>B\.?C\.?E?\.?)|(?P<ce>C\.?E\.?|A\.?D\.?))"
    r"(?:\s+(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<frac>\d{1,6}))?)?"
    r"(?:\s*(?P<tz>UTC|Z|[+-]\d{2}:?\d{2}))?)?",
    re.IGNORECASE,
)
# An era before the year: AD (`AD 33`, `A.D. 1066`), or one written after it (`BC 44`)
_ERA_FIRST = re.compile(
    r"(?P<before>(?:.*?[\s,])?)(?P<era>(?P<ad>A\.?D\.?)|B\.?C\.?E?\.?|C\.?E\.?)\s*(?P<year>\d{1,4})",
    re.IGNORECASE,
)
_BCE_BODY = re.compile(
    r"(?:(?P<d1>\d{1,2})\s+)?"
    r"(?:(?P<mon>[A-Za-z]+)\.?\s+(?:(?P<d2>\d{1,2}),?\s+)?)?"
    r"(?P<year>\d{1,5})"  # (10000 BCE is astronomical -9999, ISO's first year)
)
_EXAMPLES = "e.g. 1994, 1994-05, 1994-05-04, 2025-08-08T14:30, ~2025-08, 199X, -0043-03-15, 1994/.."


def parse_date(text: str, *, zone: str | None = None, day_first: bool | None = None) -> ChronoDate:
    """Read a written date (SPEC §2); raise `DateError` saying what is wrong.

    `zone` places floating clock times for sorting; `day_first` settles numeric
    dates such as `04/05/2025` (None: refuse them when both readings are possible).

    >>> parse_date("May 1994").display()
    'May 1994'
    """
    return _parse_cached(text, zone, day_first)


@functools.lru_cache(maxsize=65_536)
def _parse_cached(text: str, zone: str | None, day_first: bool | None) -> ChronoDate:
    written = " ".join(text.split())
    if not written:
        raise DateError("empty date")
    head = written.split(" ", 1)[0]  # `04/05/2025 14:30` is a date, not an interval
    if "/" in written and (named := _zone_named(written, day_first)) is not None:
        raise named  # (`2025-08-08T14:30 Europe/Paris` is not an interval)
    if "/" in written and not (_NUMERIC.fullmatch(head) or _SLASHED_ISO.fullmatch(head)):
        return _parse_interval(written, zone, day_first)
    point = _parse_point(written, zone, day_first)
    return ChronoDate(written, point, point)


# A month written with a slash (`2025/10`, `10/2025`): read as START/END, it is not one.
_MONTH_SLASHED = re.compile(
    r"(?P<y>\d{4})/(?P<m>0?[1-9]|1[0-2])|(?P<m2>0?[1-9]|1[0-2])/(?P<y2>\d{4})"
)


def _parse_interval(text: str, zone: str | None, day_first: bool | None) -> ChronoDate:
    parts = text.split("/")
    if len(parts) != 2:
        raise DateError(f"unknown date form '{text}' (an interval is START/END)")
    first, last = (p.strip() for p in parts)
    try:
        start = None if first in ("..", "") else _parse_point(first, zone, day_first)
        end = None if last in ("..", "") else _parse_point(last, zone, day_first)
    except DateError as exc:  # (say it is read as an interval: `2025/10` is not October)
        hint = ""
        if month := _MONTH_SLASHED.fullmatch(text):
            year, number = month["y"] or month["y2"], int(month["m"] or month["m2"])
            hint = f"; for a month, write {year}-{number:02}"
        raise DateError(f"{exc}, in the interval '{text}'{hint}") from None
    if start is None and end is None:
        raise DateError(f"interval '{text}' has neither start nor end")
    # One end's clock time with an offset, the other's with none (`…T14:30+04:00/
    # 2025-08-08T16:00`): the end was read in UTC, a bar 5.5 hours long. The offset
    # written once is the interval's, as ISO 8601 reads what an end leaves out.
    if start is not None and end is not None:
        if end.floating and start.offset is not None:
            end = end.at_offset(start.offset)
        elif start.floating and end.offset is not None:
            start = start.at_offset(end.offset)
    if start is not None and end is not None and end.hi <= start.lo:
        raise DateError(f"interval '{text}' ends before it starts")
    return ChronoDate(text, start, end, interval=True)


# A date with an IANA zone's name after it, as some tools write it (`… Europe/Paris`,
# RFC 9557's `…[Europe/Paris]`).
_ZONE_NAMED = re.compile(
    r"(?P<date>.*\d(?:\s*[AaPp]\.?[Mm]\.?)?)\s*\[?(?P<zone>[A-Za-z][A-Za-z_]+(?:/[A-Za-z0-9_+-]+)+)\]?"
)


class ZoneNamed(DateError):
    """A date that names its IANA zone (`2025-08-08T14:30 Europe/Paris`).  How chrono
    writes it depends on where it was written: `said` gives the advice for a place
    that holds a zone (`where`: a timeline's `timezone:` key, a CSV's column), or for
    one that holds none (a `--from` date: its offset)."""

    def __init__(self, text: str, date: str, zone: str, offset: str | None, has_offset: bool):
        self.text, self.date, self.zone = text, date, zone
        self.offset, self.has_offset = offset, has_offset
        super().__init__(self.said(f"with timezone: {zone} for the timeline or the event"))

    def __reduce__(self) -> tuple[object, ...]:  # (its arguments, not its message)
        return (ZoneNamed, (self.text, self.date, self.zone, self.offset, self.has_offset))

    def said(self, where: str | None) -> str:
        said = f"a time zone's name cannot be in a date ('{self.text}')"
        if self.has_offset:  # (RFC 9557: the offset already says the instant)
            return f"{said}: write {self.date}"
        ways = [f"{self.date}, {where}"] if where else []
        if self.offset is not None:
            ways.append(f"its offset: {self.offset}")
        return f"{said}: write {', or '.join(ways) if ways else self.date}"


def _zone_named(text: str, day_first: bool | None) -> DateError | None:
    """The error for a date that names its zone, saying how chrono writes it; None
    for any other text."""
    named = _ZONE_NAMED.fullmatch(text)
    if named is None:
        return None
    date, zone = named["date"].strip(), named["zone"]
    if zone.split("/")[0].title() not in _ZONE_AREAS:
        return None
    try:
        load_zone(zone)
    except DateError:
        near = _nearest_zone(zone)
        if near is None:
            return None
        zone = near  # (`Europe/Parris`, `europe/paris`: the zone it looks like)
    try:
        point = _parse_point(date, zone, day_first)
    except DateError:  # (a date that does not read alone: said as it is)
        return None
    offset = None
    if point.precision >= Precision.MINUTE and point.offset is None:
        seconds = _zone_offset(zone, point.year, point.month, point.day, point.hour, point.minute)
        if seconds is not None and not seconds % 60:
            space = "" if date[-1].isdigit() else " "  # (`8 Aug 2025 2:30 PM +02:00`)
            offset = f"{date}{space}{_offset_text(seconds // 60, '')}"
    return ZoneNamed(text, date, zone, offset, point.offset is not None)


_ZONE_AREAS = frozenset({"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
                         "Australia", "Europe", "Indian", "Pacific", "Etc"})  # fmt: skip


def _split_qualifiers(text: str) -> tuple[str, tuple[bool, bool]]:
    """Strip EDTF qualifiers: `~` approximate, `?` uncertain, `%` both."""
    marks = ""
    while text and text[0] in _QUALIFIERS:
        marks, text = marks + text[0], text[1:].lstrip()
    while text and text[-1] in _QUALIFIERS:
        marks, text = marks + text[-1], text[:-1].rstrip()
    return text, ("~" in marks or "%" in marks, "?" in marks or "%" in marks)


def _parse_point(text: str, zone: str | None, day_first: bool | None) -> DatePoint:
    body, qualifiers = _split_qualifiers(text)
    if not body:
        raise DateError(f"unknown date form '{text}' ({_EXAMPLES})")
    try:
        _refuse_seasons(body)  # (before ISO's reading: `1848-49` is no month 49)
        for reader in (_parse_iso, _parse_unspecified, _parse_quarter, _parse_era):
            point = reader(body, zone, qualifiers)
            if point is not None:
                return point
        numeric = _parse_numeric(body, day_first, qualifiers)
        if numeric is not None:
            return numeric
        _refuse_short_signed_year(body)
        _refuse_decades_in_words(body)
        _refuse_circa(body)
        if compact := _COMPACT.fullmatch(body):  # (`20250808`: a year of 8 digits)
            parts = [p for p in compact.groups() if p]
            if _reads("-".join(parts)):  # (`20251332` is no date written otherwise)
                raise DateError(f"unknown date form '{body}': write {'-'.join(parts)}")
        if cut := _TIME_LEFT_OUT.fullmatch(body):  # (dateutil reads it as the day alone)
            raise DateError(f"'{text}' has a T but no time after it: write {cut[1]} for "
                            f"the day, or its time ({cut[1]}T14:30)")  # fmt: skip
        return _parse_natural(body, zone, day_first, qualifiers)
    except _ImpossibleDate as exc:
        raise DateError(f"impossible date '{text}' ({exc})") from None


# An ISO date cut after its `T` (`1994-05-04T`): a time left out, not a day.
_TIME_LEFT_OUT = re.compile(r"([+-]?\d{4}-\d{2}-\d{2})[Tt]")
_CIRCA = re.compile(
    r"(?i)(?:c|ca|circa|approx|approximately|about)(?:\.\s*|\s+|(?=\d))(?P<date>.+)"
)
# ISO 8601's basic form of a day or month (`20250808`, `202508`), which chrono does not
# read (dateutil took `20250808` for a year)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})?")
_DECADE_IN_WORDS = re.compile(r"(?i)(?:the\s+)?(?P<digits>\d{3}0)['’]?s")


def _refuse_circa(body: str) -> None:
    """`c. 1850`, `circa 1850`, `ca. 1850`: an approximate date, which chrono writes
    with `~` (EDTF): say so, rather than list every form."""
    m = _CIRCA.fullmatch(body)
    if m is not None and _reads(m["date"]):
        raise DateError(f"unknown date form '{body}': write an approximate date with ~: "
                        f"~{m['date']}")  # fmt: skip


_SEASON = re.compile(
    r"(?i)(?:early\s+|late\s+)?(?:spring|summer|autumn|fall|winter)\s+(?P<year>\d{3,4})"
)
_YEAR_DASH = re.compile(r"(?P<year>\d{4})-(?P<two>\d{2})")


def _refuse_seasons(body: str) -> None:
    """`spring 1857`, and EDTF's seasons and other groupings but quarters (`1857-21`,
    which chrono does not read either: a season's months differ by hemisphere), say to
    write the months; `1848-49`, a range of years, says how an interval is written."""
    season = _SEASON.fullmatch(body)
    year_dash = _YEAR_DASH.fullmatch(body)
    if year_dash is not None and 33 <= int(year_dash["two"]) <= 36:
        return  # (EDTF's quarters, which chrono reads: `2025-35` is Q3 2025)
    if season is not None:
        year = season["year"]
        raise DateError(f"unknown date form '{body}': seasons are not read (their months differ by "
                        f"hemisphere): write the months as an interval, such as {year}-03/{year}-05")  # fmt: skip
    if year_dash is not None and 21 <= int(year_dash["two"]) <= 41:
        year = year_dash["year"]
        raise DateError(f"unknown date form '{body}': EDTF's seasons and other sub-year groupings "
                        "but quarters (33–36) are not read: write the months as an interval, such "
                        f"as {year}-03/{year}-05")  # fmt: skip
    if year_dash is not None and int(year_dash["two"]) > 12:
        start = int(year_dash["year"])
        end = start - start % 100 + int(year_dash["two"])
        if end > start:
            raise DateError(f"unknown date form '{body}': an interval of years is written "
                            f"START/END: {start}/{end}")  # fmt: skip


def _reads(text: str) -> bool:
    """Whether `text` is a date chrono reads."""
    try:
        _parse_point(text, None, None)
    except DateError:
        return False
    return True


def _refuse_decades_in_words(body: str) -> None:
    """`1990s` is a decade, which dateutil would read as 1,990 seconds: say how to
    write it (`199X`; `1900s` may be the decade or the century)."""
    m = _DECADE_IN_WORDS.fullmatch(body)
    if m is None:
        return
    digits = m["digits"]
    hint = f"write {digits[:-1]}X for the decade"
    if digits.endswith("00"):
        hint += f", {digits[:-2]}XX for the century"
    raise DateError(f"unknown date form '{body}': {hint}")


def _refuse_short_signed_year(body: str) -> None:
    """A signed year of fewer than four digits (`-500`, `-44-03-15`) is never read
    without its sign (dateutil would drop it): it is refused, saying how to write it
    (SPEC §10)."""
    m = _SHORT_SIGNED.fullmatch(body)
    if m is None:
        return
    year, rest = int(m["year"]), m["rest"] or ""
    if m["sign"] == "+":
        raise DateError(f"signed year '{body}' needs four digits: write {year:04d}{rest}")
    astronomical = f"-{year - 1:04d}" if year > 1 else "0000"
    raise DateError(
        f"signed year '{body}' needs four digits: write {astronomical}{rest} for {year} BCE "
        "(astronomical years: 0000 is 1 BCE), or write BCE"
    )


def _parse_iso(body: str, zone: str | None, qualifiers: tuple[bool, bool]) -> DatePoint | None:
    m = _ISO.fullmatch(body)
    if m is None:
        return None
    g = m.groupdict()
    year = int(g["year"])
    if g["month"] is None:
        return _make_point(Precision.YEAR, year, qualifiers=qualifiers)
    if g["day"] is None:
        month = int(g["month"])
        if month in _EDTF_QUARTERS:  # `2025-35` is Q3 2025
            return _make_point(Precision.QUARTER, year, 3 * (month - 32) - 2, qualifiers=qualifiers)
        return _make_point(Precision.MONTH, year, month, qualifiers=qualifiers)
    ymd = (year, int(g["month"]), int(g["day"]))
    if g["hour"] is None:
        return _make_point(Precision.DAY, *ymd, qualifiers=qualifiers)
    precision = Precision.SECOND if g["second"] is not None else Precision.MINUTE
    frac = g["frac"] or ""
    return _make_point(
        precision,
        *ymd,
        int(g["hour"]),
        int(g["minute"]),
        int(g["second"] or 0),
        int(frac.ljust(6, "0")) if frac else 0,
        offset=_parse_offset(g["tz"]),
        zone=zone,
        qualifiers=qualifiers,
        fraction_digits=len(frac),
    )


def _parse_offset(text: str | None) -> int | None:
    if text is None:
        return None
    if text in ("Z", "z"):
        return 0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise _ImpossibleDate(f"UTC offset '{text}' does not exist")
    return sign * (hours * 60 + minutes)


def _parse_unspecified(
    body: str, zone: str | None, qualifiers: tuple[bool, bool]
) -> DatePoint | None:
    m = _UNSPECIFIED.fullmatch(body)
    if m is None or len(m["digits"]) + len(m["x"]) != 4:
        return None
    if len(m["x"]) == 1:
        return _make_point(Precision.DECADE, int(m["digits"]) * 10, qualifiers=qualifiers)
    return _make_point(Precision.CENTURY, int(m["digits"]) * 100, qualifiers=qualifiers)


def _parse_quarter(body: str, zone: str | None, qualifiers: tuple[bool, bool]) -> DatePoint | None:
    """`2025-Q3`, `Q3 2025`, `Q1 44 BCE` (EDTF's `2025-35` is read with ISO dates)."""
    m = _QUARTER.fullmatch(body)
    if m is None:
        return None
    if m["year"] is not None:
        year, quarter = int(m["year"]), int(m["q"])
    else:
        written = _parse_iso(m["rest"], None, (False, False)) or _parse_era(
            m["rest"], None, (False, False)
        )
        if written is None or written.precision is not Precision.YEAR:
            raise DateError(f"unknown date form '{body}' (write a quarter as 2025-Q3 or Q3 2025)")
        year, quarter = written.year, int(m["q2"])
    return _make_point(Precision.QUARTER, year, 3 * quarter - 2, qualifiers=qualifiers)


def _parse_era(body: str, zone: str | None, qualifiers: tuple[bool, bool]) -> DatePoint | None:
    """`44 BCE`, `Mar 44 BC`, `15 Mar 44 BCE`, `March 15, 44 BC`, `500 CE` (SPEC §2);
    AD also before the year, as it is traditionally written (`AD 33`, `14 Oct AD 1066`)."""
    first = _ERA_FIRST.fullmatch(body)
    if first is not None:
        if not first["ad"]:
            raise DateError(f"unknown date form '{body}' (write the era after the year: "
                            f"{first['before']}{first['year']} {first['era'].rstrip()})")  # fmt: skip
        body = f"{first['before']}{first['year']} AD"
    m = _ERA.fullmatch(body)
    if m is None:
        return None
    parts = _BCE_BODY.fullmatch(m["body"])
    if parts is None:
        raise DateError(f"unknown date form '{body}' (write e.g. '15 Mar 44 BCE' or '500 CE')")
    if int(parts["year"]) == 0:
        raise DateError(f"unknown date form '{body}' (there is no year 0: 1 BCE precedes 1 CE)")
    # 1 BCE is astronomical year 0, 44 BCE is -43
    year = 1 - int(parts["year"]) if m["bce"] else int(parts["year"])
    if m["hour"] is not None and (parts["d1"] or parts["d2"]) is None:
        raise DateError(f"unknown date form '{body}' (a time needs a day)")
    if parts["mon"] is None:
        if parts["d1"] is not None:
            raise DateError(f"unknown date form '{body}' (a day needs a month)")
        return _make_point(Precision.YEAR, year, qualifiers=qualifiers)
    month = _month_number(parts["mon"], body)
    day = parts["d1"] or parts["d2"]
    if day is None:
        return _make_point(Precision.MONTH, year, month, qualifiers=qualifiers)
    if m["hour"] is None:
        return _make_point(Precision.DAY, year, month, int(day), qualifiers=qualifiers)
    frac = m["frac"] or ""
    tz = m["tz"]
    return _make_point(
        Precision.SECOND if m["second"] else Precision.MINUTE,
        year,
        month,
        int(day),
        int(m["hour"]),
        int(m["minute"]),
        int(m["second"] or 0),
        int(frac.ljust(6, "0")) if frac else 0,
        offset=_parse_offset("Z" if tz and tz.upper() == "UTC" else tz),
        zone=zone,
        qualifiers=qualifiers,
        fraction_digits=len(frac),
    )


def _month_number(name: str, body: str) -> int:
    lowered = name.lower()
    for number, full in enumerate(MONTH_NAMES, start=1):
        if len(lowered) >= 3 and full.lower().startswith(lowered):
            return number
    raise DateError(f"unknown date form '{body}' ('{name}' is not a month)")


def _parse_numeric(
    body: str, day_first: bool | None, qualifiers: tuple[bool, bool]
) -> DatePoint | None:
    """`25/12/2025`, `4.5.2025`, `2025/08/08`: refuse the ambiguous (SPEC §7)."""
    iso = _SLASHED_ISO.fullmatch(body)
    if iso is not None:
        year, month, day = (int(g) for g in iso.groups())
        return _make_point(Precision.DAY, year, month, day, qualifiers=qualifiers)
    m = _NUMERIC.fullmatch(body)
    if m is None:
        return None
    a, b, year_text_ = int(m[1]), int(m[3]), m[4]
    if len(year_text_) != 4:
        raise DateError(f"unknown date form '{body}' (write the year with four digits)")
    year = int(year_text_)
    if a <= 12 and b <= 12 and a != b and day_first is None:
        raise DateError(
            f"ambiguous date '{body}': {a} {MONTH_NAMES[b - 1]} {year} (--day-first) "
            f"or {MONTH_NAMES[a - 1]} {b}, {year} (--month-first)"
        )
    if day_first is None:
        day_first = a > 12
    day, month = (a, b) if day_first else (b, a)
    return _make_point(Precision.DAY, year, month, day, qualifiers=qualifiers)


_LONG_YEAR = re.compile(r"(?<![\d.,:])\d{5,}")  # five digits or more, not a fraction

# Two defaults that differ in every field: a field that comes back the same from
# both parses was written by the author; dateutil filled in the others (STYLE §3).
_SENTINELS = (dt.datetime(2000, 1, 1, 0, 0, 0, 0), dt.datetime(2004, 2, 2, 1, 1, 1, 1))


def _parse_natural(
    body: str, zone: str | None, day_first: bool | None, qualifiers: tuple[bool, bool]
) -> DatePoint:
    """`August 8, 2025`, `8 Aug 2025`, `May 1994`: precision is what was written."""
    if _LONG_YEAR.search(body):  # (dateutil would say `year 10000 is out of range`)
        raise _ImpossibleDate("years run from -9999, 10000 BCE, to 9999")
    if body.isdigit() and len(body) <= 2:  # (dateutil would take `31` for a day)
        raise DateError(f"unknown date form '{body}' (write the year with four digits)")
    numeric = _NUMERIC.match(body.split(" ")[0])
    if numeric is not None:  # `04/05/2025 14:30`: an ambiguous or impossible day is
        _parse_numeric(numeric[0], day_first, qualifiers)  # said as without the time
    # (a date written year first is year, month, day: dateutil's dayfirst would read
    # `2025/01/02 21:00` as 1 February)
    ordered = day_first is not None  # (an order chosen: `04 05 2025` is read in it)
    day_first = bool(day_first) and not _YEAR_FIRST.match(body)
    readable, weekdays = _without_weekdays(_refuse_written_twice(body))
    if not ordered:
        _refuse_numbers_alone(body, readable)
    first, second = (_dateutil_parse(readable, default, day_first, body) for default in _SENTINELS)
    same = [getattr(first, f) == getattr(second, f) for f in _FIELDS]
    if not same[0]:
        raise DateError(f"unknown date form '{body}' (it has no year)")
    if not any(len(run) >= 3 and int(run) == first.year for run in re.findall(r"\d+", body)):
        raise DateError(f"unknown date form '{body}' (write the year with four digits)")
    written = 1 + next((i for i, s in enumerate(same[1:]) if not s), len(same) - 1)
    if written == 4 and not any(same[written:]):  # (`2 PM`: an hour without minutes)
        raise DateError(f"unknown date form '{body}' (a time is written with its minutes: "
                        "2:00 PM, or 14:00)")  # fmt: skip
    if any(same[written:]) or written == 4:
        raise DateError(f"unknown date form '{body}' (write a date as {_EXAMPLES})")
    precision = _NATURAL_PRECISION[written]
    if weekdays:
        _refuse_other_weekday(body, weekdays, precision, first)
    offset = None
    if first.tzinfo is not None:
        offset = _natural_offset(first, body)
    fields = [getattr(first, f) for f in _FIELDS]
    fraction = re.search(r"\d:\d\d[.,](\d{1,6})", body)
    return _make_point(
        precision,
        *fields[:written],
        offset=offset,
        zone=zone,
        qualifiers=qualifiers,
        fraction_digits=len(fraction[1]) if fraction else 0,
    )


# dateutil keeps the last of two times, offsets or years (`10:00 11:00` is 11:00,
# `8 Aug 2025 2026` is 20:26): a field written twice is a mistake to show, not to
# choose. And it reads `UTC+4` the POSIX way, as four hours *behind* UTC, where people
# (and ISO 8601's `+04:00`) mean ahead: chrono reads the offset as written. `Z+02`
# (POSIX again, to dateutil) is two offsets.
_CLOCK_RUN = re.compile(r"(?<![\d:+-])\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?(?![\d:])")
_UTC_PLUS = re.compile(r"(?i)\b(?:UTC|GMT|UT)\s*([+-])\s*(\d{1,2})(:?\d{2})?\b")
_OFFSET_RUN = re.compile(r"(?:(?<=\s)|(?<=Z)|^)[+-]\d{1,2}(?::?\d{2})?\b|\b(?:UTC|GMT|UT|Z)\b")
_YEAR_RUN = re.compile(r"\d{3,}")
# Between the two ends of a range as people write one: a dash, spaced or between two
# numbers, an en or em dash, or `to`
_RANGE_DASH = re.compile(r"\s*(?:[–—]|\s-\s|(?<=\d)-(?=\d)|\sto\s|\suntil\s)\s*", re.IGNORECASE)
_UTC_WORD = re.compile(r"(?i)\b(?:utc|gmt)\b")
_BRACKETED_UTC = re.compile(r"(?i)\(\s*((?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?)\s*\)")
_HALF_DAY = re.compile(r"(?i)\b[ap]\.?m\b\.?")


def _refuse_numbers_alone(body: str, readable: str) -> None:
    """`04 05 2025`, `8 2025`, `8th 2025`: numbers with no month name and no separator
    that says their order, which dateutil read month first (5 April) or as a month
    (`8 2025` was August).  `04/05/2025` is read, or refused, as a numeric date."""
    day = _OFFSET_RUN.sub(" ", _HALF_DAY.sub(" ", _CLOCK_RUN.sub(" ", readable)))
    if _NUMBERS_ALONE.fullmatch(day) and not _YEAR_MONTH_DAY.fullmatch(day):
        raise DateError(f"unknown date form '{body}' (numbers alone do not say which is the "
                        "month: write it as 2025-05-04, or with the month's name, 4 May "
                        "2025)")  # fmt: skip


_YEAR_MONTH_DAY = re.compile(r"\s*\d{4}\s+\d{1,2}\s+\d{1,2}\s*")  # (ISO's order: read)
# Two numbers or more, separated by spaces or commas only, ordinals among them.
_NUMBERS_ALONE = re.compile(r"(?i)[\s,]*\d+(?:st|nd|rd|th)?(?:[\s,]+\d+(?:st|nd|rd|th)?)+[\s,]*")


def _offset_minutes(offset: str) -> int:
    """`+04:00`, `-0330`, `+4`, `UTC` as minutes east of UTC."""
    digits = offset[1:].replace(":", "")
    if offset[:1] not in "+-" or not digits.isdigit():
        return 0  # (UTC, GMT, UT, Z)
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    return (-1 if offset[0] == "-" else 1) * (int(hours) * 60 + int(minutes))


def _refuse_written_twice(body: str) -> str:
    """Refuse two times, offsets or years in one date; give dateutil `UTC+4` as `+04`."""
    clocks = _CLOCK_RUN.findall(body)
    if len(clocks) > 1:
        raise DateError(f"unknown date form '{body}' (two times: {clocks[0]} and {clocks[1]})")
    halves = _HALF_DAY.findall(body)
    if len(halves) > 1:  # (`2:30 AM PM` was 14:30)
        raise DateError(f"unknown date form '{body}' (two halves of the day: {halves[0]} and "
                        f"{halves[1]})")  # fmt: skip
    readable = _BRACKETED_UTC.sub(r" \1", body)  # (`14:30 (UTC+4)`, as `14:30 UTC+4`)
    readable = _UTC_WORD.sub(lambda m: m[0].upper(), readable)  # (`utc`, as `UTC`)
    readable = _UTC_PLUS.sub(lambda m: f"{m[1]}{m[2].zfill(2)}{m[3] or ''}", readable)
    rest = _CLOCK_RUN.sub(" T ", readable)
    offsets = _OFFSET_RUN.findall(rest)
    for offset in offsets:  # (`+24` made Python's timezone raise: a traceback)
        if not -12 * 60 <= _offset_minutes(offset) <= 14 * 60:
            hint = (
                "a time range is START/END"
                if offset.startswith("-") and ":" in offset
                else "offsets run from -12:00 to +14:00"
            )
            raise DateError(
                f"impossible date '{body}' (UTC offset {offset} does not exist; {hint})"
            )
    other = next((o for o in offsets if _offset_minutes(o) != _offset_minutes(offsets[0])), None)
    if other is not None:  # (`+0000 (UTC)` says one offset twice: read)
        raise DateError(f"unknown date form '{body}' (two offsets: {offsets[0]} and {other})")
    years = _YEAR_RUN.findall(_OFFSET_RUN.sub(" ", rest))
    ends = _RANGE_DASH.split(body, maxsplit=1)
    if len(years) > 1 and len(ends) == 2 and all(_YEAR_RUN.search(end) for end in ends):
        # (`1850-1860`, `Feb 1848 – Jun 1848`: a writer's range)
        raise DateError(f"unknown date form '{body}': an interval is written START/END: "
                        f"{ends[0]}/{ends[1]}")  # fmt: skip
    if len(years) > 1:
        raise DateError(
            f"unknown date form '{body}' (two years: {years[0]} and {years[1]}; "
            "write a time with a colon, 14:30)"
        )
    return readable


_WEEKDAY_NAMES = (
    "monday mon",
    "tuesday tue tues",
    "wednesday wed",
    "thursday thu thur thurs",
    "friday fri",
    "saturday sat",
    "sunday sun",
)
_WEEKDAYS = {name: n for n, names in enumerate(_WEEKDAY_NAMES) for name in names.split()}


def _without_weekdays(body: str) -> tuple[str, list[str]]:
    """`Friday, 8 Aug 2025` less its weekday, which dateutil would use to move a date
    that has no day (`Monday Aug 2025` would be the first Monday)."""
    named: list[str] = []

    def drop(m: re.Match[str]) -> str:
        named.append(m[1])
        return " "

    return _WEEKDAY_WORD.sub(drop, body), named


_WEEKDAY_WORD = re.compile(rf"(?ai)\b({'|'.join(_WEEKDAYS)})\b\.?,?")  # (ASCII: `ſat` is not one)


def _refuse_other_weekday(
    body: str, named: list[str], precision: Precision, value: dt.datetime
) -> None:
    """`Monday 8 Aug 2025` (a Friday) names two days: a mistake to show, not to choose."""
    if precision < Precision.DAY:
        raise DateError(f"unknown date form '{body}' ({named[0]} names no day of the month)")
    actual = value.date()
    for name in named:
        if _WEEKDAYS[name.lower()] != actual.weekday():
            raise DateError(
                f"impossible date '{body}' ({actual.day} {actual:%b %Y} is a {actual:%A})"
            )


_FIELDS = ("year", "month", "day", "hour", "minute", "second", "microsecond")
# number of written fields -> precision (4 = an hour without minutes: refused)
_NATURAL_PRECISION = {
    1: Precision.YEAR,
    2: Precision.MONTH,
    3: Precision.DAY,
    5: Precision.MINUTE,
    6: Precision.SECOND,
    7: Precision.SECOND,
}


# Names that mean UTC everywhere; any other zone name would depend on the machine.
_UTC_NAMES = {"UTC": 0, "GMT": 0, "UT": 0, "Z": 0}


_PAST_NOON = re.compile(r"\b(?:1[3-9]|2[0-4]):\d\d(?::\d\d)?\s*[AaPp]\.?[Mm]\b\.?")


def _dateutil_parse(readable: str, default: dt.datetime, day_first: bool, body: str) -> dt.datetime:
    """dateutil's reading of `readable`; its errors quote `body`, the date as written."""
    from dateutil import parser

    with warnings.catch_warnings():
        warnings.simplefilter("error", parser.UnknownTimezoneWarning)
        try:
            return parser.parse(readable, default=default, dayfirst=day_first, tzinfos=_UTC_NAMES)
        except parser.UnknownTimezoneWarning:
            raise DateError(
                f"unknown time zone in '{body}' (write an offset such as +04:00)"
            ) from None
        except (parser.ParserError, ValueError, OverflowError) as exc:
            if past_noon := _PAST_NOON.search(body):  # (dateutil: "unknown string format")
                raise DateError(f"impossible date '{body}' ({past_noon[0]}: a time past "
                                "12:59 has no AM or PM)") from None  # fmt: skip
            reason = str(exc.args[0]) if exc.args else ""
            if "out of range" in reason or " must be in " in reason:  # `February 30`
                reason = reason.split(":")[0]
                raise DateError(f"impossible date '{body}' ({reason})") from None
            if foreign := _foreign_word(body):  # (`8 août 2025`: dateutil reads English)
                raise DateError(f"unknown date form '{body}' ('{foreign}' is not English: "
                                "write the date in English, e.g. 8 Aug 2025, or 2025-08-08)"
                                ) from None  # fmt: skip
            if near := _near_month(body):  # (`8 Agu 2025`)
                raise DateError(f"unknown date form '{body}' ('{near[0]}' is not a month: "
                                f"did you mean {near[1]}?)") from None  # fmt: skip
            raise DateError(f"unknown date form '{body}' ({_EXAMPLES})") from None


# Month and weekday names of French, German, Spanish, Italian, Portuguese and Dutch,
# without accents, that English does not share: a date written with one (`8 août
# 2025`, `Freitag, 8. August 2025`) is told to use English, which dateutil reads.
_FOREIGN = (
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre"
    " lundi mardi mercredi jeudi vendredi samedi dimanche januar februar marz juni juli"
    " oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag enero"
    " febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre"
    " diciembre lunes martes miercoles jueves viernes sabado domingo gennaio febbraio"
    " aprile maggio giugno luglio settembre ottobre dicembre lunedi martedi mercoledi"
    " giovedi venerdi janeiro fevereiro marco maio junho julho setembro outubro novembro"
    " dezembro segunda terca quarta quinta sexta januari februari maart mei augustus"
    " maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
)
_FOREIGN_DATE_WORDS = frozenset(_FOREIGN.split())


_FULL_MONTHS = [name.casefold() for name in MONTH_NAMES]
_SHORT_MONTHS = [name[:3] for name in _FULL_MONTHS]
_OTHER_DATE_WORDS = "am pm utc gmt of the at on and th st nd rd sept"
_KNOWN_WORDS = frozenset([*_FULL_MONTHS, *_SHORT_MONTHS, *_WEEKDAYS]) | frozenset(
    _OTHER_DATE_WORDS.split()
)


def _near_month(body: str) -> tuple[str, str] | None:
    """A word of `body` that is no month's name but near one (`Agu`, `Marc`), and the
    month it is near, written as the word is (abbreviated or whole)."""
    import difflib

    for word in re.findall(r"[A-Za-z]{3,}", body):
        folded = word.casefold().rstrip(".")
        if folded in _KNOWN_WORDS:
            continue
        names = _FULL_MONTHS if len(folded) > 4 else _SHORT_MONTHS
        found = difflib.get_close_matches(folded, names, n=1, cutoff=0.6)
        if found and found[0][0] == folded[0]:  # (`early` is not near February)
            return word, found[0].capitalize()
    return None


def _foreign_word(body: str) -> str | None:
    """The first month or weekday name of `body` in another language than English."""
    word: str
    for word in re.findall(r"[^\W\d_]{3,}", body):
        folded = unicodedata.normalize("NFKD", word.casefold().rstrip("."))
        if "".join(ch for ch in folded if ch.isascii()) in _FOREIGN_DATE_WORDS:
            return word
    return None


def _natural_offset(value: dt.datetime, body: str) -> int:
    from dateutil import tz

    if isinstance(value.tzinfo, tz.tzlocal):  # depends on the machine: refuse
        raise DateError(f"unknown time zone in '{body}' (write an offset such as +04:00)")
    offset = value.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    if not -12 * 60 <= minutes <= 14 * 60:  # (`14:30-15:30`: a range, not an offset)
        raise DateError(f"impossible date '{body}' (UTC offset {_offset_text(minutes, '')} does "
                        "not exist; a time range is START/END)")  # fmt: skip
    return minutes
