"""Properties over any text and any publication date (Hypothesis, bounded).

For every input: ``extract_events`` returns in bounded time, every event re-validates
through its pydantic model, and the .ics of the result parses back in icalendar with one
VEVENT per event that has a calendar date.
"""

from __future__ import annotations

from datetime import date, timedelta

from hostile_strategies import article_texts, publication_dates
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from calendar_export import extract_events, find_timexes, to_ics
from calendar_export.ics import in_calendar
from calendar_export.models import Event, Timex

# Bounded so `make test` stays fast; the deadline catches pathological (backtracking) input.
BOUNDED = settings(
    max_examples=100,
    deadline=timedelta(seconds=3),
    suppress_health_check=[HealthCheck.too_slow],
)


def _warm() -> None:
    # The first call loads and compiles the packaged rules; keep that out of the deadline.
    extract_events("warm up", published=date(2024, 1, 1))


_warm()


@BOUNDED
@given(text=article_texts(), published=publication_dates())
def test_extract_events_returns_valid_events_that_round_trip(text: str, published: date) -> None:
    events = extract_events(text, published=published, source="prop.txt")
    for event in events:
        assert Event.model_validate(event.model_dump()) == event
        assert Event.model_validate_json(event.model_dump_json()) == event
        for mention in event.mentions:
            assert text[mention.start : mention.end] == mention.sentence
    cal = Calendar.from_ical(to_ics(events, name="property"))
    assert len(cal.walk("VEVENT")) == sum(in_calendar(e) for e in events)
    # Nothing but the events and the VTIMEZONE of each zone a timed event uses.
    zones = {
        str(ve["DTSTART"].params["TZID"])
        for ve in cal.walk("VEVENT")
        if "TZID" in ve["DTSTART"].params
    }
    assert {str(z["TZID"]) for z in cal.walk("VTIMEZONE")} == zones
    assert len(cal.subcomponents) == len(cal.walk("VEVENT")) + len(zones)


@BOUNDED
@given(text=article_texts(), published=publication_dates())
def test_find_timexes_offsets_point_into_the_text(text: str, published: date) -> None:
    for timex in find_timexes(text, published=published):
        assert Timex.model_validate(timex.model_dump()) == timex
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text


@BOUNDED
@given(text=article_texts(), published=publication_dates(), cut=st.floats(0, 1))
def test_min_confidence_only_removes_events(text: str, published: date, cut: float) -> None:
    every = extract_events(text, published=published)
    kept = extract_events(text, published=published, min_confidence=cut)
    assert kept == [e for e in every if e.confidence.score >= cut]
