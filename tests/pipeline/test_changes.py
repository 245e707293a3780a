"""Reported changes of date, and the status of a meeting told by several mentions, on
sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

import calendar_export as ce

PUB = date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    ("text", "start", "end", "old"),
    [
        (
            "The ministerial meeting, originally planned for March 20, has been postponed "
            "to March 27.",
            "2026-03-27",
            "2026-03-27",
            "March 20",
        ),
        # "was moved" is past; its new slot is still ahead.
        (
            "The OPEC+ meeting was moved from Sunday to December 5.",
            "2026-12-05",
            "2026-12-05",
            "Sunday",
        ),
        (
            "The two ministers will now meet on Thursday instead of Tuesday in Vienna.",
            "2026-03-05",
            "2026-03-05",
            "Tuesday",
        ),
        ("The talks were rescheduled for May 12-13 in Geneva.", "2026-05-12", "2026-05-13", None),
        ("The summit in Lima has been postponed until June.", "2026-06-01", "2026-06-30", None),
    ],
)
def test_a_moved_meeting_takes_its_new_slot(
    text: str, start: str, end: str, old: str | None
) -> None:
    (event,) = ce.extract_events(text, published=PUB)
    assert (str(event.when.start), str(event.when.end)) == (start, end)
    assert event.status == "scheduled"
    notes = " ".join(event.confidence.notes)
    assert "Moved to a new date" in notes
    if old is not None:
        assert f"first set for {old}" in notes


def test_a_slot_planned_before_the_postponement_is_the_old_one() -> None:
    (event,) = ce.extract_events(
        "The foreign minister postponed a visit to Luanda planned for April.", published=PUB
    )
    assert event.status == "postponed"
    assert str(event.when.value).endswith("-04")


def test_a_hedged_move_stays_hedged() -> None:
    (event,) = ce.extract_events(
        "The talks in Doha could be delayed further until Friday.", published=PUB
    )
    assert event.when.value == "2026-03-06"
    assert event.status == "possible"


def test_the_dated_mentions_decide_the_status() -> None:
    """An undated 'agreed to join the talks' does not make the dated talks a proposal."""
    text = (
        "The talks between the two delegations are scheduled for Thursday in Muscat. "
        "The rebels agreed to join the talks after receiving assurances."
    )
    (event,) = ce.extract_events(text, published=PUB)
    assert event.when.value == "2026-03-05"
    assert event.status == "scheduled"


def test_a_postponed_mention_beside_its_new_date_is_the_same_meeting() -> None:
    (event,) = ce.extract_events(
        "The fisheries ministers will now meet in Oslo on April 9, after their March "
        "meeting was postponed because of the strike.",
        published=PUB,
    )
    assert (event.when.value, event.status) == ("2026-04-09", "scheduled")
    assert any("first set for March" in n for n in event.confidence.notes)


def test_a_cancelled_mention_beside_a_new_meeting_stays_its_own_event() -> None:
    events = ce.extract_events(
        "The fisheries ministers will meet in Oslo on April 9, after their March "
        "meeting was cancelled because of the strike.",
        published=PUB,
    )
    assert sorted(e.status for e in events) == ["cancelled", "scheduled"]


def test_a_postponement_reported_on_a_day_is_not_moved_to_that_day() -> None:
    (event,) = ce.extract_events(
        "The minister's visit to Kenya has been postponed, her office said on Friday.",
        published=PUB,
    )
    assert event.status == "postponed"
    assert event.when.value is None


def test_a_congress_of_a_named_body_postponed_to_a_new_day() -> None:
    (event,) = ce.extract_events(
        "The next Uefa Congress, initially due to take place on June 5 in Vienna, has been "
        "postponed until September 18, the body said on Wednesday.",
        published=PUB,
    )
    assert (event.kind, event.when.value, event.status) == ("conference", "2026-09-18", "scheduled")


def test_put_back_is_a_postponement() -> None:
    (event,) = ce.extract_events(
        "A council meeting planned for March 20 in Zurich has also been put back to an "
        "unspecified date in June.",
        published=PUB,
    )
    assert event.status == "postponed"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "The president will meet the emir on April 14 in Doha, his office said, "
            "rescheduling a visit that was postponed last week.",
            "scheduled",
        ),
        ("The summit in Doha on April 14 has been postponed, his office said.", "postponed"),
        ("The ministers decided to call off the April 14 meeting in Doha.", "cancelled"),
        (
            "The April 14 meeting in Doha, which was cancelled last week, drew protests.",
            "cancelled",
        ),
    ],
)
def test_a_postponement_is_about_the_event_its_verb_governs(text: str, status: str) -> None:
    events = ce.extract_events(text, published=PUB)
    dated = [e for e in events if e.when.value == "2026-04-14"]
    assert [e.status for e in dated] == [status]


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        ("A visit to Lima that was postponed last week has no new date yet.", None, "postponed"),
        ("The minister has cancelled his trip to Lima this month.", "2026-03", "cancelled"),
        (
            "The ministers postponed the Lima meeting to April 20 on Friday.",
            "2026-04-20",
            "scheduled",
        ),
    ],
)
def test_a_past_date_on_the_decision_is_not_the_events(
    text: str, value: str | None, status: str
) -> None:
    (event,) = ce.extract_events(text, published=PUB)
    assert (event.when.value, event.status) == (value, status)


def test_a_joined_verb_puts_off_its_own_object_not_the_first_event() -> None:
    events = ce.extract_events(
        "The cabinet met in Oslo on Monday and decided to postpone hosting the regional "
        "summit planned for May 4.",
        published=PUB,
    )
    assert [e.status for e in events if e.kind == "meeting"] == ["happened"]
