"""Stage: bare weekdays read again by the tense of the verb that governs them.

The temporal tagger reads "Thursday" by the tense cues of the words around it, and keeps
the other reading (the week before or after) as an alternative when the choice is close.
Once the sentence is parsed, the verb that governs the weekday decides: "could continue
through Thursday", "a meeting set for Thursday" (under "have") and "will meet on
Thursday" are ahead of the publication date; "met on Thursday" and "has met" are behind
it. A verb that sees a future from the past ("was scheduled for", "would") and a
reporting verb decide nothing. Reads the parse and the publication date; no clock.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from .document import Doc
from .syntax import REPORTING, children, governing_verb, verb_above

Reading = Literal["past", "future"] | None

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_MODALS = frozenset({"could", "may", "might", "can", "should", "must"})
#: A participle of planning hanging on an event noun: "a meeting set for Thursday".
_PLANNED = frozenset({"set", "schedule", "plan", "slate", "due", "expect", "fix"})


def retense(doc: Doc) -> None:
    """Swap a parsed sentence's bare weekday for its other reading where the governing
    verb's tense says the tagger's choice lies on the wrong side of publication."""
    published = doc.article.published
    for k, t in enumerate(doc.timexes):
        if t.rule != "weekday" or not t.alternatives:
            continue
        reading = _verb_tense(doc, t.start, t.end)
        if reading is None:
            continue
        value = date.fromisoformat(t.value)
        other = date.fromisoformat(t.alternatives[0])
        wrong_side = (reading == "future" and value < published <= other) or (
            reading == "past" and other <= published < value
        )
        if wrong_side:
            doc.timexes[k] = t.model_copy(
                update={"value": other.isoformat(), "alternatives": (t.value,)}
            )


def _verb_tense(doc: Doc, start: int, end: int) -> Reading:
    v = governing_verb(doc, start, end)
    if v is None:
        return None
    verb = doc.tokens[v]
    if verb.lemma in REPORTING:
        return None
    aux = [doc.tokens[c] for c in children(doc, v) if doc.tokens[c].dep in ("aux", "auxpass")]
    words = {a.text.lower() for a in aux}
    if words & _FUTURE_AUX or (words & _MODALS and "have" not in words):
        return "future"
    if "would" in words:
        return None  # a future seen from the past
    if verb.tag == "VBN" and verb.dep == "acl" and verb.lemma in _PLANNED:
        return _above(doc, v)
    if verb.tag == "VBD" or (verb.tag == "VBN" and words & {"has", "have", "had"}):
        return None if verb.lemma in _PLANNED or "had" in words else "past"
    if verb.tag in ("VBZ", "VBP") and not aux:
        return "future"  # "talks resume on Thursday": the news present of a schedule
    return None


def _above(doc: Doc, v: int) -> Reading:
    """'The owners have a meeting set for Thursday': the tense of the verb above."""
    above = verb_above(doc, v)
    if above is None:
        return None
    aux = {doc.tokens[c].text.lower() for c in children(doc, above)}
    if aux & _FUTURE_AUX or doc.tokens[above].tag in ("VBZ", "VBP"):
        return "future"
    return None
