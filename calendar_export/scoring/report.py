"""Scores over many matched articles: P/R/F1, field accuracy, confidence bands, details.

Counting (micro-averaged over all articles):

- a true positive is a prediction matched to a *required* gold event;
- a prediction matched to an optional or borderline gold event counts nowhere;
- a false positive (spurious) is a prediction matched to nothing;
- a false negative (miss) is a required gold event matched by nothing.

Field accuracies (date, place, status class) are over the true positives. Each
confidence band counts the predictions whose score falls in it, how many of them are
true positives, how many of those have date, place and status all right, and how many
are spurious.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Event
from .gold import GoldEvent
from .match import ArticleMatch

BANDS: tuple[tuple[str, float, float], ...] = (
    (">= 0.8", 0.8, float("inf")),
    ("0.5-0.8", 0.5, 0.8),
    ("< 0.5", float("-inf"), 0.5),
)
"""Confidence bands: label, lower bound (inclusive), upper bound (exclusive)."""


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True, slots=True)
class Band:
    """Predictions whose confidence falls in one band, and how they fared."""

    label: str
    predicted: int
    matched: int
    all_ok: int
    spurious: int

    @property
    def accuracy(self) -> float:
        """Share of matched predictions with date, place and status class right."""
        return _ratio(self.all_ok, self.matched)

    @property
    def spurious_rate(self) -> float:
        """Share of the band's predictions that matched no gold event."""
        return _ratio(self.spurious, self.predicted)


@dataclass(frozen=True, slots=True)
class Summary:
    """Micro-averaged scores over a set of articles."""

    articles: int
    gold_required: int
    gold_optional: int
    predicted: int
    tp: int
    fp: int
    fn: int
    optional_matched: int
    date_ok: int
    place_ok: int
    status_ok: int
    bands: tuple[Band, ...]

    @property
    def precision(self) -> float:
        """True positives over true positives plus spurious predictions."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """True positives over required gold events."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def summarize(matches: Sequence[ArticleMatch]) -> Summary:
    """Add up the counts of every article's match."""
    tps = [(m, p) for m in matches for p in m.required_pairs]
    return Summary(
        articles=len(matches),
        gold_required=sum(g.required for m in matches for g in m.gold),
        gold_optional=sum(not g.required for m in matches for g in m.gold),
        predicted=sum(len(m.predicted) for m in matches),
        tp=len(tps),
        fp=sum(len(m.spurious) for m in matches),
        fn=sum(len(m.misses) for m in matches),
        optional_matched=sum(len(m.optional_pairs) for m in matches),
        date_ok=sum(p.date_ok for _, p in tps),
        place_ok=sum(p.place_ok for _, p in tps),
        status_ok=sum(p.status_ok for _, p in tps),
        bands=tuple(_band(label, lo, hi, matches) for label, lo, hi in BANDS),
    )


def _band(label: str, lo: float, hi: float, matches: Iterable[ArticleMatch]) -> Band:
    predicted = matched = all_ok = spurious = 0
    for m in matches:
        inside = {i for i, e in enumerate(m.predicted) if lo <= e.confidence.score < hi}
        predicted += len(inside)
        spurious += len(inside & set(m.spurious))
        tps = [p for p in m.required_pairs if p.predicted in inside]
        matched += len(tps)
        all_ok += sum(p.all_ok for p in tps)
    return Band(label, predicted, matched, all_ok, spurious)


def format_summary(summary: Summary, *, title: str) -> str:
    """The score table as plain text."""
    s = summary
    lines = [
        f"{title}: {s.articles} articles, {s.gold_required} required gold events "
        f"(+{s.gold_optional} optional/borderline), {s.predicted} predicted",
        f"  precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}"
        f"   (tp {s.tp}, spurious {s.fp}, missed {s.fn}, matched optional {s.optional_matched})",
        f"  on {s.tp} matched pairs: date {_ratio(s.date_ok, s.tp):.3f}  "
        f"place {_ratio(s.place_ok, s.tp):.3f}  status class {_ratio(s.status_ok, s.tp):.3f}",
        "  confidence  predicted  matched  all right  accuracy  spurious  spurious rate",
    ]
    for b in s.bands:
        lines.append(
            f"  {b.label:<10}  {b.predicted:>9}  {b.matched:>7}  {b.all_ok:>9}  "
            f"{b.accuracy:>8.3f}  {b.spurious:>8}  {b.spurious_rate:>13.3f}"
        )
    return "\n".join(lines)


def format_article_rows(matches: Sequence[ArticleMatch]) -> str:
    """One line per article: required gold, predicted, tp, spurious, missed."""
    lines = ["  article                                  gold  pred  tp  spur  miss"]
    for m in matches:
        required = sum(g.required for g in m.gold)
        lines.append(
            f"  {m.doc_id[:40]:<40} {required:>4} {len(m.predicted):>5} "
            f"{len(m.required_pairs):>3} {len(m.spurious):>5} {len(m.misses):>5}"
        )
    return "\n".join(lines)


def describe_gold(gold: GoldEvent) -> str:
    """A one-line summary of a gold event: title, date, place and statuses."""
    place = "/".join(gold.place.names) or "/".join(gold.place.countries) or "-"
    return (
        f"{gold.title} | date {gold.date.value} | place {place} | status {'/'.join(gold.statuses)}"
    )


def describe_event(event: Event) -> str:
    """A one-line summary of a predicted event, with its confidence."""
    place = event.place.name if event.place else "-"
    return (
        f"{event.title} | date {event.when.value} | place {place} | status {event.status}"
        f" | conf {event.confidence.score:.2f}"
    )


def format_details(match: ArticleMatch) -> str:
    """Each miss, each spurious event and each wrong field of one article, with sentences."""
    lines = []
    for gi in match.misses:
        gold = match.gold[gi]
        lines += [f"  MISS      {describe_gold(gold)}", f"            > {_flat(gold.evidence)}"]
    for pi in match.spurious:
        event = match.predicted[pi]
        lines += [f"  SPURIOUS  {describe_event(event)}", *_sentences(event)]
    for pair in match.required_pairs:
        if not pair.all_ok:
            wrong = [
                name
                for name, ok in (
                    ("date", pair.date_ok),
                    ("place", pair.place_ok),
                    ("status", pair.status_ok),
                )
                if not ok
            ]
            lines += [
                f"  WRONG     {', '.join(wrong)}",
                f"    gold:   {describe_gold(match.gold[pair.gold])}",
                f"    pred:   {describe_event(match.predicted[pair.predicted])}",
            ]
    if not lines:
        return ""
    return "\n".join([f"{match.doc_id}:", *lines])


def _flat(text: str) -> str:
    return " ".join(text.split())


def _sentences(event: Event) -> list[str]:
    return [f"            > {_flat(m.sentence)}" for m in event.mentions[:2]]
