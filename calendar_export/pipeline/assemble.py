"""Stage: events. Reads the clusters of frames; adds one :class:`Event` per cluster that
speaks of a real, single event, with its title, date, place, status, confidence and UID.

A meeting whose clause names no place takes the article's main place (the country most
named as a destination or dateline), and says so in its notes.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from ..models import Article, Event, Mention, Place, Status, When
from .caps import cap_sentences
from .changes import fold_old_slots
from .confidence import score_event
from .document import Doc, make_doc
from .extents import find_extents
from .frames import Frame, build_frames
from .merge import Cluster, merge_frames
from .occasions import pass_down
from .parse import parse
from .participants import find_people
from .places import find_places
from .retense import retense
from .temporal import tag_timexes
from .triggers import find_triggers
from .when import precision_rank
from .where import event_place, inferred_note, main_place, visit_anchors
from .zones import drop_furniture

_CERTAINTY = ["possible", "proposed", "invited", "expected", "scheduled"]


def analyse(article: Article) -> Doc:
    """Run the span stages over an article. An article with no event word outside the
    page's furniture stops after that cheap scan: nothing else is read (half of general
    news names no meeting)."""
    doc = make_doc(article)
    find_triggers(doc)
    drop_furniture(doc)
    if not doc.triggers:
        return doc
    doc.timexes = tag_timexes(article.text, published=article.published)
    parse(doc)
    retense(doc)
    find_extents(doc)
    find_places(doc)
    find_people(doc)
    drop_furniture(doc)
    cap_sentences(doc)  # bounded work per sentence before the frames (issue 15)
    return doc


def assemble_events(article: Article) -> list[Event]:
    """Every event the article states or implies, merged, in order of first mention."""
    doc = analyse(article)
    frames = fold_old_slots(build_frames(doc))
    # A headline restates the story: its frames join the body's events after them.
    frames = [f for f in frames if f.sentence not in doc.headlines] + [
        f for f in frames if f.sentence in doc.headlines
    ]
    titles = {p.name: p.title for p in doc.people if p.title}
    clusters = [c for c in merge_frames(frames, titles) if _is_event(c)]
    main = main_place(doc)
    anchors = visit_anchors(clusters)
    events = [_event(doc, c, main, anchors, _trip_when(c, clusters)) for c in clusters]
    events = pass_down(clusters, events)
    seen: Counter[str] = Counter()
    for i, e in enumerate(events):
        seen[e.uid] += 1
        if seen[e.uid] > 1:  # two events told by one event word ("meet A and possibly B")
            events[i] = e.model_copy(update={"uid": e.uid.replace("@", f"-{seen[e.uid]}@", 1)})
    return events


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
    if any(
        c.status != "scheduled"
        and (c.scope == "before" or c.status not in ("cancelled", "postponed"))
        for f in frames
        for c in f.cues
    ):
        return True  # "proposed a separate meeting", "invited for a state visit"
    has_who = any(f.people or f.roles for f in frames)
    return any(f.cues or (f.status_known and f.status == "happened") for f in frames) and (
        has_who or has_place
    )


def _trip_when(c: Cluster, clusters: list[Cluster]) -> When | None:
    """An undated meeting or stop on a dated trip takes the trip's date.

    "will lead a mission to Japan the week of May 13 ... In Tokyo, Ellison is scheduled to
    meet ...": the same traveller, at a destination of the trip (or no place given).
    """
    if any(f.when.value for f in c.frames):
        return None
    first = c.frames[0]
    places = {n for f in c.frames if f.place for n in (f.place.name, f.place.country)}
    for trip in reversed(clusters):
        t_first = trip.frames[0]
        if trip is c or t_first.kind not in ("visit", "trip") or t_first.sentence > first.sentence:
            continue
        dated = [f.when for f in trip.frames if f.when.start is not None]
        if not dated:
            continue
        same_traveller = bool(c.people() & trip.people())
        a_stop = not c.people() and first.kind in ("visit", "trip")
        near = first.sentence - trip.last_sentence <= 2
        at_destination = not places or bool(places & trip.place_names())
        if (same_traveller and at_destination) or (a_stop and near):
            return min(dated, key=precision_rank)
    return None


def _event(
    doc: Doc,
    c: Cluster,
    main: Place | None,
    anchors: list[tuple[set[str], Place, Cluster]],
    trip_when: When | None = None,
) -> Event:
    frames = c.frames
    when = trip_when or min((f.when for f in frames), key=precision_rank)
    place, inferred = event_place(c, main, anchors, when)
    purpose = next((f.purpose for f in frames if f.purpose), None)
    kind = next((f.kind for f in frames if f.series), purpose or frames[0].kind)
    people = list(dict.fromkeys(p for f in frames for p in f.people))
    people += [f"{role} (not named)" for role in c.open_roles]
    sentences = [doc.sentences[f.sentence] for f in frames]
    other_dates = sorted(
        {f.when.value for f in frames if f.when.value and f.when.start is not None} - {when.value},
        key=str,
    )
    other_dates = [
        v
        for v in other_dates
        if not any(
            f.when.value == v
            and f.when.start is not None
            and when.start is not None
            and when.end is not None
            and f.when.start <= when.end
            and f.when.end is not None
            and f.when.end >= when.start
            for f in frames
        )
    ]
    # A report of another date says nothing about how sure the event itself is.
    voters = [f for f in frames if f.when.value not in other_dates] or frames
    status = _status(voters, when, doc.article.published)
    confidence = score_event(
        frames,
        status,
        when,
        other_dates=other_dates,
        sentences=[s.text for s in sentences],
        inferred_place=inferred_note(frames, inferred),
        anonymous=not people and place is None and not any(f.series for f in frames),
        inferred_date=trip_when is not None,
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
        title=_title(doc, kind, frames, people, place, status),
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
    # Mentions that give the date speak of the meeting itself; an undated "agreed to join
    # the talks" says less about whether they take place.
    known = [f for f in known if f.when.value] or known
    stopped = [f.status for f in known if f.status in ("cancelled", "postponed")]
    if stopped:
        return stopped[-1]
    plans = [f.status for f in known if f.status in _CERTAINTY]
    if any(f.status == "happened" for f in known) and (
        not plans or (when.end is not None and when.end < published)  # type: ignore[operator]
    ):
        return "happened"
    return min(plans, key=_CERTAINTY.index) if plans else known[0].status


def _title(
    doc: Doc,
    kind: str,
    frames: list[Frame],
    people: list[str],
    place: Place | None,
    status: Status,
) -> str:
    series = next((_series_name(doc, f) for f in frames if f.series_title), None)
    named = [p for p in people if not p.endswith("(not named)")]
    where = f" in {place.name}" if place else ""
    if series:
        return f"{series}{where}"
    who = " and ".join(named[:3]) if named else _group(doc, frames)
    if kind in ("visit", "trip"):
        to = f" to {place.name}" if place else ""
        if who:
            return f"{who} {kind}{to}"
        # Nobody named: a visit not yet made is a plan ("Planned visit to Tokyo").
        return f"{kind.capitalize()}{to}" if status == "happened" else f"Planned {kind}{to}"
    label = {
        "meeting": "Meeting",
        "talks": "Talks",
        "call": "Call",
        "summit": "Summit",
        "conference": "Conference",
    }.get(kind, "Plans")
    return f"{label}: {who}{where}" if who else f"{label}{where}"


_GROUP_NOUNS = (
    r"(?:ministers|leaders|officials|teams|delegations|negotiators|"
    r"diplomats|envoys|chiefs|members|governors|presidents|heads of state)"
)
_GROUP = re.compile(rf"((?:[A-Za-z'’-]+\s+){{0,2}}?{_GROUP_NOUNS})\b")
# Every _GROUP match holds one of the nouns: searched first, it rules out most windows at
# a fraction of the cost (the lazy words before the noun are tried at every character).
_GROUP_NOUN = re.compile(_GROUP_NOUNS)


_NOT_GROUP = {
    "the",
    "a",
    "an",
    "and",
    "of",
    "will",
    "had",
    "said",
    "host",
    "hosts",
    "two",
    "three",
    "four",
    "its",
    "their",
    "his",
    "her",
    "to",
    "by",
    "for",
    "with",
}


def _group(doc: Doc, frames: list[Frame]) -> str:
    """Who takes part when nobody is named: "finance ministers", "technical teams"."""
    for f in frames:
        sent = doc.sentences[f.sentence]
        lo = doc.text.find(" ", max(sent.start, f.trigger.start - 60)) + 1
        window = doc.text[lo : min(sent.end, f.trigger.end + 60)]
        m = _GROUP.search(window) if _GROUP_NOUN.search(window) else None
        if m:
            words = m.group(1).split()
            # Not "meet members" (the event word) nor "-- Health ministers" (a dateline's dash).
            event_words = {
                doc.text[t.start : t.end].lower()
                for t in doc.within(doc.triggers, sent.start, sent.end)
                if t.series is None  # "NATO defence ministers" keep their NATO
            }
            while words and (
                words[0].lower() in _NOT_GROUP
                or words[0].endswith(("ed", "'s"))
                or words[0].lower() in event_words
                or not any(c.isalpha() for c in words[0])
            ):
                words = words[1:]
            return " ".join(words)
    return ""


def _series_name(doc: Doc, f: Frame) -> str:
    """The article's own words for a named event ("ASEAN Foreign Ministers' Meeting"),
    or the series' title when the name stands alone ("APEC")."""
    words = doc.text[f.trigger.start : f.trigger.end]
    if " " not in words.strip() or f.series_title is None:
        return f.series_title or words
    return words[:1].upper() + words[1:]


def _uid(doc: Doc, first: Frame) -> str:
    """Stable for the same article and event: source, sentence and event word, hashed."""
    sentence = doc.sentences[first.sentence].text
    word = doc.text[first.trigger.start : first.trigger.end]
    key = "\x1f".join([doc.article.source or "", sentence, word, first.kind])
    return hashlib.sha256(key.encode()).hexdigest()[:24] + "@calendar-export"
