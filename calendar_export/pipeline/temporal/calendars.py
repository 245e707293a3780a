"""Holidays of other calendars: the Hebrew calendar (exact, the arithmetic of the fixed
calendar), the Islamic calendar (the tabular, arithmetic one: the observed day may differ
by a day or two where the month starts with the moon's sighting), Orthodox Easter and the
Chinese New Year (the second new moon after the winter solstice, in China's time; new moons
and the solstice after Meeus, *Astronomical Algorithms*, to within minutes).

A rule in ``data/temporal/holidays.tsv`` names them as ``hebrew:M/D``, ``hijri:M/D`` (month
and day; Hebrew months count from Nisan = 1, Adar II = 13) or ``orthodox``, each with an
optional day offset (``hebrew:7/10-1`` is the eve of Yom Kippur, when it begins), or
``chinese`` (the Chinese New Year).
Algorithms after Reingold and Dershowitz, *Calendrical Calculations*.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from math import radians, sin

_RULE = re.compile(r"^(hebrew|hijri|orthodox|chinese)(?::(\d+)/(\d+))?([+-]\d+)?$")

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
    if kind == "chinese":
        return chinese_new_year(year) + shift
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


_CHINA = timedelta(hours=8)
_UNIX_JD = 2440587.5


def _from_jd(jd: float) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(days=jd - _UNIX_JD)


def _new_moon(k: int) -> datetime:
    """The new moon number ``k`` (0 = January 6, 2000), in UTC (Meeus, chapter 49)."""
    t = k / 1236.85
    jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t * t
    e = 1 - 0.002516 * t - 0.0000074 * t * t
    m = radians(2.5534 + 29.10535670 * k - 0.0000014 * t * t)
    mp = radians(201.5643 + 385.81693528 * k + 0.0107582 * t * t)
    f = radians(160.7108 + 390.67050284 * k - 0.0016118 * t * t)
    jde += (
        -0.40720 * sin(mp)
        + 0.17241 * e * sin(m)
        + 0.01608 * sin(2 * mp)
        + 0.01039 * sin(2 * f)
        + 0.00739 * e * sin(mp - m)
        - 0.00514 * e * sin(mp + m)
        + 0.00208 * e * e * sin(2 * m)
        - 0.00111 * sin(mp - 2 * f)
        - 0.00057 * sin(mp + 2 * f)
        + 0.00056 * e * sin(2 * mp + m)
        - 0.00042 * sin(3 * mp)
        + 0.00042 * e * sin(m + 2 * f)
        + 0.00038 * e * sin(m - 2 * f)
        - 0.00024 * e * sin(2 * mp - m)
    )
    return _from_jd(jde)


def _december_solstice(year: int) -> datetime:
    """The December solstice of ``year`` in UTC (Meeus, chapter 27, mean value)."""
    y = (year - 2000) / 1000
    jde = 2451900.05952 + 365242.74049 * y - 0.06223 * y**2 - 0.00823 * y**3 + 0.00032 * y**4
    return _from_jd(jde)


def chinese_new_year(year: int) -> date:
    """The Chinese New Year of ``year``: the second new moon, by China's calendar day, after
    the day of the winter solstice before it (a leap month 11 or 12 is not handled)."""
    solstice = (_december_solstice(year - 1) + _CHINA).date()
    k = int((year - 1 - 2000) * 12.3685) + 10
    moons: list[date] = []
    while len(moons) < 2:
        day = (_new_moon(k) + _CHINA).date()
        if day > solstice:
            moons.append(day)
        k += 1
    return moons[1]
