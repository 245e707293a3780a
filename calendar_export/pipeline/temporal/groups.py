"""Reading a rule match's named groups: numbers, months, years, clock times, units.

Shared by the resolvers in :mod:`.days`, :mod:`.periods` and :mod:`.spans`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ...models import TimexType
from .anchor import Ctx
from .lexicon import norm
from .values import add_months, week_value


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
        word = text.strip().lower()  # keep the decimal point: "2.5 hours"
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


_UTC = frozenset({"utc", "gmt", "z"})


def _time_suffix(ctx: Ctx) -> str:
    """The ``Thh:mm`` (or ``TMO`` part-of-day) suffix the time groups of a match give."""
    noon = norm(ctx.g("noon") or ctx.g("noon2"))
    hour_text = ctx.g("hour") or ctx.g("hour2")
    pod = norm(ctx.g("pod")) or ("night" if norm(ctx.g("word")) == "tonight" else "")
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
    # ISO 8601 marks a time given in UTC with "Z" ("16:08 UTC" -> ``T16:08Z``).
    zone = "Z" if norm(ctx.g("tz")) in _UTC else ""
    if minutes == 24 * 60 and not offset:
        return "T24:00" + zone
    minutes %= 24 * 60
    return f"T{minutes // 60:02d}:{minutes % 60:02d}{zone}"


def _time_type(suffix: str) -> TimexType:
    """A clock time is a TIME; a day, or a day and its part ("Friday night"), a DATE, as
    news corpora annotate them."""
    return "TIME" if suffix[1:2].isdigit() else "DATE"


def _trimmed(ctx: Ctx) -> tuple[int, int] | None:
    if "t" not in ctx.groups:
        return None
    inner = ctx.groups["t"]
    start = ctx.text.index(inner, ctx.start, ctx.end)
    return start, start + len(inner)


def _month_any(ctx: Ctx) -> int:
    text = ctx.g("month")
    return int(text) if text.isdigit() else _month(ctx)


def _day(ctx: Ctx) -> int:
    """The day of the month: digits ("22nd") or an ordinal word ("first"); 0 if neither."""
    if ctx.g("dayword"):
        return max(ctx.lex.ordinals.get(norm(ctx.g("dayword")).replace(" ", "-"), 0), 0)
    return _int(ctx.g("day"))


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


def _reported_quarter(ctx: Ctx) -> tuple[int, int]:
    """The quarter a report talks about: the last finished one in a past-tense clause."""
    year, quarter = ctx.published.year, (ctx.published.month - 1) // 3 + 1
    current = "current" in norm(ctx.text[ctx.start : ctx.end])
    if not current and ctx.tense.tense != "future":
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return year, quarter


def _quarter_context(ctx: Ctx) -> bool:
    """Does the match compare with a quarter (financial results)? Its sentence names a
    quarter, or names no other period while the last period the text named before it, in
    the sentences just before, is a quarter ("Net rose to $94 million in the third quarter.
    ... from $85 million a year earlier")."""
    left = max(ctx.text.rfind(". ", max(0, ctx.start - 300), ctx.start), ctx.start - 300, 0)
    right = ctx.text.find(". ", ctx.end, ctx.end + 300)
    sentence = ctx.text[left : right if right >= 0 else ctx.end + 300].lower()
    if "quarter" in sentence:
        return True
    if _OTHER_PERIOD.search(sentence):
        return False
    before = _REPORTED_PERIOD.findall(ctx.text[max(0, left - _PERIOD_REACH) : left].lower())
    return bool(before) and before[-1] == "quarter"


# Periods a financial report compares; the last one named sets what "a year ago" means.
_REPORTED_PERIOD = re.compile(r"quarter|nine months|six months|first half|fiscal year|\byear\b")
_OTHER_PERIOD = re.compile(
    r"nine months|six months|first half|fiscal year|for the year|\b(?:19|20)\d\d\b"
)
_PERIOD_REACH = 400


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
