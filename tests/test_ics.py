"""The .ics export: what calendar apps receive must be valid, honest and inert."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from calendar_export import extract_events, parse_article, to_ics
from calendar_export.models import Confidence, Event, Mention, Place, When


def _event(**changes: object) -> Event:
    base: dict[str, object] = {
        "uid": "u1@calendar-export",
        "title": "Talks in Lisbon",
        "kind": "talks",
        "status": "scheduled",
        "when": When(
            value="2024-03-18",
            start=date(2024, 3, 18),
            end=date(2024, 3, 18),
            precision="day",
            text="on Monday",
        ),
        "place": Place(
            name="Lisbon",
            country="Portugal",
            latitude=38.7,
            longitude=-9.1,
            timezone="Europe/Lisbon",
        ),
        "participants": ("Ana Costa",),
        "confidence": Confidence(score=0.85, notes=("Scheduled.",)),
        "mentions": (
            Mention(source="a.txt", published=date(2024, 3, 14), sentence="x", start=0, end=1),
        ),
    }
    base.update(changes)
    return Event.model_validate(base)


def _vevents(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def test_day_event_is_all_day_with_exclusive_end() -> None:
    (ve,) = _vevents(to_ics([_event()]))
    assert ve["DTSTART"].dt == date(2024, 3, 18)
    assert ve["DTEND"].dt == date(2024, 3, 19)
    assert ve["STATUS"] == "CONFIRMED"
    assert ve["TRANSP"] == "TRANSPARENT"  # news of others' meetings never makes one busy
    assert ve["GEO"].latitude == pytest.approx(38.7)
    assert ve["X-CALENDAR-EXPORT-PRECISION"] == "day"


def test_month_event_is_a_tentative_transparent_span_saying_day_unknown() -> None:
    when = When(
        value="2023-09",
        start=date(2023, 9, 1),
        end=date(2023, 9, 30),
        precision="month",
        text="in September",
    )
    (ve,) = _vevents(to_ics([_event(when=when, status="expected", title="G20 summit")]))
    assert ve["DTSTART"].dt == date(2023, 9, 1)
    assert ve["DTEND"].dt == date(2023, 10, 1)
    assert ve["STATUS"] == "TENTATIVE"
    assert ve["TRANSP"] == "TRANSPARENT"
    assert "September 2023, day not known" in str(ve["SUMMARY"])


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_cancelled_event_stays_with_status_cancelled_and_says_so(status: str) -> None:
    (ve,) = _vevents(to_ics([_event(status=status)]))
    assert ve["STATUS"] == "CANCELLED"
    # Some clients hide STATUS:CANCELLED; the title says it too.
    assert str(ve["SUMMARY"]) == f"{status.capitalize()}: Talks in Lisbon"


def test_undated_and_vague_events_stay_out_of_the_calendar() -> None:
    vague = When(value="FUTURE_REF", precision="vague", text="in the coming months")
    events = [_event(uid="a@x", when=When()), _event(uid="b@x", when=vague), _event(uid="c@x")]
    assert [str(v["UID"]) for v in _vevents(to_ics(events))] == ["c@x"]


def test_dtstamp_comes_from_the_publication_date_not_the_clock() -> None:
    (ve,) = _vevents(to_ics([_event()]))
    assert ve["DTSTAMP"].dt.date() == date(2024, 3, 14)


@pytest.mark.parametrize(
    "hostile",
    [
        "Talks\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil",
        "Talks\nBEGIN:VCALENDAR\nX-EVIL:1",
        "Talks\u2028ATTENDEE:mailto:x@example.com",
        "Talks; with, commas\\and backslashes",
        "<script>alert(1)</script>\u202e",
    ],
)
def test_article_text_cannot_inject_components_or_properties(hostile: str) -> None:
    data = to_ics([_event(title=hostile)])
    cal = Calendar.from_ical(data)
    (ve,) = cal.walk("VEVENT")
    assert len(cal.subcomponents) == 1
    # RFC 5545 TEXT has one line break, "\n": a CRLF comes back as LF, all else exactly.
    assert str(ve["SUMMARY"]) == hostile.replace("\r\n", "\n")
    assert b"X-EVIL" not in data.replace(b"\r\n ", b"").split(b"SUMMARY:")[0]
    assert "ATTENDEE" not in ve


def test_export_is_byte_for_byte_deterministic(sample_path) -> None:
    path = sample_path("lisbon-ministers-2024-03-14.txt")
    article = parse_article(path.read_bytes(), source="lisbon.txt")
    runs = [
        to_ics(extract_events(article.text, published=article.published, source="lisbon.txt"))
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_sample_calendar_passes_the_independent_checker(sample_path, tmp_path, icscheck) -> None:
    path = sample_path("lisbon-ministers-2024-03-14.txt")
    article = parse_article(path.read_bytes(), source=path.name)
    events = extract_events(article.text, published=article.published, source=path.name)
    out = tmp_path / "sample.ics"
    out.write_bytes(to_ics(events, name="Samples"))
    result = icscheck(out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failed" in result.stdout
