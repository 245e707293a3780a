"""Stage: temporal expressions. Reads the text; adds :class:`~calendar_export.models.Timex`.

One pass of the compiled rule scanner over the text; each match goes to its rule's
resolver with the publication date as the anchor. Nothing here reads the clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache

from ...models import Timex
from .anchor import Ctx, Discourse, Reading, opens_sentence
from .compose import join_day_and_time, join_point_and_duration, to_reference_zone
from .lexicon import lexicon
from .phrase import is_phrase
from .resolvers import resolver_table
from .rules import Rule, Scanner, rule_groups, scanner
from .values import precision_of, value_bounds


@cache
def _scanner(latent: bool = False) -> Scanner:
    return scanner(frozenset(resolver_table()), latent=latent)


# How far before a trigger word an expression may start ("the end of the year").
LOOKBACK = 36
_WORD_START = re.compile(r"(?<![\w'])[\w']")
_PHRASE_WORD = re.compile(r"(?<![\w'])[\w']+")


def tag_timexes(text: str, *, published: date) -> list[Timex]:
    """Find and normalize every temporal expression in ``text`` against ``published``.

    Underspecified dates ("in November", "on Sunday") are resolved by the tense of their
    clause; the other reading is kept in ``alternatives`` when the tense is unsure. When
    ``published`` is a :class:`~datetime.datetime`, its time of day is the reference for
    "in two hours" or "at 3 a.m." (the next one, in a phrase standing alone).
    """
    now = published if isinstance(published, datetime) else None
    if now is not None:
        published = now.date()
    alone = is_phrase(text)
    scan = _scanner(alone)
    table = resolver_table()
    lex = lexicon()
    found: list[Timex] = []
    discourse = Discourse()
    pos = 0
    # Rules run on a lower-cased copy (same offsets: U+0130 is the one character whose lower
    # case is longer), only from the run of lead words ("the end of") before each trigger.
    lowered = text.replace("\u0130", "I").lower()
    at = scan.at
    opening = scan.opening
    # A phrase alone is short: every word may start an expression, trigger or not.
    anchors = _PHRASE_WORD.finditer(lowered) if alone else scan.triggers.finditer(lowered)
    for trigger in anchors:
        if trigger.start() < pos:
            continue
        if alone:
            first = trigger.start()
        else:
            lead = scan.leads.search(lowered, max(pos, trigger.start() - LOOKBACK), trigger.start())
            first = lead.start() if lead else trigger.start()
        for word in _WORD_START.finditer(lowered, first, trigger.end()):
            regex = opening(lowered, word.start())
            m = regex.match(lowered, word.start()) if regex is not None else None
            if m is None:
                continue
            if alone and _longer_inside(at, lowered, m):
                continue  # "on the 2nd Tuesday of May": the longer reading starts later
            group = m.lastgroup or ""
            rule = scan.rule_by_group[group]
            lower_case = rule.needs_capital and not text[m.start(group + "_cap")].isupper()
            if lower_case and not alone and not _stands_alone(text, m.start(), m.end()):
                continue  # "may" the verb; a lone "may" typed into a search box is May
            groups = rule_groups(m, group, rule, text)
            ctx = Ctx(text, m.start(), m.end(), groups, published, lex, discourse, now, alone)
            try:
                reading = table[rule.resolver](ctx)
            except (ValueError, OverflowError):
                reading = None  # a reading outside the calendar (year 0 or 10000)
            if reading is None or not reading.value:
                continue
            timex = _timex(text, ctx, reading, rule)
            if timex.precision in ("day", "time") and timex.type != "SET":
                discourse.last_day = timex.value[:10]
            covered, _last = value_bounds(timex.value)
            if covered is not None and timex.type != "SET":
                discourse.last_date = covered.isoformat()
                discourse.last_span = timex.value
                if timex.precision not in ("day", "time"):
                    discourse.last_period = timex.value
            if "year" in groups and timex.value[:4].isdigit() and opens_sentence(text, m.start()):
                discourse.named_year = (int(timex.value[:4]), m.end())
            found.append(timex)
            pos = m.end()
            break
    if len(found) > 1:
        found = join_day_and_time(text, found, _retag)
        if alone:  # news corpora mark "Tuesday" and "for two days" apart
            found = join_point_and_duration(text, found)
    if now is not None and now.tzinfo is not None and found:
        found = to_reference_zone(found, now)
    return found


def _longer_inside(at: Callable[[str], re.Pattern[str]], text: str, m: re.Match[str]) -> bool:
    """Does a longer match start at a later word inside ``m`` and run past its end?"""
    for word in _WORD_START.finditer(text, m.start() + 1, m.end()):
        later = at(text[word.start()]).match(text, word.start())
        if later is not None and later.end() > m.end() and len(later[0]) > len(m[0]):
            return True
    return False


def _retag(text: str, day: date) -> list[Timex]:
    return tag_timexes(text, published=day)


@cache
def _abbreviated_end() -> re.Pattern[str]:
    """A final dot belongs to a timex only after an abbreviation ("Sept.", "p.m."); after a
    whole word ("on 25 April.") it ends the sentence."""
    lex = lexicon()
    short = [w for w in lex.months if w not in lex.bare_months and w != "may"]
    short += [w for w in lex.weekdays if not w.endswith("day")]
    words = "|".join(sorted(short, key=len, reverse=True))
    return re.compile(rf"(?:\b(?:{words})|\.[a-z])\.$", re.IGNORECASE)


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` all of the text (a phrase, not a sentence)?"""
    return not text[:start].strip() and not text[end:].strip(" .!?")


def _timex(text: str, ctx: Ctx, reading: Reading, rule: Rule) -> Timex:
    start, end = reading.span or (ctx.start, ctx.end)
    if text[end - 1] == "." and not _abbreviated_end().search(text, start, end):
        end -= 1
    precision = "vague" if reading.vague else precision_of(reading.value, reading.type)
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=reading.type,
        value=reading.value,
        mod=reading.mod,
        precision=precision,
        alternatives=reading.alternatives,
        rule=rule.name,
    )
