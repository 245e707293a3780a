"""Holidays of other calendars: the Hebrew calendar (exact, the arithmetic of the fixed
calendar), the Islamic calendar (the tabular, arithmetic one: the observed day may differ
by a day or two where the month starts with the moon's sighting) and Orthodox Easter.

A rule in ``data/temporal/holidays.tsv`` names them as ``hebrew:M/D``, ``hijri:M/D`` (month
and day; Hebrew months count from Nisan = 1, Adar II = 13) or ``orthodox``, each with an
optional day offset (``hebrew:7/10-1`` is the eve of Yom Kippur, when it begins).
Algorithms after Reingold and Dershowitz, *Calendrical Calculations*.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

_RULE = re.compile(r"^(hebrew|hijri|orthodox)(?::(\d+)/(\d+))?([+-]\d+)?$")

# Fixed (R.D.) dates of each calendar's first day; date.toordinal() counts R.D. days.
_HEBREW_EPOCH = -1373427
_ISLAMIC_EPOCH = 227015
_TISHRI = 7
_NISAN = 1


def calendar_holiday(rule: str, year: int) -> date:
    """The Gregorian day ``rule`` gives in ``year`` (the first one when it falls twice)."""
    m = _RULE.match(rule)
    if m is None:
        raise ValueError(f"not a calendar holiday rule: {rule!r}")
    kind, month, day, offset = m.group(1), m.group(2), m.group(3), m.group(4)
    shift = timedelta(days=int(offset or 0))
    if kind == "orthodox":
        return orthodox_easter(year) + shift
    if kind == "hebrew":
        found = [hebrew_date(y, int(month), int(day)) + shift for y in (year + 3760, year + 3761)]
    else:
        first = int((year - 622) * 33 / 32)
        found = [islamic_date(y, int(month), int(day)) + shift for y in range(first - 1, first + 3)]
    days = sorted(d for d in found if d.year == year)
    if not days:
        raise ValueError(f"{rule!r} does not fall in {year}")
    return days[0]


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday: the Julian computus, moved to the Gregorian calendar."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian = date(year, month, day + 1)
    return julian + timedelta(days=year // 100 - year // 400 - 2)


def islamic_date(year: int, month: int, day: int) -> date:
    """The Gregorian day of an arithmetic Islamic date."""
    fixed = (
        day
        + -(-(59 * (month - 1)) // 2)  # ceil(29.5 * (month - 1))
        + (year - 1) * 354
        + (3 + 11 * year) // 30
        + _ISLAMIC_EPOCH
        - 1
    )
    return date.fromordinal(fixed)


def _leap(year: int) -> bool:
    return (7 * year + 1) % 19 < 7


@cache
def _elapsed_days(year: int) -> int:
    months = (235 * year - 234) // 19
    parts = 12084 + 13753 * months
    days = 29 * months + parts // 25920
    return days + 1 if (3 * (days + 1)) % 7 < 3 else days


def _new_year(year: int) -> int:
    ny0, ny1, ny2 = _elapsed_days(year - 1), _elapsed_days(year), _elapsed_days(year + 1)
    correction = 2 if ny2 - ny1 == 356 else 1 if ny1 - ny0 == 382 else 0
    return _HEBREW_EPOCH + ny1 + correction


def _month_length(month: int, year: int) -> int:
    length = _new_year(year + 1) - _new_year(year)
    short = month in (2, 4, 6, 10, 13) or (month == 12 and not _leap(year))
    short = short or (month == 8 and length not in (355, 385))
    short = short or (month == 9 and length in (353, 383))
    return 29 if short else 30


def hebrew_date(year: int, month: int, day: int) -> date:
    """The Gregorian day of a Hebrew date (months from Nisan = 1; Adar of a common year
    and Adar II of a leap year are both 12 and 13 resolves to Adar II)."""
    if month == 12 and _leap(year):
        month = 13  # Purim is kept in Adar II in a leap year
    last = 13 if _leap(year) else 12
    fixed = _new_year(year) + day - 1
    if month < _TISHRI:
        fixed += sum(_month_length(m, year) for m in range(_TISHRI, last + 1))
        fixed += sum(_month_length(m, year) for m in range(_NISAN, month))
    else:
        fixed += sum(_month_length(m, year) for m in range(_TISHRI, month))
    return date.fromordinal(fixed)
