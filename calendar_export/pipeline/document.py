"""The document the stages share, and the small spans they add to it.

Stages read the article and earlier stages' spans and add their own; nothing here
reads the clock.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Protocol, TypeVar

from ..models import Article, Place, Timex
from .sentences import Sentence, split_sentences

T = TypeVar("T")


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


@dataclass(frozen=True, slots=True)
class Segment:
    """A clause-like part of a sentence (split at ", and", ";", ", but", ...)."""

    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that names an event: ``meet``, ``summit``, ``G20``, ``talks``..."""

    start: int
    end: int
    kind: str
    pos: str
    series: str | None = None
    series_title: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A gazetteer match. ``role`` is location (after in/to/at...), actor or other."""

    start: int
    end: int
    place: Place
    role: str
    level: str  # venue | city | region | country


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named in the text, linked to the fullest form of their name."""

    start: int
    end: int
    name: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class RoleMention:
    """An unnamed person described by role: "China's top diplomat", "its president"."""

    start: int
    end: int
    role: str


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a parsed sentence: its lemma, tags, and the index of its syntactic head
    in :attr:`Doc.tokens` (a root is its own head)."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity of a parsed sentence: PERSON, ORG, GPE, LOC, FAC, NORP, DATE, ..."""

    start: int
    end: int
    label: str


@dataclass
class Doc:
    """One article and everything the stages found in it."""

    article: Article
    sentences: list[Sentence]
    segments: list[Segment] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)
    headlines: frozenset[int] = frozenset()
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    parsed: frozenset[int] = frozenset()  # the sentences that have tokens
    extents: dict[int, Timex] = field(default_factory=dict)  # event word start -> last day
    _memo: dict[object, Any] = field(default_factory=dict)

    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """Compute once per document what several stages ask for (cues of a sentence)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def within(self, items: list[S], start: int, end: int) -> list[S]:
        """The spans of ``items`` (one of this document's lists) that start in
        ``[start, end)``, in their order: a bisection when the list is sorted by start.

        Stages ask this for every clause and event word; a scan of the whole list each
        time made clause analysis quadratic in the article's length.
        """
        index = self._starts(items)
        if index is None:
            return [x for x in items if start <= x.start < end]
        return items[bisect_left(index, start) : bisect_left(index, end)]

    def first_from(self, items: list[S], start: int) -> S | None:
        """The first span of ``items`` that starts at or after ``start``: a bisection when
        the list is sorted by start (a scan from the front, once per date, was quadratic)."""
        index = self._starts(items)
        if index is None:
            return next((x for x in items if x.start >= start), None)
        i = bisect_left(index, start)
        return items[i] if i < len(items) else None

    def _starts(self, items: list[S]) -> list[int] | None:
        """The starts of ``items``, kept while the list is unchanged; ``None`` when the list
        is not sorted by start."""
        key = ("starts", id(items))
        entry = self._memo.get(key)
        if entry is None or entry[0] is not items or entry[1] != len(items):
            starts = [x.start for x in items]
            ordered = all(a <= b for a, b in pairwise(starts))
            entry = (items, len(items), starts if ordered else None)
            self._memo[key] = entry  # holds the list: its id is not reused meanwhile
        return entry[2]

    @property
    def text(self) -> str:
        return self.article.text


# Every break starts with a comma, a semicolon, a colon or white space, and a break at white
# space has "but", "and", "after", "as", "before", "because", "since" or "when" after it:
# the lookahead first makes the engine skip other places at once (same matches).
_SEGMENT_GUARD = r"(?=[,;:]|\s+[abws])"
_SEGMENT_BREAK = re.compile(
    _SEGMENT_GUARD + r"(?:"
    r",\s+(?:and|but|while|whereas|although|though|where)\s+(?=[A-Za-z])"
    r"|;\s+|\s+but\s+|:\s+(?=[A-Z\"“])"
    r"|(?=\s)(?<!early)(?<!soon)(?<!late)(?<!well)(?<!much)(?<!many)(?<!long)(?<!far)(?<!such)"
    r"\s+(?=(?:after|before|since|when|because|as(?!\s+(?:early|soon|late|of|well|part|many|much|"
    r"long|far|a\s+result)\b))\s)"
    r"|\s+and\s+(?=(?:[\w'’-]+\s+){1,3}(?:will|would|are|is|were|was|have|has|had|could|may)\b)"
    r")"
)


def make_doc(article: Article) -> Doc:
    """Split the article into sentences and clause-like segments."""
    doc = Doc(article=article, sentences=split_sentences(article.text))
    doc.headlines = _headlines(doc)
    for i, s in enumerate(doc.sentences):
        start = s.start
        for m in _SEGMENT_BREAK.finditer(article.text, s.start, s.end):
            doc.segments.append(Segment(start, m.start(), i))
            start = m.end()
        doc.segments.append(Segment(start, s.end, i))
    return doc


#: The most words a headline, kicker or caption has; a longer unpunctuated first line is
#: body text that lost its full stop (and a headline is weighed against every event).
_HEADLINE_WORDS = 60


def _headlines(doc: Doc) -> frozenset[int]:
    """Sentences before the body that end without punctuation: headline, kicker, caption."""
    out = set()
    for i, s in enumerate(doc.sentences[:4]):
        if s.text.rstrip()[-1:] in ".!?\"”'’)":
            break
        if 4 <= len(s.text.split()) <= _HEADLINE_WORDS:
            out.add(i)
    return frozenset(out | _standfirsts(doc))


_OPENING_WORDS = 8


def _standfirsts(doc: Doc) -> set[int]:
    """A lead sentence the body restates: the standfirst, whose first words open a later
    sentence again ("Modi will join Putin ... next week." and, below, "Modi will join
    Putin ... next week, which will mark ...")."""

    def opening(text: str) -> tuple[str, ...]:
        words = _WORD.findall(text)  # a bullet or quotation mark before it does not count
        return tuple(w.lower() for w in words[:_OPENING_WORDS])

    lead: dict[tuple[str, ...], int] = {}
    for i, s in enumerate(doc.sentences[:_LEAD_SENTENCES]):
        if len(s.text.split()) >= _OPENING_WORDS:
            lead.setdefault(opening(s.text), i)
    out = set()
    for j, s in enumerate(doc.sentences[1:], start=1):
        first = lead.get(opening(s.text))
        if first is not None and first < j:
            out.add(first)
    return out


_LEAD_SENTENCES = 12
_WORD = re.compile(r"[\w'’-]+")


PLACE_LEVELS = ("venue", "city", "region", "country")


def level_rank(level: str | None) -> int:
    """0 for a venue, growing to a country: lower is more specific (unknown: a country)."""
    return PLACE_LEVELS.index(level) if level in PLACE_LEVELS else len(PLACE_LEVELS) - 1
