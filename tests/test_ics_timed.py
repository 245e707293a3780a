"""Timed events: a clock time becomes DTSTART with the place's TZID and a VTIMEZONE that
icalendar adds itself; without a clock time (or a known time zone) the event stays all-day."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import icalendar
import pytest
from click.testing import CliRunner
from feedtools import make_event, serve_command

from calendar_export.api import extract_events, to_ics
from calendar_export.cli import main
from calendar_export.models import Event, When


def _at(value: str, *, place: str | None = "Lisbon") -> Event:
    event = make_event("t", "Meeting: ministers in Lisbon", day="2025-02-04", place=place)
    when = When(value=value, start=date(2025, 2, 4), end=date(2025, 2, 4), precision="time")
    return event.model_copy(update={"when": when})


def _vevent(ics: bytes) -> icalendar.Event:
    (vevent,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    return vevent


def test_a_clock_time_is_a_timed_event_in_the_places_zone() -> None:
    ics = to_ics([_at("2025-02-04T15:00")])
    vevent = _vevent(ics)
    assert vevent.decoded("DTSTART") == datetime(
        2025, 2, 4, 15, 0, tzinfo=ZoneInfo("Europe/Lisbon")
    )
    assert b"DTSTART;TZID=Europe/Lisbon:20250204T150000" in ics
    (zone,) = icalendar.Calendar.from_ical(ics).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Lisbon"
    assert vevent.decoded("DTEND") == datetime(2025, 2, 4, 16, 0, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert "the end is not stated" in str(vevent["DESCRIPTION"])


@pytest.mark.parametrize(
    ("value", "place", "why"),
    [
        ("2025-02-04TMO", "Lisbon", "a part of the day is no clock time"),
        ("2025-02-04T15:00", None, "no place, no time zone: a floating time would be wrong"),
    ],
)
def test_without_a_clock_time_and_a_zone_the_event_stays_all_day(
    value: str, place: str | None, why: str
) -> None:
    ics = to_ics([_at(value, place=place)])
    assert _vevent(ics).decoded("DTSTART") == date(2025, 2, 4), why
    assert b"BEGIN:VTIMEZONE" not in ics, why


def test_a_day_stays_all_day() -> None:
    ics = to_ics([make_event("d", "Talks in Lisbon", day="2025-02-04", place="Lisbon")])
    vevent = _vevent(ics)
    assert vevent.decoded("DTSTART") == date(2025, 2, 4)
    assert vevent.decoded("DTEND") == date(2025, 2, 5)


def test_an_article_with_a_clock_time_passes_every_checker(tmp_path: Path, icscheck) -> None:
    text = "Trade ministers will meet in Lisbon at 3 p.m. on Tuesday, officials said on Monday."
    events = extract_events(text, published=date(2025, 2, 3), source="lisbon.txt")
    out = tmp_path / "timed.ics"
    out.write_bytes(to_ics(events))
    assert b"DTSTART;TZID=Europe/Lisbon:20250204T150000" in out.read_bytes()
    result = icscheck(out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failed" in result.stdout


TIMED_ARTICLES = {
    "lisbon.txt": "date 2025-02-03\nTrade ministers will meet in Lisbon at 3 p.m. on Tuesday to "
    "sign a port agreement, officials said on Monday.\n",
    "nairobi.txt": "date 2025-03-10\nKenya's president will meet the finance ministers of the "
    "East African Community in Nairobi at 10 a.m. on Thursday, his office said on Monday.\n",
}
TIMED_STARTS = (
    b"DTSTART;TZID=Europe/Lisbon:20250204T150000",
    b"DTSTART;TZID=Africa/Nairobi:20250313T100000",
)


def _timed_articles(folder: Path) -> Path:
    folder.mkdir()
    for name, text in TIMED_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _has_its_zones(ics: bytes) -> None:
    for start in TIMED_STARTS:
        assert start in ics, ics.decode()
    zones = {str(z["TZID"]) for z in icalendar.Calendar.from_ical(ics).walk("VTIMEZONE")}
    assert zones == {"Europe/Lisbon", "Africa/Nairobi"}


def test_extract_writes_timed_events_every_checker_passes(tmp_path: Path, icscheck) -> None:
    folder = _timed_articles(tmp_path / "news")
    out = tmp_path / "timed.ics"
    result = CliRunner().invoke(main, ["extract", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    _has_its_zones(out.read_bytes())
    checked = icscheck(out)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "PASS rfc-timezones" in checked.stdout


def test_a_served_feed_of_timed_events_passes_every_subscriber(tmp_path: Path, icscheck) -> None:
    """``ingest`` then ``serve`` as a user runs them; icscheck subscribes to the feed."""
    folder = _timed_articles(tmp_path / "news")
    store = tmp_path / "feed.sqlite"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--store", str(store)])
    assert result.exit_code == 0, result.output
    with serve_command("--store", str(store)) as url:
        served = tmp_path / "served.ics"
        served.write_bytes(httpx.get(f"{url}calendar.ics", timeout=60).content)
        _has_its_zones(served.read_bytes())
        checked = icscheck(served, "--feed", f"{url}calendar.ics")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "PASS feed-http" in checked.stdout
    assert "PASS rfc-timezones" in checked.stdout
