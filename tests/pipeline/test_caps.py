"""Bounded work per sentence (issue 15): the caps on event words, dates and places."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from calendar_export import extract_events
from calendar_export.models import Article
from calendar_export.pipeline.assemble import analyse
from calendar_export.pipeline.caps import (
    CAP_NOTES,
    MAX_PLACES_PER_SENTENCE,
    MAX_TIMEXES_PER_SENTENCE,
    MAX_TRIGGERS_PER_SENTENCE,
    CapNote,
    cap_sentences,
)

PUBLISHED = date(2024, 5, 2)
# One sentence (no full stop) of about 1,900 characters: 170 event words and 170 dates.
TALKS_JUNE = "talks June " * 170


def _doc(text: str):
    return analyse(Article(text=text, published=PUBLISHED, source="hostile.txt"))


def test_a_hostile_sentence_keeps_only_the_first_event_words_and_dates():
    doc = _doc(TALKS_JUNE)
    assert len(doc.sentences) == 1
    assert len(doc.triggers) == MAX_TRIGGERS_PER_SENTENCE
    assert len(doc.timexes) == MAX_TIMEXES_PER_SENTENCE
    # The first ones, in order of position.
    assert doc.triggers[0].start == 0
    assert [t.start for t in doc.triggers] == sorted(t.start for t in doc.triggers)
    assert doc.timexes[-1].start < len("talks June ") * (MAX_TIMEXES_PER_SENTENCE + 1)
    notes = doc.memo(CAP_NOTES, list)
    assert [(n.sentence, n.what, n.kept) for n in notes] == [
        (0, "dates", MAX_TIMEXES_PER_SENTENCE),
        (0, "event words", MAX_TRIGGERS_PER_SENTENCE),
    ]
    assert all(n.found == 170 for n in notes)


def test_extraction_of_a_hostile_sentence_is_bounded_and_says_so(caplog):
    with caplog.at_level(logging.WARNING, logger="calendar_export"):
        events = extract_events(TALKS_JUNE, published=PUBLISHED, source="hostile.txt")
    assert 0 < len(events) <= MAX_TRIGGERS_PER_SENTENCE  # 170 before the caps
    [record] = caplog.records
    assert record.getMessage().startswith("hostile.txt: 1 sentence(s) had more event words")
    assert "170 event words, only the first 12 were read" in record.getMessage()


def test_each_sentence_has_its_own_cap():
    text = ". ".join(["Talks June " * 20] * 3) + "."
    doc = _doc(text)
    assert len(doc.sentences) == 3
    for s in doc.sentences:
        assert len(doc.within(doc.triggers, s.start, s.end)) == MAX_TRIGGERS_PER_SENTENCE
    assert sorted({n.sentence for n in doc.memo(CAP_NOTES, list)}) == [0, 1, 2]


def test_a_list_of_places_is_capped():
    cities = "Paris, Rome, Berlin, Madrid, Lisbon, Vienna, Warsaw, Prague, Athens, Dublin, "
    doc = _doc("Ministers will hold talks in " + cities * 3 + "and Oslo.")
    assert len(doc.places) == MAX_PLACES_PER_SENTENCE
    assert [n.what for n in doc.memo(CAP_NOTES, list)] == ["places"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "Leaders will meet in Geneva on June 3, hold talks in Rome on June 4, visit "
            "Paris on June 5, confer in Berlin on June 6 and then attend a summit in Madrid "
            "on June 7.",
            "a busy itinerary is still well under every cap",
        ),
        (
            "The talks, the meeting, the summit and the visit were all held.",
            "event words without dates",
        ),
    ],
)
def test_prose_is_not_capped(text, why, caplog):
    with caplog.at_level(logging.WARNING, logger="calendar_export"):
        doc = _doc(text)
    assert doc.memo(CAP_NOTES, list) == [], why
    assert caplog.records == [], why


def test_cap_sentences_returns_what_it_dropped():
    doc = _doc("talks June " * 30)
    assert cap_sentences(doc, max_triggers=5, max_timexes=3) == [
        CapNote(0, "dates", 12, 3),
        CapNote(0, "event words", 12, 5),
    ]
    assert len(doc.triggers) == 5
    assert len(doc.timexes) == 3
    assert CapNote(0, "dates", 12, 3).text() == "sentence 1: 12 dates, only the first 3 were read"
