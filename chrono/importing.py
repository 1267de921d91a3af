"""`chrono import`: iCalendar and CSV files -> timeline records (SPEC §4, §7).

ICS is parsed with the `icalendar` library; what chrono itself exported carries
`X-CHRONO-DATE` and `X-CHRONO-ID`, so that exporting and importing again gives
back the same events.  A recurring event is imported as its first occurrence with
its rule kept in an `rrule` field (decision in the README).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from chrono.dates import DateError, load_zone, parse_date
from chrono.errors import Problem, Severity
from chrono.formats.csv_ import HEADER, LIST_SEPARATOR, restore

__all__ = ["Imported", "decode_csv", "import_csv", "import_ics"]

_SOURCES = re.compile(r"(?:\A|\n\n)Sources:\n(?P<list>[^\n]+(?:\n[^\n]+)*)\Z")


@dataclass(frozen=True, slots=True)
class Imported:
    records: tuple[dict[str, Any], ...]
    title: str | None
    problems: tuple[Problem, ...]


def decode_csv(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """A CSV file's text: UTF-8 (a BOM is allowed), else Windows-1252, as Excel and
    Outlook write CSV on Windows, with a warning to check the accented letters; a
    file that is neither is an error at its first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        message = f"invalid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8"
        return None, [Problem(path, line, column, message)]
    message = (
        f"not UTF-8 (byte 0x{byte:02x}): read as Windows-1252, as Excel writes CSV; "
        "check the accented letters"
    )
    return text, [Problem(path, line, column, message, Severity.WARNING)]


def _nothing(path: str, records: Sequence[object], problems: list[Problem]) -> list[Problem]:
    """A file with no events and nothing wrong says so (a warning, as for timelines)."""
    if not records and not problems:
        return [Problem(path, 0, 0, "no events to import", Severity.WARNING)]
    return problems


# --------------------------------------------------------------------------- ICS


def import_ics(data: bytes, path: str) -> Imported:
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except ValueError as exc:
        return Imported((), None, (Problem(path, 0, 0, f"not an iCalendar file: {exc}"),))
    records: list[dict[str, Any]] = []
    problems: list[Problem] = []
    titles = [str(c.get("X-WR-CALNAME") or c.get("NAME") or "") for c in calendars]
    for calendar in calendars:
        for number, component in enumerate(calendar.walk("VEVENT"), start=1):
            where = component.get("SUMMARY") or component.get("UID") or f"event {number}"
            try:
                records.append(_ics_event(component))
            except (DateError, KeyError, ValueError, TypeError) as exc:
                reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
                problems.append(Problem(path, 0, 0, f"cannot import '{where}': {reason}"))
                continue
            zone = _unknown_zone(component)
            if zone is not None:
                message = (f"'{where}': unknown time zone '{zone}'; "
                           "its clock time is kept without a zone")  # fmt: skip
                problems.append(Problem(path, 0, 0, message, Severity.WARNING))
    title = next((t for t in titles if t), None)
    return Imported(tuple(records), title, tuple(_nothing(path, records, problems)))


def _ics_event(component: Any) -> dict[str, Any]:
    written = component.get("X-CHRONO-DATE")
    date = str(written) if written is not None else _ics_date(component)
    record: dict[str, Any] = {"date": date}
    zone = _zone_of(component)
    summary = str(component.get("SUMMARY") or "").strip()
    if written is not None:  # chrono put the written date before vague dates' titles
        shown = parse_date(date).display() + ": "
        summary = summary.removeprefix(shown)
    record["title"] = summary or "(untitled)"
    chrono_id = component.get("X-CHRONO-ID")
    if chrono_id is not None:
        record["id"] = str(chrono_id)
    elif written is None and component.get("UID"):
        record["id"] = str(component.get("UID"))  # the calendar's stable key
    description, sources = _split_sources(str(component.get("DESCRIPTION") or ""))
    if description:
        record["description"] = description
    if component.get("LOCATION"):
        record["location"] = str(component.get("LOCATION"))
    tags = _categories(component.get("CATEGORIES"))
    if tags:
        record["tags"] = tags
    url = component.get("URL")
    if url is not None and str(url) not in sources:
        sources.insert(0, str(url))
    if sources:
        record["sources"] = sources
    if zone is not None:
        record["timezone"] = zone
    if component.get("RRULE") is not None:
        record["rrule"] = component.get("RRULE").to_ical().decode()
    return record


def _ics_date(component: Any) -> str:
    start = component.get("DTSTART")
    if start is None:
        raise KeyError("no DTSTART")
    first = start.dt
    end = component.get("DTEND")
    last = end.dt if end is not None else None
    if last is None and component.get("DURATION") is not None:
        last = first + component.get("DURATION").dt
    if not isinstance(first, dt.datetime):  # all-day: DTEND is exclusive
        if last is None or last - first <= dt.timedelta(days=1):
            return str(first.isoformat())
        return f"{first.isoformat()}/{(last - dt.timedelta(days=1)).isoformat()}"
    text = _iso_datetime(first)
    if last is None or last == first:
        return text
    return f"{text}/{_iso_datetime(last)}"


def _iso_datetime(value: dt.datetime) -> str:
    """`2025-08-08T14:30Z`, `…+04:00`, or a floating/named-zone local time."""
    clock = "%H:%M" if value.second == 0 else "%H:%M:%S"
    local = value.strftime(f"%Y-%m-%dT{clock}")
    if value.tzinfo is None or _zone_name(value.tzinfo) is not None:
        return local
    offset = value.utcoffset() or dt.timedelta(0)
    if not offset:
        return local + "Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{local}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _zone_name(tz: dt.tzinfo) -> str | None:
    """The IANA name of a named zone (TZID), None for UTC and fixed offsets."""
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


def _zone_of(component: Any) -> str | None:
    start = component.get("DTSTART")
    value = start.dt if start is not None else None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return _zone_name(value.tzinfo)
    return None


def _categories(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    tags: list[str] = []
    for item in items:
        for cat in getattr(item, "cats", [item]):
            text = str(cat).replace("\\,", ",").strip()
            if text and text not in tags:
                tags.append(text)
    return tags


def _split_sources(description: str) -> tuple[str | None, list[str]]:
    """chrono writes sources after the description as `Sources:` and one per line."""
    m = _SOURCES.search(description)
    if m is None:
        return description.strip() or None, []
    return description[: m.start()].strip() or None, m["list"].split("\n")


# --------------------------------------------------------------------------- CSV

# Column names chrono writes, and the ones calendar and spreadsheet exports use.
_COLUMNS = {
    "title": ("title", "subject", "summary", "name", "event"),
    "date": ("date", "start date", "start", "dtstart", "when"),
    "time": ("start time", "time"),
    "end": ("end date", "end"),
    "end time": ("end time",),
    "description": ("description", "notes", "details"),
    "location": ("location", "place", "where"),
    "tags": ("tags", "categories", "category"),
    "sources": ("sources", "source", "url", "link"),
    "id": ("id", "uid"),
}


def import_csv(text: str, path: str, *, day_first: bool | None = None) -> Imported:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None:
        return Imported((), None, (Problem(path, 1, 1, "empty CSV file"),))
    roles = _roles(header)
    if "date" not in roles.values() or "title" not in roles.values():
        message = "a CSV needs a date column and a title column (header: " + ",".join(HEADER) + ")"
        return Imported((), None, (Problem(path, 1, 1, message),))
    records: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        cells = {header[i]: restore(cell) for i, cell in enumerate(row) if i < len(header)}
        try:
            records.append(_csv_record(cells, roles, day_first))
        except DateError as exc:
            problems.append(Problem(path, reader.line_num, 1, str(exc)))
    return Imported(tuple(records), None, tuple(_nothing(path, records, problems)))


def _roles(header: Iterable[str]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for name in header:
        key = name.strip().lower()
        role = next((r for r, names in _COLUMNS.items() if key in names), None)
        if role is not None and role not in roles.values():
            roles[name] = role
    return roles


def _csv_record(
    cells: dict[str, str], roles: dict[str, str], day_first: bool | None
) -> dict[str, Any]:
    by_role = {role: cells.get(name, "").strip() for name, role in roles.items()}
    if not by_role.get("title"):
        raise DateError("row has no title")
    date = _csv_date(by_role.get("date", ""), by_role.get("time", ""), day_first)
    if by_role.get("end"):
        end = _csv_date(by_role["end"], by_role.get("end time", ""), day_first)
        if end != date:
            date = f"{date}/{end}"
    record: dict[str, Any] = {"date": date, "title": by_role["title"]}
    for field in ("id", "description", "location"):
        if by_role.get(field):
            record[field] = cells[next(n for n, r in roles.items() if r == field)]
    for field in ("tags", "sources"):
        if by_role.get(field):
            values = by_role[field].split(LIST_SEPARATOR)  # as chrono's own CSV writes lists
            record[field] = [v.strip() for v in values if v.strip()]
    for name, value in cells.items():
        if name not in roles and value != "":
            record[name] = value
    return record


def _csv_date(text: str, clock: str, day_first: bool | None) -> str:
    """The date as written, made unambiguous: numeric dates become ISO text."""
    if not text:
        raise DateError("row has no date")
    numeric = re.fullmatch(r"\d{1,4}[/.]\d{1,2}[/.]\d{1,4}", text) is not None
    if clock:
        text = f"{text} {clock}"
    date = parse_date(text, day_first=day_first)  # raises on a bad or ambiguous date
    if numeric and not date.interval:
        return date.iso_bounds()[0] or text
    return text
