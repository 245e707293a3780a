"""Stage: the dependency parse and named entities. Reads sentences and event words; adds
:class:`~.document.Token` and :class:`~.document.Entity` spans to the :class:`~.document.Doc`.

Only what frames read is parsed: the sentences that hold an event word, and the headline
zone. An article with no event word stops before this stage and never loads the model.
Sentences are parsed in one ``nlp.pipe`` batch; a sentence longer than
:data:`MAX_SENTENCE` characters (a run with no full stop: a list, a table, hostile
input) is left unparsed, and its frames fall back to the clause heuristics, so the cost
of the stage stays linear in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from .document import Doc, Entity, Segment, Token
from .nlp import LEMMATIZER, load_model
from .syntax import is_verb, token_at

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token as SpacyToken

#: The longest sentence parsed, in characters (news sentences are under 400).
MAX_SENTENCE = 1200
#: At most this many characters of an article are parsed (a 128 KiB article of event
#: words would otherwise be parsed whole).
MAX_PARSED = 24_000


def sentences_to_parse(doc: Doc) -> list[int]:
    """Indexes of the sentences that hold an event word or stand in the headline zone."""
    starts = [s.start for s in doc.sentences]
    wanted = {bisect_right(starts, t.start) - 1 for t in doc.triggers} - {-1}
    if wanted:
        wanted |= set(doc.headlines)
    out, budget = [], MAX_PARSED
    for i in sorted(wanted):
        size = len(doc.sentences[i].text)
        if size > MAX_SENTENCE or size > budget:
            continue
        budget -= size
        out.append(i)
    return out


def parse(doc: Doc, model: str | None = None) -> None:
    """Add tokens (with heads, dependency labels, tags and lemmas) and entities."""
    wanted = sentences_to_parse(doc)
    if not wanted:
        return
    nlp = load_model(model)
    lemma = _lemmatizer(nlp)
    texts = [doc.sentences[i].text for i in wanted]
    for i, parsed in zip(wanted, nlp.pipe(texts), strict=True):
        offset = doc.sentences[i].start
        base = len(doc.tokens)
        for tok in parsed:
            start = offset + tok.idx
            doc.tokens.append(
                Token(
                    start=start,
                    end=start + len(tok.text),
                    text=tok.text,
                    lemma=lemma(tok),
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=base + tok.head.i,
                    sentence=i,
                )
            )
        for ent in parsed.ents:
            doc.entities.append(Entity(offset + ent.start_char, offset + ent.end_char, ent.label_))
    doc.parsed = frozenset(wanted)
    doc.segments = _clauses(doc)


#: The parts of speech whose lemma the frames ask for (verbs of saying, hosting, lasting,
#: deciding; nouns such as "sidelines"); other words keep their lower-case text.
_LEMMATIZED = frozenset({"VERB", "AUX", "NOUN"})


@cache
def _lemmatizer(nlp: Language) -> Callable[[SpacyToken], str]:
    """A token's lemma: the model's own rule lemmatizer, run on the words that need one."""
    if LEMMATIZER not in nlp.disabled:
        return lambda tok: tok.lemma_.lower()
    rules = nlp.get_pipe(LEMMATIZER)
    # The rules read the word, its tag and part of speech (and the features the tag
    # sets): a word's lemma is computed once per process.
    known: dict[tuple[str, str, str], str] = {}

    def lemma(tok: SpacyToken) -> str:
        if tok.lemma_:  # set by the attribute ruler ("been" -> "be")
            return tok.lemma_.lower()
        if tok.pos_ not in _LEMMATIZED:
            return tok.lower_
        key = (tok.text, tok.tag_, tok.pos_)
        found = known.get(key)
        if found is None:
            rule = rules.rule_lemmatize(tok)  # type: ignore[attr-defined]
            found = (rule[0] if rule else tok.text).lower()
            if len(known) < _KNOWN_LEMMAS:
                known[key] = found
        return found

    return lemma


#: Lemmas remembered per process (a news vocabulary's verbs and nouns fit).
_KNOWN_LEMMAS = 200_000


#: Words that join clauses but may join phrases instead ("Vanuatu and Fiji this week
#: is ...", "after the summit"): a segment break at one stands only when the parse says
#: a clause starts there.
_COORDINATORS = frozenset({"and", "but", "or"})


def _clauses(doc: Doc) -> list[Segment]:
    """The segments of :func:`~.document.make_doc`, with breaks at "and" kept only where
    the parse has a verb conjoined there: a list of nouns is one clause."""
    out: list[Segment] = []
    for seg in doc.segments:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.sentence == seg.sentence
            and seg.sentence in doc.parsed
            and not _clause_break(doc, prev.end, seg.start)
        ):
            out[-1] = Segment(prev.start, seg.end, seg.sentence)
        else:
            out.append(seg)
    return out


def _clause_break(doc: Doc, start: int, end: int) -> bool:
    """Whether the break text ``[start, end)`` opens a clause, by the parse."""
    word = re.search(r"[A-Za-z]+", doc.text[start:end])
    if word is None or word.group().lower() not in _COORDINATORS:
        return True  # punctuation and subordinators: as the clause splitter says
    i = token_at(doc, start + word.start())
    if i is None:
        return True
    head = doc.tokens[i].head
    return any(
        t.dep == "conj" and t.head == head and is_verb(t) and t.start > doc.tokens[i].start
        for t in doc.tokens[i : i + 40]
    )
