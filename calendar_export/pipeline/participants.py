"""Stage: people. Reads the text and places; adds :class:`PersonMention` and
:class:`RoleMention` spans.

A person is a run of two or three capitalized words that is not a place, optionally after
a title from ``lexicon/titles.txt`` ("Chinese Foreign Minister Qin Gang"), or a title
and one name ("President Biden"). Later mentions of a surname alone ("Blinken") link to
the full name. An unnamed role ("China's top diplomat", "its president") is kept as a
role to be filled by a named person later.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from ..resources import load_words, read_text
from .alternation import compile_guarded
from .document import Doc, PersonMention, RoleMention
from .syntax import not_a_person

# An apostrophe inside a name (O'Brien, D’Souza), never a possessive's: "Sergei Lavrov’s
# visit" names Sergei Lavrov, and the name ends there.
_NAME_WORD = r"[A-Z](?:[a-z\-]|['’](?!s\b)[A-Za-z])+(?:-[A-Z][a-z]+)?"
_NOT_NAMES = "lexicon/not_names.txt"


@cache
def title_before() -> re.Pattern[str]:
    """A person's title ending right before where it is searched up to ("President ")."""
    titles = "|".join(re.escape(t) for t in _titles())
    return re.compile(rf"(?<![\w.])(?:{titles})\s+$")


@cache
def _titles() -> tuple[str, ...]:
    titles = [
        line.strip()
        for line in read_text("lexicon/titles.txt").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return tuple(sorted(titles, key=len, reverse=True))


@cache
def _person_regex() -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in _titles())
    # A match starts with a capital or a title's first character: a lookahead for those
    # lets the engine pass over every other character at once (4x faster, same matches).
    firsts = "".join(sorted({re.escape(t[0]) for t in _titles() if not "A" <= t[0] <= "Z"}))
    # The words before a title are bounded: unbounded, every capital inside a long run
    # ("AAAA...", "A.A.A...") rescanned the rest of it, quadratic in the run's length.
    return re.compile(
        rf"(?=[A-Z{firsts}])"
        rf"(?:(?:[A-Z][\w.'’-]{{0,30}}\s+){{0,2}}?(?P<title>(?:{titles}))\s+)?"
        rf"(?P<name>{_NAME_WORD}(?:\s+(?:[A-Z]\.\s+)?{_NAME_WORD}){{0,2}})"
        rf"(?P<after>\s+[A-Za-z][\w'’-]*)?"
    )


@cache
def _org_words() -> frozenset[str]:
    return load_words("lexicon/org_words.txt")


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w for t in _titles() for w in t.split())


@cache
def _not_names() -> frozenset[str]:
    return load_words(_NOT_NAMES)


# Behind its first-character guard: most places fail at once (same matches).
_ROLE = compile_guarded(
    r"\b(?:(?P<owner>[A-Z][\w.]{0,30}(?:\s[A-Z]\w+)?)['’]s|(?:its|his|her|their))\s+"
    r"(?P<role>(?:(?:top|chief|new|former|foreign|defen[cs]e|finance|prime|vice|deputy|"
    r"[A-Z][a-z]+)\s+){0,2}(?:diplomat|president|leader|minister|counterpart|premier|"
    r"king|queen|envoy|chancellor|secretary))\b"
)


def find_people(doc: Doc) -> None:
    """Add named people (with titles) and unnamed roles to ``doc``."""
    text = doc.text
    place_spans = sorted((p.start, p.end) for p in doc.places)
    ends = [pe for _, pe in place_spans]
    stop, org_words, title_words = _not_names(), _org_words(), _title_words()
    found: list[PersonMention] = []
    full_names: dict[str, str] = {}
    for m in _person_regex().finditer(text):
        name = m.group("name")
        words = name.split()
        while words and words[0].lower() in stop:
            words = words[1:]
        while words and words[-1].lower() in stop:
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words)
        after = (m.group("after") or "").strip().lower()
        if after in org_words or any(w.lower() in org_words for w in words):
            continue  # "International Convention Center", "Free Trade Commission"
        if any(w.endswith("-") for w in words) or all(w in title_words for w in words):
            continue
        start = m.start("name") + m.group("name").find(words[0])
        end = start + len(name)
        first = bisect_left(ends, start)
        if any(start < pe and ps < end for ps, pe in place_spans[first : first + 3]):
            continue
        title = m.group("title")
        if len(words) >= 2 and not title and not_a_person(doc, start, end):
            continue  # a lone surname links to a full name below; a title makes a person
        if len(words) >= 2:
            full_names.setdefault(words[-1], name)
            full_names.setdefault(words[0], name) if _looks_like_surname_first(words) else None
        found.append(PersonMention(m.start(), end, name, title))
    # Link surname-only mentions to the full name seen anywhere in the article.
    doc.people = [
        PersonMention(p.start, p.end, full_names.get(p.name, p.name), p.title)
        if " " not in p.name
        else p
        for p in found
        if " " in p.name or p.name in full_names or p.title
    ]
    doc.roles = [
        RoleMention(m.start(), m.end(), m.group("role").lower()) for m in _ROLE.finditer(text)
    ]


def _looks_like_surname_first(words: list[str]) -> bool:
    """East Asian names put the family name first (Xi Jinping, Qin Gang, Wang Yi)."""
    return len(words) == 2 and len(words[0]) <= 4
