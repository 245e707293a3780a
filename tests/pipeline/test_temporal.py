"""Stage table: temporal expressions in news sentences, resolved by tense (published Monday)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_export.errors import DataFileError
from calendar_export.models import Timex
from calendar_export.pipeline.temporal import tag_timexes, value_bounds
from calendar_export.pipeline.temporal.rules import parse_examples

PUBLISHED = date(2023, 6, 19)  # a Monday


def _only(text: str, words: str) -> Timex:
    found = [t for t in tag_timexes(text, published=PUBLISHED) if t.text == words]
    assert len(found) == 1, tag_timexes(text, published=PUBLISHED)
    return found[0]


@pytest.mark.parametrize(
    ("text", "words", "value", "why"),
    [
        (
            "The minister will meet his counterpart on Monday.",
            "Monday",
            "2023-06-19",
            "future tense: the Monday of publication counts",
        ),
        (
            "On Sunday, the two ministers held talks.",
            "Sunday",
            "2023-06-18",
            "past tense after the timex: the Sunday before",
        ),
        (
            "The president told reporters on Saturday that he was hopeful.",
            "Saturday",
            "2023-06-17",
            "past tense before the timex",
        ),
        (
            "He was originally scheduled to travel in February, but abandoned his plans.",
            "February",
            "2023-02",
            "a future seen from the past: the nearest February",
        ),
        (
            "She hoped to meet him again after their cordial meeting in November.",
            "November",
            "2022-11",
            "'again after' points back to an earlier meeting",
        ),
        (
            "Both leaders are expected to attend the upcoming summit in September.",
            "September",
            "2023-09",
            "expected to / upcoming: the coming September",
        ),
        (
            "He is invited to visit the city in November when it hosts the forum.",
            "November",
            "2023-11",
            "an invitation looks ahead",
        ),
        ("The companies merged in March.", "March", "2023-03", "past: this year's March"),
        ("The plant will reopen in March.", "March", "2024-03", "future: next March"),
        (
            "Talks could follow at summits later in the year.",
            "later in the year",
            "2023",
            "vague rest of the year",
        ),
        (
            "It was the first visit by a minister in five years.",
            "five years",
            "P5Y",
            "'in five years' after 'the first' is a span, not a date",
        ),
        (
            "Prices rose 4% in the third quarter.",
            "the third quarter",
            "2022-Q3",
            "past tense: the last third quarter that has begun",
        ),
        (
            "The accord was signed on March 22, 2013.",
            "March 22, 2013",
            "2013-03-22",
            "a full date needs no anchor",
        ),
        ("The forum opens next week.", "next week", "2023-W26", "ISO week after publication"),
        (
            "The talks lasted seven and a half hours.",
            "seven and a half hours",
            "PT7H30M",
            "fractional hours",
        ),
        ("Sales fell in the 1990s.", "the 1990s", "199", "a decade"),
        ("The board meets every year.", "every year", "P1Y", "a set"),
        (
            "Earlier in 2014, the ministry said talks would be held beginning on August 30.",
            "August 30",
            "2014-08-30",
            "a sentence that opens with a year frames the days it names without one",
        ),
        (
            "In 2019, the treaty was signed in March.",
            "March",
            "2019-03",
            "a month without a year takes the year the sentence opens with",
        ),
        (
            "Under a plan approved in 2019 that set no limit, the firm bought shares through "
            "Sept. 29.",
            "Sept. 29",
            "2022-09-29",
            "a year inside a relative clause frames nothing",
        ),
        (
            "In July 2019 the three states were invited, and they will join NATO on March 12.",
            "March 12",
            "2024-03-12",
            "a future clause does not take a year gone by",
        ),
        (
            "In 2014, the agency was founded. The office opens on August 30.",
            "August 30",
            "2023-08-30",
            "the frame ends with its sentence",
        ),
        ("The quake struck at 16:08 UTC.", "16:08 UTC", "2023-06-19T16:08Z", "UTC is Z"),
        ("The flight lasted 2.5 hours.", "2.5 hours", "PT2H30M", "a decimal count keeps its point"),
        (
            "Police were called on Friday. At 10:35 a.m. they entered the house.",
            "10:35 a.m.",
            "2023-06-16T10:35",
            "a bare clock time is on the day the text named last",
        ),
    ],
)
def test_reading(text: str, words: str, value: str, why: str) -> None:
    assert _only(text, words).value == value, why


def test_vague_expressions_are_vague() -> None:
    text = "More trips are likely in the coming months and talks later in the year."
    found = {t.text: t for t in tag_timexes(text, published=PUBLISHED)}
    assert found["in the coming months"].value == "FUTURE_REF"
    assert found["in the coming months"].precision == "vague"
    assert found["later in the year"].precision == "vague"
    assert found["later in the year"].mod == "END"


def test_unsure_tense_keeps_the_runner_up() -> None:
    timex = _only("The report mentions November.", "November")
    assert timex.value == "2023-11"
    assert timex.alternatives == ("2022-11",)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("You may leave now if you march quickly.", "modal 'may' and the verb 'march'"),
        ("The Sun reported that 2,000 people came.", "a newspaper name and a count"),
        ("He finished second in the race.", "an ordinal is not a time unit"),
        ("It costs $2019 and weighs 1.5 kg.", "money and decimals are not years"),
    ],
)
def test_no_false_positives(text: str, why: str) -> None:
    found = [t for t in tag_timexes(text, published=PUBLISHED) if t.value != "PRESENT_REF"]
    assert found == [], why


def test_offsets_point_into_the_text() -> None:
    text = "Xi met Biden in Bali in November 2022 and again on Thursday."
    for timex in tag_timexes(text, published=PUBLISHED):
        assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2023-09", date(2023, 9, 1), date(2023, 9, 30)),
        ("2023-W38", date(2023, 9, 18), date(2023, 9, 24)),
        ("2023-SU", date(2023, 6, 1), date(2023, 8, 31)),
        ("2023-WI", date(2023, 12, 1), date(2024, 2, 29)),
        ("2023-Q3", date(2023, 7, 1), date(2023, 9, 30)),
        ("2023-06-19T14:00", date(2023, 6, 19), date(2023, 6, 19)),
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("2023-W25-WE", date(2023, 6, 24), date(2023, 6, 25)),
        ("FUTURE_REF", None, None),
        ("PXM", None, None),
        ("2023-02-30", None, None),
    ],
)
def test_value_bounds(value: str, first: date | None, last: date | None) -> None:
    assert value_bounds(value) == (first, last)


def test_bad_example_cell_names_file_and_line() -> None:
    with pytest.raises(DataFileError, match=r"rules\.tsv:7"):
        parse_examples("no arrow here", line=7)


def test_long_article_is_fast() -> None:
    import time

    text = ("The ministers met on Monday, March 20, and will meet again next week. " * 60)[:4096]
    tag_timexes(text, published=PUBLISHED)
    start = time.perf_counter()
    for _ in range(20):
        tag_timexes(text, published=PUBLISHED)
    assert (time.perf_counter() - start) / 20 < 0.02


def test_a_rule_without_its_resolver_is_named_with_file_and_line() -> None:
    from calendar_export.pipeline.temporal.rules import load_rules

    with pytest.raises(DataFileError, match=r"rules\.tsv:\d+: rule '\w+': no resolver named"):
        load_rules(frozenset({"absolute_date"}))


@pytest.mark.parametrize(
    ("pattern", "message"),
    [("(?:may", "does not compile"), ("(?:may)?", "matches nothing")],
)
def test_a_bad_pattern_is_refused(pattern: str, message: str) -> None:
    from calendar_export.pipeline.temporal.rules import _check_pattern

    with pytest.raises(DataFileError, match=rf"rules\.tsv:9: rule 'bad': pattern {message}"):
        _check_pattern("bad", pattern, 9)


def test_an_unknown_macro_is_refused() -> None:
    from calendar_export.pipeline.temporal.lexicon import expand

    with pytest.raises(DataFileError, match=r"x\.tsv:4: unknown macro \{NOPE\}"):
        expand("{NOPE}", {}, file="x.tsv", line={"_line": "4"})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("They meet on 25 April.", "25 April"),
        ("They met on 4 Sept.", "4 Sept."),
        ("at 5 p.m.", "5 p.m."),
    ],
)
def test_a_sentence_dot_is_not_part_of_a_timex(text: str, words: str) -> None:
    assert [t.text for t in tag_timexes(text, published=PUBLISHED)] == [words]


_VOCABULARY = (
    "on in the last next this of to at by early late mid a an two 3 12 31 2013 1999 '90s "
    "Monday friday May may March march Sept. Q3 quarter year years month week day days "
    "today tonight yesterday tomorrow morning night noon 3:30 p.m. a.m. GMT ago later earlier "
    "every each twice fiscal half first second third summer fall Christmas will was met said "
    "past coming recent now , . - / 's"
)
_WORDS = _VOCABULARY.split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=3), max_size=25), st.dates())
def test_any_text_gives_consistent_timexes(words: list[str], published: date) -> None:
    text = " ".join(words)
    for timex in tag_timexes(text, published=published):
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        first, last = value_bounds(timex.value)
        assert (first is None) == (last is None)
        assert first is None or last is None or first <= last


@pytest.mark.parametrize("published", [date(1, 1, 1), date(9999, 12, 31)])
def test_a_publication_date_at_the_calendars_edge_does_not_crash(published: date) -> None:
    text = "They met in November, on Monday, last week, at Christmas and this summer."
    for timex in tag_timexes(text, published=published):
        assert text[timex.start : timex.end] == timex.text


REFERENCE_TIME = datetime(2013, 2, 12, 4, 30, tzinfo=UTC)  # a Tuesday, 4:30 in the morning


@pytest.mark.parametrize(
    ("text", "value", "why"),
    [
        ("in 2 hours", "2013-02-12T06:30", "an offset from the reference time"),
        ("in 15 minutes", "2013-02-12T04:45:00", "minutes are counted to the second"),
        ("3 days ago", "2013-02-09", "a day offset stays a day"),
        ("at 3am", "2013-02-13T03:00", "standing alone, a time gone by is tomorrow's"),
        ("3:30", "2013-02-12T15:30", "standing alone at 4:30 a.m., 3:30 is in the afternoon"),
        ("tonight at 8", "2013-02-12T20:00", "tonight makes 8 an evening hour"),
        ("christmas", "2013-12-25", "a holiday standing alone is the coming one"),
        ("black friday", "2013-11-29", "the day after Thanksgiving"),
        ("first tuesday of october", "2013-10-01", "an ordinal weekday of a month"),
        ("3-4pm", "2013-02-12T15:00", "a clock range starts with its first time"),
    ],
)
def test_a_reference_time_anchors_phrases(text: str, value: str, why: str) -> None:
    found = tag_timexes(text, published=REFERENCE_TIME)
    assert [t.value for t in found] == [value], why


def test_without_a_reference_time_hours_ago_stay_a_duration() -> None:
    found = tag_timexes("The blast came two hours ago.", published=PUBLISHED)
    assert [(t.text, t.value) for t in found] == [("two hours", "PT2H")]


@pytest.mark.parametrize(
    ("rule", "year", "day"),
    [
        ("hebrew:7/1", 2018, date(2018, 9, 10)),  # Rosh Hashanah 5779
        ("hebrew:1/15", 2018, date(2018, 3, 31)),  # Passover 5778
        ("hebrew:12/14", 2013, date(2013, 2, 24)),  # Purim 5773
        ("hebrew:12/14", 2014, date(2014, 3, 16)),  # Purim 5774, a leap year: in Adar II
        ("hebrew:9/25-1", 2018, date(2018, 12, 2)),  # the eve of Hanukkah 5779
        ("orthodox", 2018, date(2018, 4, 8)),
        ("orthodox", 2021, date(2021, 5, 2)),
        ("hijri:9/1", 2018, date(2018, 5, 16)),  # 1 Ramadan 1439
        ("hijri:10/1", 2018, date(2018, 6, 15)),  # Eid al-Fitr 1439
        ("chinese", 2015, date(2015, 2, 19)),
        ("chinese", 2020, date(2020, 1, 25)),
        ("chinese", 2023, date(2023, 1, 22)),
        ("hindu:7/30@18.5", 2023, date(2023, 11, 12)),  # Diwali 2023
        ("hindu:12/15@19+1", 2024, date(2024, 3, 25)),  # Holi 2024
        ("hindu:6/4@12", 2023, date(2023, 9, 19)),  # Ganesh Chaturthi 2023
        ("hijri:12/10", 2018, date(2018, 8, 21)),  # Eid al-Adha 1439
        ("moved:4/27:7-1", 2014, date(2014, 4, 26)),  # King's Day on a Sunday
        ("moved:4/27:7-1", 2018, date(2018, 4, 27)),
    ],
)
def test_other_calendars_give_the_gregorian_day(rule: str, year: int, day: date) -> None:
    from calendar_export.pipeline.temporal.calendars import calendar_holiday

    assert calendar_holiday(rule, year) == day


def test_a_holiday_of_another_calendar_is_found_by_name() -> None:
    found = tag_timexes(
        "The city will light candles for Hanukkah 2019.", published=date(2019, 1, 1)
    )
    assert [t.value for t in found] == ["2019-12-22"]
