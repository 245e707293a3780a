"""Guarded regexes (clause breaks, unnamed roles) find what they find unguarded."""

from __future__ import annotations

import random
import re

from calendar_export.pipeline.document import _SEGMENT_BREAK, _SEGMENT_GUARD

WORDS = ["but", "and", "after", "as", "as early", "as a result", "before", "because", "since"]
WORDS += ["when", "while", "will", "could", "The", "Talks", "But", "well", "soon", "long"]
WORDS += ["they", "met", "was", ",", ";", ":", '"', "“", "\n", "  ", "\t", "x"]


def test_same_breaks_as_without_the_guard() -> None:
    assert _SEGMENT_BREAK.pattern.startswith(_SEGMENT_GUARD)
    plain = re.compile("(?=[,;:\\s])" + _SEGMENT_BREAK.pattern[len(_SEGMENT_GUARD) :])
    rng = random.Random(9)
    for _ in range(500):
        text = "".join(rng.choice(WORDS) + rng.choice(["", " ", "  ", ", "]) for _ in range(25))
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in _SEGMENT_BREAK.finditer(text)] == expected, text


def test_role_regex_finds_what_it_finds_unguarded() -> None:
    from calendar_export.pipeline.alternation import first_char_guard
    from calendar_export.pipeline.participants import _ROLE

    guard = _ROLE.pattern[: len(_ROLE.pattern) - len(_ROLE.pattern.split(")", 1)[1])]
    assert guard == first_char_guard(_ROLE.pattern[len(guard) :])
    plain = re.compile(_ROLE.pattern[len(guard) :])
    words = ["China's", "its", "his", "Her", "their", "top", "diplomat", "Foreign", "minister"]
    words += ["U.S.", "president", "The", "new", "king", "'s", "x", "IT'S", "Its"]
    rng = random.Random(10)
    for _ in range(500):
        text = " ".join(rng.choice(words) for _ in range(20))
        assert [m.span() for m in _ROLE.finditer(text)] == [m.span() for m in plain.finditer(text)]
