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
    r"""(?P<end>[.!?]+["'”’)\]]*)\s+(?=["“‘(]?[A-Z0-9])  # punctuation, space, capital
      | \n[ \t]*\n\s*                                    # a blank line
    """,
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"(\S+)$")


@cache
def _abbreviations() -> frozenset[str]:
    return load_words("lexicon/abbreviations.txt")


def _is_abbreviation(text: str, cut: int) -> bool:
    m = _WORD_BEFORE.search(text, 0, cut)
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
        if m.group("end") is not None:
            cut = m.start("end") + len(m.group("end"))
            if m.group("end").startswith(".") and _is_abbreviation(text, m.start("end") + 1):
                continue
        else:
            cut = m.start()
        _add(spans, text, start, cut)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Sentence(start, end, text[start:end]))
