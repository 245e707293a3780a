"""Stage: event mentions. Reads triggers, timexes, places, people and cues of each clause;
adds one :class:`Frame` per event word: what it is, when, where, who, how sure.

Attachment is by proximity inside a clause: a date or place belongs to the nearest event
word (the one before it first); cues before the event word in its clause set its status.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from ..models import Place, Status, Timex, When
from ..resources import load_words
from .alternation import compile_guarded
from .changes import Change, reported_change
from .document import Doc, PersonMention, PlaceMention, RoleMention, Segment, Trigger, level_rank
from .status import Cue, decide_status, find_hedges
from .syntax import quote_source, under_report
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


_GENERIC = "lexicon/generic.txt"
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
        triggers, generic, purposes, joint = _clause_triggers(doc, seg)
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
        dates = _attach(doc, triggers, dated, _nearest)
        places = _attach(doc, triggers, located, _most_specific)
        change = reported_change(doc, seg, dated)
        if change is not None:
            for i, trig in enumerate(triggers):
                if trig.start < change.new.start and trig.kind != "other":
                    dates[i] = change.new
        roles = _attach_after(triggers, doc.within(doc.roles, seg.start, seg.end))
        prev = seg
        occasions = _occasions(doc.text, triggers)
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
                    and not _adjacent(doc.text, trig, mention)
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


def _clause_triggers(
    doc: Doc, seg: Segment
) -> tuple[list[Trigger], set[int], dict[int, str], set[int]]:
    """Event words of a clause, with series names joined to their noun ("G20 summit"),
    and the indexes of the generic ones ("regular talks", "more meetings")."""
    text = doc.text
    generic_words = load_words(_GENERIC)
    raw = doc.within(doc.triggers, seg.start, seg.end)
    out: list[Trigger] = []
    generic: set[int] = set()
    raw = [t for i, t in enumerate(raw) if not _lone_series(text, raw, i)]
    purposes: dict[int, str] = {}
    joint: set[int] = set()
    for t in raw:
        if out and _restated(text, out[-1], t):
            continue  # "visited Japan on a five-day visit": one visit, said twice
        if out and _apposition(text, out[-1], t):
            continue  # "the APEC summit, a multilateral leaders' gathering": one event
        if out and t.start - out[-1].end <= 40 and _joinable(text, out[-1], t):
            out[-1] = _join(out[-1], t)
            continue
        if out and _is_purpose(text, out[-1], t):
            if not re.match(r"\s+with\b", text[t.end : t.end + 6]):
                purposes[len(out) - 1] = t.kind
                continue
            # "travel to Washington for talks with the trade representative": the trip and
            # the talks are both on the calendar; the talks take the trip's day and place.
            joint.add(len(out))
        if t.pos == "noun" and _MODIFIER_USE.match(text, t.end):
            continue  # "a fixed talks schedule", "the summit venue": not the event itself
        if t.pos == "noun" and _ASPECT_OF.search(text, max(seg.start, t.start - 50), t.start):
            continue  # "confirming the dates of the two-day meeting": about an event named before
        if re.search(r"\b[A-Z]\w+ Round of\s+$", text[max(seg.start, t.start - 30) : t.start]):
            continue  # "the Doha Round of talks": a negotiation process, not a meeting
        words_before = re.findall(r"[\w-]+", text[max(seg.start, t.start - 30) : t.start])[-2:]
        if (
            t.pos in ("noun", "verb")
            and t.series is None
            and (
                any(w.lower() in generic_words for w in words_before)
                or _bare_plural(doc, seg, t, words_before)
            )
        ):
            generic.add(len(out))
        if t.kind == "other" and (
            any(o.kind != "other" for o in raw) or not _named_subject(doc, t.start)
        ):
            # "Blinken was scheduled to ..." names a plan; "the plant is due to ..." does not.
            continue
        out.append(t)
    return out, generic, purposes, joint


_SERIES_AS_EVENT = re.compile(
    r"\b(?:at|attend|attends|attended|attending|host|hosts|hosted|hosting|during|before|after|"
    r"ahead of|to|skip|skips|skipped|boycott|boycotted)\s+"
    r"(?:the\s+|this\s+year's\s+|next\s+year's\s+)?$",
    re.IGNORECASE,
)
_PLURALS = {"meetings", "visits", "summits", "trips", "conferences", "gatherings", "stops"}
_DETERMINER = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "two",
    "three",
    "both",
    "these",
    "those",
    "several",
    "possible",
    "planned",
    "upcoming",
    "official",
}


def _lone_series(text: str, raw: list[Trigger], i: int) -> bool:
    """A series name alone ("the G7 presidency", "NATO members") is no event, unless it
    stands where an event does ("attend APEC", "at the G20")."""
    t = raw[i]
    if t.series is None:
        return False
    if any(
        o is not t and o.series is None and _joinable(text, *sorted((o, t), key=lambda x: x.start))
        for o in raw
    ):
        return False  # "G20 summit": joined with its noun below
    return not _SERIES_AS_EVENT.search(text, max(0, t.start - 30), t.start)


def _bare_plural(doc: Doc, seg: Segment, t: Trigger, words_before: list[str]) -> bool:
    """'visits to farms rose 9%': a plural with no determiner and nobody named is generic."""
    word = doc.text[t.start : t.end].lower()
    if word not in _PLURALS or (words_before and words_before[-1].lower() in _DETERMINER):
        return False
    if t.pos == "verb" and not re.match(r"\s+(?:to|by|from|of)\b", doc.text[t.end : t.end + 6]):
        return False  # "Xi visits Paris": a verb, not a plural noun
    return not doc.within(doc.people, seg.start, seg.end)


_LENGTH = re.compile(r"\b(\w+)-day\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBER_WORDS.update({str(n): n for n in range(1, 15)})


def _named_subject(doc: Doc, start: int) -> bool:
    """A person's name ends right before ``start`` ("Blinken was scheduled to")."""
    return any(0 <= start - p.end <= 2 for p in doc.people)


_REMOTE = compile_guarded(
    r"\b(?:online|virtual(?:ly)?|by (?:video|phone|telephone)|video ?link|videoconference)\b",
    re.IGNORECASE,
)


def _is_remote(doc: Doc, sentence: int) -> bool:
    """The sentence says the event is held online or by phone (once per sentence)."""
    text = doc.sentences[sentence].text
    return doc.memo(("remote", sentence), lambda: bool(_REMOTE.search(text)))


_MODIFIER_USE = re.compile(
    r"\s+(?:schedule|agenda|process|table|venue|format|date|dates|season|host|hosts|"
    r"circuit|organi[sz]ers?|secretariat|declaration|communique|statement|preparations?|"
    r"delegations?|participants?|sherpas?|officials)\b"
)
_ASPECT_OF = re.compile(
    r"\b(?:dates?|venue|timing|schedule)\s+of\s+"
    r"(?:the|this|that|its|their)\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_APPOSITION = re.compile(
    r"(?:,\s+(?:a|an)|\s+(?:was|is|will be|would be)\s+(?:the|a|an))\s+(?:[\w'’-]+\s+){0,3}"
)


_RESTATED = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,5}(?:on|for)\s+(?:a|an|his|her|their)\s+(?:[\w'’-]+\s+){0,3}$"
)


def _restated(text: str, a: Trigger, b: Trigger) -> bool:
    """'visited Japan on a five-day visit', 'arrived in Beijing on Wednesday for a
    three-day official visit': one visit, said twice (after "a", "visit" is a noun,
    whatever the lexicon's longer verb pattern made of it)."""
    return (
        a.pos == "verb"
        and b.pos in ("noun", "verb")
        and a.kind == b.kind
        and bool(_RESTATED.fullmatch(text, a.end, b.start))
    )


def _apposition(text: str, a: Trigger, b: Trigger) -> bool:
    return b.pos == "noun" and bool(_APPOSITION.fullmatch(text, a.end, b.start))


def _joinable(text: str, a: Trigger, b: Trigger) -> bool:
    between = text[a.end : b.start]
    if (a.series is None) == (b.series is None):
        # "ministerial gathering", "summit meeting": one event word
        same = a.kind == b.kind or a.pos == b.pos == "noun"
        return bool(re.fullmatch(r"\s*", between)) and same
    if "verb" in (a.pos, b.pos):
        return False  # "visit Hanoi for the East Asia Summit": a visit to a summit, two events
    return bool(re.fullmatch(r"[\s\w'’-]{0,30}", between)) and len(between.split()) <= 3


def _join(a: Trigger, b: Trigger) -> Trigger:
    """One trigger from a series name and its noun; the noun says the kind ("ASEAN
    Foreign Ministers' Meeting" is a meeting, "G20 summit" a summit)."""
    named = a if a.series else b
    noun = b if a.series else a
    kind = noun.kind if (a.series is None) != (b.series is None) else b.kind
    return Trigger(a.start, b.end, kind, noun.pos, named.series, named.series_title)


# The occasion's name may be a list of capitalized names: "on the sidelines of the
# Brazil, China, India, Russia and South Africa summit".
_OCCASION = re.compile(
    r"\b(?:on the (?:sidelines|margins|fringes) of|at|during|ahead of)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}|(?:[A-Z][\w'’.-]*(?:,\s+|\s+(?:and\s+)?)){1,12})$"
)


# A journey made for a gathering: "visit Hanoi for the East Asia Summit later this year".
_TRAVEL_FOR = re.compile(r"\bfor\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,4}$")


def _occasions(text: str, triggers: list[Trigger]) -> dict[int, int]:
    """Event words whose next event word is their occasion ("talks at the summit", "a
    visit to Hanoi for the summit": the visit is when and where the summit is)."""
    out = {}
    for i in range(len(triggers) - 1):
        a, b = triggers[i], triggers[i + 1]
        between = text[a.end : b.start]
        at = len(between.split()) <= 20 and _OCCASION.search(between)
        travel_for = (
            a.kind in ("visit", "trip")
            and b.kind in ("summit", "conference")
            and len(between.split()) <= 8
            and _TRAVEL_FOR.search(between)
        )
        if at or travel_for:
            out[i] = i + 1
    return out


def _is_purpose(text: str, first: Trigger, t: Trigger) -> bool:
    """'travel to China in May for talks': the talks are the trip's purpose, one event;
    'will meet in Oslo on Monday for talks': one meeting, said twice."""
    meeting_for_talks = first.kind in ("meeting", "talks") and t.kind in ("meeting", "talks")
    if (first.kind not in ("visit", "trip") and not meeting_for_talks) or t.series is not None:
        return False
    between = text[first.end : t.start]
    if "," in between or re.search(r"\b(?:is|are|was|were|will|would|has|have)\b", between):
        return False  # a new clause with its own verb: "..., Blinken is expected to meet"
    tail = between[max(0, len(between) - 40) :]
    limit = 8 if re.search(r"\bfor\s+the\s+(?:[\w-]+\s+){0,2}$", tail) else 5
    return len(between.split()) <= limit and bool(
        re.search(r"\b(?:for|to (?:attend|hold|join))\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,2}$", tail)
    )


_SIMULTANEOUS = re.compile(r"(?:when|while|during|as)\b", re.I)


def _located(doc: Doc, seg: Segment) -> list[PlaceMention]:
    return [p for p in doc.within(doc.places, seg.start, seg.end) if p.role == "location"]


def _dated(doc: Doc, seg: Segment) -> list[Timex]:
    """Dates that can be an event's: not the dateline's, not "now" or "in the past", not a
    year used as an adjective ("its 2015 nuclear deal")."""
    return [
        t
        for t in doc.within(doc.timexes, seg.start, seg.end)
        if t.type in ("DATE", "TIME")
        and t.value not in ("PRESENT_REF", "PAST_REF")
        and not _in_dateline(doc, t)
        and not _year_as_modifier(doc.text, t)
    ]


_MODIFIER_YEAR = re.compile(r"\b(?:its|the|their|his|her|a|an|our|this)\s+$", re.IGNORECASE)


def _year_as_modifier(text: str, t: Timex) -> bool:
    if not re.fullmatch(r"\d{4}", t.value):
        return False
    followed = re.match(r"\s+[a-z]", text[t.end : t.end + 3])
    return bool(followed) and bool(_MODIFIER_YEAR.search(text, max(0, t.start - 8), t.start))


def _in_dateline(doc: Doc, t: Timex) -> bool:
    """A date right after a dateline place ("GENEVA, May 3 -") is when the story was filed."""
    datelines = doc.memo("datelines", lambda: [p for p in doc.places if p.role == "dateline"])
    return any(0 <= t.start - p.end <= 4 for p in datelines)


_Span = TypeVar("_Span", Timex, PlaceMention)


def _attach(
    doc: Doc,
    triggers: list[Trigger],
    items: list[_Span],
    choose: Callable[[list[_Span], Trigger], _Span],
) -> dict[int, _Span]:
    """Give each item to its nearest event word in the clause (the one before it first);
    ``choose`` picks one when several fall to the same event word.

    An event word left without one takes the nearest item before it ("a meeting in
    November on the sidelines of a G20 summit": the summit is in November too).
    """
    if not triggers:
        return {}
    text = doc.text
    groups: dict[int, list[_Span]] = {}
    for item in items:
        start = item.start
        reachable = [
            i
            for i in range(len(triggers))
            if not _behind_relative(text, triggers[i], start)
            and not _reported(doc, item, triggers[i])
        ]
        if not reachable:
            continue
        best = min(
            reachable,
            key=lambda i: (
                start - triggers[i].end
                if start >= triggers[i].end
                else 3 * (triggers[i].start - start)
            ),
        )
        groups.setdefault(best, []).append(item)
    out = {i: choose(group, triggers[i]) for i, group in groups.items()}
    for i, trig in enumerate(triggers):
        before = [
            item for item in items if item.start < trig.start and not _reported(doc, item, trig)
        ]
        if i not in out and before:
            out[i] = before[-1]
    return out


_HOSTS = re.compile(
    r"\bhost(?:s|ed|ing)?\s+(?:the\s+|a\s+|an\s+|this\s+year's\s+|next\s+year's\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)


def _host(doc: Doc, sent_start: int, trig_start: int) -> PlaceMention | None:
    """'The Philippines ... will host the leaders' summit': the host is the place."""
    if not _HOSTS.search(doc.text, max(sent_start, trig_start - 60), trig_start):
        return None
    subjects = [p for p in doc.within(doc.places, sent_start, trig_start) if p.role != "dateline"]
    return subjects[0] if subjects else None


def _adjacent(text: str, trig: Trigger, place: PlaceMention) -> bool:
    between = text[trig.end : place.start] if place.start >= trig.end else ""
    return len(between.split()) <= 8 and "," not in between


_RELATIVE = re.compile(r"\b(?:which|who|that)\b")


def _behind_relative(text: str, trig: Trigger, start: int) -> bool:
    """'the gathering of Canada's presidency, which began in January': the date belongs
    to the presidency, not to the gathering (the relative clause hangs on another noun)."""
    if start < trig.end:
        return False
    m = _RELATIVE.search(text, trig.end, start)
    if m is None or len(text[trig.end : m.start()].split()) <= 2:
        return False
    return "," not in text[m.end() : start]  # a comma closes the relative clause


def _reported(doc: Doc, item: Timex | PlaceMention, trig: Trigger) -> bool:
    """The date or place is the report's, not the event's: by the parse where the sentence
    has one, by the words between them elsewhere."""
    if _speech_between(doc.text, item.start, trig.start):
        return True
    return under_report(doc, item.start, item.end, (trig.start, trig.end))


_SPEECH_ACT = compile_guarded(
    r"\b(?:invit\w*|propos\w*|agreed|announc\w*|said|says|told|got|received|accepted|offered)\b",
    re.IGNORECASE,
)


def _speech_between(text: str, start: int, trig_start: int) -> bool:
    """'on Thursday got a formal invite ... to visit': Thursday is the invitation's day;
    'said on Tuesday that talks would resume': the day it was said;
    'cancelled the summit in a letter released on Thursday': the letter's day."""
    if start < trig_start:
        return bool(
            _SPEECH_ACT.search(text, start, trig_start)
            or _SAID_ON.search(text, max(0, start - 40), start)
        )
    return bool(_DOCUMENT_ACT.search(text, trig_start, start))


# A date right after a reporting verb dates the report: "said on Tuesday", "told
# reporters late Monday", "announced Friday".
_SAID_ON = compile_guarded(
    r"\b(?:said|says|told(?:\s+(?:reporters|journalists|the\s+\w+))?|announc\w+|confirmed)"
    r"\s+(?:(?:on|late|early|earlier)\s+)*$",
    re.IGNORECASE,
)


_DOCUMENT_ACT = compile_guarded(
    r"\b(?:released|published|issued|posted|sent|signed|dated)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _nearest(items: list[_Span], trig: Trigger) -> _Span:
    after = [t for t in items if t.start >= trig.end]
    return after[0] if after else items[-1]


def _most_specific(items: list[PlaceMention], trig: Trigger) -> PlaceMention:
    """A venue over its city over its country ("at the Palais des Nations in Geneva")."""
    after = [p for p in items if p.start >= trig.end] or items
    return min(after, key=lambda p: level_rank(p.level))


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
    when = timex_to_when(timex, text, doc.timexes) if timex is not None else When()
    if place_mention is None and trig.kind in ("summit", "conference", "meeting"):
        place_mention = _host(doc, sent.start, trig.start)
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
    length = _LENGTH.search(text[max(seg.start, trig.start - 40) : trig.start])
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
            found = [p for p in doc.people if p.start == speaker.start()]
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
