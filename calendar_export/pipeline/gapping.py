"""Gapped conjuncts: a clause told once and repeated with only new dates and places.

"The first summit was held in Cairo in 1977, the second in Sirte in 2010, and the third
in Kuwait in 2013": the verb and the event word are left out of the second and third
conjuncts, each of which is still an event of its own. The parse hangs such a remnant
(an ordinal, or "one" with an ordinal) on the event's verb, or on another remnant by
``conj``; a remnant that holds a date or a place of its own repeats the event with them.
"""

from __future__ import annotations

from bisect import bisect_left

from .document import Doc, Segment, Trigger
from .syntax import governing_verb, is_verb, subtree_edges, token_at

_ORDINALS = frozenset(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "next",
        "last",
        "latest",
        "previous",
        "following",
    ]
)
#: Work per event word stays bounded on hostile text (issue 15).
MAX_REMNANTS = 12


def remnants(doc: Doc, seg: Segment, trig: Trigger) -> list[tuple[int, int]]:
    """Character spans of the gapped conjuncts after ``trig`` in its clause, in order."""
    t = token_at(doc, trig.start)
    if t is None:
        return []
    verb = governing_verb(doc, trig.start, trig.end)
    anchor = verb if verb is not None else t
    candidates = doc.memo(("remnants", seg.start), lambda: _candidates(doc, seg))
    heads = [i for i in candidates if i > t and _hangs_on(doc, i, anchor)]
    spans = []
    edges = [subtree_edges(doc, r) for r in heads]
    for k, (left, right) in enumerate(edges):
        if k + 1 < len(edges):
            right = edges[k + 1][0]  # up to the next remnant, which its subtree holds
        start, end = doc.tokens[left].start, min(doc.tokens[right - 1].end, seg.end)
        if any(is_verb(doc.tokens[j]) for j in range(left, right)):
            continue
        spans.append((start, end))
    return spans


def _candidates(doc: Doc, seg: Segment) -> list[int]:
    """The clause's remnant heads, found once per clause."""
    if not doc.tokens or seg.sentence not in doc.parsed:
        return []
    starts = doc.memo("token-starts", lambda: [t.start for t in doc.tokens])
    out: list[int] = []
    i = bisect_left(starts, seg.start)
    while i < len(doc.tokens) and doc.tokens[i].start < seg.end and len(out) < MAX_REMNANTS:
        if _is_remnant(doc, i):
            out.append(i)
        i += 1
    return out


def _is_remnant(doc: Doc, i: int) -> bool:
    tok = doc.tokens[i]
    if tok.text.lower() in _ORDINALS:
        return tok.dep in ("npadvmod", "conj", "appos")
    return (
        tok.text.lower() == "one"
        and tok.dep in ("npadvmod", "conj", "appos")
        and any(
            doc.tokens[j].head == i and doc.tokens[j].text.lower() in _ORDINALS
            for j in range(max(0, i - 3), i)
        )
    )


def _hangs_on(doc: Doc, i: int, anchor: int) -> bool:
    """The remnant (after any ``conj`` links to earlier remnants) hangs on ``anchor``."""
    while doc.tokens[i].dep == "conj" and doc.tokens[i].head != i:
        i = doc.tokens[i].head
    return doc.tokens[i].head == anchor
