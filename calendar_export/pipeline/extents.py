"""Stage: how long an event lasts, when a verb of lasting says it.

"Talks ... will resume in New York today and could continue through Thursday": the parse
hangs "through Thursday" on "continue", whose subject (its own, or that of the verb it is
joined to) is the event word. That date is the event's last day, not an event of its
own nor another event word's date: it leaves :attr:`Doc.timexes` for :attr:`Doc.extents`.
"""

from __future__ import annotations

from .document import Doc, Trigger
from .syntax import children, span_head

_LASTING = frozenset({"continue", "last", "run", "extend", "stretch", "go"})
_UNTIL = frozenset({"through", "until", "till", "into", "to"})


def find_extents(doc: Doc) -> None:
    """Move each date that ends a lasting verb of an event to :attr:`Doc.extents`."""
    kept = []
    for t in doc.timexes:
        event = _lasting_event(doc, t.start, t.end) if t.type == "DATE" else None
        if event is None:
            kept.append(t)
        else:
            doc.extents[event.start] = t
    if doc.extents:
        doc.timexes = kept


def _lasting_event(doc: Doc, start: int, end: int) -> Trigger | None:
    head = span_head(doc, start, end)
    if head is None or doc.tokens[head].dep != "pobj":
        return None
    prep = doc.tokens[head].head
    verb = doc.tokens[prep].head
    if doc.tokens[prep].text.lower() not in _UNTIL or doc.tokens[verb].lemma not in _LASTING:
        return None
    for v in (verb, doc.tokens[verb].head if doc.tokens[verb].dep == "conj" else None):
        if v is None:
            continue
        subjects = [c for c in children(doc, v) if doc.tokens[c].dep in ("nsubj", "nsubjpass")]
        for s in subjects:
            found = doc.within(doc.triggers, doc.tokens[s].start, doc.tokens[s].end)
            if found:
                return found[0]
    return None
