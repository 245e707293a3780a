"""Reported changes of date: "postponed from March 20 to March 27", "moved to June",
"rescheduled for May 12-13", "now meet on Thursday instead of Tuesday".

An event whose clause reports such a change takes the new slot; the old one is kept for
its notes. Reads the clause's dates (from the temporal tagger); nothing here reads the
clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Timex
from .alternation import compile_guarded
from .document import Doc, Segment
from .status import Cue
from .syntax import under_report
from .temporal import tag_timexes, value_bounds

if TYPE_CHECKING:
    from .frames import Frame

_CHANGE = compile_guarded(
    r"\b(?:postpon(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|reschedul(?:e|es|ed|ing)|pushed\s+back|"
    r"put\s+(?:off|back)|delay(?:s|ed)?|shift(?:s|ed)?|deferr?(?:s|ed)?|brought\s+forward)\b",
    re.IGNORECASE,
)
# The new slot is introduced by "to", "until", "for" (or "on", after "moved").
_TO = re.compile(r"\b(?:to|until|till|for|on)\s+$", re.IGNORECASE)
_FROM = re.compile(r"\b(?:from|of)\s+$", re.IGNORECASE)
_INSTEAD = re.compile(r"\s+(?:instead\s+of|rather\s+than)\s+(?:on\s+)?$", re.IGNORECASE)
#: The most characters between the change verb and its new date.
_REACH = 80


@dataclass(frozen=True, slots=True)
class Change:
    """A new slot for an event, and the old one when the text gives it."""

    new: Timex
    old: Timex | None
    words: str
    hedged: bool = False


def reported_change(doc: Doc, seg: Segment, dates: list[Timex]) -> Change | None:
    """The new date the clause ``seg`` reports for its event, if it reports one.

    ``dates`` are the clause's event dates, in order.
    """
    text = doc.text
    for i, new in enumerate(dates):
        after = dates[i + 1] if i + 1 < len(dates) else None
        if after is not None and _INSTEAD.fullmatch(text, new.end, after.start):
            words = text[new.start : after.end]
            return Change(_ahead(doc, new), after, words)  # "Thursday instead of Tuesday"
    for i, new in enumerate(dates):
        if not _TO.search(text, max(seg.start, new.start - 12), new.start):
            continue
        verb = None
        for m in _CHANGE.finditer(text, max(seg.start, new.start - _REACH), new.start):
            verb = m
        if verb is None or not _leads_to(text[verb.end() : new.start]):
            continue
        if under_report(doc, new.start, new.end, (verb.start(), verb.end())):
            continue  # "has been postponed, his office said on Friday": the saying's day
        # The old slot: "from Sunday to ...", else the date named before the change verb
        # ("originally planned for March 20, has been postponed to March 27").
        earlier = dates[:i]
        old = next(
            (d for d in earlier if _FROM.search(text, max(seg.start, d.start - 8), d.start)),
            next((d for d in reversed(earlier) if d.end <= verb.start()), None),
        )
        hedged = bool(_HEDGE.search(text, max(seg.start, verb.start() - 30), verb.start()))
        return Change(_ahead(doc, new), old, text[verb.start() : new.end], hedged)
    return None


# "could be delayed until Friday": a modal before the change verb.
_HEDGE = re.compile(r"\b(?:could|might|may)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


_PLAN_WORDS = re.compile(
    r"\b(?:planned|scheduled|set|slated|due|originally|initially|first|earlier)\b", re.I
)


def _leads_to(between: str) -> bool:
    """The words between the change verb and the date lead to it: "postponed until",
    "moved from Sunday to", "pushed back by a week to"; not "postponed a visit planned
    for" (the old slot)."""
    return (
        len(between.split()) <= 8 and not _PLAN_WORDS.search(between) and not _SAID.search(between)
    )


_SAID = re.compile(r"\b(?:said|says|told|announced|confirmed|reported)\b", re.I)


def _ahead(doc: Doc, new: Timex) -> Timex:
    """A new slot is ahead of the change that sets it: a bare "to December 5" or "to
    Sunday" after "was moved" is read as the tagger reads it after "will"."""
    published = doc.article.published
    start, _ = value_bounds(new.value)
    if start is None or start >= published:
        return new
    again = tag_timexes(f"will meet {new.text}", published=published)
    if len(again) != 1:
        return new
    ahead, _ = value_bounds(again[0].value)
    if ahead is None or ahead < published:
        return new
    return new.model_copy(update={"value": again[0].value, "alternatives": (new.value,)})


def fold_old_slots(frames: list[Frame]) -> list[Frame]:
    """'will now meet in Lisbon on June 2-3, ... after their April meeting was put off':
    a definite mention of a postponed event, in the sentence that dates the same kind of
    event anew, is that event's old slot, not another event. It is dropped, and the
    dated event keeps a note of it."""
    by_sentence: dict[int, list[Frame]] = {}
    for f in frames:
        by_sentence.setdefault(f.sentence, []).append(f)
    dropped: set[int] = set()
    for group in by_sentence.values():
        for old in group:
            if not (old.definite and old.status_known and old.status == "postponed"):
                continue
            new = next(
                (
                    f
                    for f in group
                    if f is not old
                    and f.kind == old.kind
                    and f.status in ("scheduled", "expected")
                    and f.when.start is not None
                    and (old.when.start is None or old.when.start < f.when.start)
                ),
                None,
            )
            if new is None:
                continue
            dropped.add(id(old))
            was = f" (first set for {old.when.text})" if old.when.text else ""
            new.cues = [*new.cues, _old_slot_cue(new, was)]
            new.rules.append("change:old-slot-folded")
    return [f for f in frames if id(f) not in dropped]


def _old_slot_cue(new: Frame, was: str) -> Cue:
    at = new.trigger
    return Cue(at.start, at.end, new.status, "after", 0.9, f"set anew after a postponement{was}")
