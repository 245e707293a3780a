"""Stage table: tense and modality of the clause around a span."""

from __future__ import annotations

import pytest

from calendar_export.pipeline.tense import clause_tense


def _tense(text: str, words: str) -> tuple[str, bool, str]:
    start = text.index(words)
    reading = clause_tense(text, start, start + len(words))
    return reading.tense, reading.shifted, reading.cue


@pytest.mark.parametrize(
    ("text", "words", "tense", "shifted"),
    [
        ("Blinken will meet the minister on Monday.", "Monday", "future", False),
        ("On Sunday, Blinken held talks with Qin.", "Sunday", "past", False),
        ("I think so, Biden told reporters on Saturday.", "Saturday", "past", False),
        ("A bomb ripped through a building next to the embassy Friday.", "Friday", "past", False),
        (
            "He was originally scheduled to travel in February, but abandoned it.",
            "February",
            "past",
            True,
        ),
        (
            "They are expected to attend the upcoming summit in September.",
            "September",
            "future",
            False,
        ),
        ("Xi is invited to visit San Francisco in November.", "November", "future", False),
        ("He hoped to meet Xi again after their meeting in November.", "November", "past", False),
        ("He said he would visit in May.", "May", "past", True),
        ("The summit opens in May.", "May", "unknown", False),
        (
            # "since" after the date belongs to another phrase, not to this clause's verb
            "They hold a \u201cno frills\u201d meeting November 30, the first since 1999.",
            "November 30",
            "unknown",
            False,
        ),
        ("The two sides have not met since May.", "May", "past", False),
        ("The meeting is on Monday.", "Monday", "present", False),
        ("Prices climbed in March.", "March", "past", False),
        ("It rained, but they will meet in March.", "March", "future", False),
    ],
)
def test_clause_tense(text: str, words: str, tense: str, shifted: bool) -> None:
    got_tense, got_shifted, cue = _tense(text, words)
    assert (got_tense, got_shifted) == (tense, shifted), cue


def test_the_clause_ends_at_a_boundary() -> None:
    text = "The deal was signed. Talks in June."
    assert _tense(text, "June")[0] == "unknown"


def test_a_span_standing_alone_is_bare() -> None:
    assert clause_tense("on Monday", 3, 9).bare
    assert not clause_tense("They met on Monday", 11, 17).bare


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The summit will be held in Delhi on September 9.", "September 9"),
        ("The talks are held in Geneva in May.", "May"),
        ("The transaction should be completed in October.", "October"),
        ("The relatives may lose when the case is heard in May.", "May"),
        ("NATO has decided to admit the three states in March.", "March"),
        ("The talks must be held in Geneva in May.", "May"),
    ],
)
def test_a_passive_participle_is_not_a_past_tense(text: str, words: str) -> None:
    assert _tense(text, words)[0] in ("future", "present")


@pytest.mark.parametrize(
    ("text", "words", "tense"),
    [
        ("The ceremony is scheduled for 10 a.m. local time Tuesday.", "Tuesday", "future"),
        ("Banks will stay closed until Thursday.", "Thursday", "future"),
        ("The deal was signed. Talks resume Monday.", "Monday", "unknown"),
    ],
)
def test_clause_edges(text: str, words: str, tense: str) -> None:
    assert _tense(text, words)[0] == tense
