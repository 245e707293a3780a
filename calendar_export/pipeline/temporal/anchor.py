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


def choose(ctx: Ctx, candidates: list[Candidate]) -> tuple[str, tuple[str, ...]]:
    """Pick a candidate by the clause's tense; keep the runner-up when the tense is unsure.

    Past: the latest that has begun by the anchor date. Future: the earliest that has not
    ended. Present, a shifted future ("was scheduled to") or no cue: the nearest one.
    """
    day = ctx.published
    past = [c for c in candidates if c.first <= day]
    future = [c for c in candidates if c.last >= day]
    latest_past = max(past, key=lambda c: c.first) if past else None
    earliest_future = min(future, key=lambda c: c.last) if future else None
    reading = ctx.tense
    if reading.tense == "past" and not reading.shifted and latest_past:
        return latest_past.value, ()
    if reading.tense == "future" and earliest_future:
        return earliest_future.value, ()
    ranked = sorted(candidates, key=lambda c: (_distance(c, day), c.first > day))
    if not ranked:
        return "", ()
    best = ranked[0]
    others = tuple(c.value for c in (latest_past, earliest_future) if c and c.value != best.value)
    return best.value, others


def _distance(c: Candidate, day: date) -> int:
    if c.first <= day <= c.last:
        return 0
    return min(abs((c.first - day).days), abs((c.last - day).days))


def weekday_candidates(day: date, weekday: int) -> list[date]:
    """The days with ISO ``weekday`` from a week before ``day`` to a week after."""
    return [
        day + timedelta(k) for k in range(-7, 8) if (day + timedelta(k)).isoweekday() == weekday
    ]
