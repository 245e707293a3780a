"""Small pure resolvers: a rule's matched groups -> a TIMEX3 reading.

Each ``resolve_<name>`` takes a :class:`Ctx` and returns a :class:`Reading`, or ``None`` to
reject the match (an impossible date, say). Rules name their resolver in ``rules.tsv``.
"""

from __future__ import annotations

from datetime import date, timedelta

from .anchor import Candidate, Ctx, Reading, choose, weekday_candidates
from .lexicon import norm
from .values import add_months, month_end, season_bounds, week_value

_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}
_DEICTIC |= {"the day before yesterday": -2, "the day after tomorrow": 2}
_ADVERB_UNIT = {"daily": "D", "nightly": "D", "weekly": "W", "biweekly": "2W", "monthly": "M"}
_ADVERB_UNIT |= {"annually": "Y", "yearly": "Y", "quarterly": "Q", "hourly": "H"}


# ---- shared helpers -------------------------------------------------------------------


def _int(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def _month(ctx: Ctx) -> int:
    return ctx.lex.months[norm(ctx.g("month"))]


def _year(ctx: Ctx, name: str = "year") -> int:
    text = ctx.g(name).lstrip("'")
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= 50 else 2000
    return year


def _mod(ctx: Ctx) -> str | None:
    word = norm(ctx.g("mod"))
    return ctx.lex.mods.get(word) if word else None


def _number(ctx: Ctx, text: str) -> str:
    """A count as TIMEX3 wants it: digits, or ``X`` for "several", "a few"."""
    word = norm(text).replace("-", " ")
    if not word:
        return "1"
    if word[0].isdigit():
        return word.rstrip("0").rstrip(".") if "." in word else word
    if word in ctx.lex.numbers:
        value, _kind = ctx.lex.numbers[word]
        return value
    total = 0
    for part in word.split():
        value, _kind = ctx.lex.numbers.get(part, ("X", "vague"))
        if value == "X":
            return "X"
        total += int(value)
    return str(total)


def _unit(ctx: Ctx) -> tuple[str, bool]:
    return ctx.lex.units[norm(ctx.g("unit")).replace("-", " ")]


def _time_suffix(ctx: Ctx) -> str:
    if ctx.g("noon"):
        return "T24:00" if norm(ctx.g("noon")) == "midnight" else "T12:00"
    if not ctx.g("hour"):
        pod = norm(ctx.g("pod"))
        return "T" + ctx.lex.parts_of_day[pod] if pod else ""
    hour = int(ctx.g("hour"))
    minute = int(ctx.g("minute") or 0)
    ampm = norm(ctx.g("ampm"))
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"


def _time_type(suffix: str) -> str:
    return "TIME" if suffix else "DATE"


def _trimmed(ctx: Ctx) -> tuple[int, int] | None:
    if "t" not in ctx.groups:
        return None
    inner = ctx.groups["t"]
    start = ctx.text.index(inner, ctx.start, ctx.end)
    return start, start + len(inner)


# ---- dates ----------------------------------------------------------------------------


def resolve_absolute_date(ctx: Ctx) -> Reading | None:
    """A fully written date: "March 22, 2013", "2013-03-22", "10/31/1974"."""
    try:
        day = date(_year(ctx), _month_any(ctx), _int(ctx.g("day")))
    except ValueError:
        return None
    suffix = _time_suffix(ctx)
    return Reading(day.isoformat() + suffix, "TIME" if suffix else "DATE")


def _month_any(ctx: Ctx) -> int:
    text = ctx.g("month")
    return int(text) if text.isdigit() else _month(ctx)


def resolve_month_day(ctx: Ctx) -> Reading | None:
    """Month and day without a year: the year comes from the tense around it."""
    month, day = _month_any(ctx), _int(ctx.g("day"))
    if ctx.g("weekday"):
        weekday = ctx.lex.weekdays[norm(ctx.g("weekday"))]
        for year in (ctx.published.year, ctx.published.year + 1, ctx.published.year - 1):
            try:
                if date(year, month, day).isoweekday() == weekday:
                    return Reading(date(year, month, day).isoformat())
            except ValueError:
                return None
    candidates = []
    for year in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        candidates.append(Candidate(d.isoformat(), d, d))
    if not candidates:
        return None
    value, alternatives = choose(ctx, candidates)
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


def resolve_month_year(ctx: Ctx) -> Reading | None:
    """ "March 2013", "late March 2012"."""
    return Reading(f"{_year(ctx):04d}-{_month(ctx):02d}", mod=_mod(ctx))


def resolve_month(ctx: Ctx) -> Reading | None:
    """A month name alone: last or next occurrence by tense ("met in November")."""
    month = _month(ctx)
    candidates = []
    for year in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1):
        candidates.append(
            Candidate(f"{year:04d}-{month:02d}", date(year, month, 1), month_end(year, month))
        )
    value, alternatives = choose(ctx, candidates)
    return Reading(value, mod=_mod(ctx), alternatives=alternatives, span=_trimmed(ctx))


def resolve_year(ctx: Ctx) -> Reading | None:
    """A year: "1998", "late 2012", "the year 2000"."""
    return Reading(f"{_year(ctx):04d}", mod=_mod(ctx))


def resolve_decade(ctx: Ctx) -> Reading | None:
    """ "the 1990s", "the '80s" -> ``199``, ``198``."""
    if ctx.g("dec2"):
        digit = int(ctx.g("dec2"))
        century = 19 if digit * 10 + 1900 <= ctx.published.year - 10 or digit >= 3 else 20
        return Reading(f"{century}{digit}", mod=_mod(ctx))
    return Reading(f"{ctx.g('cent')}{ctx.g('dec')}", mod=_mod(ctx))


def resolve_fiscal(ctx: Ctx) -> Reading | None:
    """ "fiscal 1989", "FY2024" -> ``FY1989``."""
    return Reading(f"FY{_year(ctx):04d}")


def _period_candidates(
    ctx: Ctx, code: str, bounds: list[tuple[int, date, date]]
) -> list[Candidate]:
    return [Candidate(f"{year:04d}-{code}", first, last) for year, first, last in bounds]


def _rel_year(ctx: Ctx) -> int | None:
    if ctx.g("year"):
        return _year(ctx)
    rel = norm(ctx.g("rel") or ctx.g("rel2"))
    if not rel and "the year" not in norm(ctx.text[ctx.start : ctx.end]):
        return None
    shift = -1 if rel.startswith("last") else 1 if rel.startswith("next") else 0
    return ctx.published.year + shift


def resolve_quarter(ctx: Ctx) -> Reading | None:
    """ "the third quarter (of 2012)", "Q3": the year by tense when not written."""
    if ctx.g("q"):
        number = int(ctx.g("q")[1])
    else:
        ordinal = ctx.lex.ordinals.get(norm(ctx.g("ord")), 0)
        number = (
            4 if ordinal == -1 else _int(ctx.g("ord")) if ctx.g("ord")[0].isdigit() else ordinal
        )
    if not 1 <= number <= 4:
        return None
    year = _rel_year(ctx)
    if year is not None:
        return Reading(f"{year:04d}-Q{number}")
    candidates = []
    for y in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1):
        first, last = date(y, 3 * number - 2, 1), month_end(y, 3 * number)
        candidates.append(Candidate(f"{y:04d}-Q{number}", first, last))
    value, alternatives = choose(ctx, candidates)
    return Reading(value, alternatives=alternatives)


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
        value = max((c for c in candidates if c.last < day), key=lambda c: c.first).value
        return Reading(value)
    if rel in ("next", "coming"):
        value = min((c for c in candidates if c.first > day), key=lambda c: c.first).value
        return Reading(value)
    if rel == "this":
        current = [c for c in candidates if c.first <= day <= c.last]
        upcoming = min((c for c in candidates if c.first > day), key=lambda c: c.first)
        return Reading((current[0] if current else upcoming).value)
    value, alternatives = choose(ctx, candidates)
    return Reading(value, mod=_mod(ctx), alternatives=alternatives, span=_trimmed(ctx))


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
    else:
        near = [d for d in days if abs((d - day).days) < 7]
        chosen, alternatives = choose(ctx, [Candidate(d.isoformat(), d, d) for d in near])
    return Reading(
        chosen + suffix,
        "TIME" if suffix else "DATE",
        alternatives=tuple(a + suffix for a in alternatives),
    )


def resolve_deictic(ctx: Ctx) -> Reading | None:
    """today / tonight / yesterday / tomorrow, "last night", "this morning", "at 5 p.m."."""
    word = norm(ctx.g("word"))
    day = ctx.published + timedelta(_DEICTIC[word])
    if word == "tonight" and not ctx.g("hour") and not ctx.g("noon"):
        return Reading(day.isoformat() + "TNI", "TIME")
    if word == "last" and norm(ctx.g("pod")) != "night":
        return Reading((ctx.published - timedelta(1)).isoformat() + _time_suffix(ctx), "TIME")
    suffix = _time_suffix(ctx)
    return Reading(day.isoformat() + suffix, "TIME" if suffix else "DATE")


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
        )
        return Reading(value, alternatives=alternatives)
    return Reading(week_value(saturday) + "-WE")


def resolve_rel_unit(ctx: Ctx) -> Reading | None:
    """ "last year", "next month", "this week", "early next year", "the end of the year"."""
    rel = norm(ctx.g("rel"))
    shift = {"last": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    unit = norm(ctx.g("unit"))
    value = _unit_value(ctx.published, unit, shift)
    return Reading(value, mod=_mod(ctx)) if value else None


def _unit_value(day: date, unit: str, shift: int) -> str:
    if unit == "year":
        return f"{day.year + shift:04d}"
    if unit == "month":
        year, month = add_months(day.year, day.month, shift)
        return f"{year:04d}-{month:02d}"
    if unit == "week":
        return week_value(day + timedelta(7 * shift))
    if unit == "quarter":
        year, month = add_months(day.year, day.month, 3 * shift)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "decade":
        return str(day.year // 10 + shift)
    if unit == "century":
        return str(day.year // 100 + shift)
    if unit == "day":
        return (day + timedelta(shift)).isoformat()
    return ""


def resolve_earlier_later(ctx: Ctx) -> Reading | None:
    """ "earlier this month" (START), "later in the year" (END): vague within the unit."""
    unit = norm(ctx.g("unit"))
    mod = "START" if norm(ctx.g("dir")) == "earlier" else "END"
    return Reading(_unit_value(ctx.published, unit, 0), mod=mod, vague=True)


def resolve_units_ago(ctx: Ctx) -> Reading | None:
    """ "two years ago", "three days earlier", "a week from now": a date at the unit's grain."""
    count = _number(ctx, ctx.g("num"))
    unit = norm(ctx.g("unit"))
    unit = unit[:-1] if unit.endswith("s") else unit
    sign = -1 if norm(ctx.g("dir")) in ("ago", "earlier", "before") else 1
    if count == "X" or "." in count:
        return Reading("PAST_REF" if sign < 0 else "FUTURE_REF", mod=_mod(ctx))
    value = _unit_value(ctx.published, unit, sign * int(count))
    return Reading(value, mod=_mod(ctx)) if value else None


def resolve_in_units(ctx: Ctx) -> Reading | None:
    """ "in two weeks": a date when the clause looks ahead, else a duration ("in five years")."""
    duration = resolve_duration(ctx)
    if duration is None:
        return None
    unit = norm(ctx.g("unit"))
    unit = unit[:-1] if unit.endswith("s") else unit
    count = _number(ctx, ctx.g("num"))
    ahead = ctx.tense.tense == "future" and ctx.tense.cue_start < ctx.start
    if ahead and count.isdigit() and unit in ("day", "week", "month", "year"):
        value = _unit_value(ctx.published, unit, int(count))
        return Reading(value, span=_trimmed(ctx))
    return duration


def resolve_duration(ctx: Ctx) -> Reading | None:
    """ "five years" -> ``P5Y``; "seven and a half hours" -> ``PT7H30M``; "years" -> ``PXY``."""
    code, clock = _unit(ctx)
    num = ctx.g("num") or ctx.g("num2")
    count = _number(ctx, num) if num else ("1" if _singular(ctx) else "X")
    if ctx.g("half") or ctx.g("half2"):
        count = str(float(count) + 0.5) if count != "X" else "X"
    value = _duration_value(count, code, clock)
    return Reading(value, "DURATION", mod=_mod(ctx), span=_trimmed(ctx))


def _singular(ctx: Ctx) -> bool:
    return not norm(ctx.g("unit")).endswith(("s", "ies"))


def _duration_value(count: str, code: str, clock: bool) -> str:
    if code == "WE":
        return f"P{count}WE"
    if code == "2W":
        return "PX2W" if count == "X" else f"P{int(float(count)) * 2}W"
    if count.endswith(".5") and clock and code == "H":
        return f"PT{count[:-2]}H30M"
    if count.endswith(".5") and code == "Y":
        return f"P{int(float(count) * 12)}M"
    if count.endswith(".0"):
        count = count[:-2]
    return f"PT{count}{code}" if clock else f"P{count}{code}"


def resolve_set(ctx: Ctx) -> Reading | None:
    """ "every year" -> ``P1Y``; "every Monday" -> ``XXXX-WXX-1``; "twice a year"."""
    if ctx.g("weekday"):
        return Reading(f"XXXX-WXX-{ctx.lex.weekdays[norm(ctx.g('weekday'))]}", "SET")
    if ctx.g("pod"):
        return Reading(f"TXX{ctx.lex.parts_of_day[norm(ctx.g('pod'))]}", "SET")
    code, clock = _unit(ctx)
    count = _number(ctx, ctx.g("num")) if ctx.g("num") else "1"
    return Reading(_duration_value(count, code, clock), "SET")


def resolve_set_adverb(ctx: Ctx) -> Reading | None:
    """ "daily", "annually", "quarterly" -> ``P1D``, ``P1Y``, ``P1Q``."""
    code = _ADVERB_UNIT[norm(ctx.g("adv"))]
    return Reading(f"PT1{code}" if code == "H" else f"P1{code}".replace("P12W", "P2W"), "SET")


def resolve_clock(ctx: Ctx) -> Reading | None:
    """A clock time on the anchor day: "3:30 p.m. EST", "14:00 GMT", "noon"."""
    return Reading(ctx.published.isoformat() + _time_suffix(ctx), "TIME")


def resolve_ref(ctx: Ctx) -> Reading | None:
    """Fixed phrases: "now" -> ``PRESENT_REF``, "in the coming months" -> ``FUTURE_REF``."""
    value, type_ = ctx.lex.refs[norm(ctx.text[ctx.start : ctx.end])]
    return Reading(value, "DATE" if type_ == "DATE" else "DURATION", vague=True)
