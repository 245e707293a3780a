"""Stage: event mentions. Reads triggers, timexes, places, people and cues of each clause;
adds one :class:`Frame` per event word: what it is, when, where, who, how sure.

Each clause's event words come from :mod:`.clauses`, their dates and places from
:mod:`.attach` (by the parse where the sentence has one); cues before the event word in
its clause set its status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..models import Place, Status, Timex, When
from .alternation import compile_guarded
from .attach import (
    adjacent,
    attach_items,
    attach_roles,
    clause_dates,
    clause_places,
    host_place,
    most_specific,
    nearest,
)
from .changes import Change, reported_change
from .clauses import clause_triggers, find_occasions
from .document import Doc, PersonMention, PlaceMention, RoleMention, Segment, Trigger
from .status import Cue, decide_status, find_hedges
from .syntax import quote_source
from .when import timex_to_when


@dataclass
class Frame:
    """One event mention: an event word with what its clause says about it."""

    trigger: Trigger
    sentence: int
    segment: Segment
    kind: str
    when: When
    timex: Timex | None
    place: Place | None
    place_level: str | None
    people: list[str]
    roles: list[str]
    status: Status
    cues: list[Cue]
    hedges: list[tuple[float, str, str]]
    definite: bool
    status_known: bool = True
    has_occasion: bool = False
    purpose: str | None = None
    dateline: Place | None = None
    published: date = date.min
    remote: bool = False
    subjects: list[str] = field(default_factory=list)
    headline: bool = False
    area: frozenset[str] = frozenset()
    occasion_for: Frame | None = None
    days: int = 0
    series: str | None = None
    series_title: str | None = None
    rules: list[str] = field(default_factory=list)


_HEDGED_CONJUNCT = re.compile(r"\s+and\s+(possibly|perhaps|maybe|probably|potentially)\s+")
_DEFINITE = re.compile(
    r"\b(?:(?i:the|their|his|her|its|this|that|these|those)|[A-Z]\w+['’]s?)\s+(?:[\w'’-]+\s+){0,4}$"
)


def build_frames(doc: Doc) -> list[Frame]:
    """One frame per event word of each clause; generic mentions are left out."""
    frames: list[Frame] = []
    prev: Segment | None = None
    dateline = next((p.place for p in doc.places if p.role == "dateline"), None)
    for seg in doc.segments:
        if not doc.within(doc.triggers, seg.start, seg.end):
            prev = seg
            continue  # no event word: no frame, nothing to attach dates or places to
        triggers, generic, purposes, joint = clause_triggers(doc, seg)
        dated, located = clause_dates(doc, seg), clause_places(doc, seg)
        if (
            prev is not None
            and prev.sentence == seg.sentence
            and _SIMULTANEOUS.match(doc.text, seg.start)
        ):
            # "visit San Francisco in November when the US hosts APEC": same time, same place.
            dated = dated or clause_dates(doc, prev)[-1:]
            located = located or clause_places(doc, prev)[-1:]
        # Generic event words ("more meetings") take their own dates and places, but
        # make no event.
        dates = attach_items(doc, triggers, dated, nearest)
        places = attach_items(doc, triggers, located, most_specific)
        change = reported_change(doc, seg, dated)
        if change is not None:
            for i, trig in enumerate(triggers):
                if trig.start < change.new.start and trig.kind != "other":
                    dates[i] = change.new
        roles = attach_roles(triggers, doc.within(doc.roles, seg.start, seg.end))
        prev = seg
        occasions = find_occasions(doc, triggers)
        occasion_of = {j: i for i, j in occasions.items()}
        made_by: dict[int, list[Frame]] = {}
        joint_people = {j: j - 1 for j in joint}
        for j in joint:
            if j - 1 in places:
                places[j] = places[j - 1]
            if j - 1 in dates:
                dates[j] = dates[j - 1]
        for i, j in sorted(occasions.items(), reverse=True):  # a chain passes it all along
            # "met on the sidelines of the G20 summit in Bali": where and when the summit is.
            if j in places:
                places.setdefault(i, places[j])
            if j in dates:
                dates.setdefault(i, dates[j])
        for i, trig in enumerate(triggers):
            if i in generic:
                continue
            lo = triggers[i - 1].end if i > 0 else seg.start
            if i in occasion_of:
                lo = trig.start  # "met with Putin during the visit": Putin is the meeting's
            hi = triggers[i + 1].start if i + 1 < len(triggers) else seg.end
            made = _frames_for(
                doc, seg, trig, dates.get(i), places.get(i), (lo, hi), roles.get(i, [])
            )
            area = frozenset(p.place.name for p in located)
            if i in joint_people and joint_people[i] in made_by:
                trip = made_by[joint_people[i]][0]
                for f in made:
                    f.people = list(dict.fromkeys(trip.subjects + f.people))
            remote = _is_remote(doc, seg.sentence)
            for f in made:
                f.dateline = dateline
                f.published = doc.article.published
                f.remote = remote
                f.area = area
                f.headline = seg.sentence in doc.headlines
                mention = places.get(i)
                host = occasion_of.get(i)
                if host is not None and host in made_by:
                    main = made_by[host][0]
                    f.occasion_for = main
                    # A meeting held at it says the occasion happens; a hedge or a
                    # cancellation of the meeting is about who comes, not the occasion.
                    if (
                        not f.status_known
                        and main.status_known
                        and main.status in ("happened", "scheduled")
                    ):
                        f.status, f.status_known = main.status, True
                if (
                    not f.status_known
                    and f.definite
                    and mention is not None
                    and not adjacent(doc.text, trig, mention)
                ):
                    f.place = f.place_level = None  # a bare "the meeting" borrows no far place
                if change is not None and dates.get(i) is change.new:
                    _moved(f, change)
                f.has_occasion = i in occasions
                f.purpose = purposes.get(i)
                if f.kind == "call":
                    f.place = f.place_level = None  # a call happens on the phone
            made_by[i] = made
            frames.extend(made)
    return frames


def _moved(frame: Frame, change: Change) -> None:
    """A moved event is set for its new slot, the old one kept in its notes; a hedged
    move ("could be delayed until Friday") stays as sure as the hedge says."""
    was = f"; first set for {change.old.text}" if change.old is not None else ""
    note = f'moved to a new date ("{change.words}"){was}'
    firm = not frame.status_known or frame.status in ("postponed", "happened", "scheduled")
    status: Status = "scheduled" if firm else frame.status
    if change.hedged:
        status, firm = "possible", False
    cue = Cue(change.new.start, change.new.end, status, "after", 0.9, note)
    frame.status, frame.status_known = status, True
    frame.cues = [cue] if firm else [*frame.cues, cue]
    frame.rules.append("change:new-slot")


_LENGTH = re.compile(r"\b(\w+)-day\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# "visited Japan on a five-day visit": the length told after the verb.
_LENGTH_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?:on|for)\s+an?\s+(\w+)-day\b", re.I)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBER_WORDS.update({str(n): n for n in range(1, 15)})


_REMOTE = compile_guarded(
    r"\b(?:online|virtual(?:ly)?|by (?:video|phone|telephone)|video ?link|videoconference)\b",
    re.IGNORECASE,
)


def _is_remote(doc: Doc, sentence: int) -> bool:
    """The sentence says the event is held online or by phone (once per sentence)."""
    text = doc.sentences[sentence].text
    return doc.memo(("remote", sentence), lambda: bool(_REMOTE.search(text)))


_SIMULTANEOUS = re.compile(r"(?:when|while|during|as)\b", re.I)


def _frames_for(
    doc: Doc,
    seg: Segment,
    trig: Trigger,
    timex: Timex | None,
    place_mention: PlaceMention | None,
    region: tuple[int, int],
    roles: list[RoleMention],
) -> list[Frame]:
    text = doc.text
    sent = doc.sentences[seg.sentence]
    when = (
        timex_to_when(timex, text, doc.first_from(doc.timexes, timex.end))
        if timex is not None
        else When()
    )
    if place_mention is None and trig.kind in ("summit", "conference", "meeting"):
        place_mention = host_place(doc, sent.start, trig.start)
    place = place_mention.place if place_mention else None
    level = place_mention.level if place_mention else None
    people = _people(doc, seg, trig, region)
    subjects = [p.name for p in doc.within(doc.people, seg.start, trig.start)] or people[:1]
    status, cues, known = decide_status(
        doc, trig, region[0], (sent.start, sent.end), (when.start, when.end), seg.end
    )
    hedges = doc.memo(("hedges", sent.start), lambda: find_hedges(text, sent.start, sent.end))
    definite = bool(_DEFINITE.search(text[max(seg.start, trig.start - 40) : trig.start])) or (
        text[trig.start : trig.end].lower().startswith(("the ", "this ", "that "))
    )
    length = _LENGTH.search(text[max(seg.start, trig.start - 40) : trig.start]) or (
        _LENGTH_AFTER.match(text, trig.end, seg.end)
    )
    days = _NUMBER_WORDS.get(length.group(1).lower(), 0) if length else 0
    when = _lasting(when, days)
    base = Frame(
        trigger=trig,
        sentence=seg.sentence,
        segment=seg,
        kind=trig.kind,
        when=when,
        timex=timex,
        place=place,
        place_level=level,
        people=people,
        roles=[r.role for r in roles],
        status=status,
        cues=cues,
        hedges=hedges,
        definite=definite,
        status_known=known,
        series=trig.series,
        series_title=trig.series_title,
        subjects=subjects,
        days=days,
        rules=[f"trigger:{trig.kind}"] + ([f"timex:{timex.rule}"] if timex else []),
    )
    split = _split_hedged_object(doc, seg, trig, base, roles)
    return split or _one_per_traveller(doc, trig, base)


def _lasting(when: When, days: int) -> When:
    """'a two-day visit starting Wednesday': a single day that starts an event of known
    length covers every day of it."""
    if days < 2 or when.precision != "day" or when.start is None or when.end != when.start:
        return when
    return when.model_copy(update={"end": when.start + timedelta(days=days - 1)})


def _one_per_traveller(doc: Doc, trig: Trigger, base: Frame) -> list[Frame]:
    """'Abe and Xi have been invited for state visits', 'welcoming Park, Widodo and other
    leaders to the White House': each traveller's visit is an event of its own."""
    word = doc.text[trig.start : trig.end].lower()
    distributive = word.endswith(("visits", "trips")) or word.startswith("welcom")
    if base.kind not in ("visit", "trip") or not distributive or len(base.people) < 2:
        return [base]
    after = word.startswith("welcom")  # the guests follow the verb; the host precedes it
    guests = [
        p.name
        for p in doc.people
        if (p.start > trig.end if after else p.start < trig.start) and p.name in base.people
    ]
    if len(guests) < 2:
        return [base]
    return [_copy(base, people=[g], rules=[*base.rules, "split:one-per-traveller"]) for g in guests]


def _people(doc: Doc, seg: Segment, trig: Trigger, region: tuple[int, int]) -> list[str]:
    """People between the neighbouring event words, and the clause's subject; of an
    event word a person owns ("Xi Jinping's expected visit"), that person and those after."""
    before = doc.within(doc.people, seg.start, trig.start)
    if before and _OWNS.match(doc.text, before[-1].end, trig.start):
        after = doc.within(doc.people, trig.end, region[1])
        return list(dict.fromkeys([before[-1].name, *(p.name for p in after)]))
    # "Mr Sharif’s Special Assistant Tariq Fatemi": Sharif is named, not taking part; nor
    # is the source of a quote ("..., said Patrick Ventrell, a spokesman").
    names = [
        p.name
        for p in doc.within(doc.people, region[0], region[1])
        if not doc.text.startswith(_POSSESSIVES, p.end)
        and not _SOURCE_BEFORE.search(doc.text, max(0, p.start - 20), p.start)
        and not quote_source(doc, p.start, p.end, (trig.start, trig.end))
    ]
    sent = doc.sentences[seg.sentence]
    if not any(p.start < trig.start for p in doc.within(doc.people, seg.start, seg.end)):
        # The subject may stand earlier in the sentence ("Blinken ..., and will meet"),
        # or a pronoun may point back to the previous sentence's subject.
        subject = _first_person(doc, sent.start, seg.start)
        if subject is None and re.search(
            r"\b(?:his|her|he|she)\b", doc.text[seg.start : trig.start]
        ):
            prev = doc.sentences[seg.sentence - 1] if seg.sentence > 0 else None
            subject = _first_person(doc, prev.start, prev.end) if prev else None
        if subject is not None:
            names.insert(0, subject.name)
    if _FIRST_PERSON.search(doc.text, seg.start, trig.start):
        speaker = _SPEAKER.search(doc.text, sent.start, sent.end)
        if speaker:
            found = doc.within(doc.people, speaker.start(), speaker.start() + 1)
            names.insert(0, found[0].name if found else speaker.group(1))
    return list(dict.fromkeys(names))


_FIRST_PERSON = re.compile(r"\b(?:I|we|We)\b")
_POSSESSIVES = ("'s", "’s")
_SOURCE_BEFORE = re.compile(r"\b(?:said|says|according\s+to)\s+$")
_OWNS = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,3}$")
_SPEAKER = re.compile(r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*),? (?:said|says|told)\b")


def _first_person(doc: Doc, start: int, end: int) -> PersonMention | None:
    return next(iter(doc.within(doc.people, start, end)), None)


def _split_hedged_object(
    doc: Doc, seg: Segment, trig: Trigger, base: Frame, roles: list[RoleMention]
) -> list[Frame]:
    """'will meet A and possibly B': two events, the second only possible."""
    if trig.pos != "verb":
        return []
    m = _HEDGED_CONJUNCT.search(doc.text, trig.end, seg.end)
    if m is None:
        return []
    first_people = [p.name for p in doc.within(doc.people, seg.start, m.start())]
    second_people = [p.name for p in doc.within(doc.people, m.end(), seg.end)]
    subject = [n for n in base.people if n in first_people[:1]] or base.people[:1]
    first = _copy(
        base,
        people=list(dict.fromkeys(subject + first_people)),
        roles=[r.role for r in roles if r.start < m.start()],
    )
    cue = Cue(m.start(1), m.end(1), "possible", "before", 0.4, f'a hedge: "{m.group(1)}"')
    second = _copy(
        base,
        people=list(dict.fromkeys(subject + second_people)),
        roles=[r.role for r in roles if r.start >= m.end()],
        status="possible",
        cues=[cue],
        rules=[*base.rules, "split:hedged-object"],
    )
    return [first, second]


def _copy(frame: Frame, **changes: object) -> Frame:
    data = dict(frame.__dict__)
    data.update(changes)
    return Frame(**data)
