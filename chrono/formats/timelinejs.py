"""`--format timelinejs`: the JSON Knight Lab's TimelineJS3 loads, and `chrono import` of
it (SPEC §9).

TimelineJS counts years as readers do: it shows year -44 as "44 BCE" (its
`Language.formatJSDate` drops the sign and adds the era), so chrono's astronomical
-0043 (44 BCE) is written -44 and year 0 (1 BCE) is -1.  A date TimelineJS cannot
say by its fields alone (approximate, uncertain, coarser than a day, an offset, an
open side) has the date as written in `display_date` (SPEC §9), which TimelineJS
shows instead, and which `read` parses back when it means what the fields say.

The slide text is HTML (TimelineJS sanitises it and shows it as markup): chrono
escapes every text and writes the description, location, tags and sources in
paragraphs of its own classes, so that it reads them back exactly.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from chrono.errors import DateError, Problem, Severity
from chrono.formats import Format, Imported, Option, Rendered, Settings
from chrono.formats.grouping import BANDS, band
from chrono.formats.jsonfile import Places, load, refused_records
from chrono.formats.records import as_url, left_out, needs_timezone
from chrono.model import Event
from chrono.precision import Precision, civil_from_instant

GROUPS = Option(
    "groups",
    "TimelineJS: a labelled row of the time axis for each first tag, each source file, or none.",
    choices=BANDS,
    default="none",
)
# unique_ids chrono makes for events without an id (an id is written as it is)
_MADE_ID = re.compile(r"chrono-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_FIELDS = ("year", "month", "day", "hour", "minute", "second", "millisecond")


# --------------------------------------------------------------------------- writing


def _year(astronomical: int) -> int:
    """TimelineJS's year: 44 BCE is -44 (there is no year 0)."""
    return astronomical if astronomical > 0 else astronomical - 1


def _point(p: Any, last: bool) -> dict[str, int]:
    """A date's fields at its precision; with `last`, the last year or month of a
    decade, century or quarter (the end of a span)."""
    year = p.year
    if last and p.precision is Precision.DECADE:
        year += 9
    elif last and p.precision is Precision.CENTURY:
        year += 99
    fields = {"year": _year(year)}
    if p.precision >= Precision.QUARTER:
        quarter = p.precision is Precision.QUARTER
        fields["month"] = p.month + 2 if last and quarter else p.month
    if p.precision >= Precision.DAY:
        fields["day"] = p.day
    if p.precision < Precision.MINUTE:
        return fields
    if p.offset is not None or p.zone is not None:  # an instant: its time in UTC, as
        # TimelineJS has no offsets nor zones (so that instants of several offsets or
        # zones keep their order on its axis; the display date says it as written)
        utc_year, month, day, hour, minute, second, microsecond = civil_from_instant(p.lo)
        fields.update(year=_year(utc_year), month=month, day=day, hour=hour, minute=minute)
    else:
        fields.update(hour=p.hour, minute=p.minute)
        second, microsecond = p.second, p.microsecond
    if p.precision is Precision.SECOND or second:  # (a minute in a zone's local mean
        # time, +05:41:16, starts on a second of UTC's)
        fields["second"] = second
        if p.fraction_digits:
            fields["millisecond"] = microsecond // 1000
    return fields


def date_fields(date: Any) -> tuple[dict[str, int], dict[str, int] | None]:
    """`start_date` and `end_date` (None: a point) of a chrono date."""
    start, end = date.start, date.end
    if not date.interval:
        spans = start.precision in (Precision.QUARTER, Precision.DECADE, Precision.CENTURY)
        return _point(start, False), _point(start, True) if spans else None
    if start is None:  # `../1994`: TimelineJS needs a start; the display says it is open
        return _point(end, False), None
    return _point(start, False), _point(end, True) if end is not None else None


def _plain(date: Any) -> bool:
    """True when the fields alone say the date: a day or a clock time (both ends alike),
    certain, exact, floating (TimelineJS has no offsets)."""
    points = [p for p in ((date.start, date.end) if date.interval else (date.start,)) if p]
    return (
        len(points) == (2 if date.interval else 1)
        and all(
            p.precision >= Precision.DAY and p.offset is None and p.zone is None for p in points
        )
        and all(p.fraction_digits in (0, 3) for p in points)
        # (a day to a clock time: TimelineJS shows ends in the start's format, or not at
        # all when the end's instant is the start's)
        and len({p.precision for p in points}) == 1
        and not date.approximate
        and not date.uncertain
    )


def _text(event: Event, said_id: str | None) -> str:
    parts = []
    if event.description:
        parts.append(f'<p class="chrono-description">{_escape(event.description)}</p>')
    if event.location:
        parts.append(f'<p class="chrono-location">Location: {_escape(event.location)}</p>')
    if event.tags:
        tags = ", ".join(f"<span>{_escape(t)}</span>" for t in event.tags)
        parts.append(f'<p class="chrono-tags">Tags: {tags}</p>')
    if event.sources:
        items = "".join(f"<li>{_source(s)}</li>" for s in event.sources)
        parts.append(
            f'<p class="chrono-sources">Sources:</p><ul class="chrono-sources">{items}</ul>'
        )
    if needs_timezone(event):  # (the fields are UTC: the clock time read in this zone)
        parts.append(f'<p class="chrono-timezone">Time zone: {_escape(str(event.timezone))}</p>')
    if said_id is not None:
        parts.append(f'<p class="chrono-id">Id: {_escape(said_id)}</p>')
    return "".join(parts)


def _escape(text: str) -> str:
    """Text in HTML, one line (a line break is `<br>`)."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def _source(source: str) -> str:
    url = as_url(source)
    if url is None:
        return _escape(source)
    return f'<a href="{html.escape(url)}">{_escape(source)}</a>'


def _slide(event: Event, unique_id: str, by: str, said_id: str | None) -> dict[str, Any]:
    start, end = date_fields(event.date)
    slide: dict[str, Any] = {"start_date": start}
    if end is not None:
        slide["end_date"] = end
    shown = event.extra.get("display_date")  # (free text a TimelineJS file had)
    if isinstance(shown, str) and shown.strip():
        slide["display_date"] = shown
    elif not _plain(event.date):
        slide["display_date"] = event.date.text  # as written (SPEC §9)
    slide["text"] = {"headline": _escape(event.title), "text": _text(event, said_id)}
    group = band(event, by)
    if group is not None:  # (TimelineJS shows a group as HTML)
        slide["group"] = _escape(group)
    slide["unique_id"] = unique_id
    return slide


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    from chrono.formats.ics_uid import uid  # (UUIDv5 of the id or the date and title)

    by = settings.option("groups") or "none"
    used: set[str] = set()
    slides = []
    for event in events:
        # TimelineJS takes a blank unique_id for none: such an id is not kept
        kept = event.id if event.id is not None and event.id.strip() else None
        unique_id = kept if kept not in used else None
        copy = 1
        while unique_id is None or unique_id in used:
            unique_id = "chrono-" + uid(event if kept else replace(event, id=None), copy)
            copy += 1
        used.add(unique_id)
        # (an id another slide has already, as `--dedupe none` keeps them: a slide's
        # unique_id must be its own, so the id is said in its text)
        said_id = kept if kept is not None and unique_id != kept else None
        slides.append(_slide(event, unique_id, by, said_id))
    document: dict[str, Any] = {"events": slides}
    if settings.title:  # a title slide only for a title the inputs share (none invented)
        document = {
            "title": {"text": {"headline": _escape(settings.title), "text": ""}},
            **document,
        }
    warnings = left_out(events, "TimelineJS", frozenset({"display_date"}))
    return Rendered(json.dumps(document, ensure_ascii=False, indent=2) + "\n", tuple(warnings))


# --------------------------------------------------------------------------- reading


def looks_like(found: Any) -> bool:
    """A TimelineJS document: an object with a list of `events` (its slides; one that is
    not a slide with a `start_date` is an error at that slide, not another format)."""
    return isinstance(found, dict) and isinstance(found.get("events"), list)


def read(data: bytes, path: str, day_first: bool | None = None) -> Imported:
    """A TimelineJS3 JSON file's slides as timeline records."""
    found, unread, repeats = load(data, path)
    if unread:
        return Imported((), None, unread)
    twice = refused_records(repeats, ("events",), "slide")
    if twice is None:  # (a key written twice outside the records)
        return Imported((), None, tuple(r.problem for r in repeats))
    repeated, problems = twice
    text = data.decode("utf-8-sig")
    if not looks_like(found):
        message = "expected a TimelineJS object with an `events` list of slides with a start_date"
        return Imported((), None, (Problem(path, 1, 1, message),))
    places: list[Places] = []  # (walked only to say where something is)

    def at(number: int) -> tuple[int, int]:
        if not places:
            places.append(Places(text))
        return places[0].where("events", number)

    records = []
    for number, slide in enumerate(found["events"]):
        if number in repeated:
            continue
        try:
            if not isinstance(slide, dict):
                raise TypeError("a slide must be an object with a start_date")
            records.append(_record(slide))
        except (DateError, ValueError, TypeError) as exc:
            problems.append(Problem(path, *at(number), f"slide {number + 1}: {exc}"))
            continue
        left = _unheld(slide)
        if left:
            message = f"slide {number + 1}: left out: {', '.join(left)}"
            problems.append(Problem(path, *at(number), message, Severity.WARNING))
    invalid = sum(1 for p in problems if p.severity is not Severity.WARNING)
    invalid -= len(repeats) - len(repeated)  # (a slide with two keys twice: one slide)
    others = [k for k in ("eras", "scale") if found.get(k)]
    if others:
        message = f"left out: the timeline's {' and '.join(others)}"
        problems.append(Problem(path, 1, 1, message, Severity.WARNING))
    if not records and not problems:
        problems.append(Problem(path, 0, 0, "no events to import", Severity.WARNING))
    intro = _get(found.get("title"), "text", "text")
    if isinstance(intro, str) and _html_text(intro).strip():  # (a timeline has a title only)
        message = "the title slide's text is left out: a timeline file keeps only its title"
        problems.append(Problem(path, 1, 1, message, Severity.WARNING))
    return Imported(tuple(records), _title(found), tuple(problems), invalid)


def _unheld(slide: dict[str, Any]) -> list[str]:
    """What a slide has that a timeline file has no field for, to say it is left out."""
    left = [f"media {k}" for k in ("caption", "credit") if _get(slide, "media", k)]
    return left + [k for k in ("background", "autolink") if slide.get(k)]


def _title(found: dict[str, Any]) -> str | None:
    headline = _get(found.get("title"), "text", "headline")
    if not isinstance(headline, str):
        return None
    return " ".join(_html_text(headline).split()) or None


def _get(value: Any, *keys: str) -> Any:
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _record(slide: dict[str, Any]) -> dict[str, Any]:
    headline = _get(slide, "text", "headline")
    title = " ".join(_html_text(headline).split()) if isinstance(headline, str) else ""
    body = _get(slide, "text", "text")
    # (an empty text is nobody's: its slide's group, a user's category, is a tag)
    mine = _chrono_text(body) if isinstance(body, str) and body else None
    zone = mine.get("timezone") if mine is not None else None
    untitled = "" if title else "has no headline (text.headline), which chrono needs as its title"
    try:
        date = _date(slide, zone)
    except (DateError, ValueError, TypeError) as exc:  # (said with the title's, if both)
        raise ValueError("; ".join(filter(None, (untitled, str(exc))))) from None
    if untitled:
        raise ValueError(untitled)
    record: dict[str, Any] = {"date": date, "title": title}
    unique_id = slide.get("unique_id")
    if isinstance(unique_id, str) and unique_id and not _MADE_ID.fullmatch(unique_id):
        record["id"] = unique_id
    if mine is not None:
        record.update(mine)
    else:
        record.update(_user_text(body if isinstance(body, str) else ""))
        group = slide.get("group")
        if isinstance(group, str) and _html_text(group).strip():  # a group is a category
            record["tags"] = [_html_text(group).strip()]
    url = _get(slide, "media", "url")
    if isinstance(url, str) and url.strip() and url.strip() not in record.get("sources", []):
        record.setdefault("sources", []).append(url.strip())
    shown = slide.get("display_date") or _get(slide, "start_date", "display_date")
    if isinstance(shown, str) and shown.strip() and record["date"] != _written(shown):
        record["display_date"] = shown  # free text that is not the date: kept as read
    return record


def _written(shown: str) -> str:
    """chrono's display of an interval (`Aug 2025 – …`) as a date chrono reads."""
    return shown.strip().replace(" – ", "/").replace("…", "..")


def _date(slide: dict[str, Any], zone: str | None = None) -> str:
    """The date as chrono writes it: the display date when it means what the fields
    say (it keeps `~`, `?`, quarters, offsets, and clock times read in the `zone`
    chrono's text names), else the fields as ISO text."""
    from chrono.dates import parse_date  # (only when importing)

    start = _fields(slide.get("start_date"), "start_date")
    end = _fields(slide.get("end_date"), "end_date") if slide.get("end_date") else None
    shown = slide.get("display_date") or _get(slide, "start_date", "display_date")
    if isinstance(shown, str) and shown.strip():
        try:
            written = _written(shown)
            if date_fields(parse_date(written, zone=zone)) == (start, end):
                return written
        except DateError:
            pass  # free text ("Summer 1994"): the fields are the date
    # (a zone named in chrono's text: chrono wrote the fields of its clock times in UTC)
    utc = "Z" if zone is not None else ""
    first = _iso(start, utc)
    text = first if end is None else f"{first}/{_iso(end, utc)}"
    parse_date(text)  # raises DateError for an impossible date (month 13, 30 February)
    return text


# Each field's range, and the field it needs above it (a day needs a month); years
# as TimelineJS counts them: -10000 is 10000 BCE, chrono's first year (-9999).
_RANGES = {
    "year": (-10000, 9999, None), "month": (1, 12, "year"), "day": (1, 31, "month"),
    "hour": (0, 23, "day"), "minute": (0, 59, "hour"), "second": (0, 59, "minute"),
    "millisecond": (0, 999, "second"),
}  # fmt: skip
_WHOLE = re.compile(r"-?[0-9]+")


def _fields(value: Any, name: str) -> dict[str, int]:
    """A TimelineJS date object's fields, each a whole number in its range and under the
    field above it (numbers may be written as text, as TimelineJS allows)."""
    if not isinstance(value, dict):
        raise TypeError(f"{name} must be an object with a year")
    if value.get("year") is None or (isinstance(value["year"], str) and not value["year"].strip()):
        raise ValueError(f"{name} has no year")
    fields = {}
    for key in _FIELDS:
        raw = value.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        text = str(raw).strip() if isinstance(raw, (int, str)) and not isinstance(raw, bool) else ""
        if not _WHOLE.fullmatch(text):
            raise ValueError(f"{name}.{key} must be a whole number, not {raw!r}")
        fields[key] = int(text)
        low, high, above = _RANGES[key]
        if not low <= fields[key] <= high:
            raise ValueError(f"{name}.{key} must be from {low} to {high}, not {fields[key]}")
        if above is not None and above not in fields:
            raise ValueError(f"{name} has a {key} but no {above}")
    if fields["year"] == 0:
        raise ValueError(f"{name}: TimelineJS has no year 0 (write -1 for 1 BCE)")
    return fields


def _iso(fields: dict[str, int], offset: str = "") -> str:
    """TimelineJS fields as ISO text at their precision (astronomical years), a clock
    time with `offset` after it."""
    year = fields["year"] if fields["year"] > 0 else fields["year"] + 1
    text = f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    if "month" not in fields:
        return text
    text += f"-{fields['month']:02d}"
    if "day" not in fields:
        return text
    text += f"-{fields['day']:02d}"
    if "hour" not in fields:
        return text
    text += f"T{fields['hour']:02d}:{fields.get('minute', 0):02d}"
    if "second" in fields or "millisecond" in fields:
        text += f":{fields.get('second', 0):02d}"
    if "millisecond" in fields:
        text += f".{fields['millisecond']:03d}"
    return text + offset


_CHRONO_TEXT = re.compile(
    r'(?:<p class="chrono-description">(?P<description>[^<]*(?:<br>[^<]*)*)</p>)?'
    r'(?:<p class="chrono-location">Location: (?P<location>[^<]*(?:<br>[^<]*)*)</p>)?'
    r'(?:<p class="chrono-tags">Tags: (?P<tags><span>[^<]*(?:<br>[^<]*)*</span>'
    r"(?:, <span>[^<]*(?:<br>[^<]*)*</span>)*)</p>)?"
    r'(?:<p class="chrono-sources">Sources:</p><ul class="chrono-sources">'
    r"(?P<sources>(?:<li>(?:(?!</li>).)*</li>)+)</ul>)?"  # (an item ends at its </li>)
    r'(?:<p class="chrono-timezone">Time zone: (?P<timezone>[^<]*)</p>)?'
    r'(?:<p class="chrono-id">Id: (?P<id>[^<]*(?:<br>[^<]*)*)</p>)?',
    re.DOTALL,
)
_SPAN = re.compile(r"<span>(.*?)</span>", re.DOTALL)
_ITEM = re.compile(r'<li>(?:<a href="[^"]*">(.*?)</a>|([^<]*(?:<br>[^<]*)*))</li>', re.DOTALL)


def _chrono_text(body: str) -> dict[str, Any] | None:
    """The fields of a slide text chrono wrote (None for any other text)."""
    m = _CHRONO_TEXT.fullmatch(body)
    if m is None or (body and not body.startswith('<p class="chrono-')):
        return None
    found: dict[str, Any] = {}
    if m["description"] is not None:
        found["description"] = _unescape(m["description"])
    if m["location"] is not None:
        found["location"] = _unescape(m["location"])
    if m["tags"] is not None:
        found["tags"] = [_unescape(t) for t in _SPAN.findall(m["tags"])]
    if m["sources"] is not None:
        items = _ITEM.findall(m["sources"])
        if len(items) != m["sources"].count("<li>"):
            return None
        found["sources"] = [_unescape(linked or plain) for linked, plain in items]
    if m["timezone"] is not None:
        found["timezone"] = _unescape(m["timezone"])
    if m["id"] is not None:
        found["id"] = _unescape(m["id"])
    return found


def _unescape(text: str) -> str:
    return html.unescape(text.replace("<br>", "\n"))


def _user_text(body: str) -> dict[str, Any]:
    """A slide text someone wrote in TimelineJS: its text as the description, its
    links as sources."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.links: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "br":
                self.parts.append("\n")
            elif tag in ("p", "div", "li") and self.parts:
                self.parts.append("\n\n" if tag != "li" else "\n")
            href = dict(attrs).get("href") if tag == "a" else None
            if href and href not in self.links:
                self.links.append(href)

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = _Text()
    parser.feed(body)
    parser.close()
    text = "\n".join(line.strip() for line in "".join(parser.parts).strip().split("\n"))
    found: dict[str, Any] = {}
    if text:
        found["description"] = re.sub(r"\n{3,}", "\n\n", text)
    if parser.links:
        found["sources"] = parser.links
    return found


def _html_text(text: str) -> str:
    """HTML as the text it shows (a headline chrono wrote is escaped text)."""
    return html.unescape(re.sub(r"<br\s*/?>", "\n", re.sub(r"<(?!br)[^>]*>", "", text)))


FORMAT = Format(
    "timelinejs", (".timelinejs.json",), "the JSON Knight Lab's TimelineJS3 tells as a story",
    render, options=(GROUPS,), read=read,
)  # fmt: skip


# --------------------------------------------------------------------------- its sheet

# The columns of TimelineJS's Google Sheets template (its "v3" sheet), which TimelineJS
# itself reads from a sheet's CSV (`extractEventFromCSVObject`): a CSV with these is
# read as the slides they make.
SHEET_COLUMNS = frozenset({"year", "headline"})
_TIME = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?)?\s*(?P<p>[AaPp]\.?[Mm]\.?)?"
)


def sheet_slide(row: dict[str, str]) -> dict[str, Any]:
    """The slide a row of TimelineJS's sheet makes, as TimelineJS makes it: `Year`,
    `Month`, `Day`, `Time` (`14:30`, `2:30 PM`) and the same with `End`, `Display Date`,
    `Headline`, `Text`, `Media` and its credit and caption, `Group` (or `Tag`),
    `Background`, `Type` (`title`, `era`). A ValueError says what is wrong."""
    cell = {name.strip().lower(): value.strip() for name, value in row.items()}
    slide: dict[str, Any] = {
        "text": {"headline": cell.get("headline", ""), "text": cell.get("text", "")},
        "media": {k: cell.get(f"media {k}", "") for k in ("caption", "credit")}
        | {"url": cell.get("media", "")},
        "display_date": cell.get("display date", ""),
        "group": cell.get("group") or cell.get("tag") or "",
        "background": cell.get("background", ""),
        "type": cell.get("type", "").lower(),
    }
    for side, prefix, said in (("start_date", "", ""), ("end_date", "end ", "End ")):
        if cell.get(f"{prefix}year"):
            slide[side] = {k: cell.get(f"{prefix}{k}", "") for k in ("year", "month", "day")}
            if cell.get(f"{prefix}time"):
                slide[side] |= _sheet_time(cell[f"{prefix}time"], f"{said}Time")
        elif cell.get(f"{prefix}time"):
            raise ValueError(f"a {said}Time needs a {said}Year")
    return slide


def _sheet_time(text: str, column: str) -> dict[str, str]:
    """A sheet's time cell as TimelineJS's `parseTime` reads it (`14:30`, `2:30 PM`)."""
    m = _TIME.fullmatch(text)
    if m is None:
        raise ValueError(f"{column} '{text}' is not a time such as 14:30 or 2:30 PM")
    hour = int(m["h"])
    if m["p"]:
        pm = m["p"][0] in "pP"
        if not 1 <= hour <= 12:
            raise ValueError(f"{column} '{text}': an hour of AM or PM is from 1 to 12")
        hour = hour % 12 + (12 if pm else 0)
    return {"hour": str(hour), "minute": m["m"] or "0"} | ({"second": m["s"]} if m["s"] else {})


def read_sheet(rows: Sequence[tuple[int, dict[str, str]]], path: str) -> Imported:
    """The events of TimelineJS's sheet, saved as CSV: its rows (each with its line) as
    slides, read as a TimelineJS file's are; the `title` row's headline is the title."""
    records, problems, title = [], [], None
    for line, row in rows:
        try:
            slide = sheet_slide(row)
            if slide["type"] == "title":
                title = " ".join(_html_text(slide["text"]["headline"]).split()) or title
                continue
            if slide["type"] == "era":
                problems.append(Problem(path, line, 1, "an era (Type: era) is left out: a "
                                        "timeline file has no eras", Severity.WARNING))  # fmt: skip
                continue
            if "start_date" not in slide:
                raise ValueError("no Year (a slide needs one)")
            records.append(_record(slide))
        except (DateError, ValueError, TypeError) as exc:
            problems.append(Problem(path, line, 1, f"row: {exc}"))
            continue
        left = _unheld(slide)
        if left:
            message = f"left out: {', '.join(left)}"
            problems.append(Problem(path, line, 1, message, Severity.WARNING))
    invalid = sum(1 for p in problems if p.severity is not Severity.WARNING)
    if not records and not problems:
        problems.append(Problem(path, 0, 0, "no events to import", Severity.WARNING))
    return Imported(tuple(records), title, tuple(problems), invalid)
