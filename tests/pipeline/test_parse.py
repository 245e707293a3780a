"""The parse stage and the mechanisms that read it, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

import calendar_export as ce
from calendar_export.models import Article
from calendar_export.pipeline.assemble import analyse
from calendar_export.pipeline.nlp import ModelMissingError, load_model
from calendar_export.pipeline.syntax import governing_verb, span_head, token_at

PUB = date(2026, 6, 2)  # a Tuesday


def _events(text: str) -> list[ce.Event]:
    return ce.extract_events(text, published=PUB)


def test_an_article_without_event_words_is_not_parsed() -> None:
    doc = analyse(Article(text="Coffee prices rose 4% on Monday in Sao Paulo.", published=PUB))
    assert doc.triggers == []
    assert doc.tokens == []
    assert doc.parsed == frozenset()


def test_only_sentences_with_event_words_are_parsed() -> None:
    text = (
        "Wheat futures fell sharply in Chicago. "
        "The trade ministers will meet in Lisbon on June 9. "
        "Analysts expect more volatility."
    )
    doc = analyse(Article(text=text, published=PUB))
    assert doc.parsed == frozenset({1})
    assert {doc.tokens[i].sentence for i in range(len(doc.tokens))} == {1}
    meet = token_at(doc, text.index("meet"))
    assert meet is not None
    assert doc.tokens[meet].lemma == "meet"
    june = span_head(doc, text.index("June 9"), text.index("June 9") + 6)
    assert june is not None
    assert doc.tokens[june].text == "June"
    verb = governing_verb(doc, text.index("June 9"), text.index("June 9") + 6)
    assert verb == meet


def test_a_missing_model_names_the_fix() -> None:
    with pytest.raises(ModelMissingError, match="make install"):
        load_model("xx_no_such_model_here")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # The date after a postposed reporting verb is the report's.
        (
            "Foreign Minister Ana Reyes will travel to Nairobi next week for talks with "
            "the African Union, her office said on Monday.",
            "2026-W24",
        ),
        (
            "The trade ministers will meet in Oslo next week, the ministry announced on Friday.",
            "2026-W24",
        ),
        # A date under the event's own verb stays the event's, reporting verb or not.
        ("The ministry said the talks would be held on Thursday in Oslo.", "2026-06-04"),
        # A date between the event word and a reporting clause after them is the event's.
        (
            "Reyes spoke by telephone with her counterpart, Lin Bo, on Monday, spokesman "
            "Omar Diallo told a regular briefing.",
            "2026-06-01",
        ),
    ],
)
def test_report_dates_are_not_event_dates(text: str, value: str) -> None:
    events = _events(text)
    assert events, text
    assert events[0].when.value == value


def test_a_list_of_nouns_joined_by_and_is_one_clause() -> None:
    text = "A visit by the Dutch king to Chile and Peru this week is the first in a decade."
    (event,) = _events(text)
    assert event.when.value == "2026-W23"


def test_a_verb_joined_by_and_still_opens_a_clause() -> None:
    text = "Reyes visited Chile in May and she will travel to Peru next week."
    values = sorted(str(e.when.value) for e in _events(text))
    assert values == ["2026-05", "2026-W24"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("The leaders will meet in Geneva on Thursday and Friday.", "2026-06-04", "2026-06-05"),
        ("The summit will be held on September 8 and 9 in Sydney.", "2026-09-08", "2026-09-09"),
        ("She will make a two-day visit to Hanoi starting June 12.", "2026-06-12", "2026-06-13"),
        ("He will begin a five-day tour of Chile on Monday.", "2026-06-08", "2026-06-12"),
        # Two days apart are two days, not a span.
        ("They will meet on Monday and Wednesday in Rome.", "2026-06-08", "2026-06-08"),
    ],
)
def test_spans_keep_their_days(text: str, start: str, end: str) -> None:
    event = _events(text)[0]
    assert (str(event.when.start), str(event.when.end)) == (start, end)


@pytest.mark.parametrize(
    ("text", "kind", "value", "place"),
    [
        (
            "Environment ministers are due to gather in Nairobi on 22 September.",
            "meeting",
            "2026-09-22",
            "Nairobi",
        ),
        (
            "The IOC will convene its annual session in Milan on June 20.",
            "meeting",
            "2026-06-20",
            "Milan",
        ),
        (
            "President Alvarez will host Prime Minister Chen at the White House on Oct. 3.",
            "visit",
            "2026-10-03",
            "White House",
        ),
        (
            "Delegates will attend a symposium on water law in Delft on July 2.",
            "conference",
            "2026-07-02",
            "Delft",
        ),
        (
            "The FIFA Congress will be held in Zurich on June 30.",
            "conference",
            "2026-06-30",
            "Zürich",
        ),
    ],
)
def test_meetings_beyond_diplomacy(text: str, kind: str, value: str, place: str) -> None:
    (event,) = _events(text)
    assert (event.kind, event.when.value) == (kind, value)
    assert event.place is not None
    assert event.place.name == place


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # A theme's capitalised words are no people; the spokesperson only reports.
        (
            "The summit will be held online on July 8 under the theme “Build Shared "
            "Prosperity, Open a New Chapter for Regional Growth”, spokesperson Liu Wen said.",
            (),
        ),
        ("Chen Hao will visit Paris next week, spokesman Liu Wen said.", ("Chen Hao",)),
        # The speaker may be the one who meets: kept.
        (
            "Ana Reyes said she would meet Wang Tao in Manila on Friday.",
            ("Ana Reyes", "Wang Tao"),
        ),
    ],
)
def test_participants_are_people_of_the_event(text: str, people: tuple[str, ...]) -> None:
    (event,) = _events(text)
    assert event.participants == people


def test_a_part_of_the_day_is_no_clock_time() -> None:
    (event,) = _events("The cabinet will meet in Chiang Mai on Thursday morning.")
    assert (event.when.value, event.when.precision) == ("2026-06-04", "day")


def test_a_visit_for_a_summit_takes_the_summits_day_and_city() -> None:
    text = (
        "President Lin Wei's expected visit to Chile for next month's Pacific Rim Forum "
        "summit will top the agenda. The summit is set to take place in the port city of "
        "Valparaiso from July 30 to 31."
    )
    events = {e.kind: e for e in _events(text)}
    visit = events["visit"]
    assert (str(visit.when.start), visit.when.precision) == ("2026-07-30", "day")
    assert visit.place is not None
    assert visit.place.name == "Valparaíso"
    assert any("Held for" in n for n in visit.confidence.notes)


def test_an_occasion_never_overrides_the_events_own_city() -> None:
    text = (
        "Lin Wei will visit Santiago next month for the Pacific Rim Forum summit. The "
        "summit is set to take place in Valparaiso from July 30 to 31."
    )
    visit = next(e for e in _events(text) if "Lin Wei" in e.participants)
    assert visit.place is not None
    assert visit.place.name == "Santiago"


def test_a_length_told_after_the_verb_spans_the_visit() -> None:
    (event,) = _events("Lin Wei visited Japan on a five-day visit beginning on May 11.")
    assert (str(event.when.start), str(event.when.end)) == ("2026-05-11", "2026-05-15")


def test_a_quoted_theme_names_no_one_and_its_source_only_reports() -> None:
    text = (
        "The Summit will be held online on July 8 under the theme of “Build Shared "
        "Prosperity, Open a New Era for Regional Growth”, ministry spokesperson Liu Wen "
        "said in a statement."
    )
    (event,) = _events(text)
    assert event.participants == ()


@pytest.mark.parametrize(
    ("text", "kind", "title"),
    [
        ("Leaders of the Group of 20 will meet in Lisbon on September 9.", "summit", "G20 summit"),
        ("NATO defence ministers will gather in Lisbon on September 9.", "meeting", "NATO"),
    ],
)
def test_a_meeting_whose_subject_names_a_series_is_that_series(
    text: str, kind: str, title: str
) -> None:
    (event,) = _events(text)
    assert event.kind == kind
    assert event.title.startswith(title)


def test_bylines_credits_and_time_stamps_name_no_participant_or_place() -> None:
    text = (
        "Ministers to meet in Lisbon\n\n"
        "By Carla Mendes\n\n"
        "Updated: 10:42 am, 2 June 2026\n\n"
        "Trade ministers from the Atlantic states will meet in Lisbon on Thursday, "
        "Portugal's foreign ministry said.\n\n"
        "A container ship in the port of Sines. NEWSWIRE/Joao Silva\n\n"
        "Photo: Paris Match\n"
    )
    events = _events(text)
    assert len(events) == 1
    (event,) = events
    assert event.when.value == "2026-06-04"
    assert event.place is not None
    assert event.place.name == "Lisbon"
    assert not {"Carla Mendes", "Joao Silva"} & set(event.participants)


def test_the_page_furniture_is_found() -> None:
    from calendar_export.pipeline.document import make_doc
    from calendar_export.pipeline.zones import furniture

    lines = [
        "Ministers to meet in Lisbon",
        "By Carla Mendes",
        "Updated: 10:42 am, 2 June 2026",
        "9:15 am on 16 January 2026",
        "Trade ministers will meet in Lisbon on Thursday, the ministry said.",
        "A container ship in the port of Sines. NEWSWIRE/Joao Silva",
        "Photo: Paris Match",
        "By the time the talks began, the ministers had left.",
    ]
    doc = make_doc(Article(text="\n\n".join(lines) + "\n", published=PUB))
    found = {doc.sentences[i].text.strip() for i in furniture(doc)}
    assert found == {
        "By Carla Mendes",
        "Updated: 10:42 am, 2 June 2026",
        "9:15 am on 16 January 2026",
        "NEWSWIRE/Joao Silva",
        "Photo: Paris Match",
    }
