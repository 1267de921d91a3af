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
  10000); a time that is outside the years 1–9999 in UTC is skipped with a warning;
- a calendar's own fields that `chrono import` keeps go back: `status` as STATUS (a
  cancelled meeting stays cancelled), `revised` as LAST-MODIFIED; one a calendar cannot
  read is left out, said; an `rrule` is not written (its first occurrence is, said);
  other fields have no place, said once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from chrono.dates import revised_at
from chrono.formats import Format, Option, Rendered, Settings
from chrono.formats.ics_import import PRODID, read, vague
from chrono.formats.ics_times import Skip, times
from chrono.formats.ics_uid import uid
from chrono.formats.records import as_url, left_out, needs_timezone
from chrono.model import Event
from chrono.precision import (
    US_PER_DAY,
    US_PER_SECOND,
    days_from_civil,
)

_YEAR_1601 = days_from_civil(1601, 1, 1) * US_PER_DAY
_EPOCH = dt.datetime(1970, 1, 1)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_PLAIN = re.compile("[^\x00-\x1f\x7f\\\\;,]*")  # no control character, `\\`, `;` or `,`


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


def _stamp(seconds: int) -> str:
    return _utc_stamp(seconds * US_PER_SECOND)


def _summary(event: Event) -> str:
    """The title, after the written date where the date is vague (`vague`)."""
    return f"{event.date.display()}: {event.title}" if vague(event.date) else event.title


def _description(event: Event) -> str | None:
    parts = [event.description] if event.description else []
    if event.sources:
        parts.append("Sources:\n" + "\n".join(event.sources))
    return "\n\n".join(parts) or None


# What `chrono import` keeps of a calendar's event, and what export makes of it: STATUS
# (RFC 5545 §3.8.1.11's values) and LAST-MODIFIED go back; an RRULE does not (below).
_STATUSES = frozenset({"TENTATIVE", "CONFIRMED", "CANCELLED"})
_WRITTEN = frozenset({"status", "rrule", "revised"})
_LAST_MODIFIED_FROM = days_from_civil(1, 1, 1) * US_PER_DAY  # (four-digit years in UTC)
_LAST_MODIFIED_UNTIL = days_from_civil(10000, 1, 1) * US_PER_DAY


def _calendar_fields(event: Event, said: list[str]) -> str:
    """STATUS and LAST-MODIFIED lines from the event's `status` and `revised` (as `chrono
    import` keeps them), each left out, with a word in `said`, where a calendar could
    not read it: a broken file would lose every event, not one field.  An `rrule` is
    not written, and said: a rule read back from a calendar needs its DTSTART in its
    zone (in UTC, a weekly 10:00 in Paris moves an hour at each change of clocks), its
    exceptions and its moved occurrences, which chrono does not keep; the event goes
    out as its first occurrence, as chrono holds it."""
    lines = ""
    status = event.extra.get("status")
    if status is not None:
        if isinstance(status, str) and status.upper() in _STATUSES:
            lines += f"STATUS:{status.upper()}\r\n"
        else:
            said.append(f"{_at(event)}'{event.title}': status {str(status)!r} left out: a calendar "
                        "knows TENTATIVE, CONFIRMED and CANCELLED")  # fmt: skip
    if event.extra.get("rrule") is not None:
        said.append(f"{_at(event)}'{event.title}' repeats (rrule) in the calendar it came from: the ICS "
                    "has its first occurrence only (JSON and YAML keep the rule)")  # fmt: skip
    revised = event.extra.get("revised")
    if revised is not None:
        at = revised_at(revised)
        if at is not None and _LAST_MODIFIED_FROM <= at < _LAST_MODIFIED_UNTIL:
            lines += f"LAST-MODIFIED:{_utc_stamp(at)}\r\n"
        else:
            said.append(f"{_at(event)}'{event.title}': revised {str(revised)!r} left out: not an "
                        "instant (`2025-06-01T10:00:00Z`) of the years 1 to 9999")  # fmt: skip
    return lines


def _at(event: Event) -> str:
    """Where the event was read (`notes.yaml:12: `), before what export says of it, so
    that its writer finds it (the first place of a merged event)."""
    return f"{event.origins[0]}: " if event.origins else ""


def _utc_stamp(at: int) -> str:
    """An instant (µs since 1970) as RFC 5545's UTC DATE-TIME, to the second."""
    wall = _EPOCH + dt.timedelta(microseconds=at - at % US_PER_SECOND)
    return f"{wall.year:04d}{wall:%m%dT%H%M%S}Z"


def _vevent(event: Event, uid_: str, stamp: str, partial: str, said: list[str]) -> str:
    """The VEVENT, lines ended and folded; only lines that can be long are folded."""
    times_ = times(event.date, partial)
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
        f"BEGIN:VEVENT\r\nUID:{uid_}\r\nDTSTAMP:{stamp}\r\n{times_}\r\n{summary}\r\n"
        f"{_line('DESCRIPTION:' + escape_text(description)) if description else ''}"
        f"{_line('LOCATION:' + escape_text(location)) if location else ''}"
        f"{_line('CATEGORIES:' + ','.join(map(escape_text, tags))) if tags else ''}"
        f"{_line('URL:' + url) if url else ''}"
        f"{_calendar_fields(event, said) if event.extra else ''}"
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
    if settings.title:  # (the timeline's own title, for `chrono import`: the calendar's
        lines.append(f"X-CHRONO-TITLE:{escape_text(settings.title)}")  # name may be made up)
    text = ["".join(fold(line) + "\r\n" for line in lines)]
    warnings: list[str] = []
    made: dict[str, int] = {}  # UIDs written, and how many times
    for event in events:
        first = uid(event)
        made[first] = made.get(first, 0) + 1
        event_uid = first if made[first] == 1 else uid(event, made[first])
        try:
            text.append(_vevent(event, event_uid, stamp, settings.option("partial"), warnings))
        except Skip as reason:
            warnings.append(
                f"{_at(event)}skipped '{event.title}' ({event.date.display()}): {reason}"
            )
            continue
        if event.date.lo < _YEAR_1601:
            warnings.append(
                f"{_at(event)}'{event.title}' ({event.date.display()}) is before 1601: "
                "Outlook leaves such events out"
            )
    text.append("END:VCALENDAR\r\n")
    warnings += left_out(events, "ICS", _WRITTEN)
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
