"""The host as the venue: "Chinese President Xi Jinping will host a summit of ...",
"a forum hosted by Kenya", "Spain is hosting the talks".

The parse says who hosts: the subject of "host" when the event word is its object (or a
conjunct of it), the agent of "hosted by" hanging on the event word. A place in that
phrase is the venue's country or city; a person there hosts in their own country, read
off their title ("Chinese President") or a possessive ("Brazil's Lula") anywhere in the
article. Where nothing says otherwise, the event is taken to be there (inferred).
"""

from __future__ import annotations

from ..models import Place
from .document import Doc, PersonMention, PlaceMention, Trigger
from .lookup import country_place
from .lookup import demonyms as demonyms_table
from .syntax import children, span_head, subtree_edges

_HOST = "host"


def host_of(doc: Doc, trig: Trigger) -> tuple[int, int] | None:
    """Character span of the phrase that hosts the event word, by the parse."""
    head = span_head(doc, trig.start, trig.end)
    if head is None:
        return None
    i = head
    while doc.tokens[i].dep == "conj" and doc.tokens[i].head != i:
        i = doc.tokens[i].head
    tok = doc.tokens[i]
    verb = doc.tokens[tok.head]
    if tok.dep == "dobj" and verb.lemma == _HOST:
        v = tok.head
        subject = [c for c in children(doc, v) if doc.tokens[c].dep == "nsubj"]
        if not subject and verb.dep == "conj":  # "holds the chair ... and will host"
            subject = [c for c in children(doc, verb.head) if doc.tokens[c].dep == "nsubj"]
        return _phrase(doc, subject[0]) if subject else None
    for c in children(doc, head):
        if doc.tokens[c].dep == "acl" and doc.tokens[c].lemma == _HOST:
            agent = [a for a in children(doc, c) if doc.tokens[a].dep == "agent"]
            objects = [o for a in agent for o in children(doc, a) if doc.tokens[o].dep == "pobj"]
            return _phrase(doc, objects[0]) if objects else None
    return None


def hosted_at(doc: Doc, trig: Trigger) -> tuple[PlaceMention | None, Place | None]:
    """The host's place as said (a place in the host phrase), or else the country of the
    person who hosts (inferred): at most one of the two."""
    span = host_of(doc, trig)
    if span is None:
        return None, None
    start, end = span
    said = [p for p in doc.within(doc.places, start, end) if p.role != "dateline"]
    if said:
        return said[0], None
    people = doc.within(doc.people, start - 60, end)
    host = next((p for p in people if start <= p.end <= end), None)
    if host is None:
        return None, None
    country = nationality(doc, host.name)
    return None, country_place(country) if country else None


def nationality(doc: Doc, name: str) -> str | None:
    """The country a person's title or a possessive names in any mention of them."""
    return doc.memo(("nationality", name), lambda: _nationality(doc, name))


def _nationality(doc: Doc, name: str) -> str | None:
    demonyms = demonyms_table()
    for p in _mentions(doc).get(name, ()):
        for word, country in _words_before(doc, p):
            if word in demonyms:
                return demonyms[word]
            if country is not None:
                return country
    return None


def _mentions(doc: Doc) -> dict[str, list[PersonMention]]:
    """Each person's mentions, indexed once per article (not a scan per host)."""

    def index() -> dict[str, list[PersonMention]]:
        out: dict[str, list[PersonMention]] = {}
        for p in doc.people:
            out.setdefault(p.name, []).append(p)
        return out

    return doc.memo("people-by-name", index)


def _words_before(doc: Doc, p: PersonMention) -> list[tuple[str, str | None]]:
    """The words of the mention's title, and a country named right before it ("Brazil's
    Jair Bolsonaro"): (word, None) or ("", country)."""
    text = doc.text
    name_at = text.find(p.name.split()[0], p.start, p.end)
    title = text[p.start : name_at if name_at >= 0 else p.start].split()
    out: list[tuple[str, str | None]] = []
    for k in range(len(title)):
        out.append((title[k], None))
        if k + 1 < len(title):
            out.append((f"{title[k]} {title[k + 1]}", None))
    before = [q for q in doc.within(doc.places, p.start - 40, p.start) if q.level == "country"]
    if before and text[before[-1].end : p.start].strip() in ("'s", "’s"):
        out.append(("", before[-1].place.country))
    return out


def _phrase(doc: Doc, i: int) -> tuple[int, int]:
    """Characters of token ``i`` with the words before it that hang on it (a subject's
    titles and possessor)."""
    left, _ = subtree_edges(doc, i)
    return doc.tokens[left].start, doc.tokens[i].end
