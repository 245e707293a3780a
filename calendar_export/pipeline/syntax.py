"""Questions frames ask of the parse: which word heads a span, which verb governs it, what
an entity is. Reads :attr:`Doc.tokens` and :attr:`Doc.entities` (the parse stage's); each
answer is ``None`` or empty for a sentence that was not parsed, and the caller falls back
to its clause heuristics.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from .document import Doc, Token

#: Verbs of saying and reporting: a date or place under one dates or places the report,
#: not the event ("..., her office said on Monday", "announced yesterday", "warned a week
#: ago"), and a person under one is its source.
REPORTING = frozenset(
    [
        "say",
        "tell",
        "announce",
        "warn",
        "confirm",
        "report",
        "add",
        "state",
        "note",
        "write",
        "claim",
        "insist",
        "explain",
        "stress",
        "reiterate",
        "disclose",
        "reveal",
        "brief",
        "declare",
        "acknowledge",
        "comment",
        "quote",
    ]
)


def token_at(doc: Doc, char: int) -> int | None:
    """The index of the token covering character ``char``, if its sentence was parsed."""
    if not doc.tokens:
        return None
    starts = doc.memo("token-starts", lambda: [t.start for t in doc.tokens])
    i = bisect_right(starts, char) - 1
    if i < 0:
        return None
    tok = doc.tokens[i]
    return i if tok.start <= char < max(tok.end, tok.start + 1) else None


def span_head(doc: Doc, start: int, end: int) -> int | None:
    """The token of ``[start, end)`` whose head lies outside it: the span's syntactic head."""
    first = token_at(doc, start)
    if first is None:
        return None
    i, best = first, first
    while i < len(doc.tokens) and doc.tokens[i].start < end:
        head = doc.tokens[i].head
        if not (start <= doc.tokens[head].start < end) or head == i:
            return i
        best = i
        i += 1
    return best


def ancestors(doc: Doc, i: int) -> Iterator[int]:
    """The heads above token ``i``, nearest first, up to the sentence's root."""
    seen = 0
    while doc.tokens[i].head != i and seen < 64:
        i = doc.tokens[i].head
        seen += 1
        yield i


def is_verb(tok: Token) -> bool:
    return tok.pos in ("VERB", "AUX") and tok.dep != "aux"


def governing_verb(doc: Doc, start: int, end: int) -> int | None:
    """The nearest verb above the span ``[start, end)`` (the span's own head if a verb)."""
    head = span_head(doc, start, end)
    if head is None:
        return None
    if is_verb(doc.tokens[head]) and not (start <= doc.tokens[head].start < end):
        return head
    return next((a for a in ancestors(doc, head) if is_verb(doc.tokens[a])), None)


def dominates(doc: Doc, top: int, i: int) -> bool:
    """Token ``top`` is ``i`` or one of its ancestors."""
    return top == i or top in ancestors(doc, i)


def under_report(doc: Doc, start: int, end: int, event: tuple[int, int]) -> bool:
    """The span hangs on a reporting verb before it reaches the event word ``event``
    (character offsets): "will travel ... for talks, her office said on Monday" (Monday
    is the saying's), but not "said the talks would be held on Monday" nor "announced a
    meeting on Monday" parsed with the date under "meeting"."""
    head = span_head(doc, start, end)
    if head is None or token_at(doc, event[0]) is None:
        return False
    for a in ancestors(doc, head):
        tok = doc.tokens[a]
        if event[0] <= tok.start < event[1]:
            return False
        if is_verb(tok):
            # "met X on Tuesday, a spokesman told ...": a date between the event word and
            # a reporting clause that follows them is the event's, wherever the parser
            # hung it.
            return tok.lemma in REPORTING and not (event[0] < start and end <= tok.start)
    return False


def entity_labels(doc: Doc, start: int, end: int) -> set[str]:
    """Labels of the entities that overlap ``[start, end)``."""
    return {e.label for e in doc.within(doc.entities, start - 200, end) if e.end > start}
