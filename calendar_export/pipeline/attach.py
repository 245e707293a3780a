"""Which date, place and people of a clause belong to which of its event words.

A date or place goes to the nearest event word (the one before it first), unless it is
the report's ("..., the ministry said on Friday", by the parse where the sentence has
one), hangs on a relative clause of another noun, or is the dateline's. Used by
:mod:`.frames`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from ..models import Timex
from .alternation import compile_guarded
from .document import Doc, PersonMention, PlaceMention, RoleMention, Segment, Trigger, level_rank
from .relations import decision_date, in_source, inside, reference_point
from .syntax import governing_verb, quote_source, span_head, token_at, under_report
from .temporal import value_bounds


def clause_places(doc: Doc, seg: Segment) -> list[PlaceMention]:
    return [p for p in doc.within(doc.places, seg.start, seg.end) if p.role == "location"]


def clause_dates(doc: Doc, seg: Segment) -> list[Timex]:
    """Dates that can be an event's: not the dateline's, not "now" or "in the past", not a
    year used as an adjective ("its 2015 nuclear deal")."""
    return [
        t
        for t in doc.within(doc.timexes, seg.start, seg.end)
        if t.type in ("DATE", "TIME")
        and t.value not in ("PRESENT_REF", "PAST_REF")
        and not _in_dateline(doc, t)
        and not _year_as_modifier(doc.text, t)
        and not _of_an_event(doc.text, t)
        and not (decision_date(doc, t.start, t.end) and _past(t, doc.article.published))
    ]


def _past(t: Timex, published: date) -> bool:
    _, last = value_bounds(t.value)
    return last is not None and last < published


# "the final day of the summit", "the eve of the talks": a day counted from the event,
# not from the article's date (the tagger has only the article's date to count from).
_OF_AN_EVENT = re.compile(r"\s+of\s+(?:the|this|its|their|a)\s")


def _of_an_event(text: str, t: Timex) -> bool:
    return t.text.lower().endswith(("day", "eve", "days", "week")) and bool(
        _OF_AN_EVENT.match(text, t.end)
    )


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


def attach_items(
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
    groups: dict[int, list[_Span]] = {}
    # "in the run-up to the summit, ... on Wednesday": the summit is the time the clause
    # is placed against; only a date of its own phrase is its ("ahead of the June 12 summit").
    points = {i: reference_point(doc, (t.start, t.end)) for i, t in enumerate(triggers)}
    # "a person familiar with the negotiations told ...": a word of the source's
    # description takes no date or place of the clause.
    sources = {i for i, t in enumerate(triggers) if in_source(doc, t.start, t.end)}
    for item in items:
        start = item.start
        reachable = [
            i
            for i in range(len(triggers))
            if not _behind_relative(doc, triggers[i], item)
            and not _reported(doc, item, triggers[i])
            and _own_if_reference(doc, item, points[i])
            and i not in sources
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
            item
            for item in items
            if item.start < trig.start
            and not _reported(doc, item, trig)
            and _own_if_reference(doc, item, points[i])
        ]
        if i not in out and before and i not in sources and _same_verb(doc, before[-1], trig):
            out[i] = before[-1]
    return out


def _same_verb(doc: Doc, item: Timex | PlaceMention, trig: Trigger) -> bool:
    """A date or place lent to a later event word must hang on its verb: "a meeting in
    November on the sidelines of the summit" lends November to the summit; in "a gathering
    last July failed to break the impasse in the talks", the talks hang on another verb.
    Unparsed sentences lend as before."""
    mine = governing_verb(doc, trig.start, trig.end)
    if mine is None:
        return True
    return governing_verb(doc, item.start, item.end) == mine


_HOSTS = re.compile(
    r"\bhost(?:s|ed|ing)?\s+(?:the\s+|a\s+|an\s+|this\s+year's\s+|next\s+year's\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)


def host_place(doc: Doc, sent_start: int, trig_start: int) -> PlaceMention | None:
    """'The Philippines ... will host the leaders' summit': the host is the place (in a
    sentence the parse did not read; :mod:`.hosts` reads a parsed one)."""
    if token_at(doc, trig_start) is not None:
        return None
    if not _HOSTS.search(doc.text, max(sent_start, trig_start - 60), trig_start):
        return None
    subjects = [p for p in doc.within(doc.places, sent_start, trig_start) if p.role != "dateline"]
    return subjects[0] if subjects else None


def adjacent(text: str, trig: Trigger, place: PlaceMention) -> bool:
    between = text[trig.end : place.start] if place.start >= trig.end else ""
    return len(between.split()) <= 8 and "," not in between


_RELATIVE = re.compile(r"\b(?:which|who|that)\b")


_SCHEDULING = frozenset(
    {"schedule", "set", "plan", "slate", "hold", "postpone", "cancel", "due", "expect", "take"}
)


def _behind_relative(doc: Doc, trig: Trigger, item: Timex | PlaceMention) -> bool:
    """'the gathering of Canada's presidency, which began in January': the date belongs
    to the presidency, not to the gathering (the relative clause hangs on another noun).
    By the parse where the sentence has one: 'the 14th summit of ASEAN, which was
    scheduled for mid-December in Chiang Mai' hangs on the summit."""
    text, start = doc.text, item.start
    verb = governing_verb(doc, item.start, item.end)
    if verb is not None and token_at(doc, trig.start) is not None:
        tok = doc.tokens[verb]
        if tok.dep != "relcl" or start < trig.end or inside(doc, trig.start, trig.end, verb):
            return False  # "..., which is holding its meeting in Los Angeles": its own clause
        noun = doc.tokens[tok.head]
        if trig.start <= noun.start < trig.end:
            return False
        # "the summit of the Association of ... Nations, which was scheduled for ...": the
        # parser hangs it on the nearest noun; a verb of scheduling is about the event.
        head = span_head(doc, trig.start, trig.end)
        owned = head is not None and inside(doc, noun.start, noun.end, head)
        return not (owned and tok.lemma in _SCHEDULING)
    if start < trig.end:
        return False
    m = _RELATIVE.search(text, trig.end, start)
    if m is None or len(text[trig.end : m.start()].split()) <= 2:
        return False
    return "," not in text[m.end() : start]  # a comma closes the relative clause


def _own_if_reference(doc: Doc, item: Timex | PlaceMention, point: int | None) -> bool:
    if point is None or isinstance(item, PlaceMention):
        return True  # a place is shared: talks before the summit are held where it is
    return inside(doc, item.start, item.end, point)


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


def nearest(items: list[_Span], trig: Trigger) -> _Span:
    after = [t for t in items if t.start >= trig.end]
    return after[0] if after else items[-1]


def most_specific(items: list[PlaceMention], trig: Trigger) -> PlaceMention:
    """A venue over its city over its country ("at the Palais des Nations in Geneva")."""
    after = [p for p in items if p.start >= trig.end] or items
    return min(after, key=lambda p: level_rank(p.level))


def attach_roles(triggers: list[Trigger], roles: list[RoleMention]) -> dict[int, list[RoleMention]]:
    """Unnamed roles are objects: each goes to the nearest event word before it."""
    out: dict[int, list[RoleMention]] = {}
    for role in roles:
        before = [i for i, t in enumerate(triggers) if t.end <= role.start]
        if before:
            out.setdefault(before[-1], []).append(role)
    return out


def clause_people(doc: Doc, seg: Segment, trig: Trigger, region: tuple[int, int]) -> list[str]:
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
