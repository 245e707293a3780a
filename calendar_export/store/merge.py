"""One event from its reports: fold what each article says, oldest first.

A :class:`Report` is an event as one article states it. :func:`merge_reports` folds the
reports of one real-world event in publication order (then ingest order), so the result
depends only on the set of reports, never on the order they arrived in:

- the date: a more precise compatible date wins ("2023-09" becomes "2023-09-09..10"), a
  less precise one never undoes it; an incompatible date from a newer article replaces
  it (the event moved);
- status, title, kind and place: the newest article that states them wins; "postponed"
  together with a new date means the event is now scheduled on that date;
- participants and mentions: the union;
- confidence: the newest report's, raised when independent sources corroborate it.

:func:`describe_changes` says in words what changed between two versions; a change of
date, precision, place or status is *significant* and bumps the event's SEQUENCE.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from ..models import Confidence, Event, Mention, When

#: Most precise first.
PRECISION_RANK = {
    p: i
    for i, p in enumerate(
        ("time", "day", "week", "month", "season", "quarter", "year", "vague", "none")
    )
}

#: How much of the remaining doubt each further independent source removes.
CORROBORATION_FACTOR = 0.3


@dataclass(frozen=True, slots=True)
class Report:
    """An event as one article states it, with the article's date and ingest order."""

    event: Event
    published: date
    article_id: int
    source: str | None


def merge_reports(reports: Sequence[Report], *, uid: str) -> Event:
    """Fold ``reports`` of one event into the event the feed shows, under ``uid``."""
    ordered = sorted(reports, key=lambda r: (r.published, r.article_id))
    merged = _with_provenance(ordered[0])
    for report in ordered[1:]:
        merged = _fold(merged, _with_provenance(report))
    return merged.model_copy(update={"uid": uid, "confidence": _confidence(merged, ordered)})


def _with_provenance(report: Report) -> Event:
    """The report's event with each mention naming its article and publication date."""
    mentions = tuple(
        m.model_copy(
            update={
                "source": m.source or report.source,
                "published": m.published or report.published,
            }
        )
        for m in report.event.mentions
    )
    return report.event.model_copy(update={"mentions": mentions})


def _fold(old: Event, new: Event) -> Event:
    people = list(old.participants)
    people.extend(p for p in new.participants if p not in people)
    mentions: list[Mention] = list(old.mentions)
    mentions.extend(m for m in new.mentions if m not in mentions)
    when = _when(old.when, new.when)
    status = new.status
    if status == "postponed" and when is new.when and _moved(old.when, new.when):
        status = "scheduled"  # "postponed to October 12": it now takes place on the new date
    return old.model_copy(
        update={
            "title": new.title,
            "kind": new.kind,
            "status": status,
            "when": when,
            "place": new.place or old.place,
            "participants": tuple(people),
            "mentions": tuple(mentions),
            "confidence": new.confidence,
        }
    )


def _moved(old: When, new: When) -> bool:
    """Both dated and not overlapping: the event was moved to another date."""
    if old.start is None or new.start is None:
        return False
    return not (new.start <= (old.end or old.start) and old.start <= (new.end or new.start))


def _when(old: When, new: When) -> When:
    if new.start is None:
        return old
    if old.start is None:
        return new
    old_end = old.end or old.start
    new_end = new.end or new.start
    overlapping = new.start <= old_end and old.start <= new_end
    if not overlapping:
        return new  # a newer article moved the event
    return new if PRECISION_RANK[new.precision] <= PRECISION_RANK[old.precision] else old


def independent_sources(reports: Sequence[Report]) -> list[str]:
    """Distinct sources, a URL counted by its host: two pages of one outlet are one source."""
    seen: list[str] = []
    for report in reports:
        name = _source_key(report.source)
        if name not in seen:
            seen.append(name)
    return seen


def _source_key(source: str | None) -> str:
    if not source:
        return "an unnamed source"
    host = urlsplit(source).hostname if "://" in source else None
    return host.removeprefix("www.") if host else source


def _confidence(merged: Event, reports: Sequence[Report]) -> Confidence:
    sources = independent_sources(reports)
    base = merged.confidence
    if len(sources) < 2:
        return base
    doubt = (1.0 - base.score) * (CORROBORATION_FACTOR ** (len(sources) - 1))
    score = round(min(0.99, 1.0 - doubt), 2)
    note = (
        f"Corroborated by {len(sources)} independent sources ({', '.join(sources)}): "
        f"confidence raised from {base.score:.2f} to {score:.2f}."
    )
    return Confidence(score=max(score, base.score), notes=(*base.notes, note))


def describe_when(when: When) -> str:
    """A date as history shows it: ``2023-09 (month)``, ``2023-09-09..2023-09-10 (day)``."""
    if when.start is None:
        return "no date"
    span = when.start.isoformat()
    if when.end and when.end != when.start:
        span += f"..{when.end.isoformat()}"
    if when.precision not in ("day", "time"):
        span = when.value or span
    return f"{span} ({when.precision})"


def describe_changes(old: Event, new: Event) -> list[str]:
    """The significant changes from ``old`` to ``new`` (date, precision, place, status)."""
    changes: list[str] = []
    if (old.when.start, old.when.end, old.when.precision) != (
        new.when.start,
        new.when.end,
        new.when.precision,
    ):
        changes.append(f"date {describe_when(old.when)} -> {describe_when(new.when)}")
    old_place = old.place.name if old.place else "no place"
    new_place = new.place.name if new.place else "no place"
    if old_place != new_place:
        changes.append(f"place {old_place} -> {new_place}")
    if old.status != new.status:
        changes.append(f"status {old.status} -> {new.status}")
    return changes
