"""TIMEX3 values: formatting, the days a value covers, and its precision. Pure functions."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache

from ...models import Precision

SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d?)(?:-WE)?$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_DECADE = re.compile(r"^(\d{3})$")


def month_end(year: int, month: int) -> date:
    """The last day of ``month``."""
    return date(year, month, monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``delta`` months."""
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def week_value(day: date) -> str:
    """The ISO week of ``day`` as a TIMEX3 value, ``2023-W25``."""
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


@lru_cache(maxsize=4096)  # pure, and a text names the same values again and again
def value_bounds(value: str) -> tuple[date | None, date | None]:
    """The first and last day (inclusive) a TIMEX3 date value covers.

    ``2023-09`` -> Sep 1 .. Sep 30; ``2023-W38``; ``2023-SU`` (June to August; ``WI`` runs
    December to February of the next year); ``2023-Q3``; ``2023-H1``; ``199`` (a decade);
    ``2023-06-19T14:00`` -> that day. Values that name no calendar span (``FUTURE_REF``,
    ``P5Y``, ``XXXX-11``) give ``(None, None)``.
    """
    bounds = _bounds(value)
    return bounds if bounds is not None else (None, None)


def _bounds(value: str) -> tuple[date, date] | None:
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), month_end(year, month)
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            first = monday + timedelta(days=5) if value.endswith("-WE") else monday
            return first, monday + timedelta(days=6)
        if m := _SEASON.match(value):
            return season_bounds(int(m[1]), m[2])
        if m := _QUARTER.match(value):
            year, q = int(m[1]), int(m[2])
            return date(year, 3 * q - 2, 1), month_end(year, 3 * q)
        if m := _HALF.match(value):
            year, h = int(m[1]), int(m[2])
            return date(year, 6 * h - 5, 1), month_end(year, 6 * h)
        if m := _DECADE.match(value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:
        return None
    return None


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(rule: str, year: int) -> date:
    """The day a holiday rule (``MM-DD``, ``M/N/W``, ``easter+N``) gives in ``year``;
    ``hebrew:``, ``hijri:``, ``hindu:``, ``moved:``, ``orthodox`` and ``chinese`` rules are
    read by :mod:`.calendars`."""
    if rule.startswith(("hebrew", "hijri", "orthodox", "chinese", "hindu", "moved")):
        from .calendars import calendar_holiday

        return calendar_holiday(rule, year)
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:]))
    if "/" in rule:
        month_text, nth, rest = rule.split("/")
        weekday, after = int(rest[0]), int(rest[1:] or 0)  # "11/4/4+1": the day after
        return nth_weekday(year, int(month_text), int(nth), weekday) + timedelta(days=after)
    fixed_month, fixed_day = (int(part) for part in rule.split("-"))
    return date(year, fixed_month, fixed_day)


def nth_weekday(year: int, month: int, nth: int, weekday: int) -> date:
    """The ``nth`` ISO ``weekday`` of the month (``nth`` -1 is the last one)."""
    if nth > 0:
        first = date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        day = first + timedelta(days=offset + 7 * (nth - 1))
        if day.month != month:
            raise ValueError(f"no weekday {weekday} number {nth} in {year}-{month:02d}")
        return day
    last = month_end(year, month)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7 + 7 * (-nth - 1))


def season_bounds(year: int, code: str) -> tuple[date, date]:
    """First and last day of a meteorological season (winter runs into the next year)."""
    first, last = SEASON_MONTHS[code]
    end_year = year + 1 if last < first else year
    return date(year, first, 1), month_end(end_year, last)


@lru_cache(maxsize=4096)
def precision_of(value: str, type_: str) -> Precision:
    """The precision a value states: ``time``, ``day``, ``week``, ... ``vague`` or ``none``."""
    if type_ in ("DURATION", "SET"):
        return "none"
    if value.endswith("_REF"):
        return "vague"
    if "T" in value[4:] and _DAY.match(value):
        return "time"
    for pattern, precision in _PRECISIONS:
        if pattern.match(value):
            return precision
    return "vague"


_PRECISIONS: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (_DAY, "day"),
    (_MONTH, "month"),
    (_YEAR, "year"),
    (_WEEK, "week"),
    (_SEASON, "season"),
    (_QUARTER, "quarter"),
    (_HALF, "quarter"),
    (_DECADE, "year"),
)
