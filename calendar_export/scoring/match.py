"""Match predicted events to gold events within one article, one to one.

A pair is *possible* when a predicted mention's sentence overlaps the gold evidence with
a word overlap of at least :data:`SENTENCE_OVERLAP` (of the shorter text), or when the
date value agrees (a real value, not ``null``) and the place or a title word agrees.
Possible pairs are scored and taken greedily, best first; ties go to required gold
events, then to the earlier gold and predicted event, so matching is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Event
from .compare import (
    content_words,
    date_right,
    jaccard,
    place_right,
    status_right,
    word_overlap,
)
from .gold import GoldEvent

SENTENCE_OVERLAP = 0.6
"""Minimum word overlap between a mention's sentence and the gold evidence."""


@dataclass(frozen=True, slots=True)
class Pair:
    """A predicted event matched to a gold event, with what agrees between them."""

    gold: int
    predicted: int
    score: float
    overlap: float
    date_ok: bool
    place_ok: bool
    status_ok: bool

    @property
    def all_ok(self) -> bool:
        """Date, place and status class all right."""
        return self.date_ok and self.place_ok and self.status_ok


@dataclass(frozen=True, slots=True)
class ArticleMatch:
    """The outcome of matching one article's predictions against its gold events."""

    doc_id: str
    gold: tuple[GoldEvent, ...]
    predicted: tuple[Event, ...]
    pairs: tuple[Pair, ...]

    @property
    def required_pairs(self) -> tuple[Pair, ...]:
        """Pairs whose gold event is required: the true positives."""
        return tuple(p for p in self.pairs if self.gold[p.gold].required)

    @property
    def optional_pairs(self) -> tuple[Pair, ...]:
        """Pairs whose gold event is optional or borderline: neither earned nor penalized."""
        return tuple(p for p in self.pairs if not self.gold[p.gold].required)

    @property
    def misses(self) -> tuple[int, ...]:
        """Indices of required gold events no prediction matched."""
        matched = {p.gold for p in self.pairs}
        return tuple(i for i, g in enumerate(self.gold) if g.required and i not in matched)

    @property
    def spurious(self) -> tuple[int, ...]:
        """Indices of predictions that matched no gold event."""
        matched = {p.predicted for p in self.pairs}
        return tuple(i for i in range(len(self.predicted)) if i not in matched)


def sentence_overlap(predicted: Event, gold: GoldEvent) -> float:
    """The best word overlap between any mention's sentence and the gold evidence."""
    return max((word_overlap(m.sentence, gold.evidence) for m in predicted.mentions), default=0.0)


def candidate(predicted: Event, gold: GoldEvent, *, gold_index: int, index: int) -> Pair | None:
    """Score the pair, or return ``None`` when the two cannot be the same event."""
    overlap = sentence_overlap(predicted, gold)
    date_ok = date_right(predicted, gold)
    place_ok = place_right(predicted.place, gold.place)
    titles = jaccard(content_words([predicted.title]), content_words([gold.title]))
    place_agrees = place_ok and gold.place.known
    by_fields = date_ok and predicted.when.value is not None and (place_agrees or titles > 0)
    if overlap < SENTENCE_OVERLAP and not by_fields:
        return None
    people = jaccard(content_words(predicted.participants), content_words(gold.participants))
    status_ok = status_right(predicted.status, gold)
    score = (
        (overlap if overlap >= SENTENCE_OVERLAP else 0.0)
        + (1.0 if date_ok else 0.0)
        + (0.5 if place_agrees else 0.0)
        + 0.5 * titles
        + 0.5 * people
        + (0.25 if predicted.kind == gold.kind else 0.0)
        + (0.25 if status_ok else 0.0)
    )
    return Pair(gold_index, index, score, overlap, date_ok, place_ok, status_ok)


def match_events(
    predicted: Sequence[Event], gold: Sequence[GoldEvent], *, doc_id: str = ""
) -> ArticleMatch:
    """Pair predictions with gold events one to one, greedily by score."""
    candidates = [
        pair
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if (pair := candidate(p, g, gold_index=gi, index=pi)) is not None
    ]
    candidates.sort(key=lambda c: (-c.score, not gold[c.gold].required, c.gold, c.predicted))
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    pairs = []
    for pair in candidates:
        if pair.gold not in taken_gold and pair.predicted not in taken_pred:
            pairs.append(pair)
            taken_gold.add(pair.gold)
            taken_pred.add(pair.predicted)
    pairs.sort(key=lambda c: c.gold)
    return ArticleMatch(doc_id, tuple(gold), tuple(predicted), tuple(pairs))
