"""Events to RFC 5545 with the icalendar library; the only module importing icalendar.

Everything taken from article text goes through icalendar's own escaping and folding,
so article text can never add properties or components.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from .models import Event

PRODID = "-//calendar-export//calendar-export 0.1//EN"

#: Precisions that become an all-day span in the calendar; coarser ones stay in the JSON.
CALENDAR_PRECISIONS = frozenset({"time", "day", "week", "month", "season", "quarter"})

ICS_STATUS = {
    "happened": "CONFIRMED",
    "scheduled": "CONFIRMED",
    "expected": "TENTATIVE",
    "possible": "TENTATIVE",
    "invited": "TENTATIVE",
    "proposed": "TENTATIVE",
    "postponed": "CANCELLED",
    "cancelled": "CANCELLED",
}

_PRECISION_WORDS = {
    "week": "week",
    "month": "month",
    "season": "season",
    "quarter": "quarter",
}


# RFC 5545 TEXT may hold no CONTROL character but HTAB (3.3.11); icalendar escapes line
# breaks but passes the others through, and one NUL makes libical drop the whole file.
_LINE_BREAK = re.compile(r"\r\n?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# icalendar's TEXT escaper reads a backslash before "N" as an escaped line break (RFC 5545
# writes a newline as \n or \N) and turns it into one: "C:\News" would become two lines.
# A WORD JOINER (U+2060, invisible, no break) between them keeps the text on one line.
_BACKSLASH_N = re.compile(r"\\(?=N)")


def inert_text(text: str) -> str:
    """Text safe for an RFC 5545 TEXT value: CR LF and CR become LF (which icalendar
    escapes as ``\\n``), every other control character but tab becomes U+FFFD, and a
    backslash before "N" is followed by U+2060 so that it is not read as a line break."""
    text = _CONTROL.sub("\ufffd", _LINE_BREAK.sub("\n", text))
    return _BACKSLASH_N.sub("\\\\\u2060", text)


_CLOCK = re.compile(r"T(\d{2}):(\d{2})")

#: How long a timed event is shown when the article gives only its start ("at 3 p.m."):
#: a VEVENT without DTEND is an instant that Exchange/Outlook refuse to import.
TIMED_LENGTH = timedelta(hours=1)


def clock_start(event: Event) -> datetime | None:
    """The start as a time in the place's zone when the article gives a clock time ("at
    3 p.m.") and the place's time zone is known; else ``None`` (the event is all-day).

    A part of the day ("Tuesday morning") is no clock time, and without a zone a time
    would float in each reader's own zone, which is wrong for a meeting somewhere else.
    """
    when, place = event.when, event.place
    match = _CLOCK.search(when.value or "") if when.precision == "time" else None
    if match is None or when.start is None or place is None or not place.timezone:
        return None
    if when.start.year > date.max.year - 2:
        return None  # the VTIMEZONE must cover a later year than the event's
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    try:
        zone = ZoneInfo(place.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return datetime.combine(when.start, time(hour, minute), tzinfo=zone)


def in_calendar(event: Event) -> bool:
    """True when the event has a date precise enough to place on a calendar."""
    return event.when.start is not None and event.when.precision in CALENDAR_PRECISIONS


def events_to_ics(
    events: Sequence[Event],
    *,
    name: str | None = None,
    sequences: Mapping[str, int] | None = None,
    extra_properties: Mapping[str, str] | None = None,
    last_modified: Mapping[str, datetime] | None = None,
    description_suffix: Mapping[str, str] | None = None,
) -> bytes:
    """Build one VCALENDAR with a VEVENT per dated event; return its bytes.

    ``sequences`` maps a UID to its SEQUENCE (0 when absent); ``extra_properties`` adds
    calendar-level properties (``REFRESH-INTERVAL`` is given its DURATION type).
    ``last_modified`` maps a UID to its DTSTAMP/LAST-MODIFIED (UTC; default: the latest
    publication date of its mentions); ``description_suffix`` maps a UID to text appended
    to its DESCRIPTION (a feed's revision history).
    """
    cal = _calendar(name, extra_properties)
    seqs = sequences or {}
    stamps = last_modified or {}
    suffixes = description_suffix or {}
    timed_years: list[int] = []
    for event in sorted(events, key=_sort_key):
        if in_calendar(event):
            if clock_start(event) is not None and event.when.start is not None:
                timed_years.append(event.when.start.year)
            ve = _vevent(event, seqs.get(event.uid, 0), stamps.get(event.uid))
            _append_description(ve, suffixes.get(event.uid))
            cal.add_component(ve)
    if timed_years:
        # icalendar writes the VTIMEZONE of every TZID used, from the zoneinfo data, for
        # the years the events need (so the output does not depend on the day it runs).
        cal.add_missing_timezones(
            first_date=date(min(timed_years), 1, 1), last_date=date(max(timed_years) + 2, 1, 1)
        )
        for zone in cal.timezones:
            # icalendar notes the years covered in a COMMENT, which RFC 5545 (3.6.5) does
            # not allow in VTIMEZONE itself (libical rejects it); the years are in the rules.
            zone.pop("COMMENT", None)
    return bytes(cal.to_ical())


_END = b"END:VCALENDAR\r\n"


def vevent_ics(
    event: Event,
    *,
    sequence: int = 0,
    stamp: datetime | None = None,
    description_suffix: str | None = None,
) -> tuple[bytes, tuple[str, ...]] | None:
    """One event's VEVENT as :func:`events_to_ics` writes it, and the TZIDs it uses;
    ``None`` when the event is not in the calendar. :func:`calendar_ics` joins them."""
    if not in_calendar(event):
        return None
    ve = _vevent(event, sequence, stamp)
    _append_description(ve, description_suffix)
    tzids = {
        str(prop.params["TZID"])
        for props in ve.values()
        for prop in (props if isinstance(props, list) else [props])
        if getattr(prop, "params", None) and "TZID" in prop.params
    }
    return bytes(ve.to_ical()), tuple(sorted(tzids))


def calendar_ics(
    vevents: Iterable[bytes],
    *,
    name: str | None = None,
    extra_properties: Mapping[str, str] | None = None,
    tzids: Iterable[str] = (),
) -> bytes:
    """A VCALENDAR around VEVENTs rendered by :func:`vevent_ics` (in the order given),
    with a VTIMEZONE for each TZID they use; the same bytes as :func:`events_to_ics`."""
    cal = _calendar(name, extra_properties)
    for tzid in sorted(set(tzids)):
        zone = Timezone.from_tzid(tzid)
        zone.pop("COMMENT", None)  # RFC 5545 3.6.5 has no COMMENT in VTIMEZONE
        cal.add_component(zone)
    head = bytes(cal.to_ical())
    assert head.endswith(_END)
    return b"".join((head[: -len(_END)], *vevents, _END))


def _calendar(name: str | None, extra_properties: Mapping[str, str] | None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        # A calendar name is one line (icalendar does not escape a line break in NAME).
        one_line = " ".join(inert_text(name).split("\n"))
        cal.add("name", one_line)
        cal.add("x-wr-calname", one_line)
    for key, value in (extra_properties or {}).items():
        if key.upper() == "REFRESH-INTERVAL":
            cal.add(
                key, timedelta(seconds=_duration_seconds(value)), parameters={"VALUE": "DURATION"}
            )
        elif key.upper() == "SOURCE":
            cal.add(key, value, parameters={"VALUE": "URI"})
        else:
            cal.add(key, value)
    return cal


def _append_description(ve: VEvent, suffix: str | None) -> None:
    if suffix is not None:
        description = str(ve.pop("description"))
        ve.add("description", f"{description}\n\n{inert_text(suffix)}")  # names sources


def _duration_seconds(value: str) -> int:
    """Seconds of a simple ISO duration such as ``PT1H`` or ``P1D``."""
    m = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?", value)
    if not m:
        raise ValueError(f"not a simple ISO 8601 duration: {value!r}")
    days, hours, minutes = (int(g or 0) for g in m.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60


def _sort_key(event: Event) -> tuple[date, str]:
    return (event.when.start or date.min, event.uid)


def _stamp(event: Event) -> datetime:
    days = [m.published for m in event.mentions if m.published is not None]
    day = max(days) if days else date(1970, 1, 1)
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def _vevent(event: Event, sequence: int, stamp: datetime | None = None) -> VEvent:
    from icalendar import Event as VEvent

    when = event.when
    assert when.start is not None
    end = when.end or when.start
    ve = VEvent()
    ve.add("uid", event.uid)
    ve.add("dtstamp", stamp or _stamp(event))
    ve.add("last-modified", stamp or _stamp(event))
    ve.add("sequence", sequence)
    timed = clock_start(event)
    if timed is not None:
        # The length is not stated: an hour, and the DESCRIPTION says so.
        ve.add("dtstart", timed)
        ve.add("dtend", timed + TIMED_LENGTH)
    elif end < date.max:
        ve.add("dtstart", when.start)
        ve.add("dtend", end + timedelta(days=1))
    else:  # 9999-12-31 has no next day to end on; an all-day DURATION says the same.
        ve.add("dtstart", when.start)
        ve.add("duration", timedelta(days=(end - when.start).days + 1))
    coarse = when.precision in _PRECISION_WORDS
    ve.add("summary", inert_text(_summary(event, coarse)))
    status = ICS_STATUS[event.status]
    if coarse and status == "CONFIRMED":
        status = "TENTATIVE"
    ve.add("status", status)
    # Other people's meetings: a subscriber is not busy for them (nor for the whole month
    # a span stands for when only "some day in this month" is known).
    ve.add("transp", "TRANSPARENT")
    ve.add("description", inert_text(describe(event)))
    if event.place is not None:
        ve.add("location", inert_text(_location(event)))
        if event.place.latitude is not None and event.place.longitude is not None:
            ve.add("geo", (event.place.latitude, event.place.longitude))
    ve.add("categories", [event.kind, event.status])
    ve.add("x-calendar-export-status", event.status)
    ve.add("x-calendar-export-precision", when.precision)
    ve.add("x-calendar-export-confidence", f"{event.confidence.score:.2f}")
    if when.value:
        ve.add("x-calendar-export-timex", when.value)
    if event.place is not None and event.place.timezone:
        ve.add("x-calendar-export-timezone", event.place.timezone)
    return ve


def _summary(event: Event, coarse: bool) -> str:
    """The title, saying plainly when it was called off or put off (some clients hide
    STATUS:CANCELLED) and when only the month (week, season...) is known."""
    title = event.title
    if event.status in ("cancelled", "postponed"):
        title = f"{event.status.capitalize()}: {title}"
    if not coarse:
        return title
    when = event.when
    if when.precision == "month" and when.start is not None:
        span = f"{calendar.month_name[when.start.month]} {when.start.year}"
    else:
        span = f"{_PRECISION_WORDS[when.precision]} {when.value}"
    return f"{title} ({span}, day not known)"


def _location(event: Event) -> str:
    place = event.place
    assert place is not None
    parts = [place.name, place.city, place.country]
    return ", ".join(dict.fromkeys(p for p in parts if p))


def describe(event: Event) -> str:
    """The human-readable DESCRIPTION: status, confidence and its reasons, the evidence."""
    lines = [
        f"Status: {event.status} ({event.kind}).",
        f"Date: {event.when.value or 'not known'} ({event.when.precision} precision"
        + (f', from "{event.when.text}"' if event.when.text else "")
        + ").",
    ]
    if clock_start(event) is not None:
        lines.append("Starts at the time stated; the end is not stated (shown as one hour).")
    if event.participants:
        lines.append("Participants: " + "; ".join(event.participants) + ".")
    lines.append(f"Confidence: {event.confidence.score:.2f}.")
    lines.extend(f"- {note}" for note in event.confidence.notes)
    lines.append("Evidence:")
    for m in event.mentions:
        where = f" ({m.source}" + (f", {m.published.isoformat()})" if m.published else ")")
        lines.append(f'- "{m.sentence}"' + (where if m.source else ""))
    return "\n".join(lines)
