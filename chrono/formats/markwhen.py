"""`--format markwhen` (`.mw`): a Markwhen document, and `chrono import` of the ones
Markwhen users write (SPEC §9).

The grammar is @markwhen/parser's (1.2): an event is a line `DATE: title` or
`START / END: title`, its `#tags` anywhere in its text, YAML properties on the
lines right after it, then its description; `# Heading` lines open sections.

chrono writes what Markwhen's dates hold (years, months, days, clock times,
year-only BCE) as Markwhen dates; a date they cannot hold exactly (`~`, `?`,
quarters, decades, offsets, BCE days, open ends) is written as the nearest
Markwhen range with the date as written in a `date` property.  `id`, `location`,
`sources` and tags that are not Markwhen tags (`#\\w+`) are properties too, so
that they come back exactly.  Text that Markwhen would read as syntax (`#tag`,
`!id`, `.end`, `[x]`, a line that looks like a date or a property) gets a word
joiner (U+2060, which shows as nothing) to keep it text; `read` takes it out.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from typing import Any

from chrono.errors import DateError, Problem, Severity, invalid_utf8
from chrono.formats import Format, Imported, Rendered, Settings
from chrono.formats.markwhen_dates import (
    BCE_RANGE,
    EVENT,
    Anchors,
    read_date,
    recurrence,
    year_label,
)
from chrono.formats.records import needs_timezone
from chrono.model import Event
from chrono.precision import US_PER_SECOND, Precision, civil_from_instant

JOINER = "\u2060"  # WORD JOINER: escapes the character after it
# What Markwhen reads as syntax inside text (see the module docstring): a joiner goes
# before the character that would complete it.
_SYNTAX = re.compile(
    r"(?<=[#!])(?=[\w\[])|(?<=\.)(?=start|end)|(?<=\])(?=\()|(?<=\[)(?=[xX ]?\])|(?=\u2060)"
)
_UNESCAPE = re.compile("\u2060(.|$)", re.DOTALL)
# Markwhen's tag: ASCII word characters, not only digits (its TAG_REGEX)
_TAG = re.compile(r"(?:^|\s)#(?!\d+(?:\s|$))(\w+)", re.ASCII)
_MW_TAG = re.compile(r"(?!\d+$)\w+", re.ASCII)


def escape(text: str) -> str:
    """Text that Markwhen shows as it is (joiners added before syntax)."""
    return _SYNTAX.sub(JOINER, text)


def unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def _value(value: Any) -> str:
    """A header or property value: JSON text, which is YAML too.  Escaped besides JSON's
    own: what YAML does not allow raw (C1 controls, line separators), and `#`, which
    Markwhen turns into `)` before a word in these lines (its propertyHexReplacer)."""
    text = json.dumps(value, ensure_ascii=False)
    return _RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


_RAW = re.compile("[#\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


# --------------------------------------------------------------------------- writing


def _point(p: Any, last: bool) -> tuple[str, bool]:
    """A CE date as Markwhen writes it (EDTF, or ISO in UTC for an instant), and
    whether that is exactly the date; a quarter, decade or century as its first or
    (`last`) its last month or year."""
    if p.precision is Precision.DECADE or p.precision is Precision.CENTURY:
        span = 9 if p.precision is Precision.DECADE else 99
        return f"{p.year + (span if last else 0):04d}", False
    if p.precision is Precision.QUARTER:
        return f"{p.year:04d}-{p.month + (2 if last else 0):02d}", False
    text = f"{p.year:04d}"
    if p.precision >= Precision.MONTH:
        text += f"-{p.month:02d}"
    if p.precision >= Precision.DAY:
        text += f"-{p.day:02d}"
    if p.precision < Precision.MINUTE:
        return text, True
    if p.offset is not None:  # an instant: Markwhen reads ISO 8601 in UTC
        exact = p.offset == 0 and p.precision is Precision.SECOND and not p.fraction_digits
        return _utc(p.lo), exact
    return f"{text} {p.hour:02d}:{p.minute:02d}", p.precision is Precision.MINUTE


def _utc(instant: int) -> str:
    """An instant as Markwhen's ISO 8601 form: seconds, UTC (`Z`)."""
    y, m, d, hour, minute, second, _ = civil_from_instant(instant)
    return f"{y:04d}-{m:02d}-{d:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"


def markwhen_date(date: Any, now: int | None = None) -> tuple[str, bool]:
    """The Markwhen date of a chrono date, and whether it says all of it.

    An open end is Markwhen's `now`; an open interval that starts after `now` (µs
    since 1970, today when None) is written as its start alone, as Markwhen calls a
    range that ends before it starts an error (the `date` property keeps it whole)."""
    start, end = date.start, date.end
    plain = not date.approximate and not date.uncertain
    points = [p for p in ((start, end) if date.interval else (start,)) if p is not None]
    if any(p.year <= 0 for p in points):  # Markwhen's BCE: years, with an era
        return _bce(date), plain and all(p.precision is Precision.YEAR for p in points) and (
            len(points) == (2 if date.interval else 1)
        )
    if not date.interval:
        first, exact = _point(start, False)
        if start.precision in (Precision.QUARTER, Precision.DECADE, Precision.CENTURY):
            return f"{first} / {_point(start, True)[0]}", False
        return first, exact and plain
    if start is None:  # `../1994`: Markwhen has no open start
        return _point(end, True)[0], False
    first, exact_first = _point(start, False)
    if end is None:  # (an ISO instant is of Markwhen's casual grammar: its ranges take `-`)
        if start.lo > (time.time_ns() // 1000 if now is None else now):
            return first, False
        return f"{first} {'-' if start.offset is not None else '/'} now", False
    if start.offset is not None or end.offset is not None:
        # Markwhen reads ISO instants in its casual grammar, whose ranges take `-`
        return f"{_utc(start.lo)} - {_utc(end.lo if end.offset is not None else end.hi)}", False
    last, exact_last = _point(end, True)
    spans = {Precision.QUARTER, Precision.DECADE, Precision.CENTURY}
    exact = exact_first and exact_last and plain and not {start.precision, end.precision} & spans
    return f"{first} / {last}", exact


def _bce(date: Any) -> str:
    """`44 BCE`, or `300 BCE - 199 BCE`: Markwhen's BCE ranges end where the last
    year begins (its getYearNotationToDatetime does not round the end up), so the
    year after chrono's last one is written."""
    start, end = date.start, date.end
    first = year_label((start or end).year)
    if not date.interval or end is None or start is None:
        return first
    after = end.year + {Precision.DECADE: 10, Precision.CENTURY: 100}.get(end.precision, 1)
    return f"{first} - {year_label(after)}"


def _event(event: Event, now: int | None = None) -> list[str]:
    date, exact = markwhen_date(event.date, now)
    tags = [t for t in event.tags if _MW_TAG.fullmatch(t)]
    others = [t for t in event.tags if not _MW_TAG.fullmatch(t)]
    # The first tag draws lanes: when #tags first would change their order, the property
    # lists them all, in order, and reading follows it.
    if others and tags + others != list(event.tags):
        others = list(event.tags)
    lines = [f"{date}: {escape(event.title)}" + "".join(f" #{t}" for t in tags)]
    properties: list[tuple[str, Any]] = [
        ("date", None if exact else event.date.text),
        ("id", event.id),
        ("location", event.location),
        ("tags", others or None),
        ("sources", list(event.sources) or None),
        ("timezone", event.timezone if needs_timezone(event) else None),
    ]
    # other keys, as properties too (a name a property can have; see render)
    properties += [(key, value) for key, value in event.extra.items() if _KEY.fullmatch(key)]
    lines += [f"{key}: {_value(value)}" for key, value in properties if value is not None]
    if event.description is not None:
        # (a line break however written: Markwhen reads lines, and CR LF as LF)
        lines += [_line(line) for line in _LINE_BREAK.split(event.description)]
    return lines


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line(line: str) -> str:
    """A description line; one Markwhen could read as more than text (a date, a
    property, a heading, a list item, a comment: each has a `:` or starts with a
    mark), or that is blank or has spaces at an end, starts with a joiner."""
    plain = line and line == line.strip() and ":" not in line and line[0] not in "#-/[!\u2060"
    if plain and (_OLD_GROUP.match(line) or _OLD_END.match(line)):
        plain = False  # (`group Name` would open a section)
    return escape(line) if plain else JOINER + escape(line)


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    parts = [f"title: {_value(settings.title)}\n\n"] if settings.title else []
    now = settings.time() * US_PER_SECOND  # (SOURCE_DATE_EPOCH, else today)
    parts += ["\n".join(_event(event, now)) + "\n\n" for event in events]
    text = "".join(parts)
    unnamed = sorted({k for e in events for k in e.extra if not _KEY.fullmatch(k)})
    empty = sorted({k for e in events for k, v in e.extra.items() if v is None} - set(unnamed))
    warnings = [
        f"markwhen: left out other keys that cannot be property names: {', '.join(map(repr, unnamed))}"
    ] if unnamed else []  # fmt: skip
    if empty:  # (a property line with no value is not one Markwhen reads)
        warnings.append(
            f"markwhen: left out other keys with no value: {', '.join(map(repr, empty))}"
        )
    return Rendered(text[:-1] if text.endswith("\n\n") else text, warnings)


# A key a Markwhen property line can hold, and that is not one chrono writes itself.
_KEY = re.compile(r"(?!(?:date|id|location|tags|sources|timezone|tz)$)[A-Za-z_][\w\-.]*")


# --------------------------------------------------------------------------- reading

_SECTION = re.compile(r"^\s*(#{1,6})\s+(.*)$")
# Markwhen before 1.0 (and many documents since): `group Name` or `section Name` ...
# `endGroup` / `endSection`.  Markwhen 1.2's parser reads these lines as text; chrono
# still reads them as the sections their authors meant.
_OLD_GROUP = re.compile(r"^\s*(?:section|group)\s+(\S.*?)\s*$")
_OLD_END = re.compile(r"^\s*end\s*(?:section|group|Section|Group)\s*$")


def _boundary(line: str) -> bool:
    """Where an event's lines end: another event, or a section's start or end."""
    return bool(
        EVENT.match(line)
        or BCE_RANGE.match(line)
        or _SECTION.match(line)
        or _OLD_GROUP.match(line)
        or _OLD_END.match(line)
    )


_PROPERTY = re.compile(r"^(?!-)\s*([\w\-.]+):(?:\s+(.*)|$)")
_COMMENT = re.compile(r"^\s*//")
_ID = re.compile(r"(?:\W|^)!(\w+)")
_LOCATION = re.compile(r"\[([^\]]+)\]\((?:location|map)\)")


class _Doc(Anchors):
    """What reading has found so far: events, their spans by id, the section tags."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.records: list[dict[str, Any]] = []
        self.problems: list[Problem] = []
        self.sections: list[tuple[int, list[str]]] = []
        self.zone: str | None = None  # the header's `timezone`, for clock times


def read(data: bytes, path: str, day_first: bool | None = None) -> Imported:
    """A Markwhen document's events as timeline records."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Imported((), None, (invalid_utf8(path, data, exc),))
    lines = text.replace("\r\n", "\n").split("\n")
    doc = _Doc(path)
    if lines[0].startswith("---") and not any(line.startswith("---") for line in lines[1:]):
        message = "the header opened by '---' is never closed, so no line after it is read"
        return Imported((), None, (Problem(path, 1, 1, message),))
    title, zone, i = _header(lines)
    doc.zone = _zone(doc, zone, 1)
    for at, line in enumerate(lines[:i]):  # the header is YAML: free text there is lost
        if not line.strip() or _COMMENT.match(line):
            continue
        if _DATED.match(line):  # (`2025-11-05T09:30:00-05:00: Call`: a key to YAML)
            message = f"not an event Markwhen reads (nor a header key), left out: {line.strip()!r}"
        elif not _HEADER_LINE.match(line):
            message = f"not part of the header's 'key: value' lines, left out: {line.strip()!r}"
        else:
            continue
        doc.problems.append(Problem(path, at + 1, 1, message, Severity.WARNING))
    invalid = 0
    while i < len(lines):
        line = lines[i]
        section = _SECTION.match(line)
        if _COMMENT.match(line) or not line.strip():
            i += 1
        elif section is not None:
            _open_section(doc, len(section[1]), section[2])
            i += 1
        elif _OLD_GROUP.match(line) or _OLD_END.match(line):
            _old_group(doc, line)
            i += 1
        elif EVENT.match(line) or BCE_RANGE.match(line):
            i, ok = _read_event(doc, lines, i)
            invalid += not ok
        else:  # (Markwhen's parser passes over it too)
            message = f"not part of an event, left out: {line.strip()!r}"
            doc.problems.append(Problem(path, i + 1, 1, message, Severity.WARNING))
            i += 1
    if not doc.records and not doc.problems:
        doc.problems.append(Problem(path, 0, 0, "no events to import", Severity.WARNING))
    return Imported(tuple(doc.records), title, tuple(doc.problems), invalid)


def _header(lines: list[str]) -> tuple[str | None, str | None, int]:
    """The title, the time zone, and the first line after the header (its YAML before
    the events)."""
    title = zone = None
    i = 0
    fenced = bool(lines) and lines[0].startswith("---")
    if fenced:
        i = 1
    while i < len(lines):
        line = lines[i]
        if fenced and line.startswith("---"):
            return title, zone, i + 1
        if not fenced and _boundary(line):
            break
        m = re.match(r"^\s*title:\s*(.+?)\s*$", line, re.IGNORECASE)
        if m is not None:
            title = _scalar(m[1])
        m = re.match(r"^\s*(?:timezone|tz):\s*(.+?)\s*$", line, re.IGNORECASE)
        if m is not None:
            zone = _scalar(m[1])
        i += 1
    return title, zone, i


def _zone(doc: _Doc, name: str | None, line: int) -> str | None:
    """A Markwhen `timezone` as chrono's: an IANA name (Markwhen's numbers of hours,
    `-3`, have no name: clock times stay floating, with a warning)."""
    from chrono.dates import load_zone

    if name is None:
        return None
    try:
        load_zone(name)
    except DateError:
        message = f"time zone '{name}' is not an IANA name: clock times are kept without a zone"
        doc.problems.append(Problem(doc.path, line, 1, message, Severity.WARNING))
        return None
    return name


def _scalar(text: str) -> str:
    """A YAML scalar on one line: JSON-quoted (as chrono writes), quoted, or plain."""
    text = text.strip()
    if text.startswith('"'):
        try:
            value = json.loads(text)
            return value if isinstance(value, str) else text
        except json.JSONDecodeError:
            return text.strip('"')
    if text.startswith("'") and text.endswith("'") and len(text) > 1:
        return text[1:-1].replace("''", "'")
    return re.sub(r"\s+#.*$", "", text)


def _open_section(doc: _Doc, level: int, heading: str) -> None:
    while doc.sections and doc.sections[-1][0] >= level:
        doc.sections.pop()
    tags = list(_TAG.findall(heading))
    name = " ".join(_TAG.sub("", heading).split())
    doc.sections.append((level, ([name] if name else []) + tags))


def _old_group(doc: _Doc, line: str) -> None:
    """`group Name` opens a section inside the open ones; `endGroup` closes the last."""
    opened = _OLD_GROUP.match(line)
    if opened is None:
        if doc.sections and doc.sections[-1][0] > 6:
            doc.sections.pop()
        return
    _open_section(doc, 7 + len(doc.sections), opened[1])


def _read_event(doc: _Doc, lines: list[str], i: int) -> tuple[int, bool]:
    """The event at line i (0-based); the line after it, and whether it was read."""
    first = lines[i]
    properties, j = _properties(lines, i + 1)
    end = j
    while end < len(lines) and not _boundary(lines[end]):
        end += 1
    body = [line for line in lines[j:end] if not _COMMENT.match(line)]
    for at in range(j, end):  # Markwhen's parser reads these as text too: say so
        if _ISO_DAYS_RANGE.match(lines[at]):
            message = (
                "this looks like an event, but Markwhen reads two ISO days joined by '-' or "
                "'to' as text, so it stays in the description above; write "
                "'2020-09-27 / 2020-11-10' to make it an event"
            )
            doc.problems.append(Problem(doc.path, at + 1, 1, message, Severity.WARNING))
    try:
        record = _record(doc, i + 1, first, properties, body)
    except DateError as exc:
        doc.problems.append(Problem(doc.path, i + 1, 1, str(exc)))
        return end, False
    doc.records.append(record)
    return end, True


# A line of the YAML header: a key, a list item, a continuation, a fence.
_HEADER_LINE = re.compile(r"\s|[\w.-]+\s*:|- |---|#")
# A header line that starts as a date, an event meant (not indented: a line of a
# header value's block is the value's)
_DATED = re.compile(r"\d{4}")
_ISO_DAYS_RANGE = re.compile(r"\s*\d{4}-\d\d-\d\d\s+(?:-|to)\s+\d{4}-\d\d-\d\d\s*:", re.IGNORECASE)


def _properties(lines: list[str], i: int) -> tuple[dict[str, str], int]:
    found: dict[str, str] = {}
    while i < len(lines):
        m = _PROPERTY.match(lines[i])
        if m is None or EVENT.match(lines[i]):
            break
        found[m[1]] = m[2] or ""
        i += 1
    return found, i


_FLOATING_CLOCK = re.compile(r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:/|$)")


def _record(
    doc: _Doc, line: int, first: str, properties: dict[str, str], body: list[str]
) -> dict[str, Any]:
    date_text, text, span = read_date(doc, first)
    written = properties.get("date")
    if written is not None:
        date_text = _scalar(written)
    tags = _TAG.findall(text)
    title_text = _TAG.sub("", text)
    locations = _LOCATION.findall(title_text)
    title_text = _LOCATION.sub("", title_text)
    id_match = _ID.search(title_text)
    if id_match is not None:
        title_text = title_text[: id_match.start()] + title_text[id_match.end() :]
    title = unescape(" ".join(title_text.split()))
    if not title:
        raise DateError("event has no title")
    record: dict[str, Any] = {"date": date_text, "title": title}
    rule = recurrence(first)
    if rule is not None:
        record["recurrence"] = rule
    own = properties.get("timezone", properties.get("tz"))
    zone = _zone(doc, _scalar(own), line) if own is not None else doc.zone
    if zone is not None and _FLOATING_CLOCK.search(date_text):
        record["timezone"] = zone
    ident = _scalar(properties["id"]) if "id" in properties else None
    if ident is None and id_match is not None:
        ident = id_match[1]
    if ident is not None:
        record["id"] = ident
    if "location" in properties:
        record["location"] = _scalar(properties["location"])
    description, more_tags, places = _description(body)
    locations += places
    if locations:  # (besides a `location` property, if any: none is lost)
        record["location"] = "; ".join([*filter(None, [record.get("location")]), *locations])
    if description is not None:
        record["description"] = description
    listed = _list(properties.get("tags"))
    tags += more_tags
    if set(tags) <= set(listed):  # the property lists every tag: chrono wrote it so to
        tags = listed  # keep their order (the first draws lanes)
    else:
        tags += listed
    tags += [t for _, names in doc.sections for t in names]
    if tags:
        record["tags"] = list(dict.fromkeys(tags))
    sources = _list(properties.get("sources"))
    if sources:
        record["sources"] = sources
    for key, value in properties.items():  # any other property: an other key, kept
        if key not in _OWN and key not in record:
            record[key] = _other(value)
    if ident:
        doc.spans[ident] = span
    doc.last = span
    return record


_OWN = frozenset({"date", "id", "location", "tags", "sources", "timezone", "tz"})


def _other(text: str) -> Any:
    """A property's value: JSON (as chrono writes it), else YAML, else the text."""
    import yaml

    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text.strip()
    return value if isinstance(value, (str, int, float, bool, list, dict)) else text.strip()


def _list(text: str | None) -> list[str]:
    if text is None:
        return []
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = [v.strip() for v in text.strip().strip("[]").split(",")]
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if str(v).strip()] if isinstance(value, list) else []


def _description(body: list[str]) -> tuple[str | None, list[str], list[str]]:
    """The description lines: chrono's own (after a joiner) exactly, others as
    Markwhen reads them (tags and locations taken out, trimmed)."""
    while body and not body[-1].strip():
        body = body[:-1]
    tags: list[str] = []
    places: list[str] = []
    lines: list[tuple[str, bool]] = []  # each line, and whether chrono wrote it as it is
    for line in body:
        if line.startswith(JOINER):
            lines.append((unescape(line), True))
            continue
        tags += _TAG.findall(line)
        places += _LOCATION.findall(line)
        lines.append((unescape(_LOCATION.sub("", _TAG.sub("", line)).strip()), False))
    while lines and lines[-1] == ("", False):  # (a line that held only a location or tags)
        lines.pop()
    while lines and lines[0] == ("", False):
        lines.pop(0)
    if not lines:
        return None, tags, places
    return "\n".join(text for text, _ in lines), tags, places


FORMAT = Format(
    "markwhen", (".mw",), "a Markwhen document, for plans and histories as text", render,
    read=read,
)  # fmt: skip
