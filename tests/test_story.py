"""Stories: one meeting followed across 3 to 4 articles, ingested in publication order.

Each story lives in ``tests/stories/<story>/`` (articles written by us, one file each, with
a ``date`` header). Every story must end as ONE calendar entry in the feed, with the latest
date and status, SEQUENCE >= 1 and one history line per article that reported it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import icalendar
import pytest
from feedtools import REFERENCE_ARTICLE, make_event

from calendar_export.api import parse_article
from calendar_export.ics import in_calendar
from calendar_export.identity import series_of
from calendar_export.store import Store, StoredEvent, feed_ics
from calendar_export.story import Report, add_newest_report, merge_reports

STORIES = Path(__file__).parent / "stories"

NEEDS_REFERENCE = pytest.mark.skipif(
    not REFERENCE_ARTICLE.exists(), reason="../shared reference article absent"
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "feed.sqlite")
    yield s
    s.close()


def _ingest(store: Store, *paths: Path) -> list[StoredEvent]:
    """Ingest ``paths`` in publication order; return the events the calendar shows."""
    articles = [parse_article(p.read_bytes(), source=p.name) for p in paths]
    for article in sorted(articles, key=lambda a: a.published):
        store.ingest(article)
    return [s for s in store.events() if in_calendar(s.event)]


def _story(name: str) -> list[Path]:
    return sorted(p for p in (STORIES / name).glob("*.txt") if p.name[0].isdigit())


def _vevents(stored: list[StoredEvent]) -> list[icalendar.Event]:
    ics = feed_ics(stored, name="story", description="story test")
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def _only(stored: list[StoredEvent], where: str) -> StoredEvent:
    found = [
        s for s in stored if s.event.place and where in (s.event.place.name, s.event.place.city)
    ]
    assert len(found) == 1, [(s.event.title, s.event.when.value) for s in stored]
    return found[0]


def _sources(stored: StoredEvent) -> set[str]:
    return {m.source for m in stored.event.mentions if m.source}


def _one_entry(store: Store, story: str) -> tuple[list[Path], StoredEvent]:
    """Ingest a story; its articles and the one calendar entry it must end as."""
    paths = _story(story)
    shown = _ingest(store, *paths)
    assert len(shown) == 1, [(s.event.title, s.event.when.value) for s in shown]
    return paths, shown[0]


def test_lisbon_spring_then_days_then_postponed_then_new_days(store: Store) -> None:
    paths = _story("lisbon-atlantic-ministers")
    lisbon = _only(_ingest(store, *paths), "Lisbon")
    when = lisbon.event.when
    assert (when.start, when.end, when.precision) == (date(2025, 6, 2), date(2025, 6, 3), "day")
    assert lisbon.event.status == "scheduled"
    assert lisbon.sequence >= 3  # dated, postponed, dated again
    assert _sources(lisbon) == {p.name for p in paths}
    assert len(lisbon.history) == len(paths)
    assert "2025-04-14..2025-04-15 (day) -> 2025-06 (month)" in lisbon.history[2].change


def test_lisbon_story_is_one_calendar_entry(store: Store) -> None:
    assert len(_ingest(store, *_story("lisbon-atlantic-ministers"))) == 1


def test_an_undated_cancellation_cancels_the_dated_lima_summit(store: Store) -> None:
    paths, lima = _one_entry(store, "lima-summit-cancelled")
    assert lima.event.status == "cancelled"
    assert (lima.event.when.start, lima.event.when.end) == (date(2024, 5, 16), date(2024, 5, 16))
    assert lima.sequence >= 1
    assert len(lima.history) == len(paths)
    assert "status scheduled -> cancelled" in lima.history[-1].change
    (vevent,) = _vevents([lima])
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) >= 1
    # LAST-MODIFIED is the day of the article that cancelled it.
    assert vevent.decoded("LAST-MODIFIED").date() == date(2024, 5, 8)


def test_nato_meeting_moved_from_tuesday_to_thursday_then_held(store: Store) -> None:
    paths = _story("nato-brussels-moved")
    shown = _ingest(store, *paths)
    assert len(shown) == 1, [(s.event.title, s.event.when.value) for s in shown]
    nato = shown[0]
    assert nato.event.when.start == date(2025, 2, 13)  # Thursday, not Tuesday the 11th
    assert nato.event.status == "happened"
    assert nato.sequence >= 2  # moved, then held
    assert _sources(nato) == {p.name for p in paths}
    assert [h.source for h in nato.history] == [p.name for p in paths]
    assert "date 2025-02-11 (day) -> 2025-02-13 (day)" in nato.history[1].change


def test_an_undated_2023_nato_meeting_stays_out_of_the_2025_one(
    store: Store, tmp_path: Path
) -> None:
    old = STORIES / "nato-brussels-moved" / "old-2023-met.txt"
    paths = [old, *_story("nato-brussels-moved")]
    _ingest(store, *paths)
    (nato,) = [s for s in store.events() if s.event.when.start == date(2025, 2, 13)]
    assert old.name not in _sources(nato)
    with Store(tmp_path / "without-2023.sqlite") as alone_store:
        (without,) = _ingest(alone_store, *_story("nato-brussels-moved"))
    assert nato.event.confidence == without.event.confidence, "2023 raised nothing"
    alone = [s for s in store.events() if _sources(s) == {old.name}]
    assert len(alone) == 1, "the 2023 meeting keeps an event of its own"


def _asean(shown: list[StoredEvent]) -> StoredEvent:
    (summit,) = [s for s in shown if "asean" in series_of(s.event.title)]
    return summit


def test_asean_summit_month_then_days_then_ended_on_its_last_day(store: Store) -> None:
    paths = _story("vientiane-asean-summit")
    summit = _asean(_ingest(store, *paths))
    when = summit.event.when
    assert (when.start, when.end) == (date(2024, 10, 8), date(2024, 10, 11))  # not just Friday
    assert summit.event.status == "happened"
    assert summit.sequence == 2  # dated, held
    assert [h.source for h in summit.history] == [p.name for p in paths]


def test_asean_story_is_one_calendar_entry(store: Store) -> None:
    assert len(_ingest(store, *_story("vientiane-asean-summit"))) == 1


@NEEDS_REFERENCE
def test_reference_then_group_of_20_with_days_and_venue_is_one_g20_event(store: Store) -> None:
    dated = STORIES / "g20-new-delhi" / "2-dated.txt"
    shown = _ingest(store, REFERENCE_ARTICLE, dated)
    g20 = [s for s in shown if "g20" in series_of(s.event.title)]
    delhi = [s for s in g20 if s.event.when.start and s.event.when.start.year == 2023]
    assert len(delhi) == 1, [(s.event.title, s.event.when.value) for s in g20]
    event = delhi[0].event
    assert (event.when.start, event.when.end) == (date(2023, 9, 9), date(2023, 9, 10))
    assert event.place is not None
    assert "New Delhi" in (event.place.name, event.place.city)  # the venue counts as its city
    assert delhi[0].sequence >= 1
    assert _sources(delhi[0]) == {REFERENCE_ARTICLE.name, dated.name}


@NEEDS_REFERENCE
def test_g20_announced_dated_then_held(store: Store) -> None:
    paths = [REFERENCE_ARTICLE, *_story("g20-new-delhi")]
    shown = _ingest(store, *paths)
    g20 = [s for s in shown if s.event.when.start and s.event.when.start.year == 2023]
    g20 = [s for s in g20 if "g20" in series_of(s.event.title)]
    assert len(g20) == 1, [(s.event.title, s.event.when.value) for s in g20]
    event = g20[0].event
    assert event.status == "happened"
    assert (event.when.start, event.when.end) == (date(2023, 9, 9), date(2023, 9, 10))
    assert g20[0].sequence >= 2  # dated, then held
    assert len(g20[0].history) == len(paths)


def test_talks_called_off_without_a_date_are_cancelled(store: Store) -> None:
    paths = _story("nairobi-sudan-talks")[:2]
    shown = _ingest(store, *paths)
    assert len(shown) == 1, [(s.event.title, s.event.when.value) for s in shown]
    assert shown[0].event.status == "cancelled"
    assert shown[0].event.when.start == date(2024, 4, 22)
    assert shown[0].sequence == 1


def test_talks_called_off_then_rescheduled(store: Store) -> None:
    paths, talks = _one_entry(store, "nairobi-sudan-talks")
    assert talks.event.status == "scheduled"
    assert (talks.event.when.start, talks.event.when.end) == (date(2024, 5, 12), date(2024, 5, 13))
    assert talks.sequence == 2  # called off, then rescheduled
    assert [h.source for h in talks.history] == [p.name for p in paths]


def test_oslo_month_then_days_then_rescheduled_then_held_on_the_new_days(store: Store) -> None:
    paths, oslo = _one_entry(store, "oslo-fisheries-held")
    when = oslo.event.when
    assert (when.start, when.end, when.precision) == (date(2025, 5, 27), date(2025, 5, 28), "day")
    assert oslo.event.status == "happened"
    assert oslo.sequence == 3  # dated, rescheduled, held
    assert [h.source for h in oslo.history] == [p.name for p in paths]
    assert "2025-05-20..2025-05-21 (day) -> 2025-05-27..2025-05-28 (day)" in oslo.history[2].change
    assert "status scheduled -> happened" in oslo.history[3].change
    (vevent,) = _vevents([oslo])
    assert int(vevent["SEQUENCE"]) == 3
    assert vevent.decoded("DTSTART") == date(2025, 5, 27)
    assert vevent.decoded("DTEND") == date(2025, 5, 29)  # all-day: DTEND is exclusive


@pytest.mark.parametrize(
    "articles",
    [
        ("1-march-announced", "2-march-held", "3-april-announced"),
        ("1-march-announced", "3-april-announced"),
    ],
    ids=["march-held-then-april", "march-then-april"],
)
def test_a_committee_meeting_in_march_and_again_in_april_is_two_events(
    store: Store, articles: tuple[str, ...]
) -> None:
    """Nothing says the March meeting moved, and it was past when April was announced."""
    folder = STORIES / "vienna-water-committee"
    shown = _ingest(store, *(folder / f"{name}.txt" for name in articles))
    by_day = {s.event.when.start: s for s in shown}
    assert sorted(by_day) == [date(2025, 3, 12), date(2025, 4, 16)], [
        (s.event.title, s.event.when.value) for s in shown
    ]
    march, april = by_day[date(2025, 3, 12)], by_day[date(2025, 4, 16)]
    assert march.event.status == ("happened" if "2-march-held" in articles else "scheduled")
    assert _sources(april) == {"3-april-announced.txt"}
    assert april.sequence == 0


def test_the_same_ministers_in_another_city_are_another_meeting(store: Store) -> None:
    shown = _ingest(store, *_story("accra-cocoa-two-cities"))
    places = sorted(s.event.place.name for s in shown if s.event.place)
    assert places == ["Abidjan", "Accra"], [(s.event.title, s.event.when.value) for s in shown]
    assert all(s.sequence == 0 and len(s.history) == 1 for s in shown)


def test_next_years_conference_in_the_same_city_is_another_event(store: Store) -> None:
    shown = _ingest(store, *_story("munich-conference-next-year"))
    spans = sorted((s.event.when.start, s.event.when.end) for s in shown)
    assert spans == [
        (date(2025, 2, 14), date(2025, 2, 16)),
        (date(2026, 2, 13), date(2026, 2, 15)),
    ], [(s.event.title, s.event.when.value) for s in shown]
    assert all(s.sequence == 0 for s in shown)


def _report(
    title: str, day: str | None, month: str | None, published: str, sentence: str
) -> Report:
    event = make_event(
        "x", title, kind="summit", day=day, month=month, place="New Delhi", sentence=sentence
    )
    return Report(event, date.fromisoformat(published), int(published[-2:]), published)


SEPT_DAYS = (
    "G20 summit in New Delhi",
    "2023-09-09",
    None,
    "2023-08-30",
    "The G20 summit will be held on September 9-10.",
)


def test_a_vaguer_date_never_replaces_a_known_day() -> None:
    later = (
        "G20 summit in New Delhi",
        None,
        "2023-10",
        "2023-09-01",
        "The G20 summit in October in New Delhi.",
    )
    merged = merge_reports([_report(*SEPT_DAYS), _report(*later)], uid="g20")
    assert (merged.when.start, merged.when.precision) == (date(2023, 9, 9), "day")


def test_a_date_changes_when_the_article_says_so() -> None:
    later = (
        "G20 summit in New Delhi",
        None,
        "2023-10",
        "2023-09-01",
        "The G20 summit was moved to October.",
    )
    merged = merge_reports([_report(*SEPT_DAYS), _report(*later)], uid="g20")
    assert (merged.when.start, merged.when.precision) == (date(2023, 10, 1), "month")


def _days(start: str, until: str | None, published: str, sentence: str, status: str) -> Report:
    event = make_event(
        "x",
        "G20 summit in New Delhi",
        kind="summit",
        status=status,
        day=start,
        until=until,
        place="New Delhi",
        sentence=sentence,
    )
    return Report(event, date.fromisoformat(published), int(published[-2:]), published)


NINE_TO_TEN = ("2023-09-09", "2023-09-10", "2023-08-30", "It will be held on September 9-10.")


@pytest.mark.parametrize(
    ("later", "span"),
    [
        (
            ("2023-09-10", None, "2023-09-11", "The G20 summit ended on Sunday."),
            (date(2023, 9, 9), date(2023, 9, 10)),
        ),
        (
            (
                "2023-09-09",
                None,
                "2023-09-01",
                "The G20 summit was cut to one day, moved to September 9.",
            ),
            (date(2023, 9, 9), date(2023, 9, 9)),
        ),
        (
            ("2023-09-08", "2023-09-10", "2023-09-01", "Leaders meet on September 8-10."),
            (date(2023, 9, 8), date(2023, 9, 10)),
        ),
    ],
    ids=["one-day-of-the-span-keeps-it", "cut-short-when-said", "a-wider-span-widens"],
)
def test_a_day_within_known_days_narrows_them_only_when_the_article_says_so(
    later: tuple[str, str | None, str, str], span: tuple[date, date]
) -> None:
    """ "Ended on Sunday" speaks of one day of a two-day summit; it does not shorten it."""
    merged = merge_reports(
        [_days(*NINE_TO_TEN, status="scheduled"), _days(*later, status="happened")], uid="g20"
    )
    assert (merged.when.start, merged.when.end) == span
    assert merged.status == "happened"


def test_folding_the_newest_report_in_is_folding_them_all() -> None:
    days = (
        "G20 summit in New Delhi",
        "2023-09-09",
        None,
        "2023-08-30",
        "Leaders meet on September 9-10.",
    )
    reports = [
        _report(*SEPT_DAYS[:3], "2023-06-19", "The G20 summit in September."),
        _report(*days),
    ]
    reports.append(
        _report(
            "G20 summit in New Delhi", None, "2023-10", "2023-09-01", "It was moved to October."
        )
    )
    whole = merge_reports(reports, uid="g20")
    step = merge_reports(reports[:1], uid="g20")
    for i in range(2, len(reports) + 1):
        step = add_newest_report(step, reports[:i])
    assert step == whole


def test_called_off_then_rescheduled_through_the_store(store: Store) -> None:
    """The Nairobi story with the events extraction should give for its third article
    (today it gives none for "have been rescheduled for May 12-13")."""
    paths = _story("nairobi-sudan-talks")
    for path in paths[:2]:
        store.ingest(parse_article(path.read_bytes(), source=path.name))
    third = parse_article(paths[2].read_bytes(), source=paths[2].name)
    sentence = third.text.strip().split(", Kenya's")[0]
    rescheduled = make_event(
        "r",
        "Talks: foreign ministers in Nairobi",
        kind="talks",
        day="2024-05-12",
        until="2024-05-13",
        place="Nairobi",
        source=paths[2].name,
        sentence=sentence,
    )
    store.ingest(third, [rescheduled])
    shown = [s for s in store.events() if in_calendar(s.event)]
    assert len(shown) == 1, [(s.event.title, s.event.when.value) for s in shown]
    talks = shown[0]
    assert talks.event.status == "scheduled"
    assert (talks.event.when.start, talks.event.when.end) == (date(2024, 5, 12), date(2024, 5, 13))
    assert talks.sequence == 2  # called off, then rescheduled
    assert len(talks.history) == 3
