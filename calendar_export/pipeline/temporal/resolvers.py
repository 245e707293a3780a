"""Small pure resolvers: a rule's matched groups -> a TIMEX3 reading.

Each ``resolve_<name>`` takes a :class:`Ctx` and returns a :class:`Reading`, or ``None`` to
reject the match (an impossible date, say). Rules name their resolver in ``rules.tsv``.
"""

from __future__ import annotations

from datetime import date, timedelta

from ...models import TimexType
from .anchor import Candidate, Ctx, Reading, choose, weekday_candidates
from .lexicon import norm
from .values import add_months, holiday_date, month_end, season_bounds, week_value

# Days a reading against the tense pays (see anchor.choose): a day named without a year,
# and a month, quarter or season named without one.
DAY_SLACK = 200
MONTH_SLACK = 300
_FRACTION_DENOMINATORS = frozenset({2, 3, 4, 8, 16, 32})
_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}
_DEICTIC |= {"day before yesterday": -2, "day after tomorrow": 2}
_ADVERB_UNIT = {"daily": "D", "nightly": "D", "weekly": "W", "biweekly": "2W", "monthly": "M"}
_ADVERB_UNIT |= {"annually": "Y", "yearly": "Y", "quarterly": "Q", "hourly": "H"}


# ---- shared helpers -------------------------------------------------------------------


def _int(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def _month(ctx: Ctx) -> int:
    return ctx.lex.months[norm(ctx.g("month"))]


def _year(ctx: Ctx, name: str = "year") -> int:
    if ctx.g("spelled"):
        return _spelled_year(ctx, ctx.g("spelled"))
    text = ctx.g(name).lstrip("'")
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= 50 else 2000
    return year


def _spelled_year(ctx: Ctx, text: str) -> int:
    """ "nineteen ninety-six" -> 1996; "two thousand and one" -> 2001."""
    words = norm(text).replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + (int(_number(ctx, " ".join(rest))) if rest else 0)
    century = int(ctx.lex.numbers[words[0]][0])
    return century * 100 + int(_number(ctx, " ".join(words[1:])))


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
    """The ``Thh:mm`` (or ``TMO`` part-of-day) suffix the time groups of a match give."""
    noon = norm(ctx.g("noon") or ctx.g("noon2"))
    hour_text = ctx.g("hour") or ctx.g("hour2")
    pod = norm(ctx.g("pod"))
    if not noon and not hour_text:
        return "T" + ctx.lex.parts_of_day[pod] if pod else ""
    if noon:
        minutes = 24 * 60 if noon == "midnight" else 12 * 60
    else:
        hour = int(hour_text)
        ampm = norm(ctx.g("ampm") or ctx.g("ampm2"))
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        elif not ampm and pod in ("afternoon", "evening", "night") and hour < 12:
            hour += 12
        minutes = hour * 60 + int(ctx.g("minute") or 0)
    offset = norm(ctx.g("offset") or ctx.g("offset2"))
    if offset:
        size = 15 if "quarter" in offset else 30 if offset == "half" else int(_number(ctx, offset))
        before = norm(ctx.g("dir") or ctx.g("dir2")) in ("to", "till", "before", "of")
        minutes += -size if before else size
    if minutes == 24 * 60 and not offset:
        return "T24:00"
    minutes %= 24 * 60
    return f"T{minutes // 60:02d}:{minutes % 60:02d}"


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
    """A written date: "March 22, 2013", "2013-03-22", "5 p.m. EST, Nov. 9" (year by tense)."""
    suffix = _time_suffix(ctx)
    kind: TimexType = "TIME" if suffix else "DATE"
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


def _month_any(ctx: Ctx) -> int:
    text = ctx.g("month")
    return int(text) if text.isdigit() else _month(ctx)


def _day(ctx: Ctx) -> int:
    """The day of the month: digits ("22nd") or an ordinal word ("first"); 0 if neither."""
    if ctx.g("dayword"):
        return max(ctx.lex.ordinals.get(norm(ctx.g("dayword")).replace(" ", "-"), 0), 0)
    return _int(ctx.g("day"))


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
    value, alternatives = choose(ctx, candidates, slack=DAY_SLACK)
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
    candidates = []
    for year in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        candidates.append(Candidate(d.isoformat(), d, d))
    if not candidates:
        return None
    value, alternatives = choose(ctx, candidates, slack=DAY_SLACK)
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
    """ "March 2013", "late March 2012", "2/2013", "2014/10"."""
    if ctx.g("year2"):
        month = int(ctx.g("month2") or ctx.g("month3"))
        return Reading(f"{_year(ctx, 'year2'):04d}-{month:02d}")
    return Reading(f"{_year(ctx):04d}-{_month_any(ctx):02d}", mod=_mod(ctx))


def resolve_month(ctx: Ctx) -> Reading | None:
    """A month name alone: last or next occurrence by tense ("met in November")."""
    month = _month(ctx)
    candidates = []
    for year in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1):
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


def _quarter_number(ctx: Ctx) -> int:
    if ctx.g("q"):
        return int(ctx.g("q")[1])
    ordinal = ctx.lex.ordinals.get(norm(ctx.g("ord")), 0)
    return 4 if ordinal == -1 else _int(ctx.g("ord")) if ctx.g("ord")[0].isdigit() else ordinal


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
    value, alternatives = choose(ctx, candidates, slack=MONTH_SLACK)
    return Reading(value, alternatives=alternatives)


def _reported_quarter(ctx: Ctx) -> tuple[int, int]:
    """The quarter a report talks about: the last finished one in a past-tense clause."""
    year, quarter = ctx.published.year, (ctx.published.month - 1) // 3 + 1
    current = "current" in norm(ctx.text[ctx.start : ctx.end])
    if not current and ctx.tense.tense != "future":
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return year, quarter


def _quarter_context(ctx: Ctx) -> bool:
    """Does the sentence around the match talk about a quarter (financial results)?"""
    left = max(ctx.text.rfind(". ", max(0, ctx.start - 300), ctx.start), ctx.start - 300, 0)
    right = ctx.text.find(". ", ctx.end, ctx.end + 300)
    return "quarter" in ctx.text[left : right if right >= 0 else ctx.end + 300].lower()


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


def resolve_the_day(ctx: Ctx) -> Reading | None:
    """ "the day", "the same day": in news, the day being reported (the anchor date)."""
    return Reading(ctx.published.isoformat())


def resolve_the_year(ctx: Ctx) -> Reading | None:
    """ "the current year" is the year of publication; "the year", "the fiscal year" a span."""
    if "current" in norm(ctx.text[ctx.start : ctx.end]):
        return Reading(f"{ctx.published.year:04d}")
    return Reading("P1Y", "DURATION")


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
    value, alternatives = choose(ctx, candidates, slack=MONTH_SLACK)
    return Reading(value, mod=_mod(ctx), alternatives=alternatives, span=_trimmed(ctx))


def resolve_holiday(ctx: Ctx) -> Reading | None:
    """ "Thanksgiving", "last Christmas", "Easter 2014": the day, the year by tense."""
    rule = ctx.lex.holidays[norm(ctx.g("holiday"))]
    year = ctx.published.year
    rel = norm(ctx.g("rel"))
    if ctx.g("year"):
        return Reading(holiday_date(rule, _year(ctx)).isoformat())
    days = [holiday_date(rule, y) for y in (year - 1, year, year + 1)]
    if rel == "last":
        return Reading(max(d for d in days if d < ctx.published).isoformat())
    if rel in ("next", "this", "coming"):
        return Reading(min(d for d in days if d >= ctx.published).isoformat())
    value, alternatives = choose(
        ctx, [Candidate(d.isoformat(), d, d) for d in days], slack=DAY_SLACK
    )
    return Reading(value, alternatives=alternatives)


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
        near_days = [Candidate(d.isoformat(), d, d) for d in near]
        chosen, alternatives = choose(ctx, near_days, slack=7, lean_past=True)
    return Reading(
        chosen + suffix,
        "TIME" if suffix else "DATE",
        alternatives=tuple(a + suffix for a in alternatives),
    )


def resolve_deictic(ctx: Ctx) -> Reading | None:
    """today / tonight / yesterday / tomorrow, "last night", "this morning", "at 5 p.m."."""
    word = norm(ctx.g("word")).removeprefix("the ")
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
            slack=7,
            lean_past=True,
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
    direction = norm(ctx.g("dir"))
    if direction in ("later", "after", "before"):
        return resolve_duration(ctx)  # measured from another event, not from publication
    sign = -1 if direction in ("ago", "earlier") else 1
    if count == "X" or "." in count:
        return Reading("PAST_REF" if sign < 0 else "FUTURE_REF", mod=_mod(ctx))
    if unit == "year" and count == "1" and _quarter_context(ctx):
        year, quarter = _reported_quarter(ctx)
        return Reading(f"{year - 1:04d}-Q{quarter}", mod=_mod(ctx))
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


def resolve_past_units(ctx: Ctx) -> Reading | None:
    """ "the past two months" -> ``P2M``; "the past year" (one unit, no count) -> last year."""
    unit = norm(ctx.g("unit"))
    shift = {"past": -1, "previous": -1, "next": 1, "coming": 1}.get(norm(ctx.g("rel")), 0)
    if shift and not ctx.g("num") and unit in ("year", "month", "week"):
        return Reading(_unit_value(ctx.published, unit, shift))
    return resolve_duration(ctx)


def resolve_duration(ctx: Ctx) -> Reading | None:
    """ "five years" -> ``P5Y``; "seven and a half hours" -> ``PT7H30M``; "years" -> ``PXY``."""
    code, clock = _unit(ctx)
    num = ctx.g("num") or ctx.g("num2")
    if norm(num) in ("a", "an") and not _singular(ctx):
        return None  # "a decades-long feud": the article belongs to the noun
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


def _trim(number: str) -> str:
    return number[:-2] if number.endswith(".0") else number


def _singular(ctx: Ctx) -> bool:
    return bool(ctx.g("single")) or not norm(ctx.g("unit")).endswith(("s", "ies"))


def _duration_value(count: str, code: str, clock: bool) -> str:
    if code == "Q":  # TimeML writes quarters as months: P9M for "three quarters"
        code = "M"
        count = count if count == "X" else _trim(str(float(count) * 3))
    if code == "WE":
        return f"P{count}WE"
    if code == "2W":
        return "PX2W" if count == "X" else f"P{int(float(count)) * 2}W"
    if count.endswith(".5") and clock and code in ("H", "M"):
        return f"PT{count[:-2]}{code}30{'M' if code == 'H' else 'S'}"
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
    """A clock time on the anchor day: "3:30 p.m. EST", "14:00 GMT", "noon"."""
    return Reading(ctx.published.isoformat() + _time_suffix(ctx), "TIME")


def resolve_ref(ctx: Ctx) -> Reading | None:
    """Fixed phrases: "now" -> ``PRESENT_REF``, "in the coming months" -> ``FUTURE_REF``."""
    value, type_ = ctx.lex.refs[norm(ctx.text[ctx.start : ctx.end])]
    return Reading(value, "DATE" if type_ == "DATE" else "DURATION", vague=True)
