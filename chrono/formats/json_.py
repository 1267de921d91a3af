"""`--format json`: a list of event objects (SPEC §5, §7), and `chrono import` of it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from chrono.errors import DateError, Problem, Severity
from chrono.formats import Format, Imported, Records, Rendered, Settings
from chrono.formats._fast_json import record_text
from chrono.formats.jsonfile import Places, load, refused_records
from chrono.formats.records import OWN_JSON_KEYS, plain_record
from chrono.model import Event

if TYPE_CHECKING:
    from chrono.dates import ChronoDate


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
_SIDES = ("start", "end")  # an interval's, in a timeline file


def sniff(data: bytes) -> str:
    """The format of a `.json` file by its content: `timelinejs` for an object whose
    `events` are TimelineJS slides (each with a `start_date`), else `json` (chrono's
    list of events, or a file the JSON reader will say is neither)."""
    from chrono.formats.timelinejs import looks_like

    found, unread, _ = load(data, "")
    return "timelinejs" if not unread and looks_like(found) else "json"


def read(data: bytes, path: str, day_first: bool | None = None) -> Imported:
    """chrono's own JSON (`export --format json`) as timeline records."""
    found, unread, repeats = load(data, path)
    if unread:
        return Imported((), None, unread)
    twice = refused_records(repeats, (), "event")
    if twice is None:  # (a key written twice outside the records)
        return Imported((), None, tuple(r.problem for r in repeats))
    if not isinstance(found, list):
        from chrono.formats.timelinejs import looks_like

        message = ("expected a list of events, as chrono export --format json writes, "
                   "or TimelineJS's object of events")  # fmt: skip
        if looks_like(found):
            message = "this is TimelineJS's JSON, not chrono's: import it with --format timelinejs"
        return Imported((), None, (Problem(path, 1, 1, message),))
    records: list[dict[str, Any]] = []
    places: Places | None = None  # (walked only to say where something is wrong)
    repeated, problems = twice
    invalid = len(repeated)
    for index, item in enumerate(found):
        if index in repeated:
            continue
        try:
            record, date = _checked(_record(item), item, day_first)
        except _Refused as refused:
            keys, message, severity = refused.keys, str(refused), Severity.ERROR
            invalid += 1
        else:
            records.append(record)
            unlike = _unlike(item, date)
            if unlike is None:
                continue
            keys, message, severity = (unlike[0],), unlike[1], Severity.WARNING
        if places is None:
            places = Places(data.decode("utf-8-sig"))
        line, column = places.where(index, *keys)
        problems.append(Problem(path, line, column, f"event {index + 1}: {message}", severity))
    return Imported(tuple(records), None, tuple(problems), invalid)


class _Refused(Exception):
    """A record that cannot be imported: why, and the key of the record it is at."""

    def __init__(self, message: str, *keys: str) -> None:
        super().__init__(message)
        self.keys = keys


def _checked(
    record: dict[str, Any], item: dict[str, Any], day_first: bool | None
) -> tuple[dict[str, Any], ChronoDate]:
    """The record and its date, when its zone and date are ones chrono reads (as the
    other importers: never a file that chrono then refuses)."""
    from chrono.dates import load_zone, parse_date  # (only when importing)

    zone = record.get("timezone")
    try:
        if zone is not None:
            load_zone(zone if isinstance(zone, str) else repr(zone))
    except DateError as exc:
        raise _Refused(str(exc), "timezone") from None
    try:
        return record, parse_date(record["date"], zone=zone, day_first=day_first)
    except DateError as exc:
        raise _Refused(str(exc), "date" if "date" in item else "start") from None


def _unlike(item: dict[str, Any], date: ChronoDate) -> tuple[str, str] | None:
    """What to say of a `start` or `end` beside a `date` that is not the date's (edited
    by hand, as they look editable): the date is what is read, and they are made from it."""
    if "date" not in item:
        return None
    for key, bound in zip(("start", "end"), date.iso_bounds(), strict=True):
        given = item.get(key)
        if isinstance(given, str) and given != bound:
            return key, (f"'{key}' {given} is not the date's ({bound}): the date "
                         f"'{date.text}' is read; '{key}' is made from it")  # fmt: skip
    return None


def _record(item: Any) -> dict[str, Any]:
    """One record as a timeline file holds it, keys in the order chrono writes them."""
    if not isinstance(item, dict):
        raise _Refused(f"expected an object with a date and a title, not {_short(item)}")
    date = item.get("date")
    if date is None:
        date = _bounds_date(item)
        if date is None:
            raise _Refused("no 'date' (nor 'start' or 'end')")
    elif not isinstance(date, str):  # (`2026`: fine in YAML, a number in JSON)
        quoted = f' ("{date}")' if type(date) in (int, float) else ""
        raise _Refused(f"'date' must be text{quoted}, not {_short(date)}", "date")
    title = item.get("title")
    if title is None:
        raise _Refused("no 'title'")
    if not isinstance(title, str):
        raise _Refused(f"'title' must be text, not {_short(title)}", "title")
    # (an empty title is none, as in a timeline file)
    for key, text in (("date", date), ("title", title)):
        if not text.strip():
            raise _Refused(f"'{key}' is empty", key if key in item else "start")
    record: dict[str, Any] = {"date": date, "title": title}
    record.update({key: item[key] for key in _SINGLE if item.get(key) is not None})
    record.update({key: item[key] for key in ("tags", "sources") if item.get(key)})
    # (what a record says of its date and origins, a timeline file does not hold: the
    # date as written says it all again, and the origins are where the file was read)
    taken = {"date", "title", "tags", "sources", *_SINGLE, *OWN_JSON_KEYS}
    record.update({key: value for key, value in item.items() if key not in taken})
    other = item.get("other")
    if isinstance(other, dict):  # fields named as chrono's own keys, or any a tool put there
        # (`start`/`end` beside a date would make a timeline chrono refuses: they stay)
        record.update({k: v for k, v in other.items() if k not in record and k not in _SIDES})
        clashing = {k: v for k, v in other.items() if k in _SIDES or record[k] != v}
        if clashing:  # (named as a field the record has: kept as they came, not lost)
            record["other"] = clashing
    elif other is not None:
        record["other"] = other
    if item.get("conflicts"):
        record["conflicts"] = item["conflicts"]
    return record


def _short(value: Any) -> str:
    """A JSON value as a message quotes it, cut at 40 characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _bounds_date(item: dict[str, Any]) -> str | None:
    """The date of a record with no `date`, from its `start` and `end` (the first and
    last days or instants, as chrono writes them beside the date); a side that is
    missing or null is open, as `start:` alone is in a timeline file (SPEC §3). They
    cannot say a year, `~` or `?`: a record whose `precision`, `approximate` or
    `uncertain` says one is refused rather than read as days."""
    from chrono.dates import parse_date  # (only when importing)

    start, end = item.get("start"), item.get("end")
    for key, side in (("start", start), ("end", end)):
        if side is not None and not isinstance(side, str):
            raise _Refused(f"'{key}' must be a date as text, not {_short(side)}", key)
    if start is None and end is None:
        return None
    text = str(start) if start == end else f"{start or '..'}/{end or '..'}"
    try:
        parsed = parse_date(text)
    except DateError:
        return text  # (said where the date is checked)
    unsaid = []
    if item.get("precision") not in (None, parsed.precision.label):
        unsaid.append(f"{item['precision']} precision")
    unsaid += [flag for flag in ("approximate", "uncertain") if item.get(flag) is True]
    if unsaid:
        raise _Refused(f"no 'date', and 'start'/'end' cannot say {', '.join(unsaid)}: "
                       "give the date as written")  # fmt: skip
    return text


RECORDS = Records(record, first="[\n  ", between=",\n  ", last="\n]\n", empty="[]\n")
FORMAT = Format(
    "json", (".json",), "a list of event objects, for other tools", render, read=read,
    records=RECORDS,
)  # fmt: skip
