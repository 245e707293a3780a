"""Resolvers for spans and repetitions: durations, "in two weeks", sets, clock times, refs.

Each ``resolve_<name>`` takes a :class:`Ctx` and returns a :class:`Reading`, or ``None`` to
reject the match. Rules name their resolver in ``rules.tsv``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .anchor import Ctx, Reading
from .groups import (
    _duration_value,
    _mod,
    _month,
    _number,
    _singular,
    _time_suffix,
    _trim,
    _trimmed,
    _unit,
    _unit_value,
)
from .lexicon import norm

CLOCK_UNITS = {
    "hour": timedelta(hours=1),
    "hr": timedelta(hours=1),
    "minute": timedelta(minutes=1),
    "min": timedelta(minutes=1),
    "second": timedelta(seconds=1),
    "sec": timedelta(seconds=1),
}


def clock_value(at: datetime, unit: str) -> str:
    """A TIMEX3 time value to the second for minutes and seconds, else to the minute."""
    return f"{at:%Y-%m-%dT%H:%M}" if unit.startswith(("hour", "hr")) else f"{at:%Y-%m-%dT%H:%M:%S}"


_ADVERB_UNIT = {"daily": "D", "nightly": "D", "weekly": "W", "biweekly": "2W", "monthly": "M"}
_ADVERB_UNIT |= {"annually": "Y", "yearly": "Y", "quarterly": "Q", "hourly": "H"}


def resolve_in_units(ctx: Ctx) -> Reading | None:
    """ "in two weeks": a date when the clause looks ahead, else a duration ("in five years")."""
    duration = resolve_duration(ctx)
    if duration is None:
        return None
    unit = norm(ctx.g("unit"))
    unit = unit[:-1] if unit.endswith("s") else unit
    count = _number(ctx, ctx.g("num"))
    ahead = ctx.tense.tense == "future" and ctx.tense.cue_start < ctx.start
    ahead = ahead or (ctx.tense.tense == "unknown" and ctx.tense.bare)
    if ahead and count.isdigit() and unit in ("day", "week", "month", "year"):
        value = _unit_value(ctx.published, unit, int(count))
        return Reading(value, span=_trimmed(ctx))
    if ahead and ctx.now is not None and unit in CLOCK_UNITS and count != "X":
        at = ctx.now + CLOCK_UNITS[unit] * float(count)
        return Reading(clock_value(at, unit), "TIME", span=_trimmed(ctx))
    return duration


def resolve_past_units(ctx: Ctx) -> Reading | None:
    """ "the past two months" -> ``P2M``; "the past year" (one unit, no count) -> last year;
    "the following year", "the previous month" -> the one after (before) the last dated
    span the text named ("On May 22, 1995, ... the following year" -> 1996)."""
    unit = norm(ctx.g("unit"))
    rel = norm(ctx.g("rel"))
    shift = {"past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    if shift and not ctx.g("num") and unit in ("year", "month", "week"):
        named = ctx.discourse.last_date if rel in ("following", "previous") else None
        anchor = date.fromisoformat(named) if named else ctx.published
        return Reading(_unit_value(anchor, unit, shift))
    return resolve_duration(ctx)


def resolve_duration(ctx: Ctx) -> Reading | None:
    """ "five years" -> ``P5Y``; "seven and a half hours" -> ``PT7H30M``; "years" -> ``PXY``."""
    code, clock = _unit(ctx)
    num = ctx.g("num") or ctx.g("num2")
    if norm(num) in ("a", "an") and not _singular(ctx):
        return None  # "a decades-long feud": the article belongs to the noun
    fraction = code == "Q" and not ctx.g("adj") and ctx.text.startswith(" of", ctx.end)
    if fraction:
        return None  # "three quarters of the shares"
    count = _number(ctx, num) if num else ("1" if _singular(ctx) else "X")
    if ctx.g("half") or ctx.g("half2"):
        count = str(float(count) + 0.5) if count != "X" else "X"
    if code in ("DE", "CE"):  # TimeML corpora write decades and centuries in years
        code, count = (
            "Y",
            count if count == "X" else _trim(str(float(count) * (10 if code == "DE" else 100))),
        )
    value = _duration_value(count, code, clock)
    return Reading(value, "DURATION", mod=_mod(ctx), span=_trimmed(ctx))


def resolve_set(ctx: Ctx) -> Reading | None:
    """ "every year" -> ``P1Y``; "every Monday" -> ``XXXX-WXX-1``; "twice a year"."""
    if ctx.g("weekday"):
        return Reading(f"XXXX-WXX-{ctx.lex.weekdays[norm(ctx.g('weekday'))]}", "SET")
    if ctx.g("pod"):
        return Reading(f"TXX{ctx.lex.parts_of_day[norm(ctx.g('pod'))]}", "SET")
    if ctx.g("month"):
        return Reading(f"XXXX-{_month(ctx):02d}", "SET")
    code, clock = _unit(ctx)
    count = _number(ctx, ctx.g("num")) if ctx.g("num") else "1"
    return Reading(_duration_value(count, code, clock), "SET")


def resolve_set_adverb(ctx: Ctx) -> Reading | None:
    """ "daily", "annually", "quarterly" -> ``P1D``, ``P1Y``, ``P1Q``."""
    code = _ADVERB_UNIT[norm(ctx.g("adv"))]
    return Reading(f"PT1{code}" if code == "H" else f"P1{code}".replace("P12W", "P2W"), "SET")


def resolve_clock(ctx: Ctx) -> Reading | None:
    """A clock time on the anchor day: "3:30 p.m. EST", "14:00 GMT", "noon"; a time gone
    by at the reference time is tomorrow's in a phrase that looks ahead ("at 3 a.m.")."""
    suffix = _time_suffix(ctx)
    day = ctx.published
    if ctx.now is None and ctx.discourse.last_day:
        # A bare clock time in running text is on the day the text last named
        # ("Police arrived Friday. At 10:35 a.m. ...").
        day = date.fromisoformat(ctx.discourse.last_day)
    if ctx.now is not None and suffix[1:3].isdigit() and ctx.ahead:
        hour = int(suffix[1:3])
        if _twelve_hour(ctx) and hour < ctx.now.hour <= hour + 12:
            suffix = f"T{hour + 12:02d}{suffix[3:]}"  # "3:30" seen at 4 a.m.: 3:30 p.m.
        elif hour < ctx.now.hour:
            day += timedelta(days=1)
    return Reading(day.isoformat() + suffix, "TIME")


def _twelve_hour(ctx: Ctx) -> bool:
    """A clock time that may be a.m. or p.m.: "3:30", not "03:30", "15:30" or "3:30 p.m."."""
    hour = ctx.g("hour")
    if not hour or ctx.g("ampm") or ctx.g("pod") or hour.startswith("0"):
        return False
    return 1 <= int(hour) < 12


def resolve_clock_range(ctx: Ctx) -> Reading | None:
    """ "3-4pm", "from 9:30 to 11:00": the start time; it takes the end's a.m./p.m. when it
    has none of its own and comes before the end ("11 to 2 pm" is 11 a.m.)."""
    hour, end = int(ctx.g("hour")), int(ctx.g("hourb"))
    if hour > 23 or end > 23:
        return None
    if not ctx.g("ampm") and ctx.g("ampmb") and (hour < end or end == 12 or hour == end):
        ctx.groups["ampm"] = ctx.g("ampmb")
    return resolve_clock(ctx)


def resolve_ref(ctx: Ctx) -> Reading | None:
    """Fixed phrases: "now" -> ``PRESENT_REF``, "in the coming months" -> ``FUTURE_REF``."""
    value, type_ = ctx.lex.refs[norm(ctx.text[ctx.start : ctx.end])]
    return Reading(value, "DATE" if type_ == "DATE" else "DURATION", vague=True)
