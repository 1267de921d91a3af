"""`chrono import` of iCalendar (RFC 5545) files: chrono's own exports, which come back
exactly (`X-CHRONO-DATE`, `X-CHRONO-ID`, `X-CHRONO-SOURCE`, `X-CHRONO-TIMEZONE`), and
calendar apps' files (SPEC §4, §7).  The writer is `chrono.formats.ics`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from chrono.errors import DateError, Problem, Severity, invalid_utf8
from chrono.formats import Imported
from chrono.formats.records import as_url
from chrono.precision import Precision

if TYPE_CHECKING:
    from chrono.dates import ChronoDate

__all__ = ["PRODID", "read", "unescape_text", "vague"]

# The name chrono's writer gives itself, by which the reader knows chrono's own files.
PRODID = "-//chrono//chrono timeline exporter//EN"

_SOURCES = re.compile(r"(?:\A|\n\n)Sources:\n(?P<list>[^\n]+(?:\n[^\n]+)*)\Z")


def vague(d: ChronoDate) -> bool:
    """True where the calendar's date alone would claim more precision or certainty
    than the author gave (SPEC §7): the writer then begins the SUMMARY with the written
    date, and reading takes it off again (only there: a title may begin like a date)."""
    mixed = d.start is not None and d.end is not None and d.start.precision != d.end.precision
    return d.precision < Precision.DAY or d.approximate or d.uncertain or d.end is None or mixed


def read(data: bytes, path: str, day_first: bool | None = None) -> Imported:
    """An iCalendar file's VEVENTs as timeline records (SPEC §4, §7).

    What chrono itself exported carries `X-CHRONO-DATE` and `X-CHRONO-ID`, so that
    exporting and importing again gives back the same events.  A recurring event
    is imported as its first occurrence with its rule kept in an `rrule` field.
    """
    from icalendar import Calendar

    try:  # (icalendar would put U+FFFD for a byte that is not UTF-8, and say nothing)
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Imported((), None, (invalid_utf8(path, data, exc),))
    unclosed = _unclosed(text, path)
    if unclosed:  # (icalendar then gives no calendar at all, and says nothing)
        return Imported((), None, tuple(unclosed))
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except ValueError as exc:
        return Imported((), None, (Problem(path, 0, 0, f"not an iCalendar file: {exc}"),))
    records: list[dict[str, Any]] = []
    problems: list[Problem] = []
    invalid = 0
    titles = [_title(c) for c in calendars]
    # each VEVENT's line, as messages say it (icalendar keeps none): the lines that
    # begin one, in the order icalendar walks them, the file's order
    lines = [n for n, line in enumerate(text.split("\n"), start=1)  # (not U+2028)
             if line.strip().upper() == "BEGIN:VEVENT"]  # fmt: skip
    components = [c for calendar in calendars for c in calendar.walk("VEVENT")]
    # the zone each calendar names for its floating times (X-WR-TIMEZONE), per event
    zones = [_calendar_zone(calendar) for calendar in calendars for _ in calendar.walk("VEVENT")]
    if len(lines) != len(components):  # (never seen: then no line rather than a wrong one)
        lines = [0] * len(components)
    for number, (component, line, own_zone) in enumerate(
        zip(components, lines, zones, strict=True), start=1
    ):
        where = component.get("SUMMARY") or component.get("UID") or f"event {number}"
        column = 1 if line else 0

        def say(message: str, severity: Severity = Severity.ERROR) -> None:
            problems.append(Problem(path, line, column, message, severity))  # noqa: B023

        try:
            records.append(
                _ics_event(component, day_first, lambda m: say(m, Severity.WARNING), own_zone)
            )
        except (DateError, KeyError, ValueError, TypeError) as exc:
            reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            say(f"cannot import '{where}': {reason}")
            invalid += 1
            continue
        if records[-1].get("status", "").upper() == "CANCELLED":
            say(f"'{where}' is cancelled in the calendar: imported with status: CANCELLED",
                Severity.WARNING)  # fmt: skip
        extra = [name for name in ("RDATE", "EXDATE") if component.get(name) is not None]
        if extra:
            say(f"'{where}': its {' and '.join(extra)} (occurrences added to or "
                "taken from its RRULE) are not imported", Severity.WARNING)  # fmt: skip
        zone = _unknown_zone(component)
        if zone is not None:
            say(f"'{where}': unknown time zone '{zone}'; "
                "its clock time is kept without a zone", Severity.WARNING)  # fmt: skip
    title = next((t for t in titles if t), None)
    problems += _not_imported(path, calendars, components)
    return Imported(tuple(records), title, tuple(_nothing(path, records, problems)), invalid)


# What a calendar's events hold that chrono has no field for (their metadata, DTSTAMP,
# SEQUENCE, alarms, apps' X- properties, is not the events' content and goes unsaid),
# and what else a calendar holds (to-dos, journal entries): said once a file, so that
# nothing a user wrote is lost without a word (SPEC §6).
_UNREAD = ("ATTENDEE", "COMMENT", "CONTACT", "GEO", "ORGANIZER", "RESOURCES")
_OTHERS = {"VTODO": ("to-do", "to-dos"), "VJOURNAL": ("journal entry", "journal entries")}


def _not_imported(path: str, calendars: Sequence[Any], events: Sequence[Any]) -> list[Problem]:
    counts: dict[str, int] = {}
    for event in events:
        names = [n for n in _UNREAD if event.get(n) is not None]
        if any(not _is_link(a) for a in _all(event, "ATTACH")):
            names.append("ATTACH (a file)")
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    said = []
    if counts:
        listed = ", ".join(name + (f" ({n} events)" if n > 1 else "")
                           for name, n in sorted(counts.items()))  # fmt: skip
        said.append(Problem(path, 0, 0, f"not imported, chrono has no field for them: {listed}",
                            Severity.WARNING))  # fmt: skip
    for kind, (one, many) in _OTHERS.items():
        n = sum(len(calendar.walk(kind)) for calendar in calendars)
        if n:
            said.append(Problem(path, 0, 0, f"not imported: {n} {one if n == 1 else many} "
                                f"({kind}); chrono imports events (VEVENT)", Severity.WARNING))  # fmt: skip
    return said


def _title(calendar: Any) -> str:
    """A calendar's title: chrono's own names the timeline's in `X-CHRONO-TITLE`, and
    none where the timeline had none (its name, `chrono` or `--calendar-name`, is made
    up for calendar apps); another calendar's is its name."""
    if str(calendar.get("PRODID") or "") == PRODID:
        return _text(calendar.get("X-CHRONO-TITLE")) or ""
    return _text(calendar.get("X-WR-CALNAME") or calendar.get("NAME")) or ""


def _unclosed(text: str, path: str) -> list[Problem]:
    """Components whose BEGIN and END do not pair, each at its line: a file cut short
    (a download, a copy) ends inside a VEVENT, or before END:VCALENDAR."""
    problems: list[Problem] = []
    open_: list[tuple[str, int]] = []  # (each BEGIN not yet ended, and its line)
    for number, line in enumerate(text.split("\n"), start=1):  # (not U+2028)
        if line[:1] in (" ", "\t"):  # (a folded line goes on the one before)
            continue
        verb, _, rest = line.strip().upper().partition(":")
        name = rest.split(None, 1)[0][:40] if rest.strip() else ""  # (CR-only: one line)
        if verb == "BEGIN" and name:
            open_.append((name, number))
        elif verb == "END" and name:
            if name not in (n for n, _ in open_):
                problems.append(Problem(path, number, 1, f"END:{name} without BEGIN:{name}"))
                continue
            while open_[-1][0] != name:
                begun, at = open_.pop()
                problems.append(Problem(path, at, 1, f"BEGIN:{begun} is not closed before "
                                        f"END:{name} (line {number})"))  # fmt: skip
            open_.pop()
    for begun, at in open_:
        problems.append(Problem(path, at, 1, f"BEGIN:{begun} is never closed: the file ends "
                                f"before its END:{begun} (is it cut short?)"))  # fmt: skip
    return sorted(problems, key=lambda p: p.line)


def _ics_event(
    component: Any,
    day_first: bool | None,
    warn: Callable[[str], None],
    calendar_zone: str | None = None,
) -> dict[str, Any]:
    from chrono.dates import parse_date  # (only when importing)

    written = _text(component.get("X-CHRONO-DATE"))
    days = _marked_all_day(component) if written is None else None
    date = written if written is not None else days or _ics_date(component, warn)
    # chrono's own clock times are in UTC in DTSTART; their zone, if any, is its own
    # (days have none, as VALUE=DATE's)
    zone = (_text(component.get("X-CHRONO-TIMEZONE")) if written is not None
            else None if days else _zone_of(component) or _floating(component, calendar_zone))  # fmt: skip
    parsed = parse_date(written, zone=zone, day_first=day_first) if written is not None else None
    if parsed is not None and (moved := _moved(component, parsed)):
        # (a calendar app keeps X- properties it does not show: DTSTART is what its
        # user sees and moves; a clock time chrono read in a zone stays in it)
        local = _in_zone(component, zone) if zone is not None else None
        date, zone = (local, zone) if local is not None else (moved, _zone_of(component))
        where = component.get("SUMMARY") or component.get("UID")
        warn(f"'{where}' was moved in a calendar app: its date there, {date}, is read "
             f"(chrono had written {written})")  # fmt: skip
    record: dict[str, Any] = {"date": date}
    summary = str(component.get("SUMMARY") or "").strip()
    # chrono put the written date before vague dates' titles, and only there: a title
    # may itself begin like a date
    if parsed is not None and vague(parsed):
        summary = summary.removeprefix(parsed.display() + ": ")
    if not summary:  # (a title is required; a calendar's event may have none)
        warn("no SUMMARY: titled '(untitled)'")
    record["title"] = summary or "(untitled)"
    chrono_id = _text(component.get("X-CHRONO-ID"))
    own = _chronos_own(component, summary, date, zone) if written is None else None
    if chrono_id is not None:
        record["id"] = chrono_id
    elif own is not None:  # (its UID is no id an author gave: none, as exported)
        record["date"], record["title"] = own
    elif written is None and component.get("UID"):
        record["id"] = str(component.get("UID")) + _occurrence(component)  # a stable key
    text = str(component.get("DESCRIPTION") or "")
    if written is not None:  # chrono's own: its sources exactly, after the description
        found = component.get("X-CHRONO-SOURCE")
        sources = [_text(v) or "" for v in (found if isinstance(found, list) else [found])
                   if v is not None]  # fmt: skip
        listed = "Sources:\n" + "\n".join(sources) if sources else ""
        if listed and text.endswith(listed):
            text = text.removesuffix(listed).removesuffix("\n\n")
        description = text.rstrip() or None
    else:
        description, sources = _split_sources(text)
    if description:
        record["description"] = description
    if component.get("LOCATION"):
        record["location"] = str(component.get("LOCATION"))
    tags = _categories(component.get("CATEGORIES"))
    if tags:
        record["tags"] = tags
    urls = _all(component, "URL") + [a for a in _all(component, "ATTACH") if _is_link(a)]
    new = [str(url) for url in urls if not _listed(str(url), sources)]
    sources[:0] = new
    if sources:
        record["sources"] = sources
    if zone is not None:
        record["timezone"] = zone
    if component.get("RRULE") is not None:
        record["rrule"] = component.get("RRULE").to_ical().decode()
    if component.get("STATUS") is not None:  # (a cancelled meeting is not one held)
        record["status"] = str(component.get("STATUS"))
    revised = _revised(component)
    if revised is not None:  # (of two imports of one event, the later one's wins)
        record["revised"] = revised
    return record


def _revised(component: Any) -> str | None:
    """LAST-MODIFIED as an instant in UTC to its second (`2025-06-01T10:00:00Z`): when
    the calendar last changed the event. None where there is none, or it is not a
    date-time (a broken one loses no event: it only orders versions)."""
    found = component.get("LAST-MODIFIED")
    try:  # (given twice, which RFC 5545 does not allow: the later one)
        values = [p.dt for p in (found if isinstance(found, list) else [found]) if p is not None]
    except ValueError:
        return None
    stamps = [v for v in values if isinstance(v, dt.datetime)]
    if not stamps:
        return None
    modified = max(stamps, key=lambda v: v.replace(tzinfo=v.tzinfo or dt.timezone.utc))
    if modified.tzinfo is not None:  # (RFC 5545 §3.8.7.3: in UTC; floating read so too)
        modified = modified.astimezone(dt.timezone.utc)
    return f"{modified:%Y-%m-%dT%H:%M:%S}Z" if modified.year >= 1000 else None


def _occurrence(component: Any) -> str:
    """`#` and the RECURRENCE-ID of a moved occurrence of a recurring event, which
    shares the series' UID (RFC 5545 §3.8.4.4): without it, the two would be one event
    by id.  The occurrence is named in UTC (`#20250815T100000Z`), floating or as a date
    as written, so that the same occurrence has one id whatever zone names it."""
    found = component.get("RECURRENCE-ID")
    if found is None:
        return ""
    value: dt.date = found.dt
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc)
        return f"#{value.year:04d}" + value.strftime("%m%dT%H%M%SZ")  # (glibc's %Y: `1`)
    rest = "%m%dT%H%M%S" if isinstance(value, dt.datetime) else "%m%d"
    return f"#{value.year:04d}" + value.strftime(rest)


def _listed(url: str, sources: Sequence[str]) -> bool:
    """True when URL is one of the sources, as written or as export writes it in URL
    (`as_url`: `a report.pdf` is `a%20report.pdf`)."""
    return url in sources or any(as_url(source) == url for source in sources)


def _moved(component: Any, date: ChronoDate) -> str | None:
    """The calendar's date of an event chrono exported, where its DTSTART and DTEND are
    not what chrono writes for its `X-CHRONO-DATE` (with either `--partial`): it was
    moved or resized in a calendar app. None where they are."""
    from icalendar import Event as Component

    from chrono.dates import parse_date  # (only when importing)
    from chrono.formats.ics_times import Skip, times

    try:
        wrote = [times(date, partial) for partial in ("start", "span")]
    except Skip:  # (not a date chrono writes in a calendar: nothing to compare)
        return None
    if _times_of(component) in wrote:  # (as written: most events, read fast)
        return None
    # As the same instants written another way (a zone's TZID, say), or not.
    now = _ics_date(component)
    found = parse_date(now, zone=_zone_of(component))
    for lines in wrote:
        wrote_now = _ics_date(Component.from_ical(f"BEGIN:VEVENT\r\n{lines}\r\nEND:VEVENT\r\n"))
        expected = parse_date(wrote_now)
        if (expected.lo, expected.hi) == (found.lo, found.hi):
            return None
    return now


def _in_zone(component: Any, zone: str) -> str | None:
    """The calendar's clock times as wall times in `zone` (chrono's X-CHRONO-TIMEZONE),
    where DTSTART is an instant; None for a day or a floating time."""
    from chrono.dates import load_zone  # (only when importing)

    first = _value(component, "DTSTART")
    if not isinstance(first, dt.datetime) or first.tzinfo is None:
        return None
    end, length = _value(component, "DTEND"), _value(component, "DURATION")
    last = end if end is not None else _after(first, length) if length is not None else None
    tz = load_zone(zone)

    def wall(t: dt.datetime) -> str:
        local = (t if t.tzinfo else t.replace(tzinfo=first.tzinfo)).astimezone(tz)
        return local.replace(tzinfo=None).isoformat(
            timespec="seconds" if local.second else "minutes"
        )

    if not isinstance(last, dt.datetime) or last == first:
        return wall(first)
    return f"{wall(first)}/{wall(last)}"


def _times_of(component: Any) -> str:
    """A VEVENT's DTSTART, DTEND and DURATION lines, as chrono's writer makes them."""
    lines = []
    for name in ("DTSTART", "DTEND", "DURATION"):
        prop = component.get(name)
        if prop is not None:
            value = ";VALUE=DATE" if prop.params.get("VALUE") == "DATE" else ""
            lines.append(f"{name}{value}:{prop.to_ical().decode()}")
    return "\r\n".join(lines)


def _chronos_own(
    component: Any, summary: str, date: str, zone: str | None
) -> tuple[str, str] | None:
    """The date as written and the title of an event chrono exported without an `id`,
    where a calendar app kept its UID but dropped chrono's X-CHRONO-* properties (and
    so the written date): its UID is the one chrono makes of them (`content_uid`). A
    vague date is then the start of the SUMMARY (`~Sep 2025: Rumoured layoffs`, as
    `_summary` writes it), which would else come back as a title on 1 Sep 2025 beside
    the event it was. None for any other event: a title that only begins like a date
    (`2025: A year in review`) has another UID."""
    from chrono.dates import parse_date
    from chrono.formats.ics_uid import content_uid

    made = component.get("UID")
    if made is None:
        return None
    prefix, colon, rest = summary.partition(": ")
    if colon:
        try:
            written = parse_date(prefix)
        except DateError:
            written = None
        if written is not None and vague(written) and str(made) == content_uid(written, rest):
            return written.text, rest
    try:
        read = parse_date(date, zone=zone)
    except DateError:
        return None
    return (date, summary) if str(made) == content_uid(read, summary) else None


def _ics_date(component: Any, warn: Callable[[str], None] | None = None) -> str:
    """The event's date as chrono writes it, from DTSTART, DTEND and DURATION; what
    it reads otherwise than written is said to `warn` (none: a comparison's reading)."""
    first = _value(component, "DTSTART")
    if first is None:
        raise KeyError("no DTSTART")
    end, length = _value(component, "DTEND"), _value(component, "DURATION")
    if end is not None and isinstance(end, dt.datetime) != isinstance(first, dt.datetime):
        kinds = (
            ("a date-time", "a date")
            if isinstance(first, dt.datetime)
            else ("a date", "a date-time")
        )
        raise ValueError(
            f"DTSTART is {kinds[0]} and DTEND {kinds[1]}: RFC 5545 has both of one kind"
        )
    if not isinstance(first, dt.datetime):  # all-day: DTEND is exclusive
        # The length, not the day after: that is in the year 10000 for 9999-12-31.
        if end is not None:
            length = end - first
            if end < first and warn is not None:  # (§3.8.2.2: DTEND is later)
                where = component.get("SUMMARY") or component.get("UID")
                warn(f"'{where}': DTEND {end} is before DTSTART {first}: read as its "
                     "DTSTART alone")  # fmt: skip
        if length is None or length <= dt.timedelta(days=1):
            return str(first.isoformat())
        return f"{first.isoformat()}/{(first + (length - dt.timedelta(days=1))).isoformat()}"
    last = end if end is not None else _after(first, length) if length is not None else None
    if isinstance(last, dt.datetime) and first.tzinfo is not None:
        # The end in the start's zone: the event has one `timezone`, the start's (an end
        # in another zone is the same instant there; a floating one, RFC 5545 §3.8.2.2
        # says, is not allowed after a start in UTC or a zone, so it is read in its frame).
        last = last.astimezone(first.tzinfo) if last.tzinfo else last.replace(tzinfo=first.tzinfo)
    text = _iso_datetime(first)
    if isinstance(last, dt.datetime) and last < first:  # (DTEND is later: §3.8.2.2)
        if warn is not None:
            where = component.get("SUMMARY") or component.get("UID")
            warn(f"'{where}': its end, {_iso_datetime(last)}, is before its start: read as "
                 "its start alone")  # fmt: skip
        return text
    if last is None or last == first:
        return text
    return f"{text}/{_iso_datetime(last)}"


def _all(component: Any, name: str) -> list[Any]:
    """A property's values: icalendar gives one, or a list where it is there twice."""
    found = component.get(name)
    return [] if found is None else found if isinstance(found, list) else [found]


def _is_link(attached: Any) -> bool:
    """An ATTACH that is a web address (not a file's bytes, not a `cid:`): a source."""
    return as_url(str(attached)) is not None


def _marked_all_day(component: Any) -> str | None:
    """The days of an all-day event Outlook writes as midnight to midnight in its zone,
    marked `X-MICROSOFT-CDO-ALLDAYEVENT:TRUE` (as chrono reads its CSV export's `All
    day event`), as a VALUE=DATE event's are read; None for any other."""
    flag = component.get("X-MICROSOFT-CDO-ALLDAYEVENT")
    if flag is None or str(flag).strip().upper() != "TRUE":
        return None
    first, end = _value(component, "DTSTART"), _value(component, "DTEND")
    if not isinstance(first, dt.datetime):
        return None  # (a date already, or none: read as any event's)
    length = _value(component, "DURATION")
    last = end if end is not None else _after(first, length) if length is not None else None
    if not isinstance(last, dt.datetime):
        return None
    if first.tzinfo is not None and last.tzinfo is not None:
        last = last.astimezone(first.tzinfo)  # (midnight on the start's clocks)
    days = (last.date() - first.date()).days
    if first.time() != dt.time(0) or last.time() != dt.time(0) or days < 1:
        return None  # (not midnight to midnight: the times say more than the flag)
    start = first.date()
    return f"{start}" if days == 1 else f"{start}/{start + dt.timedelta(days=days - 1)}"


def _value(component: Any, name: str) -> Any:
    """A date, date-time or duration property's value, None when absent; a ValueError
    that quotes it when icalendar could not read it (its own message names its
    internals: "Cannot access 'dt' on broken property … (expected 'vDDDTypes')")."""
    prop = component.get(name)
    if prop is None:
        return None
    if isinstance(prop, list):  # (icalendar's way of a property given twice)
        raise ValueError(f"{name} is given {len(prop)} times (an event has one)")  # noqa: TRY004
    try:
        return prop.dt
    except ValueError:  # (icalendar's BrokenCalendarProperty)
        raw = prop.to_ical().decode("utf-8", "replace") if hasattr(prop, "to_ical") else prop
        what = "a duration (such as PT1H or P2D)" if name == "DURATION" else "a date or date-time"
        raise ValueError(f"{name} '{raw}' is not {what}") from None


def _after(first: dt.datetime, length: dt.timedelta) -> dt.datetime:
    """DTSTART plus DURATION; a ValueError (reported) when that is past 9999."""
    try:
        return first + length
    except OverflowError:
        raise ValueError("its DURATION ends after the year 9999") from None


def _iso_datetime(value: dt.datetime) -> str:
    """`2025-08-08T14:30Z`, `…+04:00`, or a floating/named-zone local time."""
    clock = "%H:%M" if value.second == 0 else "%H:%M:%S"
    # (the year by hand: glibc's %Y writes year 1 as `1`, which is not a date)
    local = f"{value.year:04d}" + value.strftime(f"-%m-%dT{clock}")
    if value.tzinfo is None or _zone_name(value.tzinfo) is not None:
        return local
    offset = value.utcoffset() or dt.timedelta(0)
    if offset.total_seconds() % 60:  # local mean time (+05:41:16): chrono's offsets are
        # minutes, so the instant in UTC, to its second
        return _iso_datetime(value.astimezone(dt.timezone.utc))
    if not offset:
        return local + "Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{local}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _zone_name(tz: dt.tzinfo) -> str | None:
    """The IANA name of a named zone (TZID), None for UTC and fixed offsets."""
    from chrono.dates import load_zone  # (only when importing)

    name = getattr(tz, "key", None) or getattr(tz, "zone", None)
    if not name or name in ("UTC", "Etc/UTC"):
        return None
    try:
        load_zone(str(name))
    except DateError:
        return None
    return str(name)


def _unknown_zone(component: Any) -> str | None:
    """The TZID of a start that came out without a zone (no such zone, no VTIMEZONE)."""
    start = component.get("DTSTART")
    tzid = start.params.get("TZID") if start is not None else None
    value = start.dt if start is not None else None
    if tzid and isinstance(value, dt.datetime) and value.tzinfo is None:
        return str(tzid)
    return None


def _calendar_zone(calendar: Any) -> str | None:
    """The zone a calendar names for its floating times, X-WR-TIMEZONE (Google's and
    Apple's exports), where it is an IANA zone chrono knows; None where not."""
    from chrono.dates import load_zone

    named = _text(calendar.get("X-WR-TIMEZONE"))
    if not named or not named.strip():
        return None
    try:
        load_zone(named.strip())
    except DateError:
        return None
    return named.strip()


def _floating(component: Any, calendar_zone: str | None) -> str | None:
    """`calendar_zone` for an event whose DTSTART is a floating clock time: the apps that
    write X-WR-TIMEZONE read such a time in it (RFC 5545 leaves it floating, which
    chrono would sort as UTC, with a warning on every run)."""
    start = component.get("DTSTART")
    value = start.dt if start is not None else None
    floating = isinstance(value, dt.datetime) and value.tzinfo is None
    return calendar_zone if floating else None


def _zone_of(component: Any) -> str | None:
    start = component.get("DTSTART")
    value = start.dt if start is not None else None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return _zone_name(value.tzinfo)
    return None


_ESCAPED = re.compile(r"\\([\\;,nN])")


def unescape_text(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT read back: `escape_text` undone, in one pass so that an
    escaped backslash before an `n` stays a backslash and an `n`."""
    return _ESCAPED.sub(lambda m: "\n" if m[1] in "nN" else m[1], text)


def _text(value: Any) -> str | None:
    """A property icalendar does not know (X-CHRONO-*, NAME) as text: it leaves those
    escaped."""
    return None if value is None else unescape_text(str(value))


def _categories(value: Any) -> list[str]:
    """CATEGORIES as tags; icalendar has split and unescaped them (`a\\\\\\,b` is `a\\,b`)."""
    items = value if isinstance(value, list) else [value] if value is not None else []
    tags: list[str] = []
    for item in items:
        for cat in getattr(item, "cats", [item]):
            text = str(cat).strip()
            if text and text not in tags:
                tags.append(text)
    return tags


def _split_sources(description: str) -> tuple[str | None, list[str]]:
    """chrono writes sources after the description as `Sources:` and one per line."""
    m = _SOURCES.search(description)
    text = description if m is None else description[: m.start()]
    # As a timeline file reads a description: trailing space dropped, the rest kept.
    return text.rstrip() or None, [] if m is None else m["list"].split("\n")


def _nothing(path: str, records: Sequence[object], problems: list[Problem]) -> list[Problem]:
    """A file with no events and nothing wrong says so (a warning, as for timelines)."""
    if not records and not problems:
        return [Problem(path, 0, 0, "no events to import", Severity.WARNING)]
    return problems
