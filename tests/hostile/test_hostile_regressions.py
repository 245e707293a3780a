"""Crashes and hangs found by the property tests and by hand, one test each.

Each case names what was wrong. A crash that ``make fuzz`` finds is added here too.
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from icalendar import Calendar

from calendar_export import InputError, extract_events, parse_article, to_ics
from calendar_export.api import MAX_ARTICLE_SIZE
from calendar_export.ics import in_calendar
from calendar_export.pipeline.sentences import MAX_SENTENCE, split_sentences


def _round_trip(text: str, published: date) -> int:
    """Extract, export and parse back; return the number of VEVENTs (checked against the events)."""
    events = extract_events(text, published=published, source="r.txt")
    vevents = Calendar.from_ical(to_ics(events)).walk("VEVENT")
    assert len(vevents) == sum(in_calendar(e) for e in events)
    return len(vevents)


@pytest.mark.parametrize(
    ("text", "published", "why"),
    [
        (
            "They met last winter in Oslo.",
            date(2024, 2, 29),
            "'last winter' in January or February had no candidate winter: max() of nothing",
        ),
        (
            "They met last winter in Oslo.",
            date(2023, 1, 15),
            "the same, any year",
        ),
        (
            "The ministers will meet in 5000000 days.",
            date(2023, 6, 1),
            "a count of days past year 9999 overflowed the date arithmetic",
        ),
        (
            "The ministers will meet in 99999999999999999999 weeks.",
            date(2023, 6, 1),
            "a count too big for a C int overflowed timedelta",
        ),
        (
            "Biden will meet Xi in December.",
            date(9999, 1, 1),
            "a month resolved into year 10000",
        ),
        (
            "They met on Monday.",
            date(1, 1, 1),
            "a weekday before 0001-01-01",
        ),
        (
            "They will meet this winter.",
            date(9998, 12, 31),
            "a season ending in year 10000",
        ),
    ],
)
def test_dates_out_of_range_are_dropped_not_raised(text: str, published: date, why: str) -> None:
    _round_trip(text, published)


def test_last_winter_in_february_is_the_winter_before() -> None:
    (event,) = extract_events("They met last winter in Oslo.", published=date(2024, 2, 29))
    assert event.when.value == "2022-WI"


def test_an_event_on_the_last_representable_day_is_exported_with_a_duration() -> None:
    """DTEND is the day after the last day; 9999-12-31 has none, so a DURATION says it."""
    events = extract_events("Talks will be held on December 31.", published=date(9999, 12, 31))
    assert [e.when.start for e in events] == [date(9999, 12, 31)]
    data = to_ics(events)
    (ve,) = Calendar.from_ical(data).walk("VEVENT")
    assert ve["DTSTART"].dt == date(9999, 12, 31)
    assert "DTEND" not in ve
    assert ve["DURATION"].dt.days == 1


def test_sentence_splitting_is_linear() -> None:
    """The abbreviation check searched from the start of the text at every full stop:
    80 KB of prose took 13 s to split, 1 MB would have taken half an hour."""
    text = "He met the envoy. " * 50_000  # 900 KB, 50,000 sentences
    started = time.perf_counter()
    sentences = split_sentences(text)
    assert len(sentences) == 50_000
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("before", "abbreviation"),
    [("The envoy met Mr. Smith.", True), ("x" * 40 + "mr. Smith met him.", False)],
)
def test_only_a_whole_word_is_an_abbreviation(before: str, abbreviation: bool) -> None:
    """The bounded look-back must not read the tail of a long word as 'mr.'."""
    assert (len(split_sentences(before)) == 1) is abbreviation


def test_an_oversized_article_is_refused_before_it_is_decoded() -> None:
    with pytest.raises(InputError, match=r"^big\.txt: is over 128 KiB"):
        parse_article(b"a" * (MAX_ARTICLE_SIZE + 1), source="big.txt")
    assert parse_article(b"date 2024-01-01\n" + b"a" * 1000, source="ok.txt").text


@pytest.mark.parametrize("header", ["date 0001-01-01", "date 9999-12-31", "date 0999-12-31"])
def test_a_publication_year_no_news_has_is_refused(header: str) -> None:
    with pytest.raises(InputError, match=r"^far\.txt: the publication date .* is outside"):
        parse_article(f"{header}\nThe ministers met on Monday.", source="far.txt")


@pytest.mark.parametrize(
    ("unit", "why"),
    [
        ("A", "person regex: an unbounded word before a title rescanned a capital run"),
        ("A.", "the same with dots, and the role regex's possessive owner"),
        (" ", "sentence regex: a headline line break was tried from every blank"),
        (".", "sentence regex: a full stop run was tried from every stop"),
        ("!?", "the same with mixed end punctuation"),
    ],
)
def test_long_runs_of_one_character_are_linear(unit: str, why: str) -> None:
    """64,000 characters of one repeated unit: 90 s or more before, well under 1 s after."""
    text = unit * (64_000 // len(unit))
    started = time.perf_counter()
    extract_events(text, published=date(2024, 1, 1))
    assert time.perf_counter() - started < 5, why


def test_a_sentence_is_cut_at_white_space_before_max_sentence() -> None:
    text = "x" * 5000 + " " + "word " * 1000
    spans = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in spans)
    assert [text[s.start : s.end] for s in spans] == [s.text for s in spans]
    assert "".join(s.text for s in spans).replace(" ", "") == text.replace(" ", "")
    # The 5,000-character word is cut hard; "word" never is.
    assert {t for s in spans for t in s.text.split() if not t.startswith("x")} == {"word"}


def test_one_endless_sentence_of_event_words_stays_bounded() -> None:
    """'President Xi met ' 2,000 times is one 34 KB sentence: each of its 2,000 events
    quoted all of it (a 60 MB calendar) and every stage searched it once an event."""
    text = "President Xi met in Paris on Monday " * 1000
    started = time.perf_counter()
    events = extract_events(text, published=date(2024, 1, 1))
    assert time.perf_counter() - started < 30
    assert all(len(m.sentence) <= MAX_SENTENCE for e in events for m in e.mentions)
    assert len(to_ics(events)) < 20 * MAX_SENTENCE * max(1, len(events))


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("The talks were held. ", "every definite mention joined one cluster, re-read whole"),
        ("Biden met Xi in Paris on Monday. ", "every dated mention weighed against all before"),
        ("they met, ", "a first line with no full stop made every mention a headline's"),
    ],
)
def test_merging_a_long_article_of_one_repeated_mention_is_not_quadratic(
    sentence: str, why: str
) -> None:
    """128 KiB of one meeting sentence: 40 to 85 s before, about 2 s after."""
    text = sentence * (MAX_ARTICLE_SIZE // len(sentence))
    started = time.perf_counter()
    extract_events(text, published=date(2024, 1, 1))
    assert time.perf_counter() - started < 30, why


def test_the_library_refuses_an_oversized_text_as_parse_article_does() -> None:
    with pytest.raises(InputError, match=r"^corpus\.txt: is over 128 KiB"):
        extract_events("They met. " * 20_000, published=date(2024, 1, 1), source="corpus.txt")
