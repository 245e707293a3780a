"""Resolvers for months, quarters, seasons, years, decades and "last year"-style units.

Each ``resolve_<name>`` takes a :class:`Ctx` and returns a :class:`Reading`, or ``None`` to
reject the match. Rules name their resolver in ``rules.tsv``.
"""

from __future__ import annotations

import re
from datetime import date

from .anchor import Candidate, Ctx, Reading, choose
from .groups import (
    _int,
    _mod,
    _month,
    _month_any,
    _number,
    _quarter_context,
    _quarter_number,
    _rel_year,
    _reported_quarter,
    _trimmed,
    _unit_value,
    _year,
)
from .lexicon import norm
from .spans import CLOCK_UNITS, clock_value, resolve_duration
from .values import month_end, season_bounds

# Days a month, quarter or season read against the tense pays (see anchor.choose).
MONTH_SLACK = 300
# A future clause about a quarter that just ended ("will report third-quarter results")
# still means it: reports lag their quarter.
QUARTER_AHEAD = 100


def resolve_month_year(ctx: Ctx) -> Reading | None:
    """ "March 2013", "late March 2012", "2/2013", "2014/10"."""
    if ctx.g("year2"):
        month = int(ctx.g("month2") or ctx.g("month3"))
        return Reading(f"{_year(ctx, 'year2'):04d}-{month:02d}")
    return Reading(f"{_year(ctx):04d}-{_month_any(ctx):02d}", mod=_mod(ctx))


def resolve_month(ctx: Ctx) -> Reading | None:
    """A month name alone: last or next occurrence by tense ("met in November")."""
    month = _month(ctx)
    named = ctx.sentence_year()
    years = (
        (named,) if named else (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1)
    )
    candidates = []
    for year in years:
        candidates.append(
            Candidate(f"{year:04d}-{month:02d}", date(year, month, 1), month_end(year, month))
        )
    value, alternatives = choose(ctx, candidates, slack=MONTH_SLACK)
    return Reading(value, mod=_mod(ctx), alternatives=alternatives, span=_trimmed(ctx))


def resolve_month_rel_year(ctx: Ctx) -> Reading | None:
    """ "June last year", "January this year"."""
    shift = {"last": -1, "next": 1}.get(norm(ctx.g("rel")), 0)
    return Reading(f"{ctx.published.year + shift:04d}-{_month(ctx):02d}")


def resolve_month_rel(ctx: Ctx) -> Reading | None:
    """ "this September" (this year), "last April" (the latest April before this month)."""
    rel = norm(ctx.g("rel"))
    month = _month(ctx)
    year = ctx.published.year
    if rel in ("last", "past") and month >= ctx.published.month:
        year -= 1
    elif rel in ("next", "coming") and month <= ctx.published.month:
        year += 1
    return Reading(f"{year:04d}-{month:02d}")


def resolve_year(ctx: Ctx) -> Reading | None:
    """A year: "1998", "late 2012", "the year 2000"."""
    return Reading(f"{_year(ctx):04d}", mod=_mod(ctx))


def resolve_decade(ctx: Ctx) -> Reading | None:
    """ "the 1990s", "the '80s" -> ``199``, ``198``."""
    if ctx.g("decword"):
        tens = _number(ctx, norm(ctx.g("decword")).replace("ies", "y"))
        return Reading(f"19{int(tens) // 10}", mod=_mod(ctx)) if tens.isdigit() else None
    if ctx.g("dec2"):
        digit = int(ctx.g("dec2"))
        century = 19 if digit * 10 + 1900 <= ctx.published.year - 10 or digit >= 3 else 20
        return Reading(f"{century}{digit}", mod=_mod(ctx))
    return Reading(f"{ctx.g('cent')}{ctx.g('dec')}", mod=_mod(ctx))


def resolve_century(ctx: Ctx) -> Reading | None:
    """ "the 20th century" -> ``19``."""
    ordinal = ctx.g("ord")
    number = _int(ordinal) if ordinal[0].isdigit() else ctx.lex.ordinals.get(norm(ordinal), 0)
    return Reading(f"{number - 1:02d}") if 1 < number <= 21 else None


def resolve_fiscal(ctx: Ctx) -> Reading | None:
    """ "fiscal 1989", "FY2024" -> ``FY1989``."""
    return Reading(f"FY{_year(ctx):04d}")


def resolve_quarter(ctx: Ctx) -> Reading | None:
    """ "the third quarter (of 2012)", "Q3": the year by tense when not written."""
    number = _quarter_number(ctx)
    if not 1 <= number <= 4:
        return None
    year = _rel_year(ctx)
    if year is not None:
        return Reading(f"{year:04d}-Q{number}")
    candidates = []
    for y in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1):
        first, last = date(y, 3 * number - 2, 1), month_end(y, 3 * number)
        candidates.append(Candidate(f"{y:04d}-Q{number}", first, last))
    value, alternatives = choose(ctx, candidates, slack=MONTH_SLACK, future_slack=QUARTER_AHEAD)
    return Reading(value, alternatives=alternatives)


def resolve_year_period(ctx: Ctx) -> Reading | None:
    """ "the 1988 quarter", "the 1989 period": the reported quarter of that year."""
    _year_now, quarter = _reported_quarter(ctx)
    return Reading(f"{_year(ctx):04d}-Q{quarter}")


def resolve_the_quarter(ctx: Ctx) -> Reading | None:
    """ "the quarter", "the latest quarter": the reported quarter (see the tense)."""
    year, quarter = _reported_quarter(ctx)
    return Reading(f"{year:04d}-Q{quarter}")


def resolve_year_ago(ctx: Ctx) -> Reading | None:
    """ "the year-earlier quarter" -> that quarter a year before; "year-ago" -> last year."""
    if ctx.g("ord"):
        return Reading(f"{ctx.published.year - 1:04d}-Q{_quarter_number(ctx)}")
    if ctx.g("unit") or _quarter_context(ctx):
        year, quarter = _reported_quarter(ctx)
        return Reading(f"{year - 1:04d}-Q{quarter}")
    return Reading(f"{ctx.published.year - 1:04d}")


def resolve_the_year(ctx: Ctx) -> Reading | None:
    """ "the year", "the full year", "the current year": the year of publication, as in a
    report's "sales for the year"; "the year ended March 31" is a span of a year."""
    if _SPAN_END.match(ctx.text, ctx.end):
        return Reading("P1Y", "DURATION")
    return Reading(f"{ctx.published.year:04d}")


# What makes "the year" a year-long span: it ends at a date ("the year ended March 31").
_SPAN_END = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|to\s+date)\b", re.IGNORECASE)


def resolve_half(ctx: Ctx) -> Reading | None:
    """ "the first half of 2012" -> ``2012-H1``."""
    half = 1 if norm(ctx.g("ord")) in ("first", "1st") else 2
    year = _rel_year(ctx)
    if year is None:
        year = ctx.published.year
    return Reading(f"{year:04d}-H{half}")


def resolve_season(ctx: Ctx) -> Reading | None:
    """ "summer 2013", "last summer", "in the spring" (by tense)."""
    code = ctx.lex.seasons[norm(ctx.g("season"))]
    if ctx.g("year"):
        return Reading(f"{_year(ctx):04d}-{code}")
    candidates = [
        Candidate(f"{y:04d}-{code}", *season_bounds(y, code))
        for y in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1)
    ]
    rel = norm(ctx.g("rel"))
    day = ctx.published
    if rel == "last" or rel == "past":
        # Winter starts the year before it ends: "last winter" in February is two back.
        y = day.year - 2
        gone = [Candidate(f"{y:04d}-{code}", *season_bounds(y, code)), *candidates]
        value = max((c for c in gone if c.last < day), key=lambda c: c.first).value
        return Reading(value)
    if rel in ("next", "coming"):
        value = min((c for c in candidates if c.first > day), key=lambda c: c.first).value
        return Reading(value)
    if rel == "this":
        # The season under way, else the one of this calendar year (gone or coming).
        current = [c for c in candidates if c.first <= day <= c.last]
        return Reading((current[0] if current else candidates[1]).value)
    value, alternatives = choose(ctx, candidates, slack=MONTH_SLACK)
    return Reading(value, mod=_mod(ctx), alternatives=alternatives, span=_trimmed(ctx))


def resolve_rel_unit(ctx: Ctx) -> Reading | None:
    """ "last year", "next month", "this week", "early next year", "the end of the year"."""
    rel = norm(ctx.g("rel"))
    shift = {"last": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    unit = norm(ctx.g("unit"))
    value = _unit_value(ctx.published, unit, shift)
    return Reading(value, mod=_mod(ctx)) if value else None


def resolve_earlier_later(ctx: Ctx) -> Reading | None:
    """ "earlier this month" (START), "later in the year" (END): vague within the unit.

    "later that year", "earlier that day" point back to the last date the text named.
    """
    unit = norm(ctx.g("unit"))
    mod = "START" if norm(ctx.g("dir")) == "earlier" else "END"
    anchor = ctx.published
    if "that" in norm(ctx.text[ctx.start : ctx.end]) and ctx.discourse.last_date:
        anchor = date.fromisoformat(ctx.discourse.last_date)
    return Reading(_unit_value(anchor, unit, 0), mod=mod, vague=True)


def resolve_that_unit(ctx: Ctx) -> Reading | None:
    """ "that year", "the same month": the year (month, week) of the last dated span the
    text named; of the publication date when it named none."""
    named = ctx.discourse.last_date
    anchor = date.fromisoformat(named) if named else ctx.published
    return Reading(_unit_value(anchor, norm(ctx.g("unit")), 0))


def resolve_same_period_ago(ctx: Ctx) -> Reading | None:
    """ "the same month a year ago", "the corresponding period last year": the span the text
    last named (its month, quarter or week for those units; for a period the last span
    longer than a day), a year before; last year when it named none."""
    span, first = ctx.discourse.last_span, ctx.discourse.last_date
    if span is None or first is None:
        return Reading(f"{ctx.published.year - 1:04d}")
    day = date.fromisoformat(first)
    unit = norm(ctx.g("unit"))
    # A reporting period is the last span longer than a day the text named.
    period = ctx.discourse.last_period or span
    span = period if unit == "period" else _unit_value(day, unit, 0)
    if not span[:4].isdigit():
        return None
    if len(span) >= 10 and span[4:10] == "-02-29":
        span = span[:8] + "28" + span[10:]  # no 29 February the year before
    return Reading(f"{int(span[:4]) - 1:04d}{span[4:]}")


def resolve_units_ago(ctx: Ctx) -> Reading | None:
    """ "two years ago", "three days earlier", "a week from now": a date at the unit's grain."""
    count = _number(ctx, ctx.g("num"))
    unit = norm(ctx.g("unit"))
    unit = unit[:-1] if unit.endswith("s") else unit
    direction = norm(ctx.g("dir"))
    far = direction in ("later", "after", "before")
    if unit in CLOCK_UNITS and (ctx.now is None or far or count == "X"):
        # "two hours ago" with no reference time, "an hour later": the duration alone.
        duration = resolve_duration(ctx)
        end = ctx.text.lower().index(norm(ctx.g("unit")), ctx.start) + len(ctx.g("unit"))
        return duration and Reading(
            duration.value, "DURATION", mod=duration.mod, span=(ctx.start, end)
        )
    if far:
        return resolve_duration(ctx)  # measured from another event, not from publication
    sign = -1 if direction in ("ago", "earlier") else 1
    if count == "X" or "." in count:
        return Reading("PAST_REF" if sign < 0 else "FUTURE_REF", mod=_mod(ctx))
    if unit == "year" and count == "1" and _quarter_context(ctx):
        year, quarter = _reported_quarter(ctx)
        return Reading(f"{year - 1:04d}-Q{quarter}", mod=_mod(ctx))
    if ctx.now is not None and unit in CLOCK_UNITS:  # "in 2 hours" against a known time
        at = ctx.now + CLOCK_UNITS[unit] * (sign * float(count))
        return Reading(clock_value(at, unit), "TIME", mod=_mod(ctx))
    if unit == "fortnight":  # "a fortnight ago": fourteen days
        unit, count = "day", str(14 * int(count))
    value = _unit_value(ctx.published, unit, sign * int(count))
    return Reading(value, mod=_mod(ctx)) if value else None
