"""Resolvers for offsets from the reference time: "the last 2 days", "upcoming two weeks",
"3 fridays from now", "friday after next", "thanksgiving in 9 months".

In running text most of these stay what the news rules make of them (a duration, "the
past two months" -> ``P2M``); in a phrase typed alone (:mod:`.phrase`) they name the time
itself, the way a scheduling assistant reads them (Duckling's conventions): "the last 2
days" starts two days before today, "the next 3 hours" at the start of the next hour.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .anchor import Ctx, Reading
from .groups import _number, _unit
from .lexicon import norm
from .spans import CLOCK_UNITS, resolve_past_units
from .values import add_months, week_value

# (TIMEX3 unit code, clock unit?) -> the grain name used here.
_GRAINS = {
    ("Y", False): "year",
    ("Q", False): "quarter",
    ("M", False): "month",
    ("W", False): "week",
    ("D", False): "day",
    ("H", True): "hour",
    ("M", True): "minute",
    ("S", True): "second",
}
# A grain one step finer, for a point "in 7 days" or "a week ago" (Duckling's convention).
FINER = {
    "year": "month",
    "quarter": "day",
    "month": "day",
    "week": "day",
    "day": "hour",
    "hour": "minute",
    "minute": "second",
    "second": "second",
}
_BACK = frozenset({"last", "past", "previous"})


def reference(ctx: Ctx) -> datetime:
    """The reference time: ``now`` when the caller gave one, else the anchor day's start."""
    if ctx.now is not None:
        return ctx.now.replace(tzinfo=None)
    return datetime.combine(ctx.published, time())


def grain_of(ctx: Ctx) -> str | None:
    """The grain the ``unit`` group names ("days" -> ``day``), if it is a calendar unit."""
    return _GRAINS.get(_unit(ctx))


def truncate(at: datetime, grain: str) -> datetime:
    """The start of the ``grain`` that contains ``at``."""
    if grain == "second":
        return at.replace(microsecond=0)
    if grain == "minute":
        return at.replace(second=0, microsecond=0)
    if grain == "hour":
        return at.replace(minute=0, second=0, microsecond=0)
    day = datetime.combine(at.date(), time())
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if grain == "year":
        return day.replace(month=1, day=1)
    return day


def shift(at: datetime, grain: str, count: int) -> datetime:
    """``at`` moved by ``count`` units of ``grain`` (months keep the day where they can)."""
    if grain in ("month", "quarter", "year"):
        months = count * {"month": 1, "quarter": 3, "year": 12}[grain]
        year, month = add_months(at.year, at.month, months)
        day = min(at.day, _days_in(year, month))
        return at.replace(year=year, month=month, day=day)
    step = {"week": timedelta(weeks=1), "day": timedelta(days=1)}.get(grain) or CLOCK_UNITS[grain]
    return at + step * count


def _days_in(year: int, month: int) -> int:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def point_value(at: datetime, grain: str) -> tuple[str, str]:
    """The TIMEX3 value (and type) of the ``grain`` that starts at ``at``."""
    if grain == "second":
        return f"{at:%Y-%m-%dT%H:%M:%S}", "TIME"
    if grain == "minute":
        return f"{at:%Y-%m-%dT%H:%M}", "TIME"
    if grain == "hour":
        return f"{at:%Y-%m-%dT%H}:00", "TIME"
    if grain == "week":
        return week_value(at.date()), "DATE"
    if grain == "month":
        return f"{at:%Y-%m}", "DATE"
    if grain == "quarter":
        return f"{at.year:04d}-Q{(at.month - 1) // 3 + 1}", "DATE"
    if grain == "year":
        return f"{at.year:04d}", "DATE"
    return at.date().isoformat(), "DATE"


def resolve_n_units(ctx: Ctx) -> Reading | None:
    """ "the last 2 days", "next 3 hours", "upcoming two weeks", "2 upcoming months".

    In a phrase alone: "last N" starts N units before the current one, "next N" at the next
    unit, "upcoming N" is the unit N ahead. In running text: what "the past two months"
    always meant (a duration, or last year for "the past year")."""
    rel = norm(ctx.g("rel") or ctx.g("rel2"))
    grain = grain_of(ctx)
    count_text = _number(ctx, ctx.g("num")) if ctx.g("num") else "1"
    if rel in ("next", "coming") and count_text == "X":
        count_text = "1"  # "the next few days" start tomorrow, however many they are
    if not ctx.alone or grain is None or not count_text.isdigit():
        return resolve_past_units(ctx) if rel != "upcoming" else _duration(ctx)
    count = int(count_text)
    start = truncate(reference(ctx), grain)
    if rel in _BACK:
        start = shift(start, grain, -count)
    elif rel == "upcoming":
        start = shift(start, grain, count)
    else:
        start = shift(start, grain, 1)
    value, type_ = point_value(start, grain)
    return Reading(value, type_)  # type: ignore[arg-type]


def _duration(ctx: Ctx) -> Reading | None:
    from .spans import resolve_duration

    return resolve_duration(ctx)


# Vague counts a phrase alone gives a number, as a scheduling assistant does.
_VAGUE_COUNT = {"few": 3, "a few": 3}
_AGO = frozenset({"ago", "earlier"})
_AHEAD = frozenset({"from now", "hence"})


def _count(ctx: Ctx) -> float | None:
    text = norm(ctx.g("num"))
    if text in _VAGUE_COUNT:
        return _VAGUE_COUNT[text]
    count = _number(ctx, ctx.g("num"))
    try:
        value = float(count)
    except ValueError:
        return None
    if ctx.g("half") or "half" in norm(ctx.text[ctx.start : ctx.end]):
        value += 0.5
    return value


def _offset_point(ctx: Ctx, sign: int) -> Reading | None:
    """The moment ``sign`` x count units from the reference time, at the next finer grain
    ("in 7 days" -> that hour, "a week ago" -> that day, "two years ago" -> that month)."""
    code, clock = _unit(ctx)
    count = _count(ctx)
    if count is None:
        return None
    if code == "2W":
        code, count = "D", count * 14
    grain = _GRAINS.get((code, clock))
    if grain is None:
        return None
    at = reference(ctx)
    if grain in ("year", "quarter", "month", "week", "day"):
        if count != int(count):
            return None
        moved = shift(at, grain, sign * int(count))
    else:
        moved = at + {"hour": timedelta(hours=1), "minute": timedelta(minutes=1)}.get(
            grain, timedelta(seconds=1)
        ) * (sign * count)
    # A day offset stays a day ("3 days ago"), where Duckling would give the hour.
    fine = grain if grain == "day" else FINER[grain]
    value, type_ = point_value(truncate(moved, fine), fine)
    return Reading(value, type_)  # type: ignore[arg-type]


def resolve_offset_ago(ctx: Ctx) -> Reading | None:
    """ "7 days ago", "a week hence" in a phrase alone with a reference time: the moment
    itself; otherwise what "two years ago" means in news (see ``resolve_units_ago``)."""
    from .periods import resolve_units_ago

    direction = norm(ctx.g("dir"))
    if ctx.alone and ctx.now is not None and direction in _AGO | _AHEAD:
        reading = _offset_point(ctx, -1 if direction in _AGO else 1)
        if reading is not None:
            return reading
    return resolve_units_ago(ctx)


def resolve_offset_in(ctx: Ctx) -> Reading | None:
    """ "in 7 days", "in 2.5 hours" in a phrase alone with a reference time: the moment;
    otherwise a date or a duration by the clause (see ``resolve_in_units``)."""
    from .spans import resolve_in_units

    if ctx.alone and ctx.now is not None:
        reading = _offset_point(ctx, 1)
        if reading is not None:
            return _spanned(ctx, reading)
    return resolve_in_units(ctx)


def _spanned(ctx: Ctx, reading: Reading) -> Reading:
    from dataclasses import replace

    from .groups import _trimmed

    return replace(reading, span=_trimmed(ctx))


_ABBREVIATED_UNIT = {"qtr": "quarter", "yr": "year"}


def resolve_rel_unit_abbr(ctx: Ctx) -> Reading | None:
    """ "last yr", "next qtr": "last year", "next quarter" abbreviated."""
    from .periods import resolve_rel_unit

    ctx.groups["unit"] = _ABBREVIATED_UNIT[norm(ctx.g("abbr"))]
    return resolve_rel_unit(ctx)


def resolve_quarter_abbr(ctx: Ctx) -> Reading | None:
    """ "the 3rd qtr (of 2018)", "2018Q4"."""
    from .periods import resolve_quarter

    if ctx.g("year2"):
        ctx.groups["year"] = ctx.g("year2")
    return resolve_quarter(ctx)


_PART = {
    "beginning": "begin",
    "start": "begin",
    "early": "begin",
    "middle": "mid",
    "mid": "mid",
    "end": "end",
    "late": "end",
}
_ABBREVIATED_PART = {"bom": ("begin", "month"), "eom": ("end", "month")}
_ABBREVIATED_PART |= {"boy": ("begin", "year"), "eoy": ("end", "year")}
# Where a part of a period starts: the day of a month, the month of a year, the weekday.
_MONTH_PART_DAY = {"begin": 1, "mid": 11, "end": 21}
_YEAR_PART_MONTH = {"begin": 1, "end": 9}
_WEEK_PART_DAY = {"begin": 0, "mid": 2, "end": 4}
_REL_SHIFT = {"next": 1, "coming": 1, "following": 1, "around next": 1}
_REL_SHIFT |= {"last": -1, "past": -1, "previous": -1}


def resolve_period_part(ctx: Ctx) -> Reading | None:
    """ "the end of the month", "beginning of January", "late March", "end of 2012",
    "EOM", "end of next week" in a phrase alone: where that part starts (the 21st of the
    month for its end, September for the end of a year, Friday for the end of a week)."""
    if ctx.g("abbr"):
        part, unit = _ABBREVIATED_PART[norm(ctx.g("abbr"))]
    else:
        part, unit = _PART[norm(ctx.g("part"))], norm(ctx.g("unit"))
    shift_by = _REL_SHIFT.get(norm(ctx.g("rel")), 0)
    today = ctx.published
    if ctx.g("month"):
        month = ctx.lex.months[norm(ctx.g("month"))]
        year = int(ctx.g("year")) if ctx.g("year") else today.year + (month < today.month)
        return Reading(date(year, month, _MONTH_PART_DAY[part]).isoformat())
    if ctx.g("year2") or unit == "year":
        year = int(ctx.g("year2")) if ctx.g("year2") else today.year + shift_by
        if part not in _YEAR_PART_MONTH:
            return None
        return Reading(f"{year:04d}-{_YEAR_PART_MONTH[part]:02d}")
    if unit == "month":
        year, month = add_months(today.year, today.month, shift_by)
        return Reading(date(year, month, _MONTH_PART_DAY[part]).isoformat())
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=shift_by)
        return Reading((monday + timedelta(days=_WEEK_PART_DAY[part])).isoformat())
    return None


def resolve_weekdays_away(ctx: Ctx) -> Reading | None:
    """ "3 fridays from now", "2 thursdays ago": the nth such weekday after (before) today."""
    count = _number(ctx, ctx.g("num"))
    if not count.isdigit() or not 0 < int(count) < 100:
        return None
    weekday = ctx.lex.weekdays[norm(ctx.g("weekday"))]
    today = ctx.published
    back = norm(ctx.g("dir")) in ("ago", "back")
    step = -1 if back else 1
    day = today + timedelta(days=step)
    while day.isoweekday() != weekday:
        day += timedelta(days=step)
    return Reading((day + timedelta(weeks=step * (int(count) - 1))).isoformat())


def resolve_after_next(ctx: Ctx) -> Reading | None:
    """ "friday after next", "March after next": the one after the coming one."""
    today = ctx.published
    if ctx.g("weekday"):
        weekday = ctx.lex.weekdays[norm(ctx.g("weekday"))]
        ahead = (weekday - today.isoweekday()) % 7 or 7
        return Reading((today + timedelta(days=ahead + 7)).isoformat())
    month = ctx.lex.months[norm(ctx.g("month"))]
    year = today.year + (month <= today.month) + 1
    return Reading(f"{year:04d}-{month:02d}")


# Parts of an hour a phrase may name: "in half an hour", "in 3/4 h".
_HOUR_FRACTION = {"half an": 0.5, "a half": 0.5, "a quarter of an": 0.25, "1/2": 0.5}
_HOUR_FRACTION |= {"1/4": 0.25, "3/4": 0.75, "three quarters of an": 0.75}


def resolve_in_hour_fraction(ctx: Ctx) -> Reading | None:
    """ "in half an hour", "in a quarter of an hour", "in 3/4 h": that moment, to the second."""
    fraction = _HOUR_FRACTION.get(norm(ctx.g("frac")).replace("-", " "))
    if fraction is None:
        return None
    at = reference(ctx) + timedelta(hours=fraction)
    value, type_ = point_value(at.replace(microsecond=0), "second")
    return Reading(value, type_)  # type: ignore[arg-type]


# Where each season starts, as a scheduling assistant reckons it (the solstices and
# equinoxes, to the day).
_SEASON_START = {"SP": (3, 20), "SU": (6, 21), "FA": (9, 23), "WI": (12, 21)}


def resolve_season_alone(ctx: Ctx) -> Reading | None:
    """ "this summer", "last season", "next season" in a phrase alone: the day it starts."""
    shift_by = _REL_SHIFT.get(norm(ctx.g("rel")), 0)
    today = ctx.published
    starts = sorted(
        date(year, month, day)
        for year in (today.year - 2, today.year - 1, today.year, today.year + 1, today.year + 2)
        for month, day in _SEASON_START.values()
    )
    current = max(i for i, d in enumerate(starts) if d <= today)
    if ctx.g("season"):
        code = ctx.lex.seasons[norm(ctx.g("season"))]
        month, day = _SEASON_START[code]
        named = [i for i, d in enumerate(starts) if (d.month, d.day) == (month, day)]
        # "this summer": the one under way, else the coming one; "next summer" the coming
        # one too unless one is under way; "last summer" the one before "this summer".
        under_way = starts[current].month == month
        this = current if under_way else min(i for i in named if i > current)
        index = this + 4 * shift_by if under_way or shift_by < 0 else this
    else:
        index = current + shift_by
    return Reading(starts[index].isoformat())


def resolve_named_offset(ctx: Ctx) -> Reading | None:
    """ "thanksgiving in 9 months", "March in a year", "christmas 2 years ago": the named
    day or month next reached from the moment the offset gives."""
    from .tagger import tag_timexes

    if ctx.g("unit2"):
        ctx.groups["unit"] = ctx.g("unit2")
        ctx.groups["num"] = ctx.g("num2")
    grain = grain_of(ctx)
    count = _number(ctx, ctx.g("num"))
    if grain is None or not count.isdigit() or grain in ("hour", "minute", "second"):
        return None
    sign = -1 if norm(ctx.g("dir")) == "ago" else 1
    moved = shift(datetime.combine(ctx.published, time()), grain, sign * int(count))
    found = tag_timexes(ctx.g("x"), published=moved.date())
    return Reading(found[0].value) if found else None


def resolve_rel_unit_alone(ctx: Ctx) -> Reading | None:
    """ "upcoming week", "the following month" in a phrase alone: the next one."""
    from .periods import resolve_rel_unit

    ctx.groups["rel"] = "next"
    return resolve_rel_unit(ctx)


def resolve_now_alone(ctx: Ctx) -> Reading | None:
    """ "ASAP", "at this time", "right now" in a phrase alone: the reference time."""
    return Reading("PRESENT_REF", vague=True)


def resolve_rest_of_week(ctx: Ctx) -> Reading | None:
    """ "the rest of the week", "the week" (from today), "all week" (from Monday)."""
    today = ctx.published
    if norm(ctx.g("w")).startswith("all"):
        today -= timedelta(days=today.weekday())
    return Reading(today.isoformat())
