"""Markwhen's date grammar as chrono reads it (@markwhen/parser 1.2's regex.ts and
dateRange/): EDTF dates with `/` ranges, casual ones (ISO instants, slash dates, month
names) with `-` or `to` ranges, BCE years, and relative dates, which resolve against
the events read before them.  Each becomes a date as chrono writes it."""

from __future__ import annotations

import re
from typing import NamedTuple

from chrono.errors import DateError
from chrono.precision import MONTH_NAMES, US_PER_DAY, US_PER_MINUTE, civil_from_days

__all__ = ["BCE_RANGE", "EVENT", "Anchors", "Span", "read_date", "recurrence", "year_label"]


def year_label(year: int) -> str:
    """An astronomical year as Markwhen's BCE grammar writes it: `44 BCE`, `500 CE`."""
    return f"{1 - year} BCE" if year <= 0 else f"{year} CE"


_TIME = r"(?:(?:1[0-2]|0?[1-9])(?::\d{2})?\s?[ap]m|[01]?\d:\d{2}|2[0-3]:\d{2})"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_UNIT = r"(?:milliseconds|ms|seconds|second|secs|sec|s|minutes|minute|mins|min|hours|hour|h|(?:week\s*|work\s*|business\s*)?(?:days|day|d)|weeks|week|w|months|month|years|year|y)"
# Amounts apart by spaces or a comma; nothing after the last, so that the spaces before
# `:` have one way to match and a long line that is not a date fails at once.
_AMOUNTS = rf"-?\d+\s*{_UNIT}(?:(?:\s*,\s*|\s+)-?\d+\s*{_UNIT})*"
_RELATIVE = (
    rf"(?:(?:by|before|after)\s*)?(?:!\w+(?:\.(?:start|end))?\s*|\.(?:start|end)\s*)?"
    rf"(?:(?:plus|\+)\s*)?{_AMOUNTS}|(?:by|before|after)\s*!\w+(?:\.(?:start|end))?"
)
# Markwhen's two grammars (its regex.ts): EDTF dates, ranges with `/`; and casual
# ones (ISO instants, slash dates, month names), ranges with `-` or `to`.
_EDTF_POINT = rf"\d{{4}}(?:-\d{{2}}(?:-\d{{2}}(?:\s+(?:{_TIME}|[012]?\d))?)?)?|now|{_RELATIVE}"
_CASUAL_POINT = (
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2,}(?:\.\d*)?Z|now"
    rf"|\d{{1,5}}(?:/\d{{1,5}}(?:/\d{{1,5}}(?:(?:,|\s)+{_TIME})?)?)?(?![\w-])"
    rf"|{_RELATIVE}"
    rf"|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?(?:,?\s+{_TIME})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?!\d)(?:,?\s+\d{{4}})?(?:,?\s+{_TIME})?"
    rf"|{_MONTH}(?:\s+\d{{4}})?"
)
_EDTF_EVENT = re.compile(
    rf"^\s*(?P<date>(?P<start>{_EDTF_POINT})(?:\s*/\s*(?P<end>{_EDTF_POINT}))?)"
    r"(?P<every>\s*every[^:]+)?\s*:(?P<text>.*)$",
    re.IGNORECASE,
)
_CASUAL_EVENT = re.compile(
    rf"^\s*(?P<date>(?P<start>{_CASUAL_POINT})(?:(?:\s*-\s*|\s+to\s+)(?P<end>{_CASUAL_POINT}))?)"
    r"(?P<every>\s*every[^:]+)?\s*:(?P<text>.*)$",
    re.IGNORECASE,
)


class _Either:
    """An event line by either grammar, EDTF first (as Markwhen tries them)."""

    @staticmethod
    def match(line: str) -> re.Match[str] | None:
        return _EDTF_EVENT.match(line) or _CASUAL_EVENT.match(line)


EVENT = _Either()


def recurrence(line: str) -> str | None:
    """An event line's rule (`every week for 10 weeks`), if it has one: chrono has no
    recurrence, so the event is its first occurrence and the rule is kept as text."""
    m = EVENT.match(line)
    return " ".join(m["every"].split()) if m is not None and m["every"] else None


BCE_RANGE = re.compile(
    r"^\s*(?P<date>(?P<y1>\d{1,5})\s?(?P<n1>BCE|BC|AD|CE)?"
    r"(?:\s?[–-]\s?(?P<y2>\d{1,5})\s?(?P<n2>BCE|BC|AD|CE)?)?)\s*:(?P<text>.*)$",
    re.IGNORECASE,
)


class Span(NamedTuple):
    """An event's time as Markwhen counts it: microseconds, end exclusive; an event
    open at its end (`/ now`) ends today for Markwhen, which chrono does not keep."""

    lo: int
    hi: int
    open_end: bool = False


class Anchors:
    """What relative dates resolve against: the spans of the events read so far, by
    id, and the last one."""

    def __init__(self) -> None:
        self.spans: dict[str, Span] = {}
        self.last: Span | None = None


def read_date(doc: Anchors, line: str) -> tuple[str, str, Span]:
    """The event line's date as chrono writes it, the rest of the line, and its span."""
    bce = BCE_RANGE.match(line)
    if bce is not None and (bce["n1"] or bce["n2"]):  # `44 BCE`, `300 BC - 200 BC`
        text = _bce_date(bce)
        return text, bce["text"].removeprefix(" "), _span_of(text)
    m = EVENT.match(line)
    if m is None:
        raise DateError(f"unknown Markwhen date in {line.strip()!r}")
    start, end = m["start"], m["end"]
    if _is_relative(start) or (end is not None and _is_relative(end)):
        text = _relative(doc, start, end)
    else:
        first = _chrono_point(start)
        if end is None:
            text = first
        elif end.strip().lower() == "now":
            text = f"{first}/.."
        else:
            text = f"{first}/{_chrono_point(end)}"
    return text, m["text"].removeprefix(" "), _span_of(text)


def _span_of(text: str) -> Span:
    from chrono.dates import OPEN_HI, parse_date

    date = parse_date(text)
    if date.hi == OPEN_HI:
        return Span(date.lo, date.lo, open_end=True)
    return Span(date.lo, date.hi)


def _bce_date(m: re.Match[str]) -> str:
    n1, n2 = (m["n1"] or m["n2"] or "CE").upper(), (m["n2"] or "CE").upper()
    first = _astronomical(int(m["y1"]), n1)
    if m["y2"] is None:
        return year_label(first)
    last = _astronomical(int(m["y2"]), n2) - 1  # Markwhen's end is where that year begins
    if last < first:
        raise DateError(f"range '{m['date']}' ends before it starts")
    return f"{year_label(first)}/{year_label(last)}"


def _astronomical(year: int, notation: str) -> int:
    return 1 - year if notation in ("BCE", "BC") else year


def _chrono_point(text: str) -> str:
    """One Markwhen date as chrono writes it (ISO at its precision)."""
    text = text.strip()
    if re.fullmatch(r"now", text, re.IGNORECASE):
        raise DateError("'now' is not a date chrono keeps: it changes every day")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*Z", text):
        return text
    if re.fullmatch(r"\d{1,5}", text):  # a slash date of only a year
        return f"{int(text):04d}"
    iso = re.fullmatch(
        rf"(\d{{4}}(?:-\d{{2}}(?:-\d{{2}})?)?)(?:\s+({_TIME}|[012]?\d))?", text, re.IGNORECASE
    )
    if iso is not None:
        return iso[1] + (f"T{_clock(iso[2])}" if iso[2] else "")
    slash = re.fullmatch(
        rf"(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})(?:,?\s+({_TIME}))?", text, re.IGNORECASE
    )
    if slash is not None:  # Markwhen's default: month/day/year
        day = f"{slash[3]}-{int(slash[1]):02d}-{int(slash[2]):02d}"
        return day + (f"T{_clock(slash[4])}" if slash[4] else "")
    month_year = re.fullmatch(r"(\d{1,2})/(\d{4})", text)
    if month_year is not None:
        return f"{month_year[2]}-{int(month_year[1]):02d}"
    return _casual(text)


def _casual(text: str) -> str:
    """`Aug 2025`, `8 August 2025`, `August 8, 2025 3pm`."""
    m = re.fullmatch(
        rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}))"
        rf"(?:,?\s+(?P<year>\d{{4}}))?(?:,?\s+(?P<time>{_TIME}))?"
        rf"|(?P<m3>{_MONTH})(?:\s+(?P<y3>\d{{4}}))?",
        text,
        re.IGNORECASE,
    )
    if m is None:
        raise DateError(f"unknown Markwhen date '{text}'")
    year = m["year"] or m["y3"]
    if year is None:  # Markwhen takes this year: chrono never reads the clock
        raise DateError(f"date '{text}' has no year (Markwhen would take this year's)")
    month = _month(m["m1"] or m["m2"] or m["m3"])
    day = m["d1"] or m["d2"]
    if day is None:
        return f"{year}-{month:02d}"
    clock = f"T{_clock(m['time'])}" if m["time"] else ""
    return f"{year}-{month:02d}-{int(day):02d}{clock}"


def _month(name: str) -> int:
    lowered = name.lower()
    for number, full in enumerate(MONTH_NAMES, start=1):
        if full.lower().startswith(lowered[:3]) and full.lower().startswith(lowered):
            return number
    raise DateError(f"'{name}' is not a month")


def _clock(text: str) -> str:
    """`3pm`, `3:30 pm`, `14:30` as `HH:MM` (an hour alone is its first minute)."""
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s?([ap]m)?", text.strip(), re.IGNORECASE)
    assert m is not None
    hour, minute = int(m[1]), int(m[2] or 0)
    if m[3]:
        hour = hour % 12 + (12 if m[3].lower() == "pm" else 0)
    return f"{hour:02d}:{minute:02d}"


# --------------------------------------------------------------------------- relative dates

_AMOUNT = re.compile(rf"(-)?(\d+)\s*({_UNIT})", re.IGNORECASE)


def _is_relative(text: str) -> bool:
    return re.fullmatch(_RELATIVE, text.strip(), re.IGNORECASE) is not None and not re.fullmatch(
        r"\d{4}", text.strip()
    )


def _relative(doc: Anchors, start: str, end: str | None) -> str:
    """A relative date where it resolves (Markwhen's rules): `after !id 3 days` starts
    when that event ends, `before !id 2 weeks` ends when it starts, a bare amount
    follows the previous event; an end `3 days` counts from the start."""
    if _is_relative(start):
        if end is not None and not _is_relative(end):
            raise DateError(f"a relative start with a fixed end ('{start} / {end}') is not read")
        before = start.strip().lower().startswith(("before", "by"))
        anchor = _anchor(doc, start, before)
        amounts = _AMOUNT.findall(start)
        if end is not None:  # `after !a 2 days / 3 days`: start, then its length
            if before:
                raise DateError(f"a relative range before an event ('{start}') is not read")
            lo = _add(anchor, amounts, 1)
            return _interval(lo, _add(lo, _AMOUNT.findall(end), 1))
        if before:
            return _interval(_add(anchor, amounts, -1), anchor)
        return _interval(anchor, _add(anchor, amounts, 1))
    assert end is not None
    first = _chrono_point(start)
    return _interval(_span_of(first).lo, _add(_span_of(first).lo, _AMOUNT.findall(end), 1))


def _anchor(doc: Anchors, text: str, before: bool) -> int:
    ident = re.search(r"!(\w+)(?:\.(start|end))?", text)
    edge = re.search(r"\.(start|end)", text)
    if ident is not None:
        span = doc.spans.get(ident[1])
        if span is None:
            raise DateError(
                f"relative date '{text.strip()}': no event before it has id '{ident[1]}'"
            )
    elif doc.last is not None:
        span = doc.last
    else:
        raise DateError(f"relative date '{text.strip()}': there is no event before it")
    side = edge[1] if edge is not None else ("start" if before else "end")
    if side == "end" and span.open_end:
        raise DateError(
            f"relative date '{text.strip()}' counts from the end of an event open at its "
            "end, which Markwhen takes as today: chrono keeps no date that changes every day"
        )
    return span.lo if side == "start" else span.hi


def _add(instant: int, amounts: list[tuple[str, str, str]], sign: int) -> int:
    for minus, number, unit in amounts:
        n = int(number) * sign * (-1 if minus else 1)
        unit = unit.lower()
        if re.match(r"(week|work|business)\s*d", unit):
            raise DateError(f"'{number} {unit}' counts working days: chrono does not")
        if unit.startswith(("mo",)):
            instant = _add_months(instant, n)
        elif unit[0] == "y":
            instant = _add_months(instant, 12 * n)
        elif unit[0] == "w":
            instant += 7 * n * US_PER_DAY
        elif unit[0] == "d":
            instant += n * US_PER_DAY
        elif unit[0] == "h":
            instant += 60 * n * US_PER_MINUTE
        elif unit.startswith("mi"):
            instant += n * US_PER_MINUTE
        else:
            raise DateError(f"'{number} {unit}': chrono's dates are not finer than minutes")
    return instant


def _add_months(instant: int, months: int) -> int:
    from chrono.precision import days_from_civil, days_in_month

    days, rest = divmod(instant, US_PER_DAY)
    y, m, d = civil_from_days(days)
    y, m = y + (m - 1 + months) // 12, (m - 1 + months) % 12 + 1
    return days_from_civil(y, m, min(d, days_in_month(y, m))) * US_PER_DAY + rest


def _interval(lo: int, hi: int) -> str:
    """[lo, hi) as a chrono interval: whole days when both are midnights, else minutes
    (the last one that begins before hi)."""
    if hi < lo:
        lo, hi = hi, lo
    if lo % US_PER_DAY == 0 and hi % US_PER_DAY == 0 and hi > lo:
        return f"{_day(lo)}/{_day(hi - US_PER_DAY)}"
    if hi - lo <= US_PER_MINUTE:
        return _minute(lo)
    return f"{_minute(lo)}/{_minute(hi - US_PER_MINUTE)}"  # (chrono's last minute is whole)


def _day(instant: int) -> str:
    y, m, d = civil_from_days(instant // US_PER_DAY)
    return f"{y:04d}-{m:02d}-{d:02d}" if y >= 0 else f"-{-y:04d}-{m:02d}-{d:02d}"


def _minute(instant: int) -> str:
    minutes = instant // US_PER_MINUTE % (24 * 60)
    return f"{_day(instant)}T{minutes // 60:02d}:{minutes % 60:02d}"
