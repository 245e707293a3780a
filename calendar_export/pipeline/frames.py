"""Stage: event mentions. Reads triggers, timexes, places, people and cues of each clause;
adds one :class:`Frame` per event word: what it is, when, where, who, how sure.

Each clause's event words come from :mod:`.clauses`, their dates, places and people from
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
    clause_people,
    clause_places,
    host_place,
    most_specific,
    nearest,
)
from .changes import Change, reported_change
from .clauses import clause_triggers, find_occasions
from .document import Doc, PlaceMention, RoleMention, Segment, Trigger
from .gapping import remnants
from .hosts import hosted_at
from .relations import definiteness
from .status import Cue, decide_status, find_hedges
from .temporal import value_bounds
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
    host_country: Place | None = None  # "Chinese President Xi will host ...": China
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
        gaps = {i: remnants(doc, seg, t) for i, t in enumerate(triggers) if i not in generic}
        cut = [span for spans in gaps.values() for span in spans]
        if cut:  # a remnant's dates and places are its own event's
            dated = [t for t in dated if not _inside(t.start, cut)]
            located = [p for p in located if not _inside(p.start, cut)]
        if (
            prev is not None
            and prev.sentence == seg.sentence
            and _SIMULTANEOUS.match(doc.text, seg.start)
        ):
            # "visit San Francisco in November when the US hosts APEC": same time, same place.
            dated = dated or clause_dates(doc, prev)[-1:]
            located = located or clause_places(doc, prev)[-1:]
        elif (
            prev is not None
            and prev.sentence == seg.sentence
            and _CONTRAST.search(doc.text, prev.end, seg.start)
        ):
            # "Clinton plans to visit Hanoi later this year, while Gates will attend the
            # ministers' meeting": the contrast shares the time frame, not the place.
            dated = dated or clause_dates(doc, prev)[-1:]
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
            frames.extend(_repeated(doc, made[0], gaps.get(i, [])))
    return frames


def _inside(start: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start < b for a, b in spans)


def _repeated(doc: Doc, base: Frame, spans: list[tuple[int, int]]) -> list[Frame]:
    """One frame per gapped conjunct that names its own date or place ("..., the second
    in Sirte in 2010"): the event again, with them."""
    out: list[Frame] = []
    clause = clause_dates(doc, base.segment) if spans else []
    for start, end in spans:
        dates = [t for t in clause if start <= t.start < end]
        places = [p for p in doc.within(doc.places, start, end) if p.role == "location"]
        if not dates and not places:
            continue
        first = dates[0] if dates else None
        following = doc.first_from(doc.timexes, first.end) if first else None
        when = timex_to_when(first, doc.text, following) if first else When()
        place = most_specific(places, base.trigger) if places else None
        out.append(
            _copy(
                base,
                when=when,
                timex=dates[0] if dates else None,
                place=place.place if place else None,
                place_level=place.level if place else None,
                definite=False,
                rules=[*base.rules, "gapping:repeated"],
            )
        )
    return out


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
_CONTRAST = re.compile(r",\s+(?:while|whereas)\s+$", re.I)


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
    hosted: Place | None = None
    if place_mention is None and trig.kind != "call":
        place_mention, hosted = hosted_at(doc, trig)
    if place_mention is None and trig.kind in ("summit", "conference", "meeting"):
        place_mention = host_place(doc, sent.start, trig.start)
    place = place_mention.place if place_mention else None
    level = place_mention.level if place_mention else None
    people = clause_people(doc, seg, trig, region)
    subjects = [p.name for p in doc.within(doc.people, seg.start, trig.start)] or people[:1]
    status, cues, known = decide_status(
        doc, trig, region[0], (sent.start, sent.end), (when.start, when.end), seg.end
    )
    hedges = doc.memo(("hedges", sent.start), lambda: find_hedges(text, sent.start, sent.end))
    definite = definiteness(doc, trig.start, trig.end)
    if definite is None:  # not parsed, or a verb: the words before it tell
        definite = bool(_DEFINITE.search(text[max(seg.start, trig.start - 40) : trig.start])) or (
            text[trig.start : trig.end].lower().startswith(("the ", "this ", "that "))
        )
    length = _LENGTH.search(text[max(seg.start, trig.start - 40) : trig.start]) or (
        _LENGTH_AFTER.match(text, trig.end, seg.end)
    )
    days = _NUMBER_WORDS.get(length.group(1).lower(), 0) if length else 0
    when = _lasting(when, days)
    last = doc.extents.get(trig.start)
    if last is not None and when.start is not None:
        _, until = value_bounds(last.value)
        if until is not None and until > (when.end or when.start):
            # "... and could continue through Thursday"
            when = when.model_copy(update={"end": until})
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
        host_country=hosted,
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
