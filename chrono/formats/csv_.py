"""`--format csv`: one row per event, RFC 4180, safe to open in a spreadsheet (SPEC §5, §7).

`chrono import` reads this shape back, and the CSV of common calendar and
spreadsheet exports (a date and a title column, under the names they use).
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from chrono.errors import BOM, DateError, Problem, Severity, bad_utf8
from chrono.formats import Format, Imported, Rendered, Settings
from chrono.formats.records import needs_timezone
from chrono.formats.timelinejs import SHEET_COLUMNS, read_sheet
from chrono.model import KNOWN_FIELDS, Event

HEADER = ("date", "title", "description", "location", "tags", "sources", "id")
LIST_SEPARATOR = "; "
# A cell starting with one of these is a formula to Excel, LibreOffice and Google
# Sheets (OWASP "CSV injection"); tab and carriage return start one in some of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Prefix a formula-like cell with `'`, which spreadsheets show as text; and a cell
    that is apostrophes before a formula-like text too, so that `restore` can tell
    an apostrophe written from the one added.

    >>> neutralise("=HYPERLINK(...)"), neutralise("-0043-03-15"), neutralise("Baku")
    ("'=HYPERLINK(...)", "'-0043-03-15", 'Baku')
    >>> neutralise("'=x"), neutralise("'quoted")
    ("''=x", "'quoted")
    """
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def restore(cell: str) -> str:
    """Undo `neutralise` (for `chrono import`)."""
    return (
        cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS) else cell
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    # Other keys, in first-seen order; a column no event fills is left out (an empty
    # cell reads back as no value, so it would not come back from `chrono import`).
    extra_keys = list(
        dict.fromkeys(k for e in events for k, v in e.extra.items() if k not in HEADER and _cell(v))
    )
    # The zone a clock time was read in, where one was (else it would come back floating).
    zones = any(map(needs_timezone, events))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: CRLF, minimal quoting
    writer.writerow(HEADER + (("timezone",) if zones else ()) + tuple(extra_keys))
    for e in events:
        row = [e.date.text, e.title, e.description, e.location, e.tags, e.sources, e.id]
        row += [e.timezone if needs_timezone(e) else None] if zones else []
        row += [e.extra.get(k) for k in extra_keys]
        writer.writerow([neutralise(_cell(v)) for v in row])
    return Rendered(out.getvalue(), _losses(events, extra_keys))


def _losses(events: Sequence[Event], extra_keys: Sequence[str]) -> list[str]:
    """What a CSV cell cannot give back to `chrono import`, said: a tag or source with
    the list separator in it, and another key's list or mapping (written as text)."""
    warnings = [
        f"csv: '{e.title}' ({e.date.display()}): {', '.join(map(repr, split))} will read back "
        f"as more than one, split at '{LIST_SEPARATOR}'"
        for e in events
        if (split := [v for v in (*e.tags, *e.sources) if LIST_SEPARATOR in v])
    ]
    structured = [k for k in extra_keys
                  if any(isinstance(e.extra.get(k), list | tuple | dict) for e in events)]  # fmt: skip
    if structured:
        warnings.append(f"csv: lists and mappings in {', '.join(map(repr, structured))} are "
                        "written as text, and read back as text")  # fmt: skip
    empty = sorted({k for e in events for k, v in e.extra.items() if v is None} - set(extra_keys))
    if empty:  # (an empty cell reads back as no value)
        warnings.append(f"csv: left out other keys with no value: {', '.join(map(repr, empty))}")
    return warnings


# --------------------------------------------------------------------------- reading

# Column names chrono writes, and the ones calendar and spreadsheet exports use (Outlook's
# in English and in German: `Betreff`, `Beginnt am`, …).
_COLUMNS = {
    "title": ("title", "subject", "summary", "name", "event", "betreff"),
    "date": ("date", "start date", "start", "dtstart", "when", "beginnt am"),
    "time": ("start time", "time", "beginnt um"),
    "end": ("end date", "end", "endet am"),
    "end time": ("end time", "endet um"),
    "description": ("description", "notes", "details", "beschreibung"),
    "location": ("location", "place", "where", "ort"),
    "tags": ("tags", "categories", "category", "kategorien"),
    "sources": ("sources", "source", "url", "link"),
    "id": ("id", "uid"),
    "timezone": ("timezone",),  # (as chrono writes it: a user's `time zone` stays theirs)
    # (Outlook's, Google's; German Outlook's)
    "all day": ("all day event", "all day", "all-day", "ganztägiges ereignis"),
}
# An all-day column's True and False, as Outlook writes them in English and German
_TRUE, _FALSE = ("true", "yes", "1", "ein", "wahr"), ("false", "no", "0", "", "aus", "falsch")

# An all-day event's end at midnight is the start of the day after it (Outlook writes
# `12:00:00 AM` for both ends); an end with no time is its last day (Google's CSV).
_MIDNIGHT = re.compile(r"0?0:00(?::00)?|12:00(?::00)?\s*[aA]\.?[mM]\.?")
# Calendars write a time's seconds whether or not they keep any (Outlook's
# `10:00:00 AM`): `:00` seconds are padding, and the time is to the minute.
_PADDED = re.compile(r"(\d{1,2}:\d\d):00(\s*[aApP]\.?[mM]\.?)?")


def read(data: bytes, path: str, day_first: bool | None) -> Imported:
    """A CSV file's rows as timeline records."""
    text, problems = decode(data, path)
    if text is None:
        return Imported((), None, tuple(problems))
    found = read_text(text, path, day_first=day_first)
    return Imported(found.records, found.title, (*problems, *found.problems), found.invalid)


def read_text(text: str, path: str, *, day_first: bool | None = None) -> Imported:
    text = text.lstrip("\ufeff")
    # (newline="": a line may end in CR, LF or both, as the file's maker wrote it)
    delimiter = _delimiter(text)
    # (a cell may be as long as the file: an Outlook description; 128 KiB is the default)
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _rows(reader, path, day_first, _Places(text, delimiter))
    except csv.Error as exc:  # (what the reader refuses, in case)
        return Imported((), None, (Problem(path, reader.line_num, 1, f"invalid CSV: {exc}"),))


class _Places:
    """Where a row's cells begin in the text (the csv module does not say): found
    only for a row that has something to report."""

    def __init__(self, text: str, delimiter: str) -> None:
        self._text, self._delimiter = text, delimiter
        self._starts: list[int] = []

    def cell(self, line: int, index: int) -> tuple[int, int]:
        """Line and column of cell `index` (0-based) of the row whose first line is
        `line`: past `index` separators outside quotes (a quoted cell may hold one,
        or line breaks)."""
        text = self._text
        if not self._starts:
            self._starts = [0, *(m.end() for m in re.finditer("\r\n|\r|\n", text))]
        at, cells = self._starts[line - 1], 0
        while cells < index and at < len(text):
            if text[at] == '"':  # (a cell that starts with a quote: to its closing one;
                at = _closing_quote(text, at + 1)  # a quote later in a cell is a letter)
            while at < len(text) and text[at] not in self._delimiter + "\r\n":
                at += 1
            if at >= len(text) or text[at] != self._delimiter:
                break  # (a short row)
            cells, at = cells + 1, at + 1
        if cells < index:
            return line, 1
        found = bisect.bisect_right(self._starts, at)
        return found, at - self._starts[found - 1] + 1


def _closing_quote(text: str, at: int) -> int:
    """Just past the quote that closes a quoted cell whose text starts at `at` (`""`
    inside is a quote)."""
    while (at := text.find('"', at)) != -1:
        if text[at + 1 : at + 2] != '"':
            return at + 1
        at += 2
    return len(text)


def _delimiter(text: str) -> str:
    """What separates the cells: of `,`, `;` and tab, the one the header has most of
    outside quoted names (`;` in Excel's CSV in much of Europe, a tab in its "Unicode
    text"); `,` where none is more common."""
    header = re.split("[\r\n]", re.sub(r'"(?:[^"]|"")*"', "", text[:65536]), maxsplit=1)[0]
    return max(",;\t", key=header.count)


def _rows(reader: Any, path: str, day_first: bool | None, places: _Places) -> Imported:
    header = next(reader, None)
    if header is None:
        return Imported((), None, (Problem(path, 1, 1, "empty CSV file"),))
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if name in seen:  # (a row's cells are found by their column's name)
            message = (
                f"column '{name}' is named twice in the header (columns {seen[name]} and {number})"
            )
            return Imported((), None, (Problem(path, 1, 1, message),))
        seen[name] = number
    if {name.strip().lower() for name in header} >= SHEET_COLUMNS:  # (TimelineJS's sheet)
        return _sheet(reader, header, path)
    roles = _roles(header)
    if "date" not in roles.values() or "title" not in roles.values():
        message = ("a CSV needs a date column and a title column (header: "
                   + ",".join(HEADER) + "; or a calendar's: Subject,Start Date,Start Time,"
                   "End Date,End Time,…, or German Outlook's: Betreff,Beginnt am,…)")  # fmt: skip
        return Imported((), None, (Problem(path, 1, 1, message),))
    records: list[dict[str, Any]] = []
    problems: list[Problem] = []
    dated = [name for name, role in roles.items() if role in ("date", "end")]
    days: list[tuple[int, str]] = []  # (each row's date cells, for `_order`)
    for line, row in _numbered(reader):
        if not any(cell.strip() for cell in row):
            continue
        if any(cell.strip() for cell in row[len(header) :]):  # (empty ones: a spreadsheet's)
            message = (f"row has {len(row)} cells, the header {len(header)}: "
                       f"the last {len(row) - len(header)} have no column")  # fmt: skip
            problems.append(Problem(path, line, 1, message))
            continue
        cells = {header[i]: restore(cell) for i, cell in enumerate(row) if i < len(header)}
        days += [(line, cells[name]) for name in dated if cells.get(name)]
        warnings: list[tuple[str, str]] = []
        try:
            records.append(_csv_record(cells, roles, day_first, warnings))
        except DateError as exc:  # (a _CellError says at which cell)
            named: str | None = getattr(exc, "column", None)
            row_at, column_at = (
                (line, 1) if named is None else places.cell(line, header.index(named))
            )
            problems.append(Problem(path, row_at, column_at, str(exc)))
        else:
            for name, message in warnings:
                row_at, column_at = places.cell(line, header.index(name))
                problems.append(Problem(path, row_at, column_at, message, Severity.WARNING))
    invalid = sum(p.is_error for p in problems)  # one a row
    if day_first is None and any(p.message.startswith("ambiguous date") for p in problems):
        problems += _order(path, days)
    problems += _kept_columns(path, header, records)
    return Imported(tuple(records), None, tuple(_nothing(path, records, problems)), invalid)


# A numeric day: two numbers, then the year (`9/28/2025`, `28.09.2025`)
_NUMERIC_DAY = re.compile(r"\s*(\d{1,2})[./-](\d{1,2})[./-]\d{4}(?!\d)")


def _order(path: str, days: list[tuple[int, str]]) -> list[Problem]:
    """Where a file's ambiguous dates (`9/7/2025`) are refused (SPEC §7), the order its
    other dates settle (`9/28/2025` is month first), if they settle one: said, so that
    the user picks the option, which chrono does not guess for them."""
    found: dict[str, tuple[int, str]] = {}
    for line, text in days:
        m = _NUMERIC_DAY.match(text)
        if m is not None and (int(m[1]) > 12) != (int(m[2]) > 12):
            found.setdefault("day" if int(m[1]) > 12 else "month", (line, text.strip()))
    if len(found) != 1:  # (none, or both orders: nothing to say)
        return []
    ((order, (line, text)),) = found.items()
    message = (f"the file's other dates are {order} first (line {line}: {text}): "
               f"--{order}-first reads them so")  # fmt: skip
    return [Problem(path, 0, 0, message, Severity.WARNING)]


def _numbered(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """The rows after the header, each with its first line (a quoted cell may hold line
    breaks, so a row's line is not its number)."""
    last = reader.line_num  # (the header's last line)
    for row in reader:
        yield last + 1, row
        last = reader.line_num


def _sheet(reader: Any, header: list[str], path: str) -> Imported:
    """TimelineJS's Google Sheets template saved as CSV: each row a slide."""
    rows = [(line, {header[i]: restore(c) for i, c in enumerate(row) if i < len(header)})
            for line, row in _numbered(reader) if any(cell.strip() for cell in row)]  # fmt: skip
    return read_sheet(rows, path)


def _kept_columns(path: str, header: list[str], records: list[dict[str, Any]]) -> list[Problem]:
    """Once, at the header: the columns kept as fields chrono does not read, which every
    later run warns about (one warning each, an event), so that it is no surprise."""
    kept = [name for name in header if name not in KNOWN_FIELDS and any(name in r for r in records)]
    if not kept:
        return []
    names = ", ".join(f"'{name}'" for name in kept)
    number = "1 column is" if len(kept) == 1 else f"{len(kept)} columns are"
    message = (f"{number} kept as "
               "fields chrono does not read, and every run will warn about them: "
               f"{names}; remove from the timeline those you do not need")  # fmt: skip
    return [Problem(path, 1, 1, message, Severity.WARNING)]


def _roles(header: Iterable[str]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for name in header:
        key = name.strip().lower()
        role = next((r for r, names in _COLUMNS.items() if key in names), None)
        if role is not None and role not in roles.values():
            roles[name] = role
    return roles


def _column(roles: dict[str, str], role: str) -> str:
    """The header's name of the column that has this role."""
    return next(name for name, its in roles.items() if its == role)


class _CellError(DateError):
    """A row that cannot be imported, and the column of the cell that says why."""

    def __init__(self, message: str, column: str) -> None:
        super().__init__(message)
        self.column = column


def _csv_record(
    cells: dict[str, str],
    roles: dict[str, str],
    day_first: bool | None,
    warnings: list[tuple[str, str]],
) -> dict[str, Any]:
    """A row as a timeline record; what is left out of it, and why, goes to `warnings`
    (each with the column of its cell); raises `_CellError`."""
    by_role = {role: cells.get(name, "").strip() for name, role in roles.items()}
    if not by_role.get("title"):
        raise _CellError("row has no title", _column(roles, "title"))
    from chrono.dates import parse_date  # (only when importing)

    zone = by_role.get("timezone") or None
    flag = by_role.get("all day", "")
    all_day = flag.lower() in _TRUE
    if not all_day and flag.lower() not in _FALSE:
        column = _column(roles, "all day")
        warnings.append((column, f"'{column}' is '{flag}', neither True nor False: read as False"))
    if all_day:  # (its times are midnight, or none: another is left out, and said)
        odd = [name for name, role in roles.items()
               if role in ("time", "end time") and cells.get(name, "").strip()
               and not _MIDNIGHT.fullmatch(cells[name].strip())]  # fmt: skip
        if odd:
            left = " and ".join(f"{name} '{cells[name].strip()}'" for name in odd)
            left += " is" if len(odd) == 1 else " are"
            message = f"'{_column(roles, 'all day')}' is {flag}, so {left} left out"
            warnings.append((odd[0], message))
    clock, end_clock = (
        ("", "") if all_day else (by_role.get("time", ""), by_role.get("end time", ""))
    )
    zone_column = _column(roles, "timezone") if zone else None
    columns = (_column(roles, "date"), _column(roles, "time") if clock else None, zone_column)
    date = _csv_date(by_role.get("date", ""), clock, day_first, zone, columns)
    # (an end time without an end date ends on the start's day, as calendars write it;
    # an end date that is the start's, without an end time, says nothing more)
    end_day = by_role.get("end") or (by_role.get("date", "") if end_clock else "")
    if clock and not end_clock and end_day and _same_day(end_day, by_role["date"], day_first):
        end_day = ""
    if end_day:
        end_column = _column(roles, "end" if by_role.get("end") else "end time")
        clock_column = _column(roles, "end time") if end_clock else None
        end = _csv_date(
            end_day, end_clock, day_first, zone, (end_column, clock_column, zone_column)
        )
        if all_day and _MIDNIGHT.fullmatch(by_role.get("end time", "")):
            end = _day_before(end, date)
        if end != date:
            date = f"{date}/{end}"
            # (one that ends before it starts: a row error here, not a file chrono
            # then refuses)
            try:
                parse_date(date, zone=zone, day_first=day_first)
            except DateError as exc:
                message = str(exc)
                if message.endswith("ends before it starts"):  # (the cells as written)
                    start = " ".join(filter(None, (by_role["date"], clock)))
                    finish = " ".join(filter(None, (by_role.get("end"), end_clock)))
                    message = f"ends before it starts: '{start}' to '{finish}'"
                if not by_role.get("end"):  # (an end time alone ends on the start's day)
                    message += (f"; '{end_column}' with no end date is on the start's day: "
                                "give the end date")  # fmt: skip
                raise _CellError(message, end_column) from None
    record: dict[str, Any] = {"date": date, "title": by_role["title"]}
    for field in ("id", "description", "location", "timezone"):
        if by_role.get(field):
            record[field] = cells[_column(roles, field)]
    for field in ("tags", "sources"):
        if by_role.get(field):
            name = _column(roles, field)
            # as chrono's own CSV writes lists; Outlook's `Categories` with `;` alone
            separator = ";" if name.strip().lower() == "categories" else LIST_SEPARATOR
            values = by_role[field].split(separator)
            record[field] = [v.strip() for v in values if v.strip()]
    for name, value in cells.items():  # (`All day event` is read, as `Start Time` is:
        if name not in roles and value != "":  # the date says it)
            record[name] = value
    return record


def _same_day(a: str, b: str, day_first: bool | None) -> bool:
    """Whether two date cells say the same day (`1/2/2025` and `01/02/2025`)."""
    from chrono.dates import parse_date  # (only when importing)

    try:
        first, second = parse_date(a, day_first=day_first), parse_date(b, day_first=day_first)
    except DateError:
        return False  # (said when the cell is read as the end)
    return (first.lo, first.hi) == (second.lo, second.hi)


def _day_before(end: str, start: str) -> str:
    """The last day of an all-day event that ends at the midnight `end` begins with,
    as ISO text; `end` itself when that would be before `start`."""
    from chrono.dates import iso_day, parse_date  # (only when importing)
    from chrono.precision import US_PER_DAY, civil_from_days

    first, after = parse_date(start), parse_date(end)
    if after.lo <= first.lo:
        return end
    return iso_day(*civil_from_days(after.lo // US_PER_DAY - 1))


def _csv_date(
    text: str,
    clock: str,
    day_first: bool | None,
    zone: str | None,
    columns: tuple[str, str | None, str | None],
) -> str:
    """The date as written, made unambiguous: numeric dates become ISO text.  One that
    cannot be read is an error at the cell that says why, of `columns`: the date's, the
    time's (when the date alone reads) or the zone's (an unknown zone)."""
    from chrono.dates import ZoneNamed

    try:
        return _iso_date(text, clock, day_first, zone)
    except DateError as exc:
        date_column, clock_column, zone_column = columns
        message = str(exc)
        if isinstance(exc, ZoneNamed):  # (a CSV's zone is a column: chrono writes one)
            where = f"with {exc.zone} in a timezone column"
            if clock_column is not None and exc.zone.lower() in clock.lower():
                raise _CellError(_zone_in_clock(exc, clock, where), clock_column) from None
            message = exc.said(where)
        if zone_column is not None and message.startswith(f"unknown time zone '{zone}'"):
            raise _CellError(message, zone_column) from None
        if clock_column is not None and _reads(text, day_first):
            raise _CellError(_clock_message(message, text, clock), clock_column) from None
        if clock:  # (the date's own problem, in the words of its own cell)
            try:
                _iso_date(text, "", day_first, zone)
            except DateError as alone:
                message = str(alone)
        raise _CellError(message, date_column) from None


def _zone_in_clock(exc: Any, clock: str, where: str) -> str:
    """A time cell that names its zone (`14:30 Europe/Paris`), said of that cell."""
    time = clock[: clock.lower().index(exc.zone.lower())].rstrip(" [")
    said = f"a time zone's name cannot be in a time ('{clock}'): write {time}, {where}"
    if exc.offset is None:
        return said
    return f"{said}, or its offset: {time}{exc.offset[len(exc.date) :]}"


def _clock_message(message: str, text: str, clock: str) -> str:
    """A message about a date read with its time cell, said of the time cell as written
    (`impossible time '25:00:00'`, not `impossible date '2025-01-01 25:00'`)."""
    joined = _joined(text, clock)
    if "(two times: " in message:
        if re.search(r"\d:\d\d", text):  # (the date cell has a time: the cell's is another)
            return f"a second time '{clock}': the date '{text}' has its own"
        return f"two times in '{clock}': write one, or the end in its own column"
    if message.startswith("unknown date form"):
        return f"unknown time '{clock}' (write a time as e.g. 14:30 or 2:30 PM)"
    head, _, tail = message.partition(f"'{joined}'")
    if not _:
        return message
    said = joined[len(text) + 1 :]  # (`13:00 PM` for `13:00:00 PM`)
    head = head.replace("impossible date", "impossible time")
    return f"{head}'{clock}'{tail.replace(said, clock) if said != clock else tail}"


def _joined(text: str, clock: str) -> str:
    """A date cell and its time cell as one date: `:00` seconds are left out (a
    calendar's `10:00:00 AM` is to the minute)."""
    if not clock:
        return text
    padded = _PADDED.fullmatch(clock)
    return f"{text} {padded[1] + (padded[2] or '') if padded else clock}"


def _reads(text: str, day_first: bool | None) -> bool:
    try:
        _iso_date(text, "", day_first, None)
    except DateError:
        return False
    return True


def _iso_date(text: str, clock: str, day_first: bool | None, zone: str | None) -> str:
    if not text:
        raise DateError("row has no date")
    # (`10/5/2025`, alone or before a time in the same cell: its order is settled here)
    numeric = re.fullmatch(r"\d{1,4}[/.]\d{1,2}[/.]\d{1,4}", text.split(" ", 1)[0]) is not None
    text = _joined(text, clock)
    from chrono.dates import parse_date  # (only when importing)

    date = parse_date(text, zone=zone, day_first=day_first)  # raises on a bad date or zone
    if numeric and not date.interval:
        return date.iso_bounds()[0] or text
    return text


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """A CSV file's text: UTF-8 (a BOM is allowed), else Windows-1252, as Excel and
    Outlook write CSV on Windows, with a warning to check the accented letters; a
    file that is neither is an error at its first byte that is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # (Excel's "Unicode text")
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            return None, [Problem(path, 1, 1, f"invalid UTF-16 at byte {exc.start}; "
                                  "save the file as UTF-8")]  # fmt: skip
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line, column, byte = bad_utf8(data, exc)
    try:
        text = data.removeprefix(BOM).decode("cp1252")  # (not ï»¿ in the header)
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


FORMAT = Format(
    "csv", (".csv",), "one row per event, safe to open in spreadsheets", render, read=read
)
