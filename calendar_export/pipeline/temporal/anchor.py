"""Choosing among the readings of an underspecified date by tense, around the anchor date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
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
class Ctx:
    """What a resolver sees: the match, its groups, the anchor date and the lexicons."""

    text: str
    start: int
    end: int
    groups: dict[str, str]
    published: date
    lex: Lexicon

    @cached_property
    def tense(self) -> TenseReading:
        """Tense and modality of the clause around the match (computed on first use)."""
        return clause_tense(self.text, self.start, self.end)

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


def choose(
    ctx: Ctx, candidates: list[Candidate], *, slack: int, lean_past: bool = False
) -> tuple[str, tuple[str, ...]]:
    """Pick a candidate by the clause's tense; keep the runner-up when the tense is unsure.

    Each candidate scores its distance in days from the anchor date; one on the side the
    tense points away from (past: it has not begun; future: it has ended) also pays
    ``slack`` days, so the tense decides unless the other side is much nearer ("extended to
    Nov. 20" written on Nov. 2). A shifted future ("was scheduled to") or no tense cue
    picks the nearest, or leans to the past when ``lean_past`` (weekdays in news); a date
    standing alone, with no words around it, leans to the future.
    """
    day = ctx.published
    reading = ctx.tense
    tense = reading.tense
    if reading.shifted or tense == "present":
        tense = "unknown"
    if tense == "unknown" and reading.bare:
        tense = "future"  # a date standing alone ("Monday") names the coming one
    elif tense == "unknown" and lean_past:
        tense, slack = "past", LEAN_SLACK

    def score(c: Candidate) -> tuple[int, bool]:
        wrong = (tense == "past" and c.first > day) or (tense == "future" and c.last < day)
        # Ties go to the past, except for a future seen from the past ("was to meet").
        return _distance(c, day) + (slack if wrong else 0), (c.first > day) != reading.shifted

    ranked = sorted(candidates, key=score)
    if not ranked:
        return "", ()
    best = ranked[0]
    unsure = reading.tense in ("unknown", "present") or reading.shifted
    others = (ranked[1].value,) if unsure and len(ranked) > 1 else ()
    return best.value, others


def _distance(c: Candidate, day: date) -> int:
    if c.first <= day <= c.last:
        return 0
    return min(abs((c.first - day).days), abs((c.last - day).days))


def weekday_candidates(day: date, weekday: int) -> list[date]:
    """The days with ISO ``weekday`` from a week before ``day`` to a week after."""
    ahead = (weekday - day.isoweekday()) % 7
    return [day + timedelta(days=ahead + k) for k in (-14, -7, 0, 7) if -7 <= ahead + k <= 7]
