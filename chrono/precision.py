"""What each precision of a date means, in one table (SPEC §2).

A precision is how much of a date its author wrote, coarse to fine.  Everything
chrono does with it, it looks up here: the span of days the date can denote,
how it reads, how far an approximate one may reach, and whether a calendar can
hold it.  A new precision is a member of `Precision`, a row of `MEANINGS`, and its
written forms in the parser (`chrono.dates`).

Days are counted on the proleptic Gregorian calendar with astronomical years
(year 0 is 1 BCE), as integers, so that `-0043`, `199X` and `2025-08-08` all sit
on one axis.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import NamedTuple

__all__ = [
    "MEANINGS",
    "MONTHS",
    "MONTH_NAMES",
    "US_PER_DAY",
    "Meaning",
    "Precision",
    "civil_from_days",
    "days_from_civil",
    "days_in_month",
    "year_text",
]

US_PER_DAY = 86_400_000_000
US_PER_MINUTE = 60_000_000
US_PER_SECOND = 1_000_000

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip


class Precision(enum.IntEnum):
    """How much of a date was written, coarse to fine (the order matters for sorting)."""

    CENTURY = 0
    DECADE = 1
    YEAR = 2
    QUARTER = 3
    MONTH = 4
    DAY = 5
    MINUTE = 6
    SECOND = 7

    label: str  # its name in output: `precision` in JSON

    def __init__(self, value: int) -> None:
        self.label = self.name.lower()

    @property
    def meaning(self) -> Meaning:
        return MEANINGS[self]


# --------------------------------------------------------------------------- calendar


def is_leap(year: int) -> bool:
    """Proleptic Gregorian leap year; works for astronomical years <= 0 too."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146_097 + doe - 719_468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """Inverse of `days_from_civil`."""
    z = days + 719_468
    era = z // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


def civil_from_instant(instant: int) -> tuple[int, int, int, int, int, int, int]:
    """An instant (microseconds since 1970, UTC) as year, month, day, hour, minute,
    second and microsecond in UTC."""
    days, rest = divmod(instant, US_PER_DAY)
    seconds, microsecond = divmod(rest, US_PER_SECOND)
    year, month, day = civil_from_days(days)
    return year, month, day, seconds // 3600, seconds // 60 % 60, seconds % 60, microsecond


def year_text(year: int) -> str:
    """A year as readers count it: 1994, 500 CE, 44 BCE (astronomical -43).

    Years before 1000 carry their era so that they read (and parse) as years.
    """
    if year <= 0:
        return f"{1 - year} BCE"
    return str(year) if year >= 1000 else f"{year} CE"


def _months_later(year: int, month: int, months: int) -> int:
    """The first day of the month `months` after (year, month), in days."""
    year, month = year + (month - 1 + months) // 12, (month - 1 + months) % 12 + 1
    return days_from_civil(year, month, 1)


# --------------------------------------------------------------------------- meanings


class Meaning(NamedTuple):
    """What dates of one precision mean.

    `days(year, month, day)` is the span of whole days such a date denotes, first
    day and the day after the last (for a time of day, its day); `display` how its
    date reads (a time of day adds its clock, `chrono.dates`); `reach` how many days
    an approximate one may reach beyond its span (one of its units: near-duplicate
    detection); `in_calendar` whether an iCalendar date can hold it (not with
    unspecified digits).  The fields are those of `chrono.dates.DatePoint`: for a
    decade or century `year` is its first year, for a quarter `month` its first
    month.
    """

    days: Callable[[int, int, int], tuple[int, int]]
    display: Callable[[int, int, int], str]
    reach: int
    in_calendar: bool = True


def _day(year: int, month: int, day: int) -> str:
    return f"{day} {MONTHS[month - 1]} {year_text(year)}"


def _one_day(year: int, month: int, day: int) -> tuple[int, int]:
    first = days_from_civil(year, month, day)
    return first, first + 1


MEANINGS: dict[Precision, Meaning] = {
    Precision.CENTURY: Meaning(
        lambda y, m, d: (days_from_civil(y, 1, 1), days_from_civil(y + 100, 1, 1)),
        lambda y, m, d: f"{y // 100:02d}XX",
        reach=36_525,
        in_calendar=False,
    ),
    Precision.DECADE: Meaning(
        lambda y, m, d: (days_from_civil(y, 1, 1), days_from_civil(y + 10, 1, 1)),
        lambda y, m, d: f"{y // 10:03d}X",
        reach=3_653,
        in_calendar=False,
    ),
    Precision.YEAR: Meaning(
        lambda y, m, d: (days_from_civil(y, 1, 1), days_from_civil(y + 1, 1, 1)),
        lambda y, m, d: year_text(y),
        reach=366,
    ),
    Precision.QUARTER: Meaning(
        lambda y, m, d: (days_from_civil(y, m, 1), _months_later(y, m, 3)),
        lambda y, m, d: f"Q{(m - 1) // 3 + 1} {year_text(y)}",
        reach=92,
    ),
    Precision.MONTH: Meaning(
        lambda y, m, d: (days_from_civil(y, m, 1), _months_later(y, m, 1)),
        lambda y, m, d: f"{MONTHS[m - 1]} {year_text(y)}",
        reach=31,
    ),
    Precision.DAY: Meaning(_one_day, _day, reach=1),
    Precision.MINUTE: Meaning(_one_day, _day, reach=1),
    Precision.SECOND: Meaning(_one_day, _day, reach=1),
}
