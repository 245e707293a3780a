"""Segments: the guarded clause-break regex finds what the unguarded one finds."""

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
