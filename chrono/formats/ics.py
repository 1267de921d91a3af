"""`--format ics`: RFC 5545 iCalendar that calendar apps import (SPEC §5, §7).

chrono writes the bytes itself rather than through an iCalendar library: the
format is small and exactly specified, and a direct writer is several times (7× measured)
faster on large timelines (issue #5; see the README).  The tests parse every file
with two independent parsers, `icalendar` and `vobject`, and check the values.
Reading (`chrono import`) is `chrono.formats.ics_import`.

Policies (documented in the README):
- day precision: all-day `VALUE=DATE`, DTEND the day after (exclusive, RFC 5545 §3.6.1);
- month/year precision (`--partial`): `start` (default) puts the event on its first
  day, `span` covers the whole month or year, `skip` leaves it out with a warning;
  either way the SUMMARY starts with the written date (`~Aug 2025: …`);
- instants (an offset, or a clock time in the timeline's time zone) in UTC; a clock
  time with no zone at all is floating; a clock time read in a zone names it in
  `X-CHRONO-TIMEZONE`, so that `chrono import` reads it in that zone again;
- BCE years, unspecified digits (`199X`) and open starts cannot be held: skipped with
  a warning; years before 1601 are kept, with a warning (Outlook drops them);
- an all-day event ending on 9999-12-31 has a DURATION (its DTEND would be in the year
  10000); a time that is outside the years 1–9999 in UTC is skipped with a warning.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from chrono.formats import Format, Option, Rendered, Settings
from chrono.formats._fast_uuid import uuid5_text
from chrono.formats.ics_import import read, vague
from chrono.formats.records import as_url, needs_timezone
from chrono.model import Event
from chrono.precision import (
    US_PER_DAY,
    US_PER_SECOND,
    Precision,
    civil_from_days,
    days_from_civil,
)
from chrono.titles import normalize_title

if TYPE_CHECKING:
    from chrono.dates import DatePoint

PRODID = "-//chrono//chrono timeline exporter//EN"
# UUIDv5 namespace for chrono's UIDs: a UID is a function of the event alone,
# with no host or user name in it (SPEC §5).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:chrono:event")
_YEAR_1601 = days_from_civil(1601, 1, 1) * US_PER_DAY
_LAST_DAY = days_from_civil(9999, 12, 31)  # the last an RFC 5545 DATE can name
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_PLAIN = re.compile("[^\x00-\x1f\x7f\\\\;,]*")  # no control character, `\\`, `;` or `,`


class _Skip(Exception):
    """An event an iCalendar file cannot hold; the message says why."""


def escape_text(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT: backslash first, so that the escapes added after it
    are not escaped again; then `;` and `,`; line breaks become `\\n`.

    A tab is TEXT as it is (TSAFE-CHAR includes WSP) and is kept. A carriage return
    is a control character TEXT cannot hold and has no escape: CRLF and a lone CR are
    written as the line break they stand for, `\\n`. Other control characters go.
    """
    if _PLAIN.fullmatch(text):  # most text: nothing to escape
        return text
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (§3.1)."""
    if len(line) <= 18 or (len(line) <= 75 and line.isascii()):  # short enough
        return line
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines begin with one space
    return "\r\n ".join(parts)


def uid(event: Event, copy: int = 1) -> str:
    """Stable across runs and input orders: from `id`, else the date's meaning and title.

    Events that merging would make one (`--dedupe none` keeps them apart) would share
    a UID, and a calendar would keep one of them: the second and later `copy` of a
    UID has its number in the name the UID is made from.  The number comes first,
    `copy 2:id:x`, where no event's own name can be (those begin `id:` or `event:`): as
    a suffix, `id:x/copy 2` was also the name of the event whose id is `x/copy 2`.
    """
    if event.id is not None:
        key = f"id:{event.id}"
    else:
        d = event.date
        first, last = d.iso_bounds()
        marks = ("~" if d.approximate else "") + ("?" if d.uncertain else "")
        key = f"event:{first}/{last}/{d.precision.label}{marks}/{normalize_title(event.title)}"
    if copy > 1:
        key = f"copy {copy}:{key}"
    return uuid5_text(NAMESPACE, key)  # str(uuid.uuid5(NAMESPACE, key)), the fast path


def _stamp(seconds: int) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds))


def _day(days: int) -> str:
    """A day as RFC 5545 §3.3.4 writes it: four digits of year, so 0001 to 9999 only."""
    year, month, day = civil_from_days(days)
    if not 1 <= year <= 9999:
        raise _Skip(f"the year {year} is outside the years iCalendar can write (1–9999)")
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
        raise _Skip("BCE dates cannot be written in iCalendar")
    if not point.precision.meaning.in_calendar:
        raise _Skip("a date with unspecified digits cannot be written in iCalendar")
    if point.precision < Precision.DAY and partial == "skip":
        raise _Skip(f"{point.precision.label} precision (--partial skip)")


def _times(event: Event, partial: str) -> str:
    """DTSTART and DTEND lines for the event's date (RFC 5545 §3.8.2)."""
    date = event.date
    start, end = date.start, date.end
    if start is None:
        raise _Skip("an interval with an open start cannot be placed in a calendar")
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


def _summary(event: Event) -> str:
    """The title, after the written date where the date is vague (`vague`)."""
    return f"{event.date.display()}: {event.title}" if vague(event.date) else event.title


def _description(event: Event) -> str | None:
    parts = [event.description] if event.description else []
    if event.sources:
        parts.append("Sources:\n" + "\n".join(event.sources))
    return "\n\n".join(parts) or None


def _vevent(event: Event, uid_: str, stamp: str, partial: str) -> str:
    """The VEVENT, lines ended and folded; only lines that can be long are folded."""
    times = _times(event, partial)
    summary = fold(f"SUMMARY:{escape_text(_summary(event))}")
    description = _description(event)
    location, tags, sources, id_ = event.location, event.tags, event.sources, event.id
    url = next((u for u in map(as_url, sources) if u), None) if sources else None
    # DTSTART holds the instant in UTC; the zone the clock time was written in is
    # chrono's to keep (SPEC §10: the round trip keeps the event's meaning).
    zone = event.timezone if needs_timezone(event) else None
    # A historical event does not make anyone busy; X-CHRONO-* is what chrono needs
    # to read the event back exactly (`chrono import`).
    return (
        f"BEGIN:VEVENT\r\nUID:{uid_}\r\nDTSTAMP:{stamp}\r\n{times}\r\n{summary}\r\n"
        f"{_line('DESCRIPTION:' + escape_text(description)) if description else ''}"
        f"{_line('LOCATION:' + escape_text(location)) if location else ''}"
        f"{_line('CATEGORIES:' + ','.join(map(escape_text, tags))) if tags else ''}"
        f"{_line('URL:' + url) if url else ''}"
        f"TRANSP:TRANSPARENT\r\n{_line('X-CHRONO-DATE:' + escape_text(event.date.text))}"
        f"{_line('X-CHRONO-TIMEZONE:' + escape_text(zone)) if zone is not None else ''}"
        f"{_line('X-CHRONO-ID:' + escape_text(id_)) if id_ is not None else ''}"
        f"{''.join(_line('X-CHRONO-SOURCE:' + escape_text(s)) for s in sources)}"
        "END:VEVENT\r\n"
    )


def _line(line: str) -> str:
    return fold(line) + "\r\n"


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    name = escape_text(settings.option("calendar_name") or settings.title or "chrono") or "chrono"
    stamp = _stamp(settings.time())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{name}",
        f"X-WR-CALNAME:{name}",
    ]
    text = ["".join(fold(line) + "\r\n" for line in lines)]
    warnings: list[str] = []
    made: dict[str, int] = {}  # UIDs written, and how many times
    for event in events:
        first = uid(event)
        made[first] = made.get(first, 0) + 1
        event_uid = first if made[first] == 1 else uid(event, made[first])
        try:
            text.append(_vevent(event, event_uid, stamp, settings.option("partial")))
        except _Skip as reason:
            warnings.append(f"skipped '{event.title}' ({event.date.display()}): {reason}")
            continue
        if event.date.lo < _YEAR_1601:
            warnings.append(
                f"'{event.title}' ({event.date.display()}) is before 1601: "
                "Outlook leaves such events out"
            )
    text.append("END:VCALENDAR\r\n")
    return Rendered("".join(text), tuple(warnings))


PARTIAL = Option(
    "partial",
    "ICS, month and year dates: on their first day, over their whole span, or left out.",
    choices=("start", "span", "skip"),
    default="start",
)
CALENDAR_NAME = Option(
    "calendar_name",
    "ICS calendar name.  [default: the inputs' shared title, else 'chrono']",
    metavar="NAME",
)
FORMAT = Format(
    "ics", (".ics", ".ical"), "iCalendar for calendar apps", render,
    options=(PARTIAL, CALENDAR_NAME), read=read,
)  # fmt: skip
