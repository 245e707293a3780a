"""Article text that tries to break out of its .ics value stays inert text.

The evidence sentence of every event is quoted in DESCRIPTION, so a payload inside the
sentence reaches the calendar. Each test counts the components and compares the
round-tripped text exactly: icalendar escapes line breaks and separators, and
:func:`calendar_export.ics.inert_text` turns the control characters RFC 5545 forbids in
TEXT into U+FFFD.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from calendar_export import extract_events, to_ics
from calendar_export.ics import describe, inert_text
from calendar_export.models import Confidence, Event, Mention, Place, When

PUBLISHED = date(2024, 3, 14)

# Lower case after each line break keeps the payload inside one sentence; iCalendar names
# are case-insensitive, so "end:vevent" would close the event if it reached a line start.
PAYLOADS = {
    "crlf": "the\r\nend:vevent\r\nbegin:vevent\r\nuid:evil\r\nsummary:owned",
    "lf": "the\nend:vevent\nbegin:vcalendar",
    "cr": "the\rend:vevent\rbegin:vevent",
    "end-vevent": "END:VEVENT BEGIN:VEVENT UID:evil",
    "begin-vcalendar": "BEGIN:VCALENDAR VERSION:2.0 END:VCALENDAR",
    "line-separators": "a\u2028END:VEVENT\u2029BEGIN:VEVENT\x85X-NEL:1",
    "controls": "x\x0bend:vevent\x0cy\x1cz\x07w\x7fv\x01u",
    "long-line": "A" * 1_800,  # a sentence is at most MAX_SENTENCE (2,000) characters
    "markup": '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; </p>',
    "bidi": "\u202eevil\u202c \u200fRTL\u200e mark \u2066iso\u2069",
    "separators": 'semi;colon,comma\\backslash:colon "quoted"',
    # icalendar's escaper reads a backslash before N as a line break ("\\N" in RFC 5545).
    "backslash-n": "files in C:\\News\\Nightly and \\\\N",
}

# RFC 5545 3.1/3.3.11: in the raw file, no control character but HTAB (CR LF end lines).
_RAW_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")


def _article(payload: str) -> str:
    return (
        "The foreign ministers of Spain and Portugal will meet in Lisbon on Monday "
        f"to sign the {payload} accord.\n"
    )


def _unfolded_lines(data: bytes) -> list[bytes]:
    return data.replace(b"\r\n ", b"").split(b"\r\n")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_payload_in_the_evidence_sentence_stays_inert(payload: str) -> None:
    (event,) = extract_events(_article(payload), published=PUBLISHED, source="evil.txt")
    (mention,) = event.mentions
    assert payload in mention.sentence, (
        "the payload must reach the calendar for the test to mean anything"
    )
    data = to_ics([event])

    cal = Calendar.from_ical(data)
    assert [c.name for c in cal.walk()] == ["VCALENDAR", "VEVENT"]
    (ve,) = cal.walk("VEVENT")
    assert str(ve["UID"]) == event.uid
    assert str(ve["SUMMARY"]) == event.title
    description = str(ve["DESCRIPTION"])
    assert description == inert_text(describe(event))
    assert inert_text(payload) in description

    lines = _unfolded_lines(data)
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == 1
    assert sum(line.upper().startswith(b"UID:") for line in lines) == 1
    assert not any(_RAW_CONTROL.search(line) for line in lines)


def test_inert_text_keeps_everything_but_forbidden_controls() -> None:
    assert inert_text("a\r\nb\rc\nd\te") == "a\nb\nc\nd\te"
    assert inert_text("x\x00y\x0bz\x1f\x7f") == "x\ufffdy\ufffdz\ufffd\ufffd"
    assert inert_text("\u2028\u2029\x85\u202e<script>") == "\u2028\u2029\x85\u202e<script>"


def test_a_backslash_before_n_stays_on_its_line() -> None:
    """Hypothesis found it: "\\N" came back from the calendar as a line break."""
    event = _event("C:\\News", "\\N", "see \\\\N and \\n")
    (ve,) = Calendar.from_ical(to_ics([event])).walk("VEVENT")
    assert str(ve["SUMMARY"]) == "C:\\\u2060News"
    assert str(ve["LOCATION"]) == "\\\u2060N"
    assert "see \\\\\u2060N and \\n" in str(ve["DESCRIPTION"])
    assert not any("\n" in str(ve[name]) for name in ("SUMMARY", "LOCATION"))


def test_a_payload_calendar_passes_the_independent_checker(tmp_path, icscheck) -> None:
    events = [
        extract_events(_article(p), published=PUBLISHED, source=f"{name}.txt")[0]
        for name, p in PAYLOADS.items()
    ]
    out = tmp_path / "hostile.ics"
    out.write_bytes(to_ics(events, name="hostile\r\nX-EVIL:1"))
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == len(PAYLOADS)
    result = icscheck(out)
    assert " 0 failed" in result.stdout, result.stdout + result.stderr


def _event(title: str, place: str, sentence: str) -> Event:
    return Event(
        uid="u@calendar-export",
        title=title,
        kind="talks",
        status="scheduled",
        when=When(
            value="2024-03-18", start=date(2024, 3, 18), end=date(2024, 3, 18), precision="day"
        ),
        place=Place(name=place),
        participants=(title,),
        confidence=Confidence(score=0.5, notes=(sentence,)),
        mentions=(Mention(source="a.txt", published=PUBLISHED, sentence=sentence, start=0, end=1),),
    )


@settings(max_examples=100, deadline=None)
@given(title=st.text(min_size=1), place=st.text(min_size=1), sentence=st.text())
def test_any_text_in_any_field_round_trips_exactly(title: str, place: str, sentence: str) -> None:
    """SUMMARY, LOCATION and DESCRIPTION come back as written, up to :func:`inert_text`."""
    event = _event(title, place, sentence)
    data = to_ics([event], name=title)
    cal = Calendar.from_ical(data)
    (ve,) = cal.walk("VEVENT")
    assert len(cal.subcomponents) == 1
    assert str(ve["SUMMARY"]) == inert_text(title)
    assert str(ve["LOCATION"]) == inert_text(place)
    assert str(ve["DESCRIPTION"]) == inert_text(describe(event))
    assert str(cal["X-WR-CALNAME"]) == " ".join(inert_text(title).split("\n"))
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"])
    assert not any(_RAW_CONTROL.search(line) for line in _unfolded_lines(data))
