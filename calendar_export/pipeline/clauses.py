"""Event words of one clause: series names joined to their noun ("G20 summit"), one
event said twice kept once ("visited Japan on a five-day visit"), generic mentions ("more
meetings") marked, purposes ("travel to China for talks") and occasions ("talks at the
summit") found. Reads the clause's triggers and words; used by :mod:`.frames`.
"""

from __future__ import annotations

import re

from ..resources import load_words
from .document import Doc, Segment, Trigger
from .relations import in_source, restates
from .syntax import occasion_of, subject_holding

_GENERIC = "lexicon/generic.txt"


def clause_triggers(
    doc: Doc, seg: Segment
) -> tuple[list[Trigger], set[int], dict[int, str], set[int]]:
    """Event words of a clause, with series names joined to their noun ("G20 summit"),
    and the indexes of the generic ones ("regular talks", "more meetings")."""
    text = doc.text
    generic_words = load_words(_GENERIC)
    raw = doc.within(doc.triggers, seg.start, seg.end)
    out: list[Trigger] = []
    generic: set[int] = set()
    lone = [t for i, t in enumerate(raw) if _lone_series(text, raw, i)]
    raw = [t for t in raw if t not in lone]
    if not any(t.pos == "noun" for t in raw):  # "... gather for the summit": the noun tells
        raw = [_of_series(doc, t, lone) for t in raw]
    purposes: dict[int, str] = {}
    joint: set[int] = set()
    for t in raw:
        if out and _restated(text, out[-1], t):
            continue  # "visited Japan on a five-day visit": one visit, said twice
        if out and _apposition(text, out[-1], t):
            continue  # "the APEC summit, a multilateral leaders' gathering": one event
        if (
            out
            and t.pos in ("noun", "name")
            and restates(doc, (out[-1].start, out[-1].end), (t.start, t.end))
        ):
            # "the virtual meet, which will mark the first summit": one event, of the
            # more telling kind
            a = out[-1]
            out[-1] = Trigger(a.start, a.end, t.kind, a.pos, t.series, t.series_title)
            continue
        if out and _gathers_for(doc, out[-1], t):
            # "will gather in Vientiane on October 8-11 for the ASEAN summit": the
            # gathering is the summit, which names it
            out[-1] = t
            continue
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
        if in_source(doc, t.start, t.end):
            generic.add(len(out))  # "a person familiar with the talks said": no new event
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


def _of_series(doc: Doc, t: Trigger, lone: list[Trigger]) -> Trigger:
    """A meeting verb whose subject names a series is that series' meeting: "Leaders of
    the Group of 20 will meet" is the G20 summit, "NATO defence ministers will gather" a
    NATO ministers' meeting (by the parse)."""
    if t.pos != "verb" or t.series is not None or t.kind not in ("meeting", "summit", "talks"):
        return t
    for s in lone:
        if s.end > t.start:
            continue
        head = subject_holding(doc, (s.start, s.end), (t.start, t.end))
        if head is None:
            continue
        group = doc.tokens[head]
        if group.lemma in ("leader", "head", "president"):
            return Trigger(t.start, t.end, "summit", t.pos, s.series, s.series_title)
        words = doc.text[s.start : group.end]
        return Trigger(t.start, t.end, t.kind, t.pos, s.series, f"{words} meeting")
    return t


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


def _named_subject(doc: Doc, start: int) -> bool:
    """A person's name ends right before ``start`` ("Blinken was scheduled to")."""
    return any(0 <= start - p.end <= 2 for p in doc.people)


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


def find_occasions(doc: Doc, triggers: list[Trigger]) -> dict[int, int]:
    """Event words whose next event word is their occasion ("talks at the summit", "a
    visit to Hanoi for the summit": the visit is when and where the summit is), by the
    parse where the sentence has one, by the words between them elsewhere."""
    text = doc.text
    out = {}
    for i in range(len(triggers) - 1):
        a, b = triggers[i], triggers[i + 1]
        if occasion_of(doc, (a.start, a.end), (b.start, b.end)):
            out[i] = i + 1
            continue
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


_GATHER_FOR = re.compile(r"\bfor\s+(?:the\s+|a\s+|an\s+|this\s+year's\s+)?(?:[\w'’-]+\s+){0,4}$")


def _gathers_for(doc: Doc, a: Trigger, b: Trigger) -> bool:
    """A verb of meeting whose purpose is a gathering: "leaders will gather in Sydney for
    the two-day summit", "ministers meet in Paris for the OECD conference"."""
    if not (a.pos == "verb" and a.kind == "meeting" and b.pos in ("noun", "name")):
        return False
    if b.kind not in ("summit", "conference"):
        return False
    between = doc.text[a.end : b.start]
    if len(between.split()) > 10 or "," in between or not _GATHER_FOR.search(between):
        return False
    return not re.search(r"\b(?:is|are|was|were|will|would|has|have)\b", between)


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
