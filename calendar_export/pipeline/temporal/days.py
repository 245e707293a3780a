"""Resolvers for days: written dates, weekdays, "today", holidays, "the same day".

Each ``resolve_<name>`` takes a :class:`Ctx` and returns a :class:`Reading`, or ``None`` to
reject the match (an impossible date, say). Rules name their resolver in ``rules.tsv``.
"""

from __future__ import annotations

from datetime import date, timedelta

from .anchor import Candidate, Ctx, Reading, choose, weekday_candidates
from .groups import (
    _day,
    _int,
    _month,
    _month_any,
    _time_suffix,
    _time_type,
    _year,
)
from .lexicon import norm
from .values import add_months, holiday_date, nth_weekday, week_value

# Days a reading against the tense pays (see anchor.choose) for a day named without a year.
DAY_SLACK = 260
DAY_AHEAD = 300  # a future clause naming a day gone by: only when it is within a month
_FRACTION_DENOMINATORS = frozenset({2, 3, 4, 8, 16, 32})
_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}
_DEICTIC |= {"day before yesterday": -2, "day after tomorrow": 2}


def resolve_absolute_date(ctx: Ctx) -> Reading | None:
    """A written date: "March 22, 2013", "2013-03-22", "5 p.m. EST, Nov. 9" (year by tense)."""
    suffix = _time_suffix(ctx)
    kind = _time_type(suffix)
    if not ctx.g("year"):
        reading = resolve_month_day(ctx)
        if reading is None:
            return None
        others = tuple(a + suffix for a in reading.alternatives)
        return Reading(reading.value + suffix, kind, alternatives=others)
    try:
        day = date(_year(ctx), _month_any(ctx), _int(ctx.g("day")))
    except ValueError:
        return None
    return Reading(day.isoformat() + suffix, kind)


def resolve_day_of_month(ctx: Ctx) -> Reading | None:
    """ "on the 24th", "Tuesday the 20th": this month, the one before or the next."""
    day = _day(ctx)
    weekday = ctx.lex.weekdays.get(norm(ctx.g("weekday")), 0)
    candidates = []
    for shift in (-1, 0, 1):
        year, month = add_months(ctx.published.year, ctx.published.month, shift)
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if not weekday or d.isoweekday() == weekday:
            candidates.append(Candidate(d.isoformat(), d, d))
    if not candidates:
        return None
    value, alternatives = choose(ctx, candidates, slack=DAY_SLACK, future_slack=DAY_AHEAD)
    return Reading(value, alternatives=alternatives)


def resolve_month_day(ctx: Ctx) -> Reading | None:
    """Month and day without a year: the year comes from the tense around it."""
    month, day = _month_any(ctx), _day(ctx)
    if not day:
        return None
    if ctx.g("month").isdigit() and month < day and day in _FRACTION_DENOMINATORS:
        return None  # "1/2", "5/8": a fraction
    if ctx.g("weekday"):
        weekday = ctx.lex.weekdays[norm(ctx.g("weekday"))]
        for year in (ctx.published.year, ctx.published.year + 1, ctx.published.year - 1):
            try:
                if date(year, month, day).isoweekday() == weekday:
                    return Reading(date(year, month, day).isoformat())
            except ValueError:
                return None
    named = ctx.sentence_year()
    years = (
        (named,) if named else (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1)
    )
    candidates = []
    for year in years:
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        candidates.append(Candidate(d.isoformat(), d, d))
    if not candidates:
        return None
    value, alternatives = choose(ctx, candidates, slack=DAY_SLACK, future_slack=DAY_AHEAD)
    return Reading(value, alternatives=alternatives)


def resolve_month_day_range(ctx: Ctx) -> Reading | None:
    """ "September 9-10": the first day is the timex; the range end is its alternative."""
    first = resolve_absolute_date(ctx) if ctx.g("year") else resolve_month_day(ctx)
    if first is None:
        return None
    start = ctx.start
    end = ctx.text.index(ctx.g("day"), start) + len(ctx.g("day"))
    if ctx.g("year"):
        end = ctx.end
        day_end = ctx.text.index(ctx.g("day"), start) + len(ctx.g("day"))
        end = day_end if ctx.text.rfind(ctx.g("year"), start, ctx.end) > day_end else end
    return Reading(first.value, alternatives=first.alternatives, span=(start, end))


def resolve_week_of(ctx: Ctx) -> Reading | None:
    """ "the week of May 13" -> the ISO week of that day."""
    day = resolve_absolute_date(ctx)
    if day is None:
        return None
    return Reading(week_value(date.fromisoformat(day.value[:10])))


def resolve_the_day(ctx: Ctx) -> Reading | None:
    """ "the day", "the same day": the last day the text named, else the anchor date."""
    return Reading(ctx.discourse.last_day or ctx.published.isoformat())


def resolve_holiday(ctx: Ctx) -> Reading | None:
    """ "Thanksgiving", "last Christmas", "Easter 2014": the day, the year by tense."""
    rule = ctx.lex.holidays[norm(ctx.g("holiday"))]
    year = ctx.published.year
    rel = norm(ctx.g("rel"))
    if ctx.g("year"):
        return Reading(holiday_date(rule, _year(ctx)).isoformat())
    if ctx.g("relyear"):  # "Thanksgiving of next year"
        shift = {"next": 1, "last": -1}.get(norm(ctx.g("relyear")), 0)
        return Reading(holiday_date(rule, year + shift).isoformat())
    days = []
    for y in (year - 1, year, year + 1):
        try:
            days.append(holiday_date(rule, y))
        except ValueError:
            continue  # a lunar date that falls in no day of that year
    if not days:
        return None
    if rel == "last":
        return Reading(max(d for d in days if d < ctx.published).isoformat())
    if rel in ("next", "this", "coming"):
        return Reading(min(d for d in days if d >= ctx.published).isoformat())
    value, alternatives = choose(
        ctx, [Candidate(d.isoformat(), d, d) for d in days], slack=DAY_SLACK
    )
    return Reading(value, alternatives=alternatives)


def resolve_nth_weekday(ctx: Ctx) -> Reading | None:
    """ "the first Monday of October", "last Friday in March 2014", "the 2nd Tuesday of next
    month": that weekday of the month; a month without a year by tense."""
    word = norm(ctx.g("ord"))
    nth = -1 if word == "last" else _int(word) if word[:1].isdigit() else ctx.lex.ordinals[word]
    if not 1 <= nth <= 5 and nth != -1:
        return None
    weekday = ctx.lex.weekdays[norm(ctx.g("weekday"))]
    rel = norm(ctx.g("rel"))
    if rel:
        shift = {"next": 1, "last": -1, "previous": -1}.get(rel, 0)
        year, month = add_months(ctx.published.year, ctx.published.month, shift)
        return Reading(nth_weekday(year, month, nth, weekday).isoformat())
    month = _month(ctx)
    if ctx.g("year"):
        return Reading(nth_weekday(_year(ctx), month, nth, weekday).isoformat())
    days = [nth_weekday(y, month, nth, weekday) for y in _years_around(ctx.published)]
    value, alternatives = choose(
        ctx, [Candidate(d.isoformat(), d, d) for d in days], slack=DAY_SLACK
    )
    return Reading(value, alternatives=alternatives)


def _years_around(day: date) -> tuple[int, int, int]:
    return day.year - 1, day.year, day.year + 1


def resolve_weekday_of_week(ctx: Ctx) -> Reading | None:
    """ "Wednesday next week", "Friday of last week": that day of the week named."""
    shift = {"next": 1, "the following": 1, "last": -1, "the previous": -1}.get(
        norm(ctx.g("rel")), 0
    )
    monday = ctx.published - timedelta(days=ctx.published.isoweekday() - 1 - 7 * shift)
    day = monday + timedelta(days=ctx.lex.weekdays[norm(ctx.g("weekday"))] - 1)
    return Reading(day.isoformat())


def resolve_day_of_rel_month(ctx: Ctx) -> Reading | None:
    """ "the 20th of next month", "the 3rd of last month"."""
    shift = {"next": 1, "following": 1, "last": -1, "previous": -1}.get(norm(ctx.g("rel")), 0)
    year, month = add_months(ctx.published.year, ctx.published.month, shift)
    try:
        return Reading(date(year, month, _day(ctx)).isoformat())
    except ValueError:
        return None  # "the 31st of next month" in a 30-day month


def resolve_part_of_day(ctx: Ctx) -> Reading | None:
    """ "afternoon", "in the evening" standing alone (a calendar entry): today's; in running
    text a part of day without a day is left alone."""
    if not ctx.tense.bare or ctx.tense.tense != "unknown":
        return None
    return Reading(ctx.published.isoformat() + "T" + ctx.lex.parts_of_day[norm(ctx.g("pod"))])


def resolve_weekday(ctx: Ctx) -> Reading | None:
    """A day name: "on Monday" by tense, "last Friday", "next Tuesday", "Monday night"."""
    weekday = ctx.lex.weekdays[norm(ctx.g("weekday"))]
    day = ctx.published
    days = weekday_candidates(day, weekday)
    rel = norm(ctx.g("rel"))
    suffix = _time_suffix(ctx)
    alternatives: tuple[str, ...] = ()
    if rel in ("last", "past"):
        chosen, alternatives = max(d for d in days if d < day).isoformat(), ()
    elif rel == "next":
        monday = day + timedelta(8 - day.isoweekday())
        chosen, alternatives = (monday + timedelta(weekday - 1)).isoformat(), ()
    elif rel in ("this", "coming"):
        past = ctx.tense.tense == "past" and rel == "this"
        pick = max(d for d in days if d <= day) if past else min(d for d in days if d >= day)
        chosen, alternatives = pick.isoformat(), ()
    elif ctx.text.startswith("'s", ctx.end) and weekday in ctx.discourse.weekdays:
        # "Thursday's talks": a noun's modifier, not governed by the clause's verb; the
        # article named that day before, so it is the same day.
        chosen, alternatives = ctx.discourse.weekdays[weekday], ()
    else:
        near = [d for d in days if abs((d - day).days) < 7]
        if ctx.alone:  # "tuesday" typed on a Tuesday is next week's
            near = [d for d in days if 0 < (d - day).days <= 7]
        near_days = [Candidate(d.isoformat(), d, d) for d in near]
        chosen, alternatives = choose(ctx, near_days, slack=7, lean_past=True)
    ctx.discourse.weekdays.setdefault(weekday, chosen)
    return Reading(
        chosen + suffix,
        _time_type(suffix),
        alternatives=tuple(a + suffix for a in alternatives),
    )


def resolve_deictic(ctx: Ctx) -> Reading | None:
    """today / tonight / yesterday / tomorrow, "last night", "this morning", "at 5 p.m."."""
    word = norm(ctx.g("word")).removeprefix("the ")
    day = ctx.published + timedelta(_DEICTIC[word])
    if word == "tonight" and not ctx.g("hour") and not ctx.g("noon"):
        return Reading(day.isoformat() + "TNI")
    suffix = _time_suffix(ctx)
    if word == "last" and norm(ctx.g("pod")) != "night":
        return Reading((ctx.published - timedelta(1)).isoformat() + suffix, _time_type(suffix))
    return Reading(day.isoformat() + suffix, _time_type(suffix))


def resolve_weekend(ctx: Ctx) -> Reading | None:
    """ "this weekend", "last weekend", "the weekend" (by tense)."""
    rel = norm(ctx.g("rel"))
    day = ctx.published
    saturday = day + timedelta(6 - day.isoweekday())
    if rel in ("last", "past"):
        saturday -= timedelta(7) if day.isoweekday() < 6 else timedelta(0)
        if saturday >= day:
            saturday -= timedelta(7)
    elif rel in ("next", "coming"):
        saturday += timedelta(7) if day.isoweekday() >= 6 else timedelta(0)
    elif rel == "the":
        value, alternatives = choose(
            ctx,
            [
                Candidate(week_value(s) + "-WE", s, s + timedelta(1))
                for s in (saturday - timedelta(7), saturday)
            ],
            slack=7,
            lean_past=True,
        )
        return Reading(value, alternatives=alternatives)
    return Reading(week_value(saturday) + "-WE")
