"""`--format json`: a list of event objects (SPEC §5, §7), and `chrono import` of it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from chrono.errors import DateError, Problem
from chrono.formats import Format, Imported, Records, Rendered, Settings
from chrono.formats._fast_json import record_text
from chrono.formats.jsonfile import Places, load
from chrono.formats.records import OWN_JSON_KEYS, plain_record
from chrono.model import Event


def record(event: Event) -> str:
    """One event's record as it appears in the list, indented one level (JSON text
    has no line break inside a string, so every line break is the layout's)."""
    if not event.extra and not event.conflicts:  # the usual event: the fast path
        return record_text(event)
    return json.dumps(plain_record(event), ensure_ascii=False, indent=2).replace("\n", "\n  ")


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    """One record at a time, written as it is made: a large export is never whole
    in memory, neither as dicts nor as text."""
    return Rendered(RECORDS.join(record(event) for event in events))


_SINGLE = ("id", "description", "location", "timezone")


def sniff(data: bytes) -> str:
    """The format of a `.json` file by its content: `timelinejs` for an object whose
    `events` are TimelineJS slides (each with a `start_date`), else `json` (chrono's
    list of events, or a file the JSON reader will say is neither)."""
    from chrono.formats.timelinejs import looks_like

    found, unread = load(data, "")
    return "timelinejs" if not unread and looks_like(found) else "json"


def read(data: bytes, path: str, day_first: bool | None = None) -> Imported:
    """chrono's own JSON (`export --format json`) as timeline records."""
    found, unread = load(data, path)
    if unread:
        return Imported((), None, unread)
    if not isinstance(found, list):
        from chrono.formats.timelinejs import looks_like

        message = ("expected a list of events, as chrono export --format json writes, "
                   "or TimelineJS's object of events")  # fmt: skip
        if looks_like(found):
            message = "this is TimelineJS's JSON, not chrono's: import it with --format timelinejs"
        return Imported((), None, (Problem(path, 1, 1, message),))
    records, problems = [], []
    places: Places | None = None  # (walked only to say where something is wrong)
    for index, item in enumerate(found):
        record = _record(item)
        if record is not None:
            wrong = _wrong(record, "date" if "date" in item else "start", day_first)
            if wrong is None:
                records.append(record)
                continue
        else:
            wrong = ((), _NOT_A_RECORD)
        keys, message = wrong
        if places is None:
            places = Places(data.decode("utf-8-sig"))
        line, column = places.where(index, *keys)
        problems.append(Problem(path, line, column, f"event {index + 1}: {message}"))
    return Imported(tuple(records), None, tuple(problems), len(problems))


_NOT_A_RECORD = "expected an object with a date and a title"


def _wrong(
    record: dict[str, Any], date_key: str, day_first: bool | None
) -> tuple[tuple[str, ...], str] | None:
    """What is wrong with a record's zone or date, and the key it is at; None when
    nothing is (as the other importers: never a file that chrono then refuses)."""
    from chrono.dates import load_zone, parse_date  # (only when importing)

    zone = record.get("timezone")
    try:
        if zone is not None:
            load_zone(zone if isinstance(zone, str) else repr(zone))
    except DateError as exc:
        return ("timezone",), str(exc)
    try:
        parse_date(record["date"], zone=zone, day_first=day_first)
    except DateError as exc:
        return (date_key,), str(exc)
    return None


def _record(item: Any) -> dict[str, Any] | None:
    """One record as a timeline file holds it, keys in the order chrono writes them; a
    record with no `date` is dated by its `start` and `end` (the days or instants it
    spans, as chrono writes them beside the date)."""
    if not isinstance(item, dict):
        return None
    date = item.get("date")
    if date is None and isinstance(item.get("start"), str):
        end = item.get("end")
        date = item["start"] if not isinstance(end, str) or end == item["start"] else (
            f"{item['start']}/{end}")  # fmt: skip
    title = item.get("title")  # (an empty title, as a timeline's, is none)
    if not (isinstance(date, str) and date.strip() and isinstance(title, str) and title.strip()):
        return None
    record: dict[str, Any] = {"date": date, "title": title}
    record.update({key: item[key] for key in _SINGLE if item.get(key) is not None})
    record.update({key: item[key] for key in ("tags", "sources") if item.get(key)})
    # (what a record says of its date and origins, a timeline file does not hold: the
    # date as written says it all again, and the origins are where the file was read)
    taken = {"date", "title", "tags", "sources", *_SINGLE, *OWN_JSON_KEYS}
    record.update({key: value for key, value in item.items() if key not in taken})
    other = item.get("other")
    if isinstance(other, dict):  # fields named as chrono's own keys, or any a tool put there
        record.update({k: v for k, v in other.items() if k not in record})
        clashing = {k: v for k, v in other.items() if record[k] != v}
        if clashing:  # (named as a field the record has: kept as they came, not lost)
            record["other"] = clashing
    elif other is not None:
        record["other"] = other
    if item.get("conflicts"):
        record["conflicts"] = item["conflicts"]
    return record


RECORDS = Records(record, first="[\n  ", between=",\n  ", last="\n]\n", empty="[]\n")
FORMAT = Format(
    "json", (".json",), "a list of event objects, for other tools", render, read=read,
    records=RECORDS,
)  # fmt: skip
