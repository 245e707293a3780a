"""Questions frames ask of the parse: which word heads a span, which verb governs it, what
an entity is. Reads :attr:`Doc.tokens` and :attr:`Doc.entities` (the parse stage's); each
answer is ``None`` or empty for a sentence that was not parsed, and the caller falls back
to its clause heuristics.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import pairwise

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
    """A verb that makes a clause: not an auxiliary, nor a participle used as a
    preposition ("including", "following")."""
    return tok.pos in ("VERB", "AUX") and tok.dep not in ("aux", "prep")


def governing_verb(doc: Doc, start: int, end: int) -> int | None:
    """The nearest verb above the span ``[start, end)`` (the span's own head if a verb)."""
    head = span_head(doc, start, end)
    if head is None:
        return None
    if is_verb(doc.tokens[head]) and not (start <= doc.tokens[head].start < end):
        return head
    return verb_above(doc, head)


def verb_above(doc: Doc, i: int) -> int | None:
    """The nearest verb above token ``i``."""
    return next((a for a in ancestors(doc, i) if is_verb(doc.tokens[a])), None)


def subtree_edges(doc: Doc, i: int) -> tuple[int, int]:
    """The first token under token ``i`` (or ``i``) and one past the last: its phrase."""
    sentence = doc.tokens[i].sentence

    def under(j: int) -> bool:
        return doc.tokens[j].sentence == sentence and i in ancestors(doc, j)

    left, right = i, i + 1
    while left > 0 and under(left - 1):
        left -= 1
    while right < len(doc.tokens) and under(right):
        right += 1
    return left, right


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


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def not_a_place(doc: Doc, start: int, end: int, level: str) -> bool:
    """NER says a town or region the gazetteer matched is no place: a person (a surname
    that is also a town), or a capitalised common word no entity covers (the towns of
    "Most" or "Split" at the head of a sentence). Countries, venues and unparsed
    sentences keep every match."""
    if level not in ("city", "region") or token_at(doc, start) is None:
        return False  # a country's name is no one's (the small model calls Vanuatu a PERSON)
    labels = entity_labels(doc, start, end)
    if labels & PLACE_LABELS:
        return False
    if "PERSON" in labels:
        return not _after_locative(doc, start, end)
    i = token_at(doc, start)
    words = []
    while i is not None and i < len(doc.tokens) and doc.tokens[i].start < end:
        words.append(doc.tokens[i])
        i += 1
    return not any(t.pos == "PROPN" for t in words)


_LOCATIVE = frozenset({"in", "at", "to", "from", "near", "outside", "inside", "into"})


def _after_locative(doc: Doc, start: int, end: int) -> bool:
    """The name is the object of a preposition of place ("held in Dakar", "flew to
    Kigali"): the small model's PERSON there is its slip, not a surname."""
    head = span_head(doc, start, end)
    if head is None or doc.tokens[head].dep != "pobj":
        return False
    return doc.tokens[doc.tokens[head].head].text.lower() in _LOCATIVE


def not_a_person(doc: Doc, start: int, end: int) -> bool:
    """NER has no PERSON in a capitalised run, and another entity covers it whole (an
    organisation, a country) or it stands inside quotation marks (a theme's capitalised
    words, "Global Development"). A PERSON anywhere in it, no entity at all, or another
    entity over a part only ("Ana [Reyes]" as ORG, the small model's slip), keeps it."""
    if token_at(doc, start) is None:
        return False
    found = [e for e in doc.within(doc.entities, start - 200, end) if e.end > start]
    if any(e.label == "PERSON" for e in found):
        return False
    return any(e.start <= start and end <= e.end for e in found) or _quoted(doc, start)


def _quoted(doc: Doc, start: int) -> bool:
    """``start`` stands inside quotation marks that open in its sentence around a title:
    a theme's or a slogan's capitalised words ("under the theme 'Foster ... Development'"),
    not quoted speech, whose words are mostly lower-case and may name people."""
    sent = doc.sentences[doc.tokens[token_at(doc, start) or 0].sentence]
    before = doc.text[sent.start : start]
    opened = max(before.rfind("“"), before.rfind('"') if before.count('"') % 2 else -1)
    if opened < 0 or before.count("“") < before.count("”") + (before[opened] == "“"):
        return False
    closes = [i for i in (doc.text.find(q, start, sent.end) for q in '”"') if i >= 0]
    quoted = doc.text[sent.start + opened + 1 : min(closes, default=sent.end)]
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", quoted) if w.lower() not in _SMALL]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


_SMALL = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "with",
        "by",
        "from",
        "into",
    ]
)


def children(doc: Doc, i: int) -> list[int]:
    """The tokens whose head is token ``i`` (its sentence only)."""
    sent = doc.tokens[i].sentence
    lo = i
    while lo > 0 and doc.tokens[lo - 1].sentence == sent:
        lo -= 1
    out, j = [], lo
    while j < len(doc.tokens) and doc.tokens[j].sentence == sent:
        if doc.tokens[j].head == i and j != i:
            out.append(j)
        j += 1
    return out


def quote_source(doc: Doc, start: int, end: int, event: tuple[int, int]) -> bool:
    """The person ``[start, end)`` only reports the event: the subject of a reporting
    verb (by the parse, or standing right before "said"), where the event's own clause
    names its subject or the event is that subject ("the summit will be held online,
    spokesperson Liu Wen said"). Not "Reyes said she would meet ...", where the pronoun
    may be the speaker."""
    head, e = span_head(doc, start, end), token_at(doc, event[0])
    if head is None or e is None:
        return False
    tok = doc.tokens[head]
    speaks = tok.dep in ("nsubj", "nsubjpass") and doc.tokens[tok.head].lemma in REPORTING
    if not (speaks or _SAID_AFTER.match(doc.text, end)):
        return False
    if doc.tokens[e].dep in ("nsubj", "nsubjpass"):
        return True  # "the summit will be held ...": the event is its clause's subject
    verb = e if is_verb(doc.tokens[e]) else governing_verb(doc, event[0], event[1])
    if verb is None or (speaks and verb == tok.head):
        return False
    return any(
        doc.tokens[c].dep in ("nsubj", "nsubjpass") and doc.tokens[c].pos != "PRON"
        for c in children(doc, verb)
    )


_SAID_AFTER = re.compile(r",?\s+(?:said|says|told|added)\b")


#: Prepositions that make an event the occasion of another: "a visit to Korea for the
#: summit", "talks at the summit", "during the visit", "on the sidelines of the forum".
_OCCASION_PREPS = frozenset({"for", "at", "during", "of", "on", "ahead", "before"})


def occasion_of(doc: Doc, event: tuple[int, int], other: tuple[int, int]) -> bool:
    """The parse hangs ``other`` (an event word) under a preposition of occasion that
    hangs on ``event``, within two steps: "Xi's expected visit to Korea for next month's
    APEC summit", "met on the sidelines of the G20 summit"."""
    head = span_head(doc, other[0], other[1])
    if head is None or token_at(doc, event[0]) is None:
        return False
    prep = doc.tokens[head].head
    if doc.tokens[head].dep != "pobj" or doc.tokens[prep].lemma not in _OCCASION_PREPS:
        return False
    for step, a in enumerate(ancestors(doc, head)):
        if step > 3:
            return False
        if event[0] <= doc.tokens[a].start < event[1]:
            return doc.tokens[prep].lemma != "of" or _sidelines(doc, prep)
    return False


def _sidelines(doc: Doc, prep: int) -> bool:
    """'of' makes an occasion only after sidelines, margins or fringes."""
    noun = doc.tokens[doc.tokens[prep].head]
    return noun.lemma in ("sideline", "sidelines", "margin", "margins", "fringe", "fringes")


def subject_holding(doc: Doc, inner: tuple[int, int], verb: tuple[int, int]) -> int | None:
    """The head of the subject of the verb at ``verb`` when ``inner`` lies inside it
    ("Leaders of the Group of 20 will meet", "NATO defence ministers will gather")."""
    head, v = span_head(doc, inner[0], inner[1]), token_at(doc, verb[0])
    if head is None or v is None:
        return None
    path = [head, *ancestors(doc, head)]
    for a, b in pairwise(path):
        if b == v:
            return a if doc.tokens[a].dep in ("nsubj", "nsubjpass") else None
    return None
