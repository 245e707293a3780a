"""A phrase typed alone (a search box, a calendar entry) against a reference time, and the
same words in running text, where the latent readings must not fire."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from calendar_export.pipeline.temporal import tag_timexes
from calendar_export.pipeline.temporal.phrase import is_phrase

NOW = datetime(2024, 3, 5, 9, 15, tzinfo=UTC)  # a Tuesday morning
PUBLISHED = date(2024, 3, 5)


def _value(text: str, now: datetime | date = NOW) -> str | None:
    found = tag_timexes(text, published=now)
    return max(found, key=lambda t: t.end - t.start).value if found else None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("tuesday", "2024-03-12"),  # typed on a Tuesday: next week's
        ("sat", "2024-03-09"),
        ("wed 6p", "2024-03-06T18:00"),
        ("friday after next", "2024-03-15"),
        ("2 wednesdays from now", "2024-03-13"),
        ("the last 3 days", "2024-03-02"),
        ("next 2 hours", "2024-03-05T10:00"),
        ("upcoming two months", "2024-05"),
        ("a week ago", "2024-02-27"),
        ("in three months", "2024-06-05"),
        ("in half an hour", "2024-03-05T09:45:00"),
        ("tonight 930", "2024-03-05T21:30"),
        ("at 1145", "2024-03-05T11:45"),
        ("twelve oh five", "2024-03-05T12:05"),
        ("the 20th", "2024-03-20"),
        ("end of the month", "2024-03-21"),
        ("beginning of June", "2024-06-01"),
        ("3/20 at 2:30pm", "2024-03-20T14:30"),
        ("christmas in 2 years", "2026-12-25"),
        ("this summer", "2024-06-21"),
        ("9am for 2 hours", "2024-03-05T09:00"),
        ("chinese new year", "2025-01-29"),
        ("passover", "2024-04-22"),
    ],
)
def test_a_phrase_alone_reads_as_a_scheduling_assistant_would(text: str, value: str) -> None:
    assert is_phrase(text)
    assert _value(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The sun rose over the hills and the sat dish failed.", []),
        ("He scored 815 points in 7 games, 4a and 2-15 on the sheet.", []),
        ("She counted ten thirty times before the seven oh five train left.", []),
        ("Prices rose at the end of the month, analysts said.", ["2024-03"]),
        ("They met on the 20th floor at 1145 Main Street.", []),
        ("The vote is on Tuesday for two days.", ["2024-03-05", "P2D"]),
    ],
)
def test_latent_readings_stay_out_of_running_text(text: str, expected: list[str]) -> None:
    assert [t.value for t in tag_timexes(text, published=NOW)] == expected


def test_prose_keeps_its_news_readings() -> None:
    text = "Sales fell over the last three weeks, the company said on Monday."
    found = {t.text: t.value for t in tag_timexes(text, published=PUBLISHED)}
    assert found == {"the last three weeks": "P3W", "Monday": "2024-03-04"}


def test_a_zoned_time_is_read_in_the_reference_zone() -> None:
    minus_two = datetime(2024, 3, 5, 4, 30, tzinfo=timezone(timedelta(hours=-2)))
    assert _value("4pm CET", minus_two) == "2024-03-05T13:00"
    assert _value("Thursday 8:00 GMT", minus_two) == "2024-03-07T06:00"


def test_running_text_is_not_a_phrase() -> None:
    assert not is_phrase("the first visit in five years")
    assert not is_phrase("Pay the invoice by Friday")
    assert is_phrase("next friday at 3pm")
