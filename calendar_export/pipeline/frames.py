"""Stage: event mentions. Reads triggers, timexes, places, people and cues of each clause;
adds one :class:`Frame` per event word: what it is, when, where, who, how sure.

Attachment is by proximity inside a clause: a date or place belongs to the nearest event
word (the one before it first); cues before the event word in its clause set its status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

from ..models import Place, Status, Timex, When
from ..resources import load_words
from .document import Doc, PersonMention, PlaceMention, RoleMention, Segment, Trigger
from .status import Cue, decide_status, find_hedges
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
    series: str | None = None
    series_title: str | None = None
    rules: list[str] = field(default_factory=list)


_GENERIC = "lexicon/generic.txt"
_PURPOSE = re.compile(r"^\W*(?:for|to attend|to hold|to join|to take part in|to meet)\b", re.I)
_HEDGED_CONJUNCT = re.compile(r"\s+and\s+(possibly|perhaps|maybe|probably|potentially)\s+")
_DEFINITE = re.compile(
    r"\b(?:the|their|his|her|its|this|that|these|those|[A-Z]\w+['’]s?)\s+(?:\w+\s+){0,2}$"
)


def build_frames(doc: Doc) -> list[Frame]:
    """One frame per event word of each clause; generic mentions are left out."""
    frames: list[Frame] = []
    prev: Segment | None = None
    for seg in doc.segments:
        triggers, generic = _clause_triggers(doc, seg)
        dated, located = _dated(doc, seg), _located(doc, seg)
        if (
            prev is not None
            and prev.sentence == seg.sentence
            and _SIMULTANEOUS.match(doc.text, seg.start)
        ):
            # "visit San Francisco in November when the US hosts APEC": same time, same place.
            dated = dated or _dated(doc, prev)[-1:]
            located = located or _located(doc, prev)[-1:]
        # Generic event words ("more meetings") take their own dates and places, but
        # make no event.
        dates = _attach(triggers, dated)
        places = _attach(triggers, located)
        roles = _attach_after(triggers, [r for r in doc.roles if seg.start <= r.start < seg.end])
        prev = seg
        occasions = _occasions(doc.text, triggers)
        for i, j in occasions.items():
            # "met on the sidelines of the G20 summit in Bali": where and when the summit is.
            if j in places:
                places.setdefault(i, places[j])
            if j in dates:
                dates.setdefault(i, dates[j])
        for i, trig in enumerate(triggers):
            if i in generic:
                continue
            lo = triggers[i - 1].end if i > 0 else seg.start
            hi = triggers[i + 1].start if i + 1 < len(triggers) else seg.end
            made = _frames_for(
                doc, seg, trig, dates.get(i), places.get(i), (lo, hi), roles.get(i, [])
            )
            for f in made:
                f.has_occasion = i in occasions
            frames.extend(made)
    return frames


def _clause_triggers(doc: Doc, seg: Segment) -> tuple[list[Trigger], set[int]]:
    """Event words of a clause, with series names joined to their noun ("G20 summit"),
    and the indexes of the generic ones ("regular talks", "more meetings")."""
    text = doc.text
    generic_words = load_words(_GENERIC)
    raw = [t for t in doc.triggers if seg.start <= t.start < seg.end]
    out: list[Trigger] = []
    generic: set[int] = set()
    for t in raw:
        if out and t.start - out[-1].end <= 40 and _joinable(text, out[-1], t):
            out[-1] = _join(out[-1], t)
            continue
        if out and _is_purpose(text, out[-1], t):
            continue
        words_before = re.findall(r"[\w-]+", text[max(seg.start, t.start - 30) : t.start])[-2:]
        if (
            t.pos == "noun"
            and t.series is None
            and any(w.lower() in generic_words for w in words_before)
        ):
            generic.add(len(out))
        if t.kind == "other" and any(o.kind != "other" for o in raw):
            continue  # "is scheduled to ..." only names an event when nothing else does
        out.append(t)
    return out, generic


def _joinable(text: str, a: Trigger, b: Trigger) -> bool:
    between = text[a.end : b.start]
    if (a.series is None) == (b.series is None):
        return bool(re.fullmatch(r"\s*", between)) and a.kind == b.kind
    return bool(re.fullmatch(r"[\s\w'’-]{0,30}", between)) and len(between.split()) <= 3


def _join(a: Trigger, b: Trigger) -> Trigger:
    named = a if a.series else b
    kind = named.kind if named.series else a.kind
    return Trigger(a.start, b.end, kind, a.pos, named.series, named.series_title)


_OCCASION = re.compile(
    r"(?:on the (?:sidelines|margins|fringes) of|at|during|ahead of)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w-]+\s+){0,2}$"
)


def _occasions(text: str, triggers: list[Trigger]) -> dict[int, int]:
    """Event words whose next event word is their occasion ("talks at the summit")."""
    out = {}
    for i in range(len(triggers) - 1):
        between = text[triggers[i].end : triggers[i + 1].start]
        if len(between.split()) <= 8 and _OCCASION.search(between):
            out[i] = i + 1
    return out


def _is_purpose(text: str, first: Trigger, t: Trigger) -> bool:
    """'travel to China in May for talks': the talks are the trip's purpose, one event."""
    if first.kind not in ("visit", "trip") or t.series is not None:
        return False
    between = text[first.end : t.start]
    if "," in between or re.search(r"\b(?:is|are|was|were|will|would|has|have)\b", between):
        return False  # a new clause with its own verb: "..., Blinken is expected to meet"
    tail = between[max(0, len(between) - 40) :]
    return len(between.split()) <= 5 and bool(
        re.search(r"\b(?:for|to (?:attend|hold|join))\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,2}$", tail)
    )


_SIMULTANEOUS = re.compile(r"(?:when|while|during|as)\b", re.I)


def _located(doc: Doc, seg: Segment) -> list[PlaceMention]:
    return [p for p in doc.places if p.role == "location" and seg.start <= p.start < seg.end]


def _dated(doc: Doc, seg: Segment) -> list[Timex]:
    return [
        t
        for t in doc.timexes
        if seg.start <= t.start < seg.end
        and t.type in ("DATE", "TIME")
        and not _in_dateline(doc, t)
    ]


def _in_dateline(doc: Doc, t: Timex) -> bool:
    """A date right after a dateline place ("GENEVA, May 3 -") is when the story was filed."""
    return any(p.role == "dateline" and 0 <= t.start - p.end <= 4 for p in doc.places)


_Span = TypeVar("_Span", Timex, PlaceMention)


def _attach(triggers: list[Trigger], items: list[_Span]) -> dict[int, _Span]:
    """Give each item to its nearest event word in the clause (the one before it first).

    An event word left without one takes the nearest item before it ("a meeting in
    November on the sidelines of a G20 summit": the summit is in November too).
    """
    out: dict[int, _Span] = {}
    if not triggers:
        return out
    for item in items:
        start = item.start
        best = min(
            range(len(triggers)),
            key=lambda i: (
                start - triggers[i].end
                if start >= triggers[i].end
                else 3 * (triggers[i].start - start)
            ),
        )
        out.setdefault(best, item)
    for i, trig in enumerate(triggers):
        before = [item for item in items if item.start < trig.start]
        if i not in out and before:
            out[i] = before[-1]
    return out


def _attach_after(
    triggers: list[Trigger], roles: list[RoleMention]
) -> dict[int, list[RoleMention]]:
    """Unnamed roles are objects: each goes to the nearest event word before it."""
    out: dict[int, list[RoleMention]] = {}
    for role in roles:
        before = [i for i, t in enumerate(triggers) if t.end <= role.start]
        if before:
            out.setdefault(before[-1], []).append(role)
    return out


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
    when = timex_to_when(timex) if timex is not None else When()
    place = place_mention.place if place_mention else None
    level = place_mention.level if place_mention else None
    people = _people(doc, seg, trig, region)
    status, cues, known = decide_status(
        doc, trig, region[0], (sent.start, sent.end), (when.start, when.end)
    )
    hedges = find_hedges(text, sent.start, sent.end)
    definite = bool(_DEFINITE.search(text[max(seg.start, trig.start - 40) : trig.start]))
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
        rules=[f"trigger:{trig.kind}"] + ([f"timex:{timex.rule}"] if timex else []),
    )
    split = _split_hedged_object(doc, seg, trig, base, roles)
    return split or [base]


def _people(doc: Doc, seg: Segment, trig: Trigger, region: tuple[int, int]) -> list[str]:
    """People between the neighbouring event words, and the clause's subject."""
    names = [p.name for p in doc.people if region[0] <= p.start < region[1]]
    sent = doc.sentences[seg.sentence]
    if not any(p.start < trig.start for p in doc.people if seg.start <= p.start < seg.end):
        # The subject may stand earlier in the sentence ("Blinken ..., and will meet"),
        # or a pronoun may point back to the previous sentence's subject.
        subject = _first_person(doc.people, sent.start, seg.start)
        if subject is None and re.search(
            r"\b(?:his|her|he|she)\b", doc.text[seg.start : trig.start]
        ):
            prev = doc.sentences[seg.sentence - 1] if seg.sentence > 0 else None
            subject = _first_person(doc.people, prev.start, prev.end) if prev else None
        if subject is not None:
            names.insert(0, subject.name)
    if _FIRST_PERSON.search(doc.text, seg.start, trig.start):
        speaker = _SPEAKER.search(doc.text, sent.start, sent.end)
        if speaker:
            found = [p for p in doc.people if p.start == speaker.start()]
            names.insert(0, found[0].name if found else speaker.group(1))
    return list(dict.fromkeys(names))


_FIRST_PERSON = re.compile(r"\b(?:I|we|We)\b")
_SPEAKER = re.compile(r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*),? (?:said|says|told)\b")


def _first_person(people: list[PersonMention], start: int, end: int) -> PersonMention | None:
    return next((p for p in people if start <= p.start < end), None)


def _split_hedged_object(
    doc: Doc, seg: Segment, trig: Trigger, base: Frame, roles: list[RoleMention]
) -> list[Frame]:
    """'will meet A and possibly B': two events, the second only possible."""
    if trig.pos != "verb":
        return []
    m = _HEDGED_CONJUNCT.search(doc.text, trig.end, seg.end)
    if m is None:
        return []
    first_people = [p.name for p in doc.people if seg.start <= p.start < m.start()]
    second_people = [p.name for p in doc.people if m.end() <= p.start < seg.end]
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
