"""The feed store: identity across articles, merging, revisions, filters, schema."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from feedtools import G20_ARTICLE, REFERENCE_ARTICLE, make_event

from calendar_export.api import parse_article
from calendar_export.identity import MATCH_THRESHOLD, key_of, match_score, series_of
from calendar_export.models import Article
from calendar_export.store import (
    SCHEMA_VERSION,
    FeedQuery,
    QueryError,
    Store,
    StoredEvent,
    StoreError,
    feed_ics,
)

JUNE = date(2023, 6, 19)
AUGUST = date(2023, 8, 28)


def _article(text: str, published: date, source: str) -> Article:
    return Article(text=text, published=published, source=source)


def _g20_month(source: str = "first.txt") -> object:
    return make_event(
        "g20-first",
        "G20 summit in New Delhi",
        kind="summit",
        status="expected",
        month="2023-09",
        place="New Delhi",
        people=("Joe Biden", "Xi Jinping"),
        source=source,
    )


def _g20_days(source: str = "second.txt") -> object:
    return make_event(
        "g20-second",
        "G20 summit",
        kind="summit",
        status="scheduled",
        day="2023-09-09",
        until="2023-09-10",
        place="New Delhi",
        people=("Narendra Modi",),
        score=0.8,
        source=source,
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "feed.sqlite")
    yield s
    s.close()


# -- identity: a table of (new, old, same?, why) --------------------------------------

IDENTITY_CASES = [
    (
        _g20_days(),
        _g20_month(),
        True,
        "a month contains its days; same series and place; different attendees named",
    ),
    (
        make_event("x", "APEC summit", kind="summit", month="2023-09", place="New Delhi"),
        _g20_month(),
        False,
        "two different named series are never one event",
    ),
    (
        make_event("x", "G20 summit in Bali", kind="summit", month="2022-11", place="Bali"),
        _g20_month(),
        False,
        "the same series in another place and year is another summit",
    ),
    (
        make_event("x", "G20 summit", kind="summit", month="2023-10", place="New Delhi"),
        _g20_month(),
        True,
        "a named summit moved within its year is still that summit",
    ),
    (
        make_event(
            "x",
            "Blinken meets Xi",
            day="2023-06-19",
            place="Beijing",
            people=("Antony Blinken", "Xi Jinping"),
        ),
        make_event(
            "y",
            "Blinken meets Wang",
            day="2023-06-19",
            place="Beijing",
            people=("Antony Blinken", "Wang Yi"),
        ),
        False,
        "same day and city but a different counterpart: two meetings",
    ),
    (
        make_event(
            "x", "Blinken and Xi meet", day="2023-06-19", place="Beijing", people=("Blinken", "Xi")
        ),
        make_event(
            "y",
            "Blinken meets Xi",
            day="2023-06-19",
            place="Beijing",
            people=("Antony Blinken", "Xi Jinping"),
        ),
        True,
        "surnames alone name the same people",
    ),
    (
        make_event(
            "x",
            "Yellen visit to Beijing",
            kind="visit",
            month="2023-07",
            place="Beijing",
            people=("Janet Yellen",),
        ),
        make_event(
            "y", "Yellen trip to China", kind="trip", place="China", people=("Janet Yellen",)
        ),
        True,
        "a trip to a country and a visit to its capital by the same person",
    ),
    (
        make_event(
            "x",
            "Blinken meets Wang",
            kind="meeting",
            day="2023-06-19",
            place="Beijing",
            people=("Antony Blinken", "Wang Yi"),
        ),
        make_event("y", "G20 summit", kind="summit", day="2023-06-19", place="Beijing"),
        False,
        "a meeting is not a summit",
    ),
    (
        make_event(
            "x",
            "Costa-Lima talks",
            kind="talks",
            day="2024-03-25",
            place="Lisbon",
            people=("Ana Costa", "Marcos Lima"),
        ),
        make_event(
            "y",
            "Costa-Lima talks",
            kind="talks",
            day="2024-03-18",
            place="Lisbon",
            people=("Ana Costa", "Marcos Lima"),
        ),
        True,
        "the same people in the same city a week later: the talks moved",
    ),
    (
        make_event(
            "x",
            "Costa-Lima talks",
            kind="talks",
            day="2025-03-18",
            place="Lisbon",
            people=("Ana Costa", "Marcos Lima"),
        ),
        make_event(
            "y",
            "Costa-Lima talks",
            kind="talks",
            day="2024-03-18",
            place="Lisbon",
            people=("Ana Costa", "Marcos Lima"),
        ),
        False,
        "a year later it is another round of talks",
    ),
    (
        make_event(
            "x",
            "Summit on ocean energy",
            kind="summit",
            day="2024-03-18",
            place="Lisbon",
            people=("Ana Costa",),
        ),
        make_event(
            "y",
            "Conference on rail",
            kind="conference",
            day="2024-03-18",
            place="Lisbon",
            people=("Marcos Lima",),
        ),
        False,
        "unnamed gatherings in one city whose attendees differ are two gatherings",
    ),
    (
        make_event(
            "x",
            "Summit on ocean energy",
            kind="summit",
            day="2024-03-18",
            place="Lisbon",
            people=("Ana Costa",),
        ),
        make_event(
            "y",
            "Ocean summit",
            kind="summit",
            month="2024-03",
            place="Lisbon",
            people=("Ana Costa", "Marcos Lima"),
        ),
        True,
        "an unnamed summit with an attendee in common, same city and month",
    ),
    (
        make_event("x", "Costa-Lima talks", kind="talks", place="Lisbon"),
        make_event("y", "Biden-Xi talks", kind="talks", day="2024-03-18", place="Lisbon"),
        False,
        "only a city in common is too little",
    ),
]


@pytest.mark.parametrize(("new", "old", "same", "why"), IDENTITY_CASES)
def test_identity(new: object, old: object, same: bool, why: str) -> None:
    score = match_score(key_of(new), key_of(old))  # type: ignore[arg-type]
    assert (score is not None and score >= MATCH_THRESHOLD) is same, why


@pytest.mark.parametrize(
    ("title", "series"),
    [
        ("G20 summit in New Delhi", {"g20"}),
        ("Group of 20 leaders' summit", {"g20"}),
        ("COP28 climate summit", {"cop28"}),
        ("Asia-Pacific Economic Cooperation forum", {"apec"}),
        ("Blinken meets Wang Yi", set()),
        ("G7 and NATO summits", {"g7", "nato"}),
    ],
)
def test_series_names(title: str, series: set[str]) -> None:
    assert series_of(title) == series


# -- the store -------------------------------------------------------------------------


def test_month_then_days_is_one_event_revised_once(store: Store) -> None:
    first = store.ingest(_article("first article", JUNE, "first.txt"), [_g20_month()])
    second = store.ingest(_article("second article", AUGUST, "second.txt"), [_g20_days()])
    assert first.created == ["g20-first"]
    assert second.updated == ["g20-first"]
    assert not second.created
    (stored,) = store.events()
    event = stored.event
    assert event.uid == "g20-first"
    assert (event.when.start, event.when.end, event.when.precision) == (
        date(2023, 9, 9),
        date(2023, 9, 10),
        "day",
    )
    assert event.status == "scheduled"
    assert stored.sequence == 1
    assert stored.last_modified == datetime(2023, 8, 28, tzinfo=UTC)
    assert {m.source for m in event.mentions} == {"first.txt", "second.txt"}
    assert [h.source for h in stored.history] == ["first.txt", "second.txt"]
    assert "2023-09 (month) -> 2023-09-09..2023-09-10 (day)" in stored.history[1].change
    assert set(event.participants) == {"Joe Biden", "Xi Jinping", "Narendra Modi"}


def test_corroboration_raises_confidence_and_says_so(store: Store) -> None:
    store.ingest(_article("a", JUNE, "https://www.example.org/a"), [_g20_month("x")])
    store.ingest(_article("b", JUNE, "https://example.org/b"), [_g20_month("y")])
    (one_outlet,) = store.events()
    assert one_outlet.event.confidence.score == pytest.approx(0.6)  # one outlet, twice
    store.ingest(_article("c", AUGUST, "https://news.example.net/c"), [_g20_days("z")])
    (stored,) = store.events()
    assert stored.event.confidence.score > 0.8
    assert any("Corroborated by 2 independent sources" in n for n in stored.event.confidence.notes)


def test_reingesting_changes_nothing(store: Store) -> None:
    store.ingest(_article("same text", JUNE, "a.txt"), [_g20_month()])
    before = (store.state(), store.counts(), store.events())
    again = store.ingest(_article("same text\n", JUNE, "renamed.txt"), [_g20_days()])
    assert again.duplicate
    assert (store.state(), store.counts(), store.events()) == before


def test_cancellation_keeps_uid_and_bumps_sequence(store: Store) -> None:
    talks = make_event(
        "talks-1",
        "Costa-Lima talks",
        kind="talks",
        day="2024-03-18",
        place="Lisbon",
        people=("Ana Costa", "Marcos Lima"),
    )
    called_off = make_event(
        "talks-2",
        "Costa and Lima talks called off",
        kind="talks",
        status="cancelled",
        day="2024-03-18",
        place="Lisbon",
        people=("Costa", "Lima"),
        source="b.txt",
    )
    store.ingest(_article("planned", date(2024, 3, 14), "a.txt"), [talks])
    store.ingest(_article("cancelled", date(2024, 3, 16), "b.txt"), [called_off])
    (stored,) = store.events()
    assert (stored.event.uid, stored.event.status, stored.sequence) == ("talks-1", "cancelled", 1)
    cal = icalendar.Calendar.from_ical(feed_ics([stored], name="t", description="d"))
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["status"]) == "CANCELLED"
    assert str(vevent["uid"]) == "talks-1"
    assert int(vevent["sequence"]) == 1
    assert "status scheduled -> cancelled" in str(vevent["description"])


def test_postponed_to_a_new_date_moves_the_event(store: Store) -> None:
    talks = make_event(
        "talks-1",
        "Costa-Lima talks",
        kind="talks",
        day="2024-03-18",
        place="Lisbon",
        people=("Ana Costa", "Marcos Lima"),
    )
    moved = make_event(
        "talks-2",
        "Costa-Lima talks postponed",
        kind="talks",
        status="postponed",
        day="2024-04-08",
        place="Lisbon",
        people=("Costa", "Lima"),
        source="b.txt",
    )
    store.ingest(_article("planned", date(2024, 3, 14), "a.txt"), [talks])
    store.ingest(_article("moved", date(2024, 3, 16), "b.txt"), [moved])
    (stored,) = store.events()
    assert stored.event.uid == "talks-1"
    assert stored.event.when.start == date(2024, 4, 8)
    assert stored.event.status == "scheduled"
    assert stored.sequence == 1
    assert "date 2024-03-18 (day) -> 2024-04-08 (day)" in stored.history[-1].change


def test_merge_does_not_depend_on_ingest_order(tmp_path: Path) -> None:
    results = []
    for name, order in (("ab", (0, 1)), ("ba", (1, 0))):
        with Store(tmp_path / f"{name}.sqlite") as s:
            pairs = [("first", JUNE, _g20_month()), ("second", AUGUST, _g20_days())]
            for i in order:
                text, published, event = pairs[i]
                s.ingest(_article(text, published, f"{text}.txt"), [event])
            (stored,) = s.events()
            results.append((stored.event.when, stored.event.status, stored.event.place))
    assert results[0] == results[1]
    assert results[0][0].precision == "day"
    assert results[0][1] == "scheduled"


def test_last_modified_only_moves_forward(store: Store) -> None:
    store.ingest(_article("late", AUGUST, "late.txt"), [_g20_days()])
    state = store.state()
    # An older article ingested later still adds a source: the stamp moves one second on.
    store.ingest(_article("early", JUNE, "early.txt"), [_g20_month()])
    (stored,) = store.events()
    assert stored.last_modified == datetime(2023, 8, 28, 0, 0, 1, tzinfo=UTC)
    assert store.state().last_modified > state.last_modified
    assert store.state().revision == state.revision + 1
    assert stored.event.when.precision == "day"  # a vaguer report never undoes precision


def test_one_article_never_reports_one_event_twice(store: Store) -> None:
    a = make_event("u1", "G20 summit", kind="summit", month="2023-09", place="New Delhi")
    b = make_event("u2", "G20 summit", kind="summit", month="2023-09", place="New Delhi")
    result = store.ingest(_article("twice", JUNE, "a.txt"), [a, b])
    assert result.created == ["u1", "u2"]


def test_uid_clash_from_another_article_gets_a_new_uid(store: Store) -> None:
    a = make_event(
        "same-uid",
        "Costa-Lima talks",
        kind="talks",
        day="2024-03-18",
        place="Lisbon",
        people=("Ana Costa", "Marcos Lima"),
    )
    b = make_event("same-uid", "APEC summit", kind="summit", month="2023-11", place="San Francisco")
    store.ingest(_article("one", JUNE, "a.txt"), [a])
    result = store.ingest(_article("two", JUNE, "a.txt"), [b])
    assert result.created == ["a2-same-uid"]
    assert len({s.event.uid for s in store.events()}) == 2


def _populated(store: Store) -> None:
    events = [
        make_event(
            "g20",
            "G20 summit",
            kind="summit",
            status="expected",
            month="2023-09",
            place="New Delhi",
            score=0.5,
        ),
        make_event(
            "apec",
            "APEC forum",
            kind="summit",
            status="scheduled",
            month="2023-11",
            place="San Francisco",
            score=0.8,
        ),
        make_event(
            "beijing",
            "Blinken meets Wang",
            day="2023-06-19",
            place="Beijing",
            people=("Antony Blinken", "Wang Yi"),
            score=0.9,
        ),
        make_event("qin", "Qin visits Washington", kind="visit", status="proposed", score=0.3),
    ]
    store.ingest(_article("several", JUNE, "a.txt"), events)


@pytest.mark.parametrize(
    ("params", "uids"),
    [
        ([], {"g20", "apec", "beijing", "qin"}),
        ([("min_confidence", "0.6")], {"apec", "beijing"}),
        ([("status", "expected,proposed")], {"g20", "qin"}),
        ([("kind", "summit")], {"g20", "apec"}),
        ([("country", "India")], {"g20"}),
        ([("country", "india"), ("country", "china")], {"g20", "beijing"}),
        ([("from", "2023-09-15")], {"g20", "apec"}),
        ([("to", "2023-09-01")], {"g20", "beijing"}),
        ([("from", "2023-07-01"), ("to", "2023-08-31")], set()),
        ([("upcoming", "1")], {"g20", "apec"}),
    ],
)
def test_filters(store: Store, params: list[tuple[str, str]], uids: set[str]) -> None:
    _populated(store)
    query = FeedQuery.from_params(params)
    found = {s.event.uid for s in store.events(query, today=date(2023, 7, 1))}
    assert found == uids


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ([("min_confidence", "2")], "min_confidence must be a number from 0 to 1"),
        ([("min_confidence", "high")], "min_confidence must be a number"),
        ([("status", "postponed,maybe")], "status 'maybe' is not one of"),
        ([("kind", "party")], "kind 'party' is not one of"),
        ([("from", "2023-13-01")], "'from' must be a date YYYY-MM-DD"),
        ([("to", "next week")], "'to' must be a date YYYY-MM-DD"),
        ([("from", "2023-09-02"), ("to", "2023-09-01")], "is after 'to'"),
        ([("upcoming", "maybe")], "'upcoming' must be 1 or 0"),
        ([("min-confidence", "0.5")], "unknown query parameter 'min-confidence'"),
        ([("from", "2023-01-01"), ("from", "2023-02-01")], "takes one value"),
    ],
)
def test_bad_query_parameters(params: list[tuple[str, str]], message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(")):
        FeedQuery.from_params(params)


def test_query_round_trips_through_its_parameters() -> None:
    query = FeedQuery.from_params(
        [
            ("min_confidence", "0.5"),
            ("status", "scheduled"),
            ("country", "India"),
            ("from", "2023-01-01"),
            ("upcoming", "1"),
        ]
    )
    assert FeedQuery.from_params(query.to_params()) == query


# -- the file ----------------------------------------------------------------------------


def test_file_is_wal_versioned_and_persistent(tmp_path: Path) -> None:
    path = tmp_path / "feed.sqlite"
    with Store(path) as s:
        s.ingest(_article("first", JUNE, "first.txt"), [_g20_month()])
        state = s.state()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    with Store(path) as again:
        assert again.state() == state
        assert [s.event.uid for s in again.events()] == ["g20-first"]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this calendar-export knows"):
        Store(path)


def test_a_store_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"cannot open the store .*--store"):
        Store(tmp_path / "no" / "such" / "folder" / "feed.sqlite")


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match=r"notes\.sqlite"):
        Store(path)


# -- end to end with the extraction pipeline ---------------------------------------------


NEEDS_REFERENCE = pytest.mark.skipif(
    not REFERENCE_ARTICLE.exists(), reason="../shared reference article absent"
)


def _g20_after_both_articles(store: Store) -> StoredEvent:
    for path in (REFERENCE_ARTICLE, G20_ARTICLE):
        store.ingest(parse_article(path.read_bytes(), source=path.name))
    g20 = [
        s
        for s in store.events()
        if "g20" in series_of(s.event.title) and s.event.place and s.event.place.name == "New Delhi"
    ]
    assert len(g20) == 1, [s.event.title for s in store.events()]
    return g20[0]


@NEEDS_REFERENCE
def test_reference_then_g20_article_leave_one_day_precise_g20_event(store: Store) -> None:
    stored = _g20_after_both_articles(store)
    assert stored.event.when.precision == "day"
    assert stored.event.when.start == date(2023, 9, 9)
    assert stored.sequence == 1
    assert {m.source for m in stored.event.mentions} == {REFERENCE_ARTICLE.name, G20_ARTICLE.name}
    assert stored.event.status in ("scheduled", "expected")
    assert "2023-09 (month) -> 2023-09-09" in stored.history[-1].change


@NEEDS_REFERENCE
def test_the_g20_event_spans_both_days(store: Store) -> None:
    stored = _g20_after_both_articles(store)
    assert (stored.event.when.start, stored.event.when.end) == (date(2023, 9, 9), date(2023, 9, 10))
