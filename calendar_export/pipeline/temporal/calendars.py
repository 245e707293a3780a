"""Holidays of other calendars: the Hebrew calendar (exact, the arithmetic of the fixed
calendar), the Islamic calendar (a month begins after the new moon, as the Umm al-Qura
calendar reckons; where the month starts with a sighting of the crescent the day may differ
by one), Orthodox Easter, the Hindu lunisolar calendar and the Chinese New Year (the second
new moon after the winter solstice, in China's time). New moons, the solstice and the
longitudes of the Sun and the Moon after Meeus, *Astronomical Algorithms*, to within minutes.

A rule in ``data/temporal/holidays.tsv`` names them as ``hebrew:M/D``, ``hijri:M/D`` (month
and day; Hebrew months count from Nisan = 1, Adar II = 13), ``orthodox``, ``chinese`` or
``hindu:M/T@H`` (the day in amanta month M, Chaitra = 1, whose tithi at hour H of Indian
time, sunrise when left out, is T: 1-15 the bright half, 16-30 the dark half, 30 the new
moon; a tithi that changes within minutes of H may fall a day off), each with an optional
day offset (``hebrew:7/10-1`` is the eve of Yom Kippur, when it begins); or as
``moved:M/D:W+N`` (a fixed day moved N days when it falls on ISO weekday W: King's Day on a
Sunday is kept on the Saturday, ``moved:4/27:7-1``; several ``:W+N`` may follow).
Hebrew and Islamic arithmetic after Reingold and Dershowitz, *Calendrical Calculations*.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from math import radians, sin

_RULE = re.compile(
    r"^(hebrew|hijri|orthodox|chinese|hindu)(?::(\d+)/(\d+))?(?:@(\d+(?:\.\d+)?))?([+-]\d+)?$"
)

# Fixed (R.D.) dates of each calendar's first day; date.toordinal() counts R.D. days.
_HEBREW_EPOCH = -1373427
_ISLAMIC_EPOCH = 227015
_TISHRI = 7
_NISAN = 1


def calendar_holiday(rule: str, year: int) -> date:
    """The Gregorian day ``rule`` gives in ``year`` (the first one when it falls twice)."""
    if rule.startswith("moved:"):
        return _moved_date(rule, year)
    m = _RULE.match(rule)
    if m is None:
        raise ValueError(f"not a calendar holiday rule: {rule!r}")
    kind, month, day, hour, offset = m.groups()
    shift = timedelta(days=int(offset or 0))
    if kind == "hindu":
        return hindu_day(year, int(month), int(day), float(hour or 6)) + shift
    if kind == "orthodox":
        return orthodox_easter(year) + shift
    if kind == "chinese":
        return chinese_new_year(year) + shift
    if kind == "hebrew":
        found = [hebrew_date(y, int(month), int(day)) + shift for y in (year + 3760, year + 3761)]
    else:
        first = int((year - 622) * 33 / 32)
        found = [
            islamic_date_observed(y, int(month), int(day)) + shift
            for y in range(first - 1, first + 3)
        ]
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


# ---- the Hindu lunisolar calendar (amanta months, tithis) ---------------------------------

_IST = timedelta(hours=5, minutes=30)
# Lunar terms of the Moon's longitude (Meeus, table 47.A): multiples of D, M, M', F and the
# coefficient in millionths of a degree. E applies to terms with M.
_MOON_TERMS = (
    (0, 0, 1, 0, 6288774),
    (2, 0, -1, 0, 1274027),
    (2, 0, 0, 0, 658314),
    (0, 0, 2, 0, 213618),
    (0, 1, 0, 0, -185116),
    (0, 0, 0, 2, -114332),
    (2, 0, -2, 0, 58793),
    (2, -1, -1, 0, 57066),
    (2, 0, 1, 0, 53322),
    (2, -1, 0, 0, 45758),
    (0, 1, -1, 0, -40923),
    (1, 0, 0, 0, -34720),
    (0, 1, 1, 0, -30383),
    (2, 0, 0, -2, 15327),
    (0, 0, 1, 2, -12528),
    (0, 0, 1, -2, 10980),
    (4, 0, -1, 0, 10675),
    (0, 0, 3, 0, 10034),
    (4, 0, -2, 0, 8548),
    (2, 1, -1, 0, -7888),
    (2, 1, 0, 0, -6766),
    (1, 0, -1, 0, -5163),
    (1, 1, 0, 0, 4987),
    (2, -1, 1, 0, 4036),
    (2, 0, 2, 0, 3994),
    (4, 0, 0, 0, 3861),
    (2, 0, -3, 0, 3665),
    (0, 1, -2, 0, -2689),
    (2, 0, -1, 2, -2602),
    (2, -1, -2, 0, 2390),
    (1, 0, 1, 0, -2348),
    (2, -2, 0, 0, 2236),
    (0, 1, 2, 0, -2120),
    (0, 2, 0, 0, -2069),
)


def _centuries(at: datetime) -> float:
    jd = (at - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() / 86400 + _UNIX_JD
    return (jd - 2451545.0) / 36525


def _sun_longitude(t: float) -> float:
    """The Sun's apparent tropical longitude in degrees (Meeus, chapter 25, low accuracy)."""
    l0 = 280.46646 + 36000.76983 * t
    m = radians(357.52911 + 35999.05029 * t)
    c = (1.914602 - 0.004817 * t) * sin(m) + 0.019993 * sin(2 * m) + 0.000289 * sin(3 * m)
    omega = radians(125.04 - 1934.136 * t)
    return (l0 + c - 0.00569 - 0.00478 * sin(omega)) % 360


def _moon_longitude(t: float) -> float:
    """The Moon's tropical longitude in degrees (Meeus, chapter 47, the main terms)."""
    lp = 218.3164477 + 481267.88123421 * t
    d = radians(297.8501921 + 445267.1114034 * t)
    m = radians(357.5291092 + 35999.0502909 * t)
    mp = radians(134.9633964 + 477198.8675055 * t)
    f = radians(93.2720950 + 483202.0175233 * t)
    e = 1 - 0.002516 * t
    total = 0.0
    for kd, km, kmp, kf, coefficient in _MOON_TERMS:
        term = coefficient * sin(kd * d + km * m + kmp * mp + kf * f)
        total += term * (e ** abs(km))
    a1 = radians(119.75 + 131.849 * t)
    total += (
        3958 * sin(a1) + 1962 * sin(radians(lp) - f) + 318 * sin(radians(53.09 + 479264.29 * t))
    )
    return (lp + total / 1e6) % 360


def _tithi(at: datetime) -> int:
    """The tithi (1-30; 1-15 the bright half, 30 the new moon) at the moment ``at``."""
    t = _centuries(at)
    return int(((_moon_longitude(t) - _sun_longitude(t)) % 360) // 12) + 1


def _ayanamsa(year: int) -> float:
    """The Lahiri ayanamsa in degrees (its slow drift, linear over these centuries)."""
    return 23.853 + 0.013969 * (year - 2000)


def _amanta_month(at: datetime) -> int:
    """The amanta lunar month (Chaitra = 1) running at ``at``; 0 for an intercalary month
    (one in which the Sun enters no new sign)."""
    k = int((at.year + (at.timetuple().tm_yday - 1) / 365.25 - 2000) * 12.3685) + 2
    while _new_moon(k).replace(tzinfo=UTC) > at:
        k -= 1
    start, end = _new_moon(k).replace(tzinfo=UTC), _new_moon(k + 1).replace(tzinfo=UTC)
    signs = [
        int(((_sun_longitude(_centuries(x)) - _ayanamsa(x.year)) % 360) // 30) for x in (start, end)
    ]
    if signs[0] == signs[1]:
        return 0
    return (signs[0] + 1) % 12 + 1


def hindu_day(year: int, month: int, tithi: int, hour: float = 6.0) -> date:
    """The first day of ``year`` in the amanta ``month`` whose tithi at ``hour`` (Indian
    time; 6 is sunrise) is ``tithi``; a tithi that no such moment falls in (it starts and
    ends between two of them) is kept on the day it starts."""
    day = date(year, 1, 1)
    previous = None
    while day.year == year:
        at = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(hours=hour) - _IST
        now = _tithi(at)
        if now == tithi and _amanta_month(at) == month:
            return day
        skipped = previous is not None and previous % 30 + 1 == tithi == (now - 2) % 30 + 1
        if skipped and _amanta_month(at) == month:
            return day - timedelta(days=1)
        previous = now
        day += timedelta(days=1)
    raise ValueError(f"no tithi {tithi} of month {month} in {year}")


# A month of the Islamic calendar begins at the sunset after the new moon: the day after
# the conjunction when it comes before sunset in Mecca (as the Umm al-Qura calendar
# reckons), else the day after that. Sunset in Mecca, in its time (UTC+3), on average.
_MECCA = timedelta(hours=3)
_MECCA_SUNSET = timedelta(hours=18, minutes=30)
_SYNODIC = 29.530588861


def islamic_date_observed(year: int, month: int, day: int) -> date:
    """The Gregorian day of an Islamic date, its month begun after the new moon (above)."""
    approx = islamic_date(year, month, 1)
    k = round((approx - date(2000, 1, 6)).days / _SYNODIC)
    conjunctions = [_new_moon(j) + _MECCA for j in (k - 1, k, k + 1)]
    target = datetime(approx.year, approx.month, approx.day, tzinfo=UTC) - timedelta(days=1)
    conjunction = min(conjunctions, key=lambda c: abs(c - target))
    local = conjunction - datetime(conjunction.year, conjunction.month, conjunction.day, tzinfo=UTC)
    first = conjunction.date() + timedelta(days=1 if local < _MECCA_SUNSET else 2)
    return first + timedelta(days=day - 1)


_MOVE = re.compile(r"^([1-7])([+-]\d)$")


def _moved_date(rule: str, year: int) -> date:
    """``moved:M/D:W+N...``: the fixed day, moved when it falls on one of the weekdays."""
    fixed, *moves = rule.removeprefix("moved:").split(":")
    month, day = (int(part) for part in fixed.split("/"))
    when = date(year, month, day)
    for move in moves:
        m = _MOVE.match(move)
        if m is None:
            raise ValueError(f"not a weekday move: {move!r} in {rule!r}")
        if when.isoweekday() == int(m.group(1)):
            return when + timedelta(days=int(m.group(2)))
    return when
