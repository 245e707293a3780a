"""Event extraction, one phenomenon a row: (sentence, published, expected, why)."""

from __future__ import annotations

from datetime import date

import pytest

from calendar_export import extract_events

PUB = date(2024, 3, 14)  # a Thursday


def _one(text: str, published: date = PUB):
    events = extract_events(text, published=published)
    assert len(events) == 1, [(e.title, e.when.value) for e in events]
    return events[0]


@pytest.mark.parametrize(
    ("text", "value", "status", "place", "why"),
    [
        ("The ministers will meet in Lisbon on Monday.", "2024-03-18", "scheduled", "Lisbon",
         "future weekday after the publication day"),
        ("The ministers met in Lisbon on Monday.", "2024-03-11", "happened", "Lisbon",
         "past tense: the Monday before"),
        ("The two leaders met in November in Madrid.", "2023-11", "happened", "Madrid",
         "past month: last year's November"),
        ("The leaders are expected to attend a summit in Madrid in November.", "2024-11",
         "expected", "Madrid", "future month with a hedge"),
        ("The prime minister is invited to visit Tokyo in May.", "2024-05", "invited", "Tokyo",
         "an invitation"),
        ("The foreign minister postponed a visit to Luanda planned for April.", "2024-04",
         "postponed", "Luanda", "postponement"),
        ("Officials said the summit in Geneva on April 2 was called off.", "2024-04-02",
         "cancelled", "Geneva", "cancellation after the event word"),
        ("Talks could resume in Vienna later this year.", "2024", "possible", "Vienna",
         "a hedge and a vague date"),
        ("The G20 summit will be held in New Delhi on September 9-10.", "2024-09-09", "scheduled",
         "New Delhi", "a named summit series and a day range"),
    ],
)  # fmt: skip
def test_one_event(text: str, value: str, status: str, place: str, why: str) -> None:
    event = _one(text)
    assert event.when.value == value, why
    assert event.status == status, why
    assert event.place is not None, why
    assert event.place.name == place, why


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Iran said on Tuesday that talks with the envoys would resume in Vienna next month.",
         "2024-04"),
        ("The ministry told reporters late Monday that the Oslo summit will be held in May.",
         "2024-05"),
        ("Officials announced Friday that the ministers will meet in Rome.", None),
    ],
)  # fmt: skip
def test_a_date_right_after_a_reporting_verb_dates_the_report_not_the_event(
    text: str, value: str | None
) -> None:
    assert _one(text).when.value == value


def test_no_event_in_a_text_without_meetings() -> None:
    text = "Inflation rose in February, the statistics office said on Tuesday."
    assert extract_events(text, published=PUB) == []


def test_generic_mentions_make_no_event() -> None:
    text = "The country has long been reluctant to engage in regular military talks."
    assert extract_events(text, published=PUB) == []


def test_two_events_in_one_sentence_keep_their_own_dates_and_places() -> None:
    text = (
        "The leaders are expected to attend the G20 summit in Rio de Janeiro in November, "
        "and the chancellor is invited to visit Tokyo in May."
    )
    events = sorted(extract_events(text, published=PUB), key=lambda e: e.when.value or "")
    assert [(e.when.value, e.place and e.place.name, e.status) for e in events] == [
        ("2024-05", "Tokyo", "invited"),
        ("2024-11", "Rio de Janeiro", "expected"),
    ]


def test_mentions_of_one_event_merge_and_keep_the_most_precise_date() -> None:
    text = (
        "Foreign Minister Ana Costa will hold talks with Marcos Lima in Lisbon in March. "
        "The talks are scheduled for March 18, officials said."
    )
    event = _one(text)
    assert event.when.value == "2024-03-18"
    assert len(event.mentions) == 2


def test_confidence_notes_explain_hedges_sources_and_precision() -> None:
    text = (
        "The president is expected to visit Hanoi in October, according to people familiar "
        "with the matter."
    )
    event = _one(text)
    notes = " ".join(event.confidence.notes)
    assert "expected" in notes.lower()
    assert "familiar with the matter" in notes
    assert "Month only: October 2024" in notes
    assert event.confidence.score < 0.7


def test_undated_proposal_keeps_no_date_and_says_so() -> None:
    text = "They agreed that Costa would travel to Luanda, although no date was announced."
    event = _one(text)
    assert event.when.value is None
    assert event.when.precision == "none"
    assert event.status == "proposed"
    assert "No date was announced." in event.confidence.notes


def test_uids_are_stable_and_unique() -> None:
    text = "Costa will meet Lima and possibly the king in Madrid on Monday."
    first = extract_events(text, published=PUB, source="x")
    second = extract_events(text, published=PUB, source="x")
    assert [e.uid for e in first] == [e.uid for e in second]
    assert len({e.uid for e in first}) == len(first) == 2


@pytest.mark.parametrize(
    ("text", "start", "end", "words"),
    [
        ("The summit will be held in Rome on September 9-10.", "2024-09-09", "2024-09-10",
         "September 9-10"),
        ("Ministers will meet in Manila July 6 to 8.", "2024-07-06", "2024-07-08", "July 6 to 8"),
        ("The conference will run in Geneva from November 30 to December 2.", "2024-11-30",
         "2024-12-02", "November 30 to December 2"),
    ],
)  # fmt: skip
def test_a_day_range_covers_every_day(text: str, start: str, end: str, words: str) -> None:
    event = _one(text)
    assert (str(event.when.start), str(event.when.end)) == (start, end)
    assert event.when.value == start
    assert event.when.text == words


def test_the_dates_of_an_event_named_before_are_no_new_event() -> None:
    text = (
        "India will host the G20 summit in New Delhi on September 9-10, the ministry said on "
        "Monday, confirming the dates of the two-day meeting of leaders."
    )
    event = _one(text, published=date(2023, 8, 28))
    assert event.when.value == "2023-09-09"


def test_a_meeting_for_talks_is_one_event() -> None:
    event = _one("The ministers will meet in Oslo on Monday for talks on fishing rights.")
    assert event.when.value == "2024-03-18"
    assert event.place is not None
    assert event.place.name == "Oslo"


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_possessive_ends_a_name(apostrophe: str) -> None:
    """ "Sergei Lavrov’s visit": the participant is Sergei Lavrov, and "Lavrov’s" later is him."""
    text = (
        f"Foreign Minister Sergei Lavrov{apostrophe}s visit to Beijing will take place next "
        f"week. Lavrov{apostrophe}s talks with Wang Yi are planned for Tuesday."
    )
    people = {p for e in extract_events(text, published=PUB) for p in e.participants}
    assert "Sergei Lavrov" in people
    assert not any(p.endswith("s") and apostrophe in p for p in people), people


def test_the_owner_of_an_event_word_is_its_participant_not_the_clause_subject() -> None:
    """Ana Costa discusses the visit; Marcos Lima makes it."""
    text = (
        "Foreign Minister Ana Costa will discuss President Marcos Lima's planned visit to "
        "Lisbon in May."
    )
    assert _one(text).participants == ("Marcos Lima",)


def test_a_name_keeps_its_inner_apostrophe_and_a_possessive_names_no_participant() -> None:
    """O’Brien and D'Souza are whole names; "Mr Reid’s Special Assistant Conor O’Brien"
    brings O’Brien to the meeting, not Reid."""
    text = (
        "Mark Reid praised the talks. On Monday, Mr Reid’s Special Assistant Conor O’Brien "
        "met Foreign Minister Ana D'Souza in Lisbon."
    )
    (event,) = [e for e in extract_events(text, published=PUB) if e.when.value]
    assert event.participants == ("Conor O’Brien", "Ana D'Souza")


def test_summit_inside_a_series_name_is_no_verb() -> None:
    """ "the East Asia Summit": the noun of a named series, an event of its own, not the
    rare verb "to summit" (which ran the visit and the summit together)."""
    text = (
        "Foreign Minister Ana Costa plans to visit Hanoi for the East Asia Summit later this year."
    )
    kinds = {e.kind: e for e in extract_events(text, published=PUB)}
    assert set(kinds) == {"visit", "summit"}
    assert kinds["summit"].title == "East Asia Summit in Hanoi"


@pytest.mark.parametrize(
    ("after", "status"),
    [
        ("which is expected to focus on trade", "scheduled"),
        ("which is expected to take place despite the strike", "expected"),
    ],
)
def test_a_hedge_on_what_an_event_is_about_leaves_its_status(after: str, status: str) -> None:
    text = f"Portugal will host the summit in Lisbon on May 4. The summit, {after}, opens at noon."
    assert _one(text).status == status


@pytest.mark.parametrize(
    ("text", "person", "place"),
    [
        ("President Obama will visit Indonesia in November.", "Obama", "Indonesia"),
        ("Sen. Warren will meet the mayor in Warren on Monday.", "Warren", "Warren"),
    ],
)
def test_a_town_name_after_a_title_is_a_person(text: str, person: str, place: str) -> None:
    """Obama (Fukui) and Warren (Michigan) are towns too; after a title they are people."""
    event = _one(text)
    assert event.participants == (person,)
    assert event.place is not None
    assert event.place.name == place


def test_a_name_may_end_in_un() -> None:
    """ "Un" ended up stripped as if it were the UN: "Kim Jong Un" became "Kim Jong"."""
    text = "Moon Jae-in will meet Kim Jong Un at Panmunjom on Friday."
    assert "Kim Jong Un" in _one(text).participants


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Foreign Minister Ana Costa arrived in Tokyo on Monday.", "happened"),
        ("Ana Costa spoke to reporters on arrival in Tokyo on Monday.", "happened"),
        ("Ana Costa will arrive in Tokyo on Monday.", "scheduled"),
    ],
)
def test_arriving_in_a_place_is_a_visit(text: str, status: str) -> None:
    event = _one(text)
    assert (event.kind, event.status, event.participants) == ("visit", status, ("Ana Costa",))
    assert event.place is not None
    assert event.place.name == "Tokyo"


def test_arrivals_in_general_are_no_visit() -> None:
    assert extract_events("Tourist arrivals in Tokyo rose 9% in May.", published=PUB) == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("A delegation visited Canada on Monday.", "Visit to Canada"),
        ("A delegation will visit Canada on Monday.", "Planned visit to Canada"),
    ],
)
def test_a_visit_by_nobody_named_is_titled_by_whether_it_happened(text: str, title: str) -> None:
    assert _one(text).title == title


def test_an_arrival_for_a_visit_is_one_visit() -> None:
    text = "Ana Costa, who arrived in Tokyo on Monday for a three-day official visit, spoke."
    event = _one(text)
    assert (event.kind, event.when.value, event.status) == ("visit", "2024-03-11", "happened")


def test_a_meeting_on_the_sidelines_of_a_listed_summit_takes_its_place() -> None:
    """The summit's name is a list of countries; the meeting is held where it is, the
    summit happened since the meeting did, and the visit the meeting was held during
    is not the meeting's second participant's."""
    text = (
        "Ana Costa arrived in South Africa on Wednesday. Costa met Marcos Lima during the "
        "visit on the sidelines of the Brazil, China, India, Russia and South Africa summit "
        "in Johannesburg."
    )
    events = {e.kind: e for e in extract_events(text, published=PUB)}
    assert set(events) == {"visit", "meeting", "summit"}
    meeting, summit = events["meeting"], events["summit"]
    assert meeting.place is not None
    assert meeting.place.name == "Johannesburg"
    assert meeting.participants == ("Ana Costa", "Marcos Lima")
    assert summit.status == "happened"
    assert events["visit"].participants == ("Ana Costa",)


@pytest.mark.parametrize("attribution", ["said Mark Reid, a spokesman", "according to Mark Reid"])
def test_the_source_of_a_quote_is_no_participant(attribution: str) -> None:
    text = f"“The president has invited Ana Costa for a visit to Lisbon in May,” {attribution}."
    assert _one(text).participants == ("Ana Costa",)


def test_a_visit_for_a_summit_is_when_the_summit_is_and_its_hedge_stays_its_own() -> None:
    text = (
        "Foreign Minister Ana Costa plans to visit Hanoi for the East Asia Summit later this year."
    )
    events = {e.kind: e for e in extract_events(text, published=PUB)}
    assert events["visit"].when.value == events["summit"].when.value == "2024"
    assert (events["visit"].status, events["summit"].status) == ("expected", "scheduled")


def test_a_hedged_meeting_at_a_summit_leaves_the_summit_scheduled() -> None:
    text = "Ana Costa is expected to meet Marcos Lima on the sidelines of the G20 summit in Rio."
    events = {e.kind: e for e in extract_events(text, published=PUB)}
    assert (events["meeting"].status, events["summit"].status) == ("expected", "scheduled")


def test_capitalized_names_of_things_are_no_people() -> None:
    """'Doha Round', 'Multilateral Trading System', 'Global Economic Environment' are
    capitalized pairs and triples, not people; 'Director General' is one title."""
    text = (
        "WTO Director General Pascal Lamy will open the conference in Geneva on May 4 under "
        "the theme of the Multilateral Trading System and the Current Global Economic "
        "Environment, with the Doha Round stalled."
    )
    assert _one(text).participants == ("Pascal Lamy",)


def test_a_place_that_speaks_is_no_venue() -> None:
    """ "visit to China, Kremlin Spokesman ...": the list rule ("to Moscow, then Rome")
    made the Kremlin a second destination, and the most specific one."""
    text = (
        "Asked about a possible Ana Costa visit to China, Kremlin Spokesman Dmitry Peskov "
        "said that talks were planned."
    )
    places = [e.place.name for e in extract_events(text, published=PUB) if e.place]
    assert places == ["China"]


def test_a_place_with_a_possessive_or_a_verb_after_it_is_still_where() -> None:
    text = "A summit planned for May 29 in Arusha has been postponed."
    event = _one(text)
    assert event.place is not None
    assert event.place.name == "Arusha"


def test_that_is_not_at() -> None:
    """ "said that the summit": the "at" inside "that" made the summit the meeting's
    occasion, so the meeting moved to Rome and the summit had happened."""
    text = "Ana Costa met Marcos Lima on Monday and said that the summit in Rome was planned."
    events = extract_events(text, published=PUB)
    assert [(e.kind, e.place.name if e.place else None) for e in events] == [("meeting", None)]


def test_an_update_is_not_a_date() -> None:
    """ "the update is unclear" read as "date is unclear": a word boundary was missing."""
    event = _one("The ministers will meet in Rome; the update is unclear.")
    assert not any("date was announced" in n for n in event.confidence.notes)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("He would visit Washington in May to meet members of Congress.", "Meeting: members"),
        ("GENEVA -- Health ministers will meet in Geneva on May 4.", "Meeting: Health ministers"),
        (
            # A series in the subject names the meeting (the parse's series subject).
            "A week earlier NATO defence ministers met in Brussels.",
            "NATO defence ministers meeting",
        ),
    ],
)
def test_a_group_title_holds_neither_the_event_word_nor_punctuation(text: str, title: str) -> None:
    titles = [e.title for e in extract_events(text, published=PUB) if e.kind == "meeting"]
    assert len(titles) == 1
    assert titles[0].startswith(title)
