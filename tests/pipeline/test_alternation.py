"""Stage table: an Alternation finds exactly what its joined regex finds, only faster."""

from __future__ import annotations

import random
import re

import pytest

from calendar_export.pipeline.alternation import Alternation, compile_guarded, first_char_guard
from calendar_export.pipeline.status import _cue_scan
from calendar_export.pipeline.tense import _cues
from calendar_export.pipeline.triggers import _series_regex, _trigger_regex

RULES = [
    ("held", r"(?:hold|holds|held) talks"),
    ("talks", r"talks"),
    ("meet", r"meets?|met"),
    ("round", r"(?:a|the) (?-i:round)"),
    ("word", r"\w+day"),  # first characters unknown: tried everywhere
    ("opt", r"(?:very )?(?:big|small) summit"),  # an optional first word
    ("never", r"(?=x)"),  # can match the empty string: left to the joined regex
]


def _same(alt: Alternation, text: str, pos: int = 0, endpos: int | None = None) -> None:
    end = len(text) if endpos is None else endpos
    expected = [(m.span(), m.lastgroup) for m in alt.regex.finditer(text, pos, end)]
    assert [(m.span(), m.lastgroup) for m in alt.finditer(text, pos, endpos)] == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("They held talks and met on Monday.", "the longer rule first at one place"),
        ("HELD TALKS, Talks, MEETS", "either case under IGNORECASE"),
        ("a round, A ROUND, the Round", "a rule's own case-sensitive part"),
        ("a very big summit, a small summit", "an optional first word"),
        ("ſummit? \u212aey talks; İstanbul talks", "Unicode case folding: the joined regex"),
        ("xmeet meetx talksmeet", "word boundaries before and after"),
        ("", "no text"),
    ],
)
def test_same_matches_as_the_joined_regex(text: str, why: str) -> None:
    alt = Alternation(RULES, before=r"\b", after=r"\b", flags=re.IGNORECASE)
    _same(alt, text)
    _same(alt, text, 3, max(3, len(text) - 4))


def test_rules_none_can_index_are_scanned_whole() -> None:
    alt = Alternation([("a", r"\w+day"), ("b", r".x")], before=r"\b", after="")
    _same(alt, "Monday and Tuesday, ax")


@pytest.mark.parametrize(
    "alt",
    [_trigger_regex()[0], _series_regex()[0], _cue_scan()[0], _cues().regex],
    ids=["triggers", "series", "cues", "tense cues"],
)
def test_lexicons_on_random_text(alt: Alternation) -> None:
    words = [
        "meet",
        "met",
        "meetings",
        "visit",
        "talks",
        "summit",
        "will",
        "could",
        "may",
        "May",
        "was",
        "scheduled",
        "to",
        "G20",
        "G-20",
        "APEC",
        "NATO",
        "the",
        "a",
        "hold",
        "held",
        "Talks",
        "WILL",
        "ſummit",
        "Key",
        "not",
        "invited",
        "called",
        "off",
        ",",
        ".",
        "-",
        "'",
        "’",
    ]
    rng = random.Random(6)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(40))
        _same(alt, text)
        _same(alt, text.lower(), 7, len(text) // 2)


@pytest.mark.parametrize(
    ("pattern", "flags", "guard"),
    [
        (r"\b(?:in|to|at)\s+$", re.IGNORECASE, "(?=[ait])"),
        (r"(?i:g20)|APEC", 0, "(?=[AGag])"),  # inline case-insensitivity: both cases
        (r"\w+day", 0, ""),  # any word character: no guard
        (r"(?:the )?summit", 0, "(?=[st])"),
        (r"x?", 0, ""),  # can match nothing: no guard
    ],
)
def test_first_char_guard(pattern: str, flags: int, guard: str) -> None:
    assert first_char_guard(pattern, flags) == guard
    plain, guarded = re.compile(pattern, flags), compile_guarded(pattern, flags)
    for text in ["Talks in Paris, TO Rome; at ", "the G20 and g20, Apec APEC", "Monday summit"]:
        assert [m.span() for m in guarded.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]


SECOND_CHAR_RULES = [
    ("ok", r"ok(?:ay)?"),  # second character known: "o" is tried only before "k"
    ("one", r"x"),  # one character: any second character, or none
    ("rep", r"(?:ab){2,}c|a{0,3}q"),  # repeats, optional ones included
    ("case", r"s(?i:k)y"),  # a case-insensitive second character
    ("look", r"(?=m)m(?!x)n"),  # lookarounds are zero-width
]


def test_second_character_filter_on_random_text() -> None:
    for flags in (0, re.IGNORECASE):
        alt = Alternation(SECOND_CHAR_RULES, before=r"(?<!\w)", after=r"(?!\w)", flags=flags)
        pieces = ["o", "k", "ok", "OK", "okay", "x", "ab", "abab", "c", "q", "aq", "s", "sk"]
        pieces += ["SKy", "s\u212ay", "mn", "MN", "\u212a", "ſ", " ", " ", ",", "ó", "a"]
        rng = random.Random(7)
        for _ in range(400):
            text = "".join(rng.choice(pieces) for _ in range(30))
            _same(alt, text)
            _same(alt, text, 2, max(2, len(text) - 3))
            _same(alt, text, 0, 1)


def test_second_character_filter_keeps_case_when_no_rule_ignores_it() -> None:
    rules = [("g20", r"G-?20"), ("apec", r"APEC|Apec"), ("ab", r"[Aa]b"), ("one", r"Z")]
    alt = Alternation(rules, before=r"(?<![\w-])", after=r"(?![\w-])")
    assert "G2" not in alt._dead
    assert "aP" in alt._dead  # "a" starts "ab" only
    assert "AP" not in alt._dead
    assert "Ab" not in alt._dead
    assert alt._places is not None
    assert alt._places.match("g20") is None  # a lower-case "g" starts no rule
    assert not any(pair.startswith("Z") for pair in alt._dead)  # "Z" alone may match
    pieces = ["G20", "g20", "G-20", "APEC", "apec", "Apec", "ab", "Ab", "AB", "Z", "z"]
    pieces += [" ", " ", ",", "-", "\u212a", "é"]
    rng = random.Random(8)
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(20))
        _same(alt, text)
        _same(alt, text, 1, max(1, len(text) - 2))
