"""Where an event's date goes in an iCalendar VEVENT: its DTSTART and DTEND (or
DURATION) lines, as `chrono.formats.ics` writes them and as `chrono import` checks
them against `X-CHRONO-DATE` (an event moved in a calendar app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chrono.precision import US_PER_DAY, US_PER_SECOND, Precision, civil_from_days, days_from_civil

if TYPE_CHECKING:
    from chrono.dates import ChronoDate, DatePoint

_LAST_DAY = days_from_civil(9999, 12, 31)  # the last an RFC 5545 DATE can name


class Skip(Exception):
    """An event an iCalendar file cannot hold; the message says why."""


def _day(days: int) -> str:
    """A day as RFC 5545 §3.3.4 writes it: four digits of year, so 0001 to 9999 only."""
    year, month, day = civil_from_days(days)
    if not 1 <= year <= 9999:
        raise Skip(f"the year {year} is outside the years iCalendar can write (1–9999)")
    return f"{year:04d}{month:02d}{day:02d}"


def _datetime(point: DatePoint) -> str:
    """UTC (`Z`) for an instant, floating for a clock time with no zone."""
    if _floating(point):
        clock = f"{point.hour:02d}{point.minute:02d}{point.second:02d}"
        return f"{point.year:04d}{point.month:02d}{point.day:02d}T{clock}"
    return _utc(point.lo)


def _floating(point: DatePoint) -> bool:
    """A clock time with neither offset nor zone: the same wall time anywhere."""
    return point.offset is None and point.zone is None


def _midnight(days: int, timed: DatePoint) -> str:
    """The start of a day, as an instant in the zone of the clock time beside it (UTC,
    `Z`), or floating as that clock time is."""
    if _floating(timed):
        return f"{_day(days)}T000000"
    return _utc(days * US_PER_DAY + timed.lo - _local_us(timed))  # minus its offset


def _utc(instant: int) -> str:
    """An instant (microseconds since 1970) as an RFC 5545 UTC date-time."""
    days, rest = divmod(instant, US_PER_DAY)
    seconds = rest // US_PER_SECOND
    return f"{_day(days)}T{seconds // 3600:02d}{seconds // 60 % 60:02d}{seconds % 60:02d}Z"


def _local_us(point: DatePoint) -> int:
    """A clock time as written, as if in UTC."""
    local = days_from_civil(point.year, point.month, point.day) * US_PER_DAY
    return local + ((point.hour * 60 + point.minute) * 60 + point.second) * US_PER_SECOND


def _check(point: DatePoint, partial: str) -> None:
    if point.year < 1:
        raise Skip("BCE dates cannot be written in iCalendar")
    if not point.precision.meaning.in_calendar:
        raise Skip("a date with unspecified digits cannot be written in iCalendar")
    if point.precision < Precision.DAY and partial == "skip":
        raise Skip(f"{point.precision.label} precision (--partial skip)")


def times(date: ChronoDate, partial: str) -> str:
    """DTSTART and DTEND lines for an event's date (RFC 5545 §3.8.2); raises `Skip`
    for a date iCalendar cannot hold."""
    start, end = date.start, date.end
    if start is None:
        raise Skip("an interval with an open start cannot be placed in a calendar")
    _check(start, partial)
    if end is not None and end is not start:
        _check(end, partial)
    timed = start.precision >= Precision.MINUTE
    if end is not None and end is not start and timed != (end.precision >= Precision.MINUTE):
        # A clock time and a day (2025-08-08T10:00+02:00/2025-08-09): both ends as
        # instants (RFC 5545 wants one value type), the day's edge in the time's zone.
        begins = _datetime(start) if timed else _midnight(start.lo // US_PER_DAY, end)
        ends = _datetime(end) if not timed else _midnight((end.hi - 1) // US_PER_DAY + 1, start)
        return f"DTSTART:{begins}\r\nDTEND:{ends}"
    if timed and (end is None or end.precision >= Precision.MINUTE):
        if date.interval and end is not None:
            if _floating(start) != _floating(end):
                # A floating DTEND only after a floating DTSTART (RFC 5545 §3.8.2.2): the
                # start as written, and the length as chrono reckons it (SPEC §7).
                seconds = (end.lo - start.lo) // US_PER_SECOND
                return f"DTSTART:{_datetime(start)}\r\nDURATION:PT{seconds}S"
            return f"DTSTART:{_datetime(start)}\r\nDTEND:{_datetime(end)}"
        return f"DTSTART:{_datetime(start)}"
    if date.interval:
        after = (end.hi - 1) // US_PER_DAY + 1 if end is not None else start.lo // US_PER_DAY + 1
    elif start.precision < Precision.DAY and partial == "span":
        after = (start.hi - 1) // US_PER_DAY + 1
    else:
        after = start.lo // US_PER_DAY + 1
    # A date's first day is its own fields, at every precision.
    day = f"{start.year:04d}{start.month:02d}{start.day:02d}"
    if after > _LAST_DAY:
        # The day after 9999-12-31 has no DATE: the same length as a DURATION of days
        # (RFC 5545 §3.8.2.5: `dur-day` with a DATE start).
        return f"DTSTART;VALUE=DATE:{day}\r\nDURATION:P{after - start.lo // US_PER_DAY}D"
    return f"DTSTART;VALUE=DATE:{day}\r\nDTEND;VALUE=DATE:{_day(after)}"
