"""Stage: split text into sentences. Reads the text; adds :class:`Sentence` spans.

A sentence ends at ``.``, ``!`` or ``?`` (with closing quotes) followed by white space and
an upper-case letter, digit or opening quote, unless the word before is a known
abbreviation (``Mr.``, ``Dec.``, ``U.S.``); a blank line always ends one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import load_words


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: character offsets into the text (end exclusive) and its text."""

    start: int
    end: int
    text: str


_BOUNDARY = re.compile(
    r"""(?=[.!?\n\t\x20])(?:  # what every boundary starts with: others are skipped at once
        (?P<end>(?<![.!?])[.!?]+["'”’)\]]*)\s+(?=["“‘(]?[A-Z0-9])  # punctuation, space, capital
      | (?P<glued>(?<=[a-z]{3})[.!?]["”]?)(?=["“]?[A-Z][a-z])  # "on Monday.Cho will"
      | \n[ \t]*\n\s*                                    # a blank line
      | (?P<line>(?<![ \t])[ \t]*\n)(?=[ \t]*["“]?[A-Z])  # a headline or caption line
    )""",
    re.VERBOSE,
)
# Runs of punctuation or blanks are matched from their first character only (the leftmost
# match is the same): tried from every character, a long run made splitting quadratic.
_WORD_BEFORE = re.compile(r"(\S+)$")
_CONTINUES = re.compile(
    r"(?:[,;:\-–—(]|\b(?:of|the|and|or|to|in|for|with|a|an|on|at|by|from|will|would|said|as|"
    r"that|is|are|was|were|has|have|had))[ \t]*$|[.!?\"”]$",
    re.IGNORECASE,
)


@cache
def _abbreviations() -> frozenset[str]:
    return load_words("lexicon/abbreviations.txt")


def _is_abbreviation(text: str, cut: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, cut - 40), cut)
    if not m:
        return False
    word = m.group(1).lower().lstrip("(\"'“")
    if word in _abbreviations():
        return True
    # Initials such as "J." or "U.S." (single letters separated by dots).
    return bool(re.fullmatch(r"(?:[a-z]\.)+", word)) and len(word) <= 4


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets; white space between them is dropped."""
    spans: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group("line") is not None:
            if _CONTINUES.search(text, max(0, m.start() - 30), m.start()):
                continue  # a wrapped line: "will\nresume", "Secretary of\nState"
            cut = m.start()
        elif m.group("glued") is not None:
            cut = m.end("glued")
        elif m.group("end") is not None:
            cut = m.start("end") + len(m.group("end"))
            if m.group("end").startswith(".") and _is_abbreviation(text, m.start("end") + 1):
                continue
        else:
            cut = m.start()
        _add(spans, text, start, cut)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


#: Longer than any prose sentence (the longest of ~6,000 in the bench is under 800). A
#: longer span (a table or list on one line, hostile input) is cut at the last white space
#: before the limit: every stage works per sentence and quotes it as evidence, so one
#: 30 KB "sentence" with 2,000 event words took minutes and wrote a 60 MB calendar.
MAX_SENTENCE = 2000


def _add(spans: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        space = max(text.rfind(c, start + 1, start + MAX_SENTENCE) for c in " \n\t")
        cut = space if space > start else start + MAX_SENTENCE
        _add(spans, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append(Sentence(start, end, text[start:end]))
