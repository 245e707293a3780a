"""The openings of a rule's matches, and the scanner that tries only the rules they allow.

Leaving a rule out is safe only when it could not have matched there: the scanner must
find exactly what trying every rule that starts with the same character finds.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_export.pipeline.temporal.prefixes import ALPHABET, prefixes
from calendar_export.pipeline.temporal.resolvers import resolver_table
from calendar_export.pipeline.temporal.rules import scanner
from calendar_export.pipeline.temporal.tagger import _WORD_START


@pytest.mark.parametrize(
    ("pattern", "full", "short", "why"),
    [
        ("ab", set(), {"ab"}, "a match shorter than the depth is a short opening"),
        ("abcd", {"abc"}, set(), "a longer match opens with its first characters"),
        ("(?:the\\s+)?q[1-2]", {"the"}, {"q1", "q2"}, "an optional start gives both openings"),
        ("a\\d", set(), {"a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"}, "a class"),
        ("x\\s+y", {"x y", "x  "}, set(), "all white space reads as one space"),
        ("(?<=on )the", {"the"}, set(), "an assertion is read as true (over-approximation)"),
        ("(?P<s>[/-])1(?P=s)", set(), {"/1", "-1"}, "after a back-reference anything may follow"),
        ("(?:ab)*c", {"abc", "aba"}, {"c"}, "a repetition may be left at once or taken again"),
    ],
)
def test_openings(pattern: str, full: set[str], short: set[str], why: str) -> None:
    opened = prefixes(pattern, depth=3, alphabet=ALPHABET)
    assert opened.full == full, why
    assert opened.short == short, why


def test_a_crowded_opening_is_read_deeper() -> None:
    opened = prefixes(
        "the\\s+(?:end|past)|then", depth=3, alphabet=ALPHABET, crowded=frozenset({"the"}), deeper=6
    )
    assert opened.full == {"the en", "the pa", "the  e", "the  p", "the   "}
    assert opened.short == {"then"}


SCAN = scanner(frozenset(resolver_table()))
_WORDS = [
    "the", "end", "of", "last", "this", "third", "quarter", "week", "may", "May", "1998", "'98",
    "3:30", "p.m.", "a.m.", "noon", "2013-03-22", "10/31/1974", "q3", "fy2024", "mid", "-",
    "late", "early", "ago", "earlier", "next", "two", "twenty-five", "days", "1990s", "90s",
    "monday", "tues.", "sept.", "1st", "22nd", "of", "at", "on", "in", "now", "½", "–", "year",
    "christmas", "eve", "summer", "tonight", "every", "15h30", "0800", "gmt", "utc", "o'clock",
]  # fmt: skip
_GAPS = [" ", "  ", "\n", "\u00a0", ", ", ".", "-", "/", "", "\t", " (", "'s "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=14))
def test_the_scanner_finds_what_every_rule_finds(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in pieces).lower()
    for word in _WORD_START.finditer(text):
        start = word.start()
        everyone = SCAN.at(text[start]).match(text, start)
        regex = SCAN.opening(text, start)
        chosen = regex.match(text, start) if regex is not None else None
        expected = (everyone.lastgroup, everyone.span()) if everyone else None
        found = (chosen.lastgroup, chosen.span()) if chosen else None
        assert found == expected, text


@pytest.mark.parametrize("text", ["the", "th", "the ye", "last", "this", "in the end of"])
def test_a_text_may_end_inside_a_crowded_opening(text: str) -> None:
    for word in _WORD_START.finditer(text):
        everyone = SCAN.at(text[word.start()]).match(text, word.start())
        regex = SCAN.opening(text, word.start())
        chosen = regex.match(text, word.start()) if regex is not None else None
        assert (chosen and chosen.span()) == (everyone and everyone.span())
