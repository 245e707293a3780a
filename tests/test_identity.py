"""Identity of a meeting across reports: a table of (new, old, same?, why)."""

from __future__ import annotations

from datetime import date

import pytest
from feedtools import make_event

from calendar_export.identity import MATCH_THRESHOLD, key_of, match_score, series_of
from calendar_export.models import Event, Place, When

BHARAT_MANDAPAM = Place(name="Bharat Mandapam", city="New Delhi", country="India")
INDIA = Place(name="India", country="India")
MUMBAI = Place(name="Mumbai", country="India")


def _with(event: Event, **changes: object) -> Event:
    return event.model_copy(update=changes)


def _published(event: Event, day: str) -> Event:
    mentions = tuple(
        m.model_copy(update={"published": date.fromisoformat(day)}) for m in event.mentions
    )
    return _with(event, mentions=mentions)


G20_MONTH = _published(
    make_event(
        "a",
        "G20 summit in New Delhi",
        kind="summit",
        status="expected",
        month="2023-09",
        place="New Delhi",
    ),
    "2023-06-19",
)
G20_DAYS_AT_VENUE = _published(
    _with(
        make_event(
            "b",
            "Group of 20 summit in Bharat Mandapam",
            kind="summit",
            day="2023-09-09",
            until="2023-09-10",
        ),
        place=BHARAT_MANDAPAM,
    ),
    "2023-08-30",
)
NATO_2025 = _published(
    make_event(
        "n", "Meeting: NATO defence ministers in Brussels", day="2025-02-11", place="Brussels"
    ),
    "2025-02-03",
)
LIMA_SUMMIT = _published(
    make_event("l", "Summit in Lima", kind="summit", day="2024-05-16", place="Lima"),
    "2024-03-04",
)


def _undated(title: str, *, status: str, published: str, place: str | None, sentence: str) -> Event:
    event = make_event("u", title, status=status, place=place, sentence=sentence)
    return _published(event, published)


LISBON_APRIL = _published(
    make_event(
        "lx",
        "Meeting: Atlantic ministers in Lisbon",
        day="2025-04-14",
        until="2025-04-15",
        place="Lisbon",
    ),
    "2025-02-20",
)


def _lisbon_june(status: str, sentence: str) -> Event:
    return _published(
        make_event(
            "lj",
            "Meeting in Lisbon",
            status=status,
            month="2025-06",
            place="Lisbon",
            sentence=sentence,
        ),
        "2025-04-02",
    )


CASES = [
    (
        _published(
            make_event(
                "l5", "Meeting: Atlantic ministers in Lisbon", day="2025-05-20", place="Lisbon"
            ),
            "2025-05-02",
        ),
        LISBON_APRIL,
        False,
        "the April meeting was past when May was announced, no change reported: another one",
    ),
    (
        _published(
            make_event(
                "l5", "Meeting: Atlantic ministers in Lisbon", day="2025-05-20", place="Lisbon"
            ),
            "2025-03-10",
        ),
        LISBON_APRIL,
        True,
        "a new date while the known one is still ahead: the same ministers, moved",
    ),
    (
        _published(
            make_event("n2", "Meeting of NATO in Brussels", day="2025-11-07", place="Brussels"),
            "2025-11-05",
        ),
        NATO_2025,
        False,
        "one series meets several times a year: another date, no change reported",
    ),
    (
        _undated(
            "Meeting: NATO defence ministers in Brussels",
            status="happened",
            published="2023-11-07",
            place="Brussels",
            sentence="NATO defence ministers met in Brussels.",
        ),
        _undated(
            "Meeting: defence ministers in Brussels",
            status="happened",
            published="2023-06-16",
            place="Brussels",
            sentence="NATO defence ministers met in Brussels, officials said.",
        ),
        False,
        "two undated reports months apart: nothing says they are one meeting",
    ),
    (
        _lisbon_june("postponed", "The Lisbon meeting has been postponed until June."),
        LISBON_APRIL,
        True,
        "a reported change (postponed until June) moves the known meeting at that place",
    ),
    (
        _lisbon_june("scheduled", "Ministers will meet in Lisbon in June."),
        LISBON_APRIL,
        False,
        "another date at the same place, no change reported: another meeting",
    ),
    (
        G20_DAYS_AT_VENUE,
        G20_MONTH,
        True,
        "'Group of 20' is G20; a venue is in its city; days in the month",
    ),
    (
        _with(G20_DAYS_AT_VENUE, place=INDIA),
        G20_MONTH,
        True,
        "a country contains its capital",
    ),
    (
        _with(G20_DAYS_AT_VENUE, place=MUMBAI),
        G20_MONTH,
        False,
        "another explicit city of the same country",
    ),
    (
        _with(G20_DAYS_AT_VENUE, title="APEC summit"),
        G20_MONTH,
        False,
        "another series",
    ),
    (
        _with(
            G20_DAYS_AT_VENUE,
            when=When(
                value="2024-09-09", start=date(2024, 9, 9), end=date(2024, 9, 10), precision="day"
            ),
        ),
        G20_MONTH,
        False,
        "another year",
    ),
    (
        _undated(
            "Meeting: defence ministers in Brussels",
            status="happened",
            published="2023-06-16",
            place="Brussels",
            sentence="NATO defence ministers met in Brussels, officials said.",
        ),
        NATO_2025,
        False,
        "an undated meeting that 'met' before 2023-06-16 is not one dated 2025",
    ),
    (
        _undated(
            "Meeting: defence ministers",
            status="scheduled",
            published="2025-02-07",
            place=None,
            sentence="NATO defence ministers will now meet on Thursday instead of Tuesday.",
        ),
        NATO_2025,
        True,
        "the series named right before the subject; a subject contained in the other",
    ),
    (
        _published(
            make_event(
                "c",
                "Summit in Lima",
                kind="summit",
                status="cancelled",
                day="2024-05-08",
                place="Lima",
            ),
            "2024-05-08",
        ),
        LIMA_SUMMIT,
        True,
        "a cancellation dated only by the day it was announced applies to the known summit",
    ),
    (
        _published(
            make_event(
                "c",
                "Summit in Lima",
                kind="summit",
                status="cancelled",
                day="2024-05-08",
                place="Lima",
            ),
            "2025-05-08",
        ),
        LIMA_SUMMIT,
        False,
        "a cancellation a year after the summit is another summit's",
    ),
]


@pytest.mark.parametrize(("new", "old", "same", "why"), CASES, ids=[c[3] for c in CASES])
def test_identity(new: Event, old: Event, same: bool, why: str) -> None:
    score = match_score(key_of(new), key_of(old))
    assert (score is not None and score >= MATCH_THRESHOLD) is same, (score, why)
    back = match_score(key_of(old), key_of(new))
    assert (back is not None and back >= MATCH_THRESHOLD) is same, ("symmetric", back, why)


@pytest.mark.parametrize(
    "title", ["Group of 20 summit", "G-20 summit", "G20 leaders' summit", "G20 summit in Bali"]
)
def test_series_aliases_come_from_the_lexicon(title: str) -> None:
    assert series_of(title) == {"g20"}


def test_the_sentence_names_the_series_only_right_before_the_subject() -> None:
    sidelines = make_event(
        "m",
        "Meeting: Joe Biden in Bali",
        place="Bali",
        people=("Joe Biden",),
        sentence="Joe Biden met Xi on the sidelines of a G20 summit in Bali.",
    )
    assert key_of(sidelines).series == frozenset()
