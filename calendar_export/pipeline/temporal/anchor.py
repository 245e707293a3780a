"""Choosing among the readings of an underspecified date by tense, around the anchor date."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from ...models import TimexType
from ..tense import TenseReading, clause_tense
from .lexicon import Lexicon


@dataclass(frozen=True)
class Candidate:
    """One possible reading: its TIMEX3 value and the days it covers."""

    value: str
    first: date
    last: date


@dataclass
class Discourse:
    """What one text has named so far: the day each weekday was read as, the last day
    and the last dated span (a year, a month or a day), its value and its first day."""

    weekdays: dict[int, str] = field(default_factory=dict)
    last_day: str | None = None
    last_date: str | None = None  # the first day of the last dated span named
    last_span: str | None = None  # the value of the last dated span named ("2023-Q2")
    last_period: str | None = None  # the same, longer than a day ("the quarter ended June 30")
    named_year: tuple[int, int] | None = None  # (year, end offset) of the last written year


# A sentence ends at ". ", "! ", "? " before a capital or a quote, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+[\"'(\[]?[A-Z]|\n")


@dataclass
class Ctx:
    """What a resolver sees: the match, its groups, the anchor date and the lexicons.

    ``discourse`` is shared by all matches of one text (what was named so far).
    """

    text: str
    start: int
    end: int
    groups: dict[str, str]
    published: date
    lex: Lexicon
    discourse: Discourse = field(default_factory=lambda: Discourse())
    now: datetime | None = None  # the reference time, when the caller knows it
    alone: bool = False  # the text is one short phrase (a search box), see phrase.py

    @property
    def ahead(self) -> bool:
        """Does the phrase look ahead: a future clause, or a phrase standing alone?"""
        return self.tense.tense == "future" or (self.tense.tense == "unknown" and self.tense.bare)

    @cached_property
    def tense(self) -> TenseReading:
        """Tense and modality of the clause around the match (computed on first use)."""
        if self.alone:
            return TenseReading("unknown", bare=True)
        return clause_tense(self.text, self.start, self.end)

    def sentence_year(self) -> int | None:
        """The year a sentence opens with ("Earlier in 2014, ... beginning on August 30"):
        a day or month named later in that sentence without a year is read in that year,
        unless the clause's tense points the other way from the anchor date."""
        named = self.discourse.named_year
        if named is None or _SENTENCE_END.search(self.text, named[1], self.start):
            return None
        year = named[0]
        tense = self.tense.tense
        if (tense == "future" and year < self.published.year) or (
            tense == "past" and year > self.published.year
        ):
            return None
        return year

    def g(self, name: str) -> str:
        """The text of group ``name``, or ``""`` when it did not take part."""
        return self.groups.get(name, "")


@dataclass(frozen=True)
class Reading:
    """A resolver's answer. ``span`` (absolute offsets) narrows the extent when set."""

    value: str
    type: TimexType = "DATE"
    mod: str | None = None
    alternatives: tuple[str, ...] = ()
    vague: bool = False
    span: tuple[int, int] | None = None


# With no tense cue, news weekdays lean to the past by this many days: "Friday" written on
# a Monday is last Friday, "Tuesday" is tomorrow.
LEAN_SLACK = 3
# A date standing alone never names one gone by, however near ("Christmas" in February).
BARE_SLACK = 100_000


def choose(
    ctx: Ctx,
    candidates: list[Candidate],
    *,
    slack: int,
    future_slack: int | None = None,
    lean_past: bool = False,
) -> tuple[str, tuple[str, ...]]:
    """Pick a candidate by the clause's tense; keep the runner-up when the tense is unsure.

    Each candidate scores its distance in days from the anchor date; in a past clause one
    that has not begun also pays ``slack`` days, so the tense decides unless the other side
    is much nearer ("extended to Nov. 20" written on Nov. 2); in a future clause one that
    has ended pays ``future_slack`` (default ``slack``): a quarter that just ended is still
    the one a company "will report". A shifted future ("was scheduled
    to") or no tense cue picks the nearest, or leans to the past when ``lean_past``
    (weekdays in news); a date standing alone, with no words around it, leans to the
    future.
    """
    day = ctx.published
    ahead_slack = slack if future_slack is None else future_slack
    reading = ctx.tense
    tense = reading.tense
    if reading.shifted or tense == "present":
        tense = "unknown"
    if tense == "unknown" and reading.bare:
        # A date standing alone ("Monday", "Christmas") names the coming one.
        tense, ahead_slack = "future", BARE_SLACK
    elif tense == "unknown" and lean_past:
        tense, slack = "past", LEAN_SLACK

    def score(c: Candidate) -> tuple[int, bool]:
        # A past clause may name a day ahead ("extended to Nov. 20"); a future one never
        # names a day gone by, so that costs more than any other reading.
        penalty = slack if tense == "past" and c.first > day else 0
        penalty = ahead_slack if tense == "future" and c.last < day else penalty
        # Ties go to the past, except for a future seen from the past ("was to meet").
        return _distance(c, day) + penalty, (c.first > day) != reading.shifted

    ranked = sorted(candidates, key=score)
    if not ranked:
        return "", ()
    best = ranked[0]
    unsure = reading.tense in ("unknown", "present") or reading.shifted
    others = (ranked[1].value,) if unsure and len(ranked) > 1 else ()
    return best.value, others


def opens_sentence(text: str, start: int) -> bool:
    """Does the sentence around ``start`` open with at most three words before it
    ("In 2014,", "Earlier in 2014,"): a frame-setting date for the whole sentence."""
    window = text[max(0, start - 60) : start]
    ends = list(_SENTENCE_END.finditer(window))
    lead = window[ends[-1].end() - 1 :] if ends else (window if start <= 60 else None)
    return lead is not None and len(lead.split()) <= 3


def _distance(c: Candidate, day: date) -> int:
    if c.first <= day <= c.last:
        return 0
    return min(abs((c.first - day).days), abs((c.last - day).days))


def weekday_candidates(day: date, weekday: int) -> list[date]:
    """The days with ISO ``weekday`` from a week before ``day`` to a week after."""
    ahead = (weekday - day.isoweekday()) % 7
    return [day + timedelta(days=ahead + k) for k in (-14, -7, 0, 7) if -7 <= ahead + k <= 7]
