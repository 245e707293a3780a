"""How event words relate to the words around them, by the parse: one event named
twice (a copula, an apposition), an event used as a point of reference ("before the
summit"), definiteness, the source of a report, which event a verb of postponing is
about, and the date of a decision. Builds on :mod:`.syntax`; each answer is ``None`` or
False for a sentence that was not parsed.
"""

from __future__ import annotations

from .document import Doc
from .syntax import (
    PLACE_LABELS,
    REPORTING,
    ancestors,
    children,
    entity_labels,
    governing_verb,
    is_verb,
    span_head,
    verb_above,
)

_COPULAS = frozenset({"be", "mark", "become", "constitute"})


def restates(doc: Doc, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The event word ``b`` names again the event ``a``, by a copula of which ``a`` is
    the subject or the antecedent of a relative clause: "the virtual meet next week,
    which will mark the first summit of the leaders", "the talks were the first round"."""
    ha, hb = span_head(doc, a[0], a[1]), span_head(doc, b[0], b[1])
    if ha is None or hb is None:
        return False
    if doc.tokens[hb].dep == "appos":  # "one smaller meeting, the Ataxia Conference,"
        return doc.tokens[hb].head == ha
    if doc.tokens[hb].dep not in ("attr", "dobj"):
        return False
    verb = doc.tokens[hb].head
    if doc.tokens[verb].lemma not in _COPULAS:
        return False
    if doc.tokens[verb].dep == "relcl" and doc.tokens[verb].head == ha:
        return True
    subjects = [c for c in children(doc, verb) if doc.tokens[c].dep in ("nsubj", "nsubjpass")]
    if ha in subjects:
        return True
    # "..., which will mark": the parser may hang the clause elsewhere; its relative
    # pronoun still follows the event word's phrase after a comma, with no verb between.
    return any(
        doc.tokens[c].text.lower() == "which"
        and ha < c <= ha + 12
        and doc.tokens[c - 1].text == ","
        and not any(is_verb(doc.tokens[k]) for k in range(ha + 1, c))
        for c in subjects
    )


#: "before the summit", "ahead of the talks", "in the run-up to the visit": the event is
#: the time a clause is placed against, not the clause's time.
_RELATIVE_PREPS = frozenset({"before", "after", "since", "following", "until", "till"})
_RELATIVE_NOUNS = {"of": frozenset({"ahead", "wake", "aftermath", "eve"}),
                   "to": frozenset({"up", "lead-up", "run-up", "prior"})}  # fmt: skip


def reference_point(doc: Doc, event: tuple[int, int]) -> int | None:
    """The head token of the event word when the parse makes it the object of a
    preposition of relative time; None otherwise (or when the sentence is not parsed).
    Asked for each clause's dates and again for its places: answered once."""
    return doc.memo(("reference-point", event), lambda: _reference_point(doc, event))


def _reference_point(doc: Doc, event: tuple[int, int]) -> int | None:
    head = span_head(doc, event[0], event[1])
    if head is None or doc.tokens[head].dep != "pobj":
        return None
    prep = doc.tokens[doc.tokens[head].head]
    word = prep.text.lower()
    if word in _RELATIVE_PREPS:
        return head
    before = _RELATIVE_NOUNS.get(word)
    if before and doc.tokens[prep.head].text.lower() in before:
        return head
    return None


def inside(doc: Doc, start: int, end: int, head: int) -> bool:
    """The span ``[start, end)`` hangs under token ``head`` (or is it)."""
    i = span_head(doc, start, end)
    return i is not None and (i == head or head in ancestors(doc, i))


_DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})


def definiteness(doc: Doc, start: int, end: int) -> bool | None:
    """Whether the noun phrase headed by ``[start, end)`` is definite ("the talks",
    "their meeting", "Xi's visit"), by its determiner or possessor; None when the
    sentence was not parsed or the words are not a noun."""
    head = span_head(doc, start, end)
    if head is None or doc.tokens[head].pos not in ("NOUN", "PROPN"):
        return None
    for c in children(doc, head):
        tok = doc.tokens[c]
        if tok.dep == "poss":
            return True
        if tok.dep == "det":
            return tok.text.lower() in _DEFINITE_DETS
    return False


def in_source(doc: Doc, start: int, end: int) -> bool:
    """The words describe who reports, inside the subject of a reporting verb: "a person
    familiar with the negotiations told ...", "officials involved in the talks said".
    Asked by the clause's event words and by each attachment: answered once."""
    return doc.memo(("in-source", start, end), lambda: _in_source(doc, start, end))


def _in_source(doc: Doc, start: int, end: int) -> bool:
    head = span_head(doc, start, end)
    if head is None:
        return False
    for a in ancestors(doc, head):
        tok = doc.tokens[a]
        if tok.dep in ("nsubj", "nsubjpass"):
            verb = tok.head
            return (
                doc.tokens[verb].lemma in REPORTING
                and tok.start < start
                and any(doc.tokens[c].dep in ("ccomp", "parataxis") for c in children(doc, verb))
            )  # a verb that reports something ("... add to the burden" reports nothing)
        if is_verb(tok):
            return False
    return False


def verb_governs(doc: Doc, cue: tuple[int, int], event: tuple[int, int]) -> bool | None:
    """Whether the verb at ``cue`` ("postponed", "called off") is about the event word:
    the event is one of its arguments or is that verb, or the verb is a relative clause on
    the event ("the talks, which were postponed"). False for a verb of another clause or
    of another noun ("will meet Xi on April 14, rescheduling a visit that was postponed");
    None where the parse cannot tell (unparsed, or the cue is not a verb)."""
    c, e = span_head(doc, cue[0], cue[1]), span_head(doc, event[0], event[1])
    if c is None or e is None or not is_verb(doc.tokens[c]):
        return None
    if c == e:
        return True
    verb = doc.tokens[c]
    if verb.dep in ("relcl", "acl"):
        # "the meeting in Doha, which was cancelled": the parser may hang it on the place
        # in the event's phrase; a place is not what gets cancelled.
        noun = doc.tokens[verb.head]
        on_place = bool(entity_labels(doc, noun.start, noun.end) & PLACE_LABELS)
        return verb.head == e or (on_place and e in ancestors(doc, verb.head))
    if verb_above(doc, e) == c:
        return True  # the event is the verb's own argument, no other verb between
    # "was scheduled to travel in February, but abandoned his plans": a verb joined to
    # the event's own verb
    mine = e if is_verb(doc.tokens[e]) else governing_verb(doc, event[0], event[1])
    if mine is None or mine not in ancestors(doc, c) or verb.dep not in ("xcomp", "conj"):
        return False
    # ... unless the verb has another event as its object ("met ... and decided to
    # postpone hosting the summit": the summit is put off, not the meeting)
    near = doc.within(doc.triggers, doc.tokens[c].start, doc.tokens[c].start + 200)
    return not any(
        not (event[0] <= t.start < event[1]) and inside(doc, t.start, t.end, c) for t in near
    )


#: Verbs that change or cancel an event: a date on one, unless it is the new or old slot
#: ("postponed to May", "moved from Sunday"), is the day of that decision.
_DECISIONS = frozenset({"postpone", "cancel", "delay", "defer", "scrap", "abandon", "suspend"})
_SLOT_PREPS = frozenset({"to", "until", "till", "for", "from", "into"})


def decision_date(doc: Doc, start: int, end: int) -> bool:
    """'a visit that was postponed last week', 'the meeting, cancelled on Monday': the
    date hangs on the verb of the decision (the caller keeps one not yet past: "cancelled
    his trip to Washington this month" is about the trip)."""
    head = span_head(doc, start, end)
    if head is None:
        return False
    tok = doc.tokens[head]
    if tok.dep == "pobj":  # "on Monday": the preposition hangs on the verb
        prep = doc.tokens[tok.head]
        if prep.text.lower() in _SLOT_PREPS:
            return False
        verb = prep.head
    elif tok.dep in ("npadvmod", "advmod", "tmod"):  # "last week"
        verb = tok.head
    else:
        return False  # inside a noun phrase: "their March meeting was postponed"
    return doc.tokens[verb].lemma in _DECISIONS and is_verb(doc.tokens[verb])
