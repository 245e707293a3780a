"""Frame mechanisms read off the parse (issue 12): gapped conjuncts, ..."""

from __future__ import annotations

from datetime import date

import pytest

import calendar_export as ce


def _events(text: str, published: date = date(2024, 5, 6)) -> list[ce.Event]:
    return ce.extract_events(text, published=published)


def _brief(e: ce.Event) -> tuple[str | None, str | None, str]:
    return (e.when.value, e.place.name if e.place else None, e.status)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The first regional forum took place in Lagos in 2015, the second in Accra "
            "in 2018 and the third in Dakar in 2021.",
            [
                ("2015", "Lagos", "happened"),
                ("2018", "Accra", "happened"),
                ("2021", "Dakar", "happened"),
            ],
        ),
        (
            "The inaugural trade summit was held in Hanoi in 2009, the next one in Manila in 2012.",
            [("2009", "Hanoi", "happened"), ("2012", "Manila", "happened")],
        ),
    ],
)
def test_a_gapped_conjunct_repeats_the_event_with_its_own_date_and_place(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert sorted(_brief(e) for e in _events(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The first summit was held in Lagos in 2015, a success for the second city of Nigeria.",
        "The second summit will be held in Accra in June, the last before the elections.",
    ],
)
def test_an_ordinal_without_its_own_date_and_place_is_no_new_event(text: str) -> None:
    assert len(_events(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Health ministers will gather in Dakar on June 12.",
        "The envoys flew to Dakar on June 12 for talks.",
    ],
)
def test_a_city_after_a_preposition_of_place_is_a_place_whatever_ner_says(text: str) -> None:
    (event,) = _events(text)
    assert event.place is not None
    assert event.place.name == "Dakar"


@pytest.mark.parametrize(
    ("text", "country", "inferred"),
    [
        ("Kenyan President William Ruto will host a regional summit on June 12.", "Kenya", True),
        ("Brazil’s Lula da Silva will host the climate talks on June 12.", "Brazil", False),
        ("Brazilian President Luiz Lula will host the climate talks on June 12.", "Brazil", True),
        ("A trade forum hosted by Vietnam will open on June 12.", "Vietnam", False),
        ("Spain is hosting the ministerial meeting on June 12.", "Spain", False),
    ],
)
def test_the_host_is_the_venue_when_no_place_is_said(
    text: str, country: str, inferred: bool
) -> None:
    (event,) = _events(text)
    assert event.place is not None
    assert event.place.country == country
    notes = " ".join(event.confidence.notes)
    assert ("the host's country" in notes) is inferred


def test_a_place_said_wins_over_the_hosts_country() -> None:
    (event,) = _events(
        "Kenyan President William Ruto will host a summit in Addis Ababa on June 12."
    )
    assert event.place is not None
    assert event.place.name == "Addis Ababa"


STANDFIRST = (
    "Ministers of the five nations will join Chancellor Anna Weber in the online meet "
    "next week.\n\n"
    "German Chancellor Anna Weber will host a summit of the five nations on June 12, "
    "her office said.\n\n"
    "Ministers of the five nations will join Chancellor Anna Weber in the online meet "
    "next week, which will be the first summit since the crisis."
)


def test_a_standfirst_the_body_restates_is_the_bodys_event() -> None:
    (event,) = _events(STANDFIRST, published=date(2024, 6, 6))
    assert (event.kind, event.when.value) == ("summit", "2024-06-12")
    assert event.place is not None
    assert event.place.country == "Germany"


@pytest.mark.parametrize(
    "text",
    [
        "The envoys will meet in Geneva on June 12, which will be the first summit of "
        "the group since March.",
        "Their meeting on June 12 in Geneva was the first summit of the group.",
    ],
)
def test_an_event_word_restated_by_a_copula_is_one_event(text: str) -> None:
    (event,) = _events(text)
    assert event.kind == "summit"


@pytest.mark.parametrize(
    "text",
    [
        "In the run-up to the summit, the finance ministers on Wednesday attended a "
        "meeting in Geneva.",
        "Ahead of the summit, the finance ministers on Wednesday attended a meeting in Geneva.",
        "Before the summit, the finance ministers of the group on Wednesday held a meeting "
        "in Geneva.",
    ],
)
def test_an_event_placed_against_another_does_not_take_its_clauses_date(text: str) -> None:
    text = "Leaders of the group will hold a summit in Rome on June 20. " + text
    got = {(e.kind, e.when.value, e.place.name if e.place else None) for e in _events(text)}
    assert got == {("summit", "2024-06-20", "Rome"), ("meeting", "2024-05-01", "Geneva")}


def test_a_reference_events_own_date_stays_its_own() -> None:
    dated = {
        (e.kind, e.when.value)
        for e in _events("Ministers met on Tuesday ahead of the June 12 summit.")
    }
    assert dated == {("meeting", "2024-04-30"), ("summit", "2024-06-12")}


MONDAY = date(2024, 5, 6)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The board has a special meeting set for Thursday in Denver.", "2024-05-09"),
        ("The union and the airline could meet again on Thursday in Denver.", "2024-05-09"),
        ("Negotiators met in Doha on Thursday.", "2024-05-02"),
    ],
)
def test_a_bare_weekday_is_read_by_the_tense_of_its_verb(text: str, value: str) -> None:
    (event,) = _events(text, published=MONDAY)
    assert event.when.value == value


def test_a_verb_of_lasting_ends_the_event_and_the_sources_words_make_no_event() -> None:
    (event,) = _events(
        "Talks between the union and the airline will resume in Paris today and could "
        "continue through Thursday, a person familiar with the negotiations said.",
        published=MONDAY,
    )
    assert (event.when.start, event.when.end) == (MONDAY, date(2024, 5, 9))
    assert event.place is not None
    assert event.place.name == "Paris"


def test_an_indefinite_meeting_is_not_another_dates_meeting() -> None:
    events = _events(
        "The mediator had asked the parties to meet with him on Tuesday in Boston. "
        "The owners have a special meeting set for Thursday in Denver.",
        published=MONDAY,
    )
    assert sorted(e.when.value for e in events) == ["2024-05-07", "2024-05-09"]


def test_a_gathering_for_a_summit_is_the_summit() -> None:
    (event,) = _events(
        "Leaders of the ten member states will gather in Vientiane on October 8-11 for the "
        "ASEAN summit, the host said."
    )
    assert event.kind == "summit"
    assert (event.when.start, event.when.end) == (date(2024, 10, 8), date(2024, 10, 11))
    assert event.place is not None
    assert event.place.name == "Vientiane"


def test_the_final_day_of_an_event_is_not_counted_from_the_article() -> None:
    events = _events("The president will skip the final day of the Pacific Islands Forum summit.")
    assert all(e.when.value != "2024-05-06" for e in events)


def test_a_contrasting_while_clause_shares_the_time_frame_not_the_place() -> None:
    events = _events(
        "The foreign minister plans to visit Lima in September, while the defence minister "
        "will attend a security conference of the region."
    )
    conference = next(e for e in events if e.kind == "conference")
    assert conference.when.value == "2024-09"
    assert conference.place is None


def test_a_date_is_lent_only_to_an_event_word_of_the_same_verb() -> None:
    events = _events(
        "An informal gathering of trade ministers last July in Oslo failed to break the "
        "deadlock in the talks."
    )
    assert [e.when.value for e in events if e.when.value] == ["2023-07"]


def test_a_nationality_is_not_a_town_of_that_old_name() -> None:
    events = _events("The Thai delegation will host the summit on June 12.")
    assert all(e.place is None or e.place.country != "Malaysia" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "The ministers agreed to postpone the annual summit of the Union of Andean Nations, "
        "which was scheduled for mid-June in Quito, to next year.",
        "The Andean Academy of Surgeons, which is holding its annual meeting in Quito this "
        "week, said no member had cancelled.",
    ],
)
def test_a_relative_clause_of_the_event_gives_its_place(text: str) -> None:
    (event,) = _events(text)
    assert event.place is not None
    assert event.place.name == "Quito"


def test_a_host_joined_to_another_verb_shares_its_subject() -> None:
    events = _events(
        "Peru holds the rotating chair of the group this year and will host the leaders' "
        "summit on November 14."
    )
    event = next(e for e in events if e.kind == "summit")
    assert event.place is not None
    assert event.place.country == "Peru"


def test_a_participle_used_as_a_preposition_is_no_verb_of_its_own() -> None:
    events = _events(
        "Officials expect the visit to pave the way for more meetings in the coming months, "
        "including possible trips by the finance minister Ana Reyes to Lima."
    )
    assert any(e.kind == "trip" and e.when.value == "FUTURE_REF" for e in events)


def test_a_bulleted_summary_the_body_restates_is_one_event() -> None:
    text = (
        "Board meeting put back\n\nIn Summary\n\n"
        "  • A board meeting planned for March 20 in Zurich has been put back by a month\n\n"
        "By Staff Reporter\n\n"
        "The federation said its congress would go ahead as planned.\n\n"
        "A board meeting planned for March 20 in Zurich has been put back by a month."
    )
    meetings = [e for e in _events(text, published=date(2026, 3, 2)) if e.kind == "meeting"]
    assert len(meetings) == 1
