"""One meeting from its reports across articles: the story the feed and ``extract`` show.

Both the feed's store and ``calendar-export extract`` over several articles use this
module and :mod:`calendar_export.identity`, so a meeting is one entry wherever it is shown.

A :class:`Report` is an event as one article states it. :func:`merge_reports` folds the
reports of one real-world event in publication order (then ingest order), so the result
depends only on the set of reports, never on the order they arrived in:

- the date: a more precise compatible date wins ("2023-09" becomes "2023-09-09..10"), a
  less precise one never undoes it, nor does one day of known days ("ended on Sunday")
  unless the article says the dates changed; an incompatible date from a newer article
  replaces it (the event moved);
- an undated cancellation or postponement ("the summit has been cancelled, the ministry
  said on Wednesday") changes the status and keeps the known date;
- status, title and kind: the newest article that states them wins; "postponed"
  together with a new date means the event is now scheduled on that date;
- the place only gets more precise (a city, then its venue), or changes to another place;
- participants and mentions: the union;
- confidence: the newest report's, raised when independent sources corroborate it (two
  outlets, not two copies of one text).

:func:`describe_changes` says in words what changed between two versions; a change of
date, precision, place or status is *significant* and bumps the event's SEQUENCE.

:func:`merge_articles` applies the same identity and folding to the events of several
articles in memory: what ``calendar-export extract`` writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from .identity import (
    MATCH_THRESHOLD,
    Key,
    contains_place,
    is_undated_change,
    key_of,
    match_score,
    normalize,
    reports_a_change,
)
from .models import Confidence, Event, Mention, Place, When

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
        merged = _fold_report(merged, report)
    return merged.model_copy(update={"uid": uid, "confidence": _confidence(merged, ordered)})


def add_newest_report(merged: Event, reports: Sequence[Report]) -> Event:
    """What :func:`merge_reports` gives when the last of ``reports`` is the newest and
    ``merged`` is the fold of the others: without folding them all again."""
    folded = _fold_report(merged, reports[-1])
    return folded.model_copy(update={"confidence": _confidence(folded, reports)})


def _fold_report(merged: Event, report: Report) -> Event:
    new = _with_provenance(report)
    if is_undated_change(new, report.published):
        # "has been cancelled, the ministry said on Wednesday": the known date stays.
        new = new.model_copy(update={"when": When()})
    return _fold(merged, new)


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
    stated = {(m.sentence, m.start, m.end) for m in mentions}
    # A copy of an article (the same sentence at the same place in it) adds no evidence.
    mentions.extend(m for m in new.mentions if (m.sentence, m.start, m.end) not in stated)
    when = _when(old.when, new.when, explicit=reports_a_change(new))
    status = new.status
    if status == "postponed" and when is new.when and _moved(old.when, new.when):
        status = "scheduled"  # "postponed to October 12": it now takes place on the new date
    return old.model_copy(
        update={
            "title": _title(old.title, new.title),
            "kind": new.kind,
            "status": status,
            "when": when,
            "place": _place(old, new),
            "participants": tuple(people),
            "mentions": tuple(mentions),
            "confidence": new.confidence,
        }
    )


def _title(old: str, new: str) -> str:
    """The newer title, unless it says less ("Meeting: defence ministers" after "Meeting:
    NATO defence ministers in Brussels")."""
    old_words, new_words = set(normalize(old).split()), set(normalize(new).split())
    return old if new_words < old_words else new


def _place(old: Event, new: Event) -> Place | None:
    """The newer place, unless it only contains the known one (a country, after its city)."""
    if new.place is None:
        return old.place
    if old.place is not None and contains_place(key_of(new), key_of(old)):
        return old.place
    return new.place


def _moved(old: When, new: When) -> bool:
    """Both dated and not overlapping: the event was moved to another date."""
    if old.start is None or new.start is None:
        return False
    return not (new.start <= (old.end or old.start) and old.start <= (new.end or new.start))


def _when(old: When, new: When, *, explicit: bool) -> When:
    if new.start is None:
        return old
    if old.start is None:
        return new
    old_end = old.end or old.start
    new_end = new.end or new.start
    overlapping = new.start <= old_end and old.start <= new_end
    vaguer = PRECISION_RANK[new.precision] > PRECISION_RANK[old.precision]
    if not overlapping:
        # A newer article moved the event; to a vaguer date only when it says so.
        return new if explicit or not vaguer else old
    within = old.start <= new.start and new_end <= old_end
    if within and new.precision == old.precision and (new.start, new_end) != (old.start, old_end):
        # "Ended on Sunday" names one day of a two-day summit: it shortens it only when
        # the article says the dates changed.
        return new if explicit else old
    return new if PRECISION_RANK[new.precision] <= PRECISION_RANK[old.precision] else old


def independent_sources(reports: Sequence[Report]) -> list[str]:
    """Distinct sources, a URL counted by its host: two pages of one outlet are one source."""
    seen: list[str] = []
    for report in reports:
        name = _source_key(report.source)
        if name not in seen:
            seen.append(name)
    return seen


def _distinct_evidence(reports: Sequence[Report]) -> list[Report]:
    """Reports whose sentences are not a copy of an earlier report's: a text copied to
    another file or outlet corroborates nothing."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for report in reports:
        sentences = tuple(sorted(normalize(m.sentence) for m in report.event.mentions))
        if sentences not in seen:
            seen.add(sentences)
            kept.append(report)
    return kept


def _source_key(source: str | None) -> str:
    if not source:
        return "an unnamed source"
    host = urlsplit(source).hostname if "://" in source else None
    return host.removeprefix("www.") if host else source


def _confidence(merged: Event, reports: Sequence[Report]) -> Confidence:
    sources = independent_sources(_distinct_evidence(reports))
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


#: A term shared by more stories than this does not select candidates (unless it is the
#: only one): "united states" or a common first name tells nothing apart.
COMMON_TERM_LIMIT = 200


@dataclass(slots=True)
class _Story:
    event: Event
    key: Key
    reports: list[Report] = field(default_factory=list)


def merge_articles(articles: Iterable[Sequence[Event]]) -> list[Event]:
    """The events of several articles, one per meeting, as the feed's store would fold them.

    ``articles`` holds each article's events; an article's publication day and source
    are read from its events' mentions. Articles are folded in publication order (then
    input order); one article never reports one meeting twice. Copies of one article give
    the events of one article. The result is in order of first report.
    """
    numbered = [(_published(events), i, events) for i, events in enumerate(articles)]
    stories: list[_Story] = []
    index: dict[str, set[int]] = {}
    for published, article_id, events in sorted(numbered, key=lambda t: (t[0], t[1])):
        claimed: set[int] = set()
        for event in events:
            key = key_of(event, published=published)
            report = Report(event, published, article_id, _source(event))
            found = _best_story(key, stories, index, claimed)
            if found is None:
                merged = merge_reports([report], uid=event.uid)
                stories.append(_Story(merged, key_of(merged), [report]))
                found = len(stories) - 1
            else:
                story = stories[found]
                story.reports.append(report)  # the newest: articles come in order
                story.event = add_newest_report(story.event, story.reports)
                story.key = key_of(story.event)
            claimed.add(found)
            for term in (*key.index_terms(), *stories[found].key.index_terms()):
                index.setdefault(term, set()).add(found)
    return [story.event for story in stories]


def _published(events: Sequence[Event]) -> date:
    days = [m.published for e in events for m in e.mentions if m.published is not None]
    return max(days) if days else date.min


def _source(event: Event) -> str | None:
    return next((m.source for m in event.mentions if m.source), None)


def _best_story(
    key: Key, stories: list[_Story], index: dict[str, set[int]], claimed: set[int]
) -> int | None:
    terms = [index[t] for t in key.index_terms() if t in index]
    selective = [ids for ids in terms if len(ids) <= COMMON_TERM_LIMIT]
    if not selective and terms:
        selective = [min(terms, key=len)]
    best: tuple[int, int] | None = None
    for story_id in set().union(*selective) - claimed if selective else ():
        score = match_score(key, stories[story_id].key)
        if score is not None and score >= MATCH_THRESHOLD:
            candidate = (score, -story_id)
            best = candidate if best is None or candidate > best else best
    return None if best is None else -best[1]
