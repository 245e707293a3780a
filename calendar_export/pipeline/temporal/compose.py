"""Joining a day and a clock time found side by side: "4/25 at 4:00pm", "tomorrow 9:30",
"8pm on Thursday, March 7" -> one timex with the day's date and the clock's time.

The rules already cover the common orders ("Tuesday at 9 a.m."); this pass joins any
expression of a whole day with an adjacent clock time or part of the day, when only a
comma, "at", "on" or "@" stands between them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from functools import cache

from ...models import Timex
from ...resources import load_table

_JOIN = re.compile(r"\s*,?\s*(?:(?:at|on|@|for|around|about|early|late)\s+)?", re.IGNORECASE)
# A clock time then a comma and a day is two expressions in news ("at 16:15 UTC, June 1").
_JOIN_AFTER_CLOCK = re.compile(r"\s+(?:(?:on|@|of|in)\s+)?", re.IGNORECASE)
# The longest gap a join can span (", at ", " on "): wider gaps are not looked at.
_MAX_GAP = 8
# Days named by reference to the text ("the same day") are not joined.
_ANAPHORIC = frozenset({"the_day"})
_DAY = re.compile(r"^\d{4}-\d\d-\d\d(?:T(?P<pod>MO|AF|EV|NI))?$")
_AMPM = re.compile(r"[ap]\.?\s?m\b", re.IGNORECASE)
_LATE_PARTS = frozenset({"AF", "EV", "NI"})
_CLOCK = re.compile(r"^\d{4}-\d\d-\d\dT(?:\d\d:\d\d(?::\d\d)?Z?|MO|AF|EV|NI)$")

Tagger = Callable[[str, date], list[Timex]]


def join_day_and_time(text: str, found: list[Timex], retag: Tagger) -> list[Timex]:
    """``found`` with each day + clock time pair next to each other made one timex.

    ``retag`` tags a piece of text against a day with no reference time, to read the
    clock time as written (not moved to the next such time after "now")."""
    out: list[Timex] = []
    i = 0
    while i < len(found):
        first = found[i]
        if i + 1 < len(found) and found[i + 1].start - first.end <= _MAX_GAP:
            merged = _merge(text, first, found[i + 1], retag)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(first)
        i += 1
    return out


def _is_clock(t: Timex) -> bool:
    return bool(_CLOCK.match(t.value)) and (
        t.rule.startswith("clock") or t.rule == "part_of_day_alone"
    )


_WEEKDAY_END = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _dated_weekday(text: str, a: Timex, b: Timex) -> Timex | None:
    """'10 a.m. on Monday, June 9': a clock time on a weekday, then the date that weekday
    is: the time on that date (the weekday alone was read against the article's date)."""
    m = _WEEKDAY_END.search(a.text)
    if not (m and _CLOCK.match(a.value) and _DAY.match(b.value) and "T" not in b.value):
        return None
    if text[a.end : b.start].strip() != ",":
        return None
    day = date.fromisoformat(b.value)
    if _WEEKDAYS[day.weekday()] != m.group(0).lower():
        return None
    return a.model_copy(
        update={"end": b.end, "text": text[a.start : b.end], "value": b.value + a.value[10:]}
    )


def _merge(text: str, a: Timex, b: Timex, retag: Tagger) -> Timex | None:
    dated = _dated_weekday(text, a, b)
    if dated is not None:
        return dated
    if _DAY.match(a.value) and _is_clock(b) and _JOIN.fullmatch(text, a.end, b.start):
        day, clock = a, b
    elif _DAY.match(b.value) and _is_clock(a) and _JOIN_AFTER_CLOCK.fullmatch(text, a.end, b.start):
        day, clock = b, a
    else:
        return None
    if day.rule in _ANAPHORIC:
        return None
    anchor = date.fromisoformat(day.value[:10])
    again = [t for t in retag(clock.text, anchor) if _is_clock(t)]
    if not again:
        return None
    time_part = again[0].value[10:]
    pod = _DAY.match(day.value).group("pod")  # type: ignore[union-attr]
    if pod:  # "tonight 815": the time in that part of the day
        if not time_part[1:3].isdigit():
            return None
        hour = int(time_part[1:3])
        if pod in _LATE_PARTS and hour < 12 and not _AMPM.search(clock.text):
            time_part = f"T{hour + 12:02d}{time_part[3:]}"
    precision = "time" if time_part[1:2].isdigit() else "day"
    return Timex(
        start=a.start,
        end=b.end,
        text=text[a.start : b.end],
        type="TIME" if precision == "time" else "DATE",
        value=day.value[:10] + time_part,
        precision=precision,
        rule="join_day_time",
    )


_ZONE_AT_END = re.compile(r"\b([a-z]{1,4})\)?\s*$", re.IGNORECASE)
_TIME_VALUE = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)Z?$")


@cache
def _zones() -> dict[str, float]:
    rows = load_table("temporal/time_zones.tsv", ("name", "hours"))
    return {r["name"]: float(r["hours"]) for r in rows}


def to_reference_zone(found: list[Timex], now: datetime) -> list[Timex]:
    """Clock times written with a zone ("4pm CET") moved to the zone of ``now``."""
    if now.tzinfo is None:
        return found
    out = []
    for t in found:
        zone = _ZONE_AT_END.search(t.text)
        value = _TIME_VALUE.match(t.value)
        hours = _zones().get(zone.group(1).lower()) if zone else None
        if value is None or hours is None:
            out.append(t)
            continue
        written = datetime.fromisoformat(value.group(1)).replace(
            tzinfo=timezone(timedelta(hours=hours))
        )
        moved = written.astimezone(now.tzinfo).replace(tzinfo=None)
        text = moved.isoformat(timespec="seconds" if value.group(1).count(":") == 2 else "minutes")
        out.append(t.model_copy(update={"value": text}))
    return out


# "4pm for 30 minutes", "from Dec. 18 for 10 days", "for 10 days from Dec. 18".
_POINT_THEN_SPAN = re.compile(r"\s+for\s+", re.IGNORECASE)
_SPAN_THEN_POINT = re.compile(r"\s+(?:from|starting|beginning)\s+", re.IGNORECASE)


def join_point_and_duration(text: str, found: list[Timex]) -> list[Timex]:
    """A day or time with how long it lasts is one expression, valued by its start (for a
    phrase alone: a calendar entry "Monday 3pm for 2 hours")."""
    out: list[Timex] = []
    i = 0
    while i < len(found):
        if i + 1 < len(found):
            a, b = found[i], found[i + 1]
            point = None
            if _is_point(a) and b.type == "DURATION":
                point = a if _POINT_THEN_SPAN.fullmatch(text, a.end, b.start) else None
            elif (
                a.type == "DURATION"
                and _is_point(b)
                and _SPAN_THEN_POINT.fullmatch(text, a.end, b.start)
            ):
                lasting = text[: a.start].rstrip().lower().endswith("for")
                # "for 10 days from Dec. 18" starts then; "15 minutes from 1pm" is later
                point = b if lasting else _moved(b, a.value)
            if point is not None:
                out.append(
                    point.model_copy(
                        update={
                            "start": a.start,
                            "end": b.end,
                            "text": text[a.start : b.end],
                            "rule": "join_point_duration",
                        }
                    )
                )
                i += 2
                continue
        out.append(found[i])
        i += 1
    return out


_DURATION = re.compile(r"^P(?:T(\d+)([HM])|(\d+)([DWY]))$")


def _moved(point: Timex, duration: str) -> Timex | None:
    """``point`` moved later by ``duration`` (``PT15M``, ``P3Y``), if both allow it."""
    m = _DURATION.match(duration)
    if m is None:
        return None
    if m.group(1):
        if point.precision != "time" or not _TIME_VALUE.match(point.value):
            return None
        start = datetime.fromisoformat(point.value[:16])
        step = timedelta(hours=1) if m.group(2) == "H" else timedelta(minutes=1)
        return point.model_copy(
            update={"value": f"{start + step * int(m.group(1)):%Y-%m-%dT%H:%M}"}
        )
    day = date.fromisoformat(point.value[:10])
    count, unit = int(m.group(3)), m.group(4)
    if unit == "Y":
        try:
            day = day.replace(year=day.year + count)
        except ValueError:
            day = day.replace(year=day.year + count, day=28)
    else:
        day += timedelta(days=count * (7 if unit == "W" else 1))
    return point.model_copy(update={"value": day.isoformat() + point.value[10:]})


def _is_point(t: Timex) -> bool:
    return t.type in ("DATE", "TIME") and t.precision in ("day", "time")
