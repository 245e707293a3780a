"""Stage table: how underspecified and relative dates in news are anchored (issue 3).

Each case is a sentence written for this test, published on Monday 2023-06-19; the
expected value follows the TimeML conventions the TempEval corpora use.
"""

from __future__ import annotations

from datetime import date

import pytest

from calendar_export.pipeline.temporal import tag_timexes

PUBLISHED = date(2023, 6, 19)  # a Monday


def _value(text: str, words: str) -> str:
    found = [t for t in tag_timexes(text, published=PUBLISHED) if t.text == words]
    assert len(found) == 1, tag_timexes(text, published=PUBLISHED)
    return found[0].value


@pytest.mark.parametrize(
    ("text", "words", "value", "why"),
    [
        (
            "The agency extended its deadline until 9 a.m. Tuesday.",
            "9 a.m. Tuesday",
            "2023-06-20T09:00",
            "a deadline moved 'until' a day lies ahead, though the verb is past",
        ),
        (
            "The board named a new chairman, effective Feb. 1.",
            "Feb. 1",
            "2024-02-01",
            "'effective' a date: the change takes effect ahead",
        ),
        (
            "Until Thursday, the police had not named a suspect.",
            "Thursday",
            "2023-06-15",
            "a sentence that opens with 'Until' frames a past state",
        ),
    ],
)
def test_anchoring(text: str, words: str, value: str, why: str) -> None:
    assert _value(text, words) == value, why


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The board meets at 10 a.m. on Monday, June 9, in Geneva.", "2025-06-09T10:00"),
        ("They spoke at 9 p.m. on Friday, May 30.", "2025-05-30T21:00"),
    ],
)
def test_a_clock_on_a_weekday_then_its_date_is_that_date(text: str, value: str) -> None:
    found = tag_timexes(text, published=date(2025, 6, 2))  # a Monday
    assert [t.value for t in found] == [value]
