"""The strict "golden" check the tests assert: the article yields exactly its gold events.

Every required gold event must be matched (by the benchmark's matcher) with its date value
(``value`` or an ``alt_values`` entry), its place (a listed name; the country when the
gold gives only a country; nothing when it gives neither) and its status (one of those
listed, not merely of the same class). Nothing else may be reported except events that
match optional or borderline gold events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Event
from .compare import date_right, place_right, status_right
from .gold import GoldEvent
from .match import match_events
from .report import describe_event, describe_gold


@dataclass(frozen=True, slots=True)
class GoldenDiff:
    """What separates predictions from the gold; empty when the check passes."""

    missing: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    unexpected: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether nothing is missing, wrong or unexpected."""
        return not (self.missing or self.wrong or self.unexpected)

    def __str__(self) -> str:
        if self.ok:
            return "all gold events found; nothing unexpected"
        parts = []
        for heading, items in (
            ("missing (required gold event not found)", self.missing),
            ("wrong (matched, but a field differs)", self.wrong),
            ("unexpected (reported, not in the gold)", self.unexpected),
        ):
            if items:
                parts.append(f"{heading}:")
                parts.extend(f"  - {item}" for item in items)
        return "\n".join(parts)


def golden_check(predicted: Sequence[Event], gold: Sequence[GoldEvent]) -> GoldenDiff:
    """Compare predictions with gold strictly and say what differs, readably."""
    match = match_events(predicted, gold)
    missing = tuple(describe_gold(gold[i]) for i in match.misses)
    unexpected = tuple(
        f"{describe_event(predicted[i])}\n      > {_first_sentence(predicted[i])}"
        for i in match.spurious
    )
    wrong = []
    for pair in match.required_pairs:
        g, p = gold[pair.gold], predicted[pair.predicted]
        problems = _field_problems(p, g)
        if problems:
            wrong.append(f"{g.title}: {'; '.join(problems)}")
    return GoldenDiff(missing, tuple(wrong), unexpected)


def _field_problems(p: Event, g: GoldEvent) -> list[str]:
    problems = []
    if not date_right(p, g):
        problems.append(f"date {p.when.value!r}, expected one of {list(g.date.values)}")
    if not place_right(p.place, g.place, strict=True):
        said = f"{p.place.name!r} ({p.place.country})" if p.place else "no place"
        expected = list(g.place.names or g.place.countries) or "no place"
        problems.append(f"place {said}, expected {expected}")
    if not status_right(p.status, g, strict=True):
        problems.append(f"status {p.status!r}, expected one of {list(g.statuses)}")
    return problems


def _first_sentence(event: Event) -> str:
    return " ".join(event.mentions[0].sentence.split()) if event.mentions else "(no mention)"
