"""Stage: events. Reads the clusters of frames; adds one :class:`Event` per cluster that
speaks of a real, single event, with its title, date, place, status, confidence and UID.

A meeting whose clause names no place takes the article's main place (the country most
named as a destination or dateline), and says so in its notes.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from ..models import Article, Event, Mention, Place, Status, When
from .confidence import score_event
from .document import Doc, make_doc
from .frames import Frame, build_frames
from .merge import Cluster, merge_frames
from .participants import find_people
from .places import find_places
from .temporal import tag_timexes
from .triggers import find_triggers

_CERTAINTY = ["possible", "proposed", "invited", "expected", "scheduled"]
_LEVEL_RANK = {"venue": 0, "city": 1, "region": 2, "country": 3}
_PRECISION_ORDER = ["time", "day", "week", "month", "season", "quarter", "year", "vague", "none"]
_PLACE_FROM_CONTEXT = {"meeting", "talks", "visit", "trip", "other"}


def analyse(article: Article) -> Doc:
    """Run the span stages over an article."""
    doc = make_doc(article)
    doc.timexes = tag_timexes(article.text, published=article.published)
    find_triggers(doc)
    find_places(doc)
    find_people(doc)
    return doc


def assemble_events(article: Article) -> list[Event]:
    """Every event the article states or implies, merged, in order of first mention."""
    doc = analyse(article)
    frames = build_frames(doc)
    titles = {p.name: p.title for p in doc.people if p.title}
    clusters = [c for c in merge_frames(frames, titles) if _is_event(c)]
    main = _main_place(doc)
    return [_event(doc, c, main) for c in clusters]


def _is_event(c: Cluster) -> bool:
    """One real event, not a kind of event: it has a date, a name, or a cue with a who/where."""
    frames = c.frames
    has_date = any(f.when.value for f in frames)
    has_place = any(f.place for f in frames)
    family = frames[0].kind
    if family in ("visit", "trip", "other") and not has_place and not has_date:
        return False
    if any(f.series for f in frames) or has_date:
        return True
    has_who = any(f.people or f.roles for f in frames)
    return any(f.cues or (f.status_known and f.status == "happened") for f in frames) and (
        has_who or has_place
    )


def _main_place(doc: Doc) -> Place | None:
    """The country the article is about: most named as a destination or dateline."""
    counts: Counter[str] = Counter()
    first: dict[str, Place] = {}
    for p in doc.places:
        if p.role in ("location", "dateline") and p.place.country:
            counts[p.place.country] += 2 if p.role == "dateline" else 1
            if p.level == "country":
                first.setdefault(p.place.country, p.place)
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return first.get(country) or Place(name=country, country=country) if n >= 1 else None


def _event(doc: Doc, c: Cluster, main: Place | None) -> Event:
    frames = c.frames
    when = min((f.when for f in frames), key=lambda w: _PRECISION_ORDER.index(w.precision))
    status = _status(frames, when, doc.article.published)
    place, inferred = _place(frames, main)
    kind = next((f.kind for f in frames if f.series), frames[0].kind)
    people = list(dict.fromkeys(p for f in frames for p in f.people))
    people += [f"{role} (not named)" for role in c.open_roles]
    sentences = [doc.sentences[f.sentence] for f in frames]
    confidence = score_event(
        frames,
        status,
        when,
        sentences=[s.text for s in sentences],
        inferred_place=inferred.name if inferred else None,
    )
    mentions = tuple(
        Mention(
            source=doc.article.source,
            published=doc.article.published,
            sentence=s.text,
            start=s.start,
            end=s.end,
            rules=tuple(f.rules),
        )
        for s, f in dict(
            zip((s.start for s in sentences), zip(sentences, frames, strict=True), strict=True)
        ).values()
    )
    return Event(
        uid=_uid(doc, frames[0]),
        title=_title(kind, frames, people, place),
        kind=kind,
        status=status,
        when=when,
        place=place,
        participants=tuple(people),
        confidence=confidence,
        mentions=mentions,
    )


def _status(frames: list[Frame], when: When, published: object) -> Status:
    known = [f for f in frames if f.status_known] or frames
    stopped = [f.status for f in known if f.status in ("cancelled", "postponed")]
    if stopped:
        return stopped[-1]
    plans = [f.status for f in known if f.status in _CERTAINTY]
    if any(f.status == "happened" for f in known) and (
        not plans or (when.end is not None and when.end < published)  # type: ignore[operator]
    ):
        return "happened"
    return min(plans, key=_CERTAINTY.index) if plans else known[0].status


def _place(frames: list[Frame], main: Place | None) -> tuple[Place | None, Place | None]:
    located = [f for f in frames if f.place is not None]
    if located:
        best = min(located, key=lambda f: _LEVEL_RANK.get(f.place_level or "country", 3))
        return best.place, None
    if (
        main is not None
        and frames[0].kind in _PLACE_FROM_CONTEXT
        and not any(f.series or f.has_occasion for f in frames)
    ):
        return main, main
    return None, None


def _title(kind: str, frames: list[Frame], people: list[str], place: Place | None) -> str:
    series = next((f.series_title for f in frames if f.series_title), None)
    named = [p for p in people if not p.endswith("(not named)")]
    where = f" in {place.name}" if place else ""
    if series:
        return f"{series}{where}"
    who = " and ".join(named[:3]) if named else ""
    if kind in ("visit", "trip"):
        to = f" to {place.name}" if place else ""
        return f"{who or 'Planned'} {kind}{to}".strip()
    label = {
        "meeting": "Meeting",
        "talks": "Talks",
        "call": "Call",
        "summit": "Summit",
        "conference": "Conference",
    }.get(kind, "Plans")
    return f"{label}: {who}{where}" if who else f"{label}{where}"


def _uid(doc: Doc, first: Frame) -> str:
    """Stable for the same article and event: source, sentence and event word, hashed."""
    sentence = doc.sentences[first.sentence].text
    word = doc.text[first.trigger.start : first.trigger.end]
    key = "\x1f".join([doc.article.source or "", sentence, word, first.kind])
    return hashlib.sha256(key.encode()).hexdigest()[:24] + "@calendar-export"
