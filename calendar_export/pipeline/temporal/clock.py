"""Resolvers for clock times in the forms people type: "7p", "3:18a", "ten thirty am",
"twelve oh three", "at 1030", "8 tonight", "15:23:24", and day forms of a phrase alone
("the 24th", "sat").

These forms are rare in news and some are ambiguous there (a bare "1030", "twelve oh
three", "sat"): their rules are latent, read only in a phrase typed alone (:mod:`.phrase`),
which also keeps the scan of running text fast. "15:23:24" is read anywhere.
"""

from __future__ import annotations

from dataclasses import replace

from .anchor import Ctx, Reading
from .days import resolve_day_of_month, resolve_deictic, resolve_weekday
from .lexicon import norm
from .spans import resolve_clock


def _word_number(ctx: Ctx, text: str) -> int | None:
    """ "twenty-three" -> 23, "seven" -> 7; ``None`` for a word that is not a number."""
    total = 0
    for part in norm(text).replace("-", " ").split():
        value, _kind = ctx.lex.numbers.get(part, ("", ""))
        if not value.isdigit():
            return None
        total += int(value)
    return total


def _without_at(ctx: Ctx, reading: Reading | None) -> Reading | None:
    """The reading over the time itself, not the "at" before it."""
    if reading is None or not ctx.g("at"):
        return reading
    start = ctx.text.lower().index(ctx.g("at").lower(), ctx.start) + len(ctx.g("at"))
    while ctx.text[start].isspace():
        start += 1
    return replace(reading, span=(start, ctx.end))


def _has_half_day(ctx: Ctx) -> bool:
    return bool(ctx.g("ampm") or ctx.g("pod"))


def resolve_clock_seconds(ctx: Ctx) -> Reading | None:
    """ "15:23:24", "9:01:10 AM": a clock time to the second."""
    reading = resolve_clock(ctx)
    if reading is None:
        return None
    zone = "Z" if reading.value.endswith("Z") else ""
    value = reading.value.removesuffix("Z") + ":" + ctx.g("second") + zone
    return Reading(value, "TIME")


def resolve_clock_letter(ctx: Ctx) -> Reading | None:
    """ "7p", "3:15p", "3:18a" in a phrase alone; a lone "4a" is more likely a label."""
    if not ctx.alone or (norm(ctx.g("ampm")) == "a" and not ctx.g("minute")):
        return None
    return resolve_clock(ctx)


def resolve_clock_words(ctx: Ctx) -> Reading | None:
    """ "seven thirty p.m.", "at three am", "twelve oh three", "at three twenty".

    With "a.m."/"p.m." or a part of the day, or as "twelve oh three" or "at three
    twenty"; "three twenty" alone is as likely a count."""
    hour = _word_number(ctx, ctx.g("hourword"))
    minute_text = ctx.g("minunit") or ctx.g("minword")
    minute = _word_number(ctx, minute_text) if minute_text else 0
    if hour is None or minute is None or not 1 <= hour <= 12 or minute > 59:
        return None
    typed_alone = ctx.alone and (ctx.g("oh") or ctx.g("at")) and minute_text
    if not _has_half_day(ctx) and not typed_alone:
        return None
    ctx.groups["hour"] = str(hour)
    ctx.groups["minute"] = f"{minute:02d}"
    return _without_at(ctx, resolve_clock(ctx))


def resolve_clock_digits(ctx: Ctx) -> Reading | None:
    """ "330 p.m.", "at 1030", "815" (a phrase alone)."""
    if not _has_half_day(ctx) and not ctx.alone:
        return None
    if int(ctx.g("hour")) > 12 and ctx.g("ampm"):
        return None
    return _without_at(ctx, resolve_clock(ctx))


def resolve_hour_deictic(ctx: Ctx) -> Reading | None:
    """ "8 tonight", "9 tomorrow morning", "eight tonight" in a phrase alone."""
    if not ctx.alone:
        return None
    if ctx.g("hourword"):
        hour = _word_number(ctx, ctx.g("hourword"))
        if hour is None:
            return None
        ctx.groups["hour"] = str(hour)
    if ctx.g("pod2"):
        ctx.groups["pod"] = ctx.g("pod2")
    return _without_at(ctx, resolve_deictic(ctx))


def resolve_day_alone(ctx: Ctx) -> Reading | None:
    """ "the 24th", "on the first", "the 24" in a phrase alone: the next such day."""
    if not ctx.alone:
        return None
    return resolve_day_of_month(ctx)


def resolve_weekday_abbr(ctx: Ctx) -> Reading | None:
    """ "sat", "sun.", "mon" in a phrase alone (in prose "sun" is the sun)."""
    if not ctx.alone:
        return None
    abbr = norm(ctx.g("abbr"))
    names = [w for w in ctx.lex.weekdays if w.startswith(abbr) and w.endswith("day")]
    if not names:
        return None
    ctx.groups["weekday"] = names[0]
    return resolve_weekday(ctx)


def resolve_month_ordinal_year(ctx: Ctx) -> Reading | None:
    """ "March the 3rd, 2015", "June fifth 2019": a written date with an ordinal day."""
    from .days import resolve_absolute_date
    from .groups import _day

    ctx.groups["day"] = str(_day(ctx))
    return resolve_absolute_date(ctx)


def resolve_year_month_numeric(ctx: Ctx) -> Reading | None:
    """ "2015-3-3", "2014-10" in a phrase alone: a date or a month written year first."""
    from .days import resolve_absolute_date

    if not ctx.g("day"):
        month = int(ctx.g("month"))
        return Reading(f"{int(ctx.g('year')):04d}-{month:02d}")
    return resolve_absolute_date(ctx)


def resolve_nth_unit_of_month(ctx: Ctx) -> Reading | None:
    """ "the first week of October 2014", "last week of September", "the 5th last day of
    May", "the third last week of 2018": a week is one whose Monday falls in the period and,
    counted from the end, that ends in it."""
    from datetime import date, timedelta

    from .groups import _month
    from .values import month_end, week_value

    today = ctx.published
    if ctx.g("year2"):
        first, last = date(int(ctx.g("year2")), 1, 1), date(int(ctx.g("year2")), 12, 31)
    else:
        month = _month(ctx)
        year = int(ctx.g("year")) if ctx.g("year") else today.year + (month < today.month)
        first, last = date(year, month, 1), month_end(year, month)
    ordinal = norm(ctx.g("ord"))
    from_end = ordinal == "last" or bool(ctx.g("fromlast"))
    nth = 1 if ordinal == "last" else ctx.lex.ordinals.get(ordinal, 0)
    if ordinal[:1].isdigit():
        nth = int(ordinal[:-2])
    if not 0 < nth < 60:
        return None
    if norm(ctx.g("unit")) == "day":
        day = last - timedelta(days=nth - 1) if from_end else first + timedelta(days=nth - 1)
        return Reading(day.isoformat()) if first <= day <= last else None
    if from_end:
        monday = last - timedelta(days=6)
        monday -= timedelta(days=monday.weekday()) + timedelta(weeks=nth - 1)
    else:
        monday = first + timedelta(days=(7 - first.weekday()) % 7, weeks=nth - 1)
    if not first <= monday <= last:
        return None
    return Reading(week_value(monday))
