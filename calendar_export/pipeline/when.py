"""From a temporal expression to an event's :class:`~calendar_export.models.When`.

A day range keeps its last day: "September 9-10", "July 6 to 8" and "November 30 to
December 2" cover every day from the first to the last, while the TIMEX3 value stays
the first day (the convention of TempEval, which tags the ends separately).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..models import PRECISIONS, Timex, When
from .temporal import value_bounds

_DAY_RANGE = re.compile(
    r"\s*(?:-|–|—|to|through|until|till)\s*(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:[:.]\d|am|pm|a\.m|p\.m|%|percent))"
)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|until|till)\s*$")
# "September 8 and 9", "on Thursday and Friday": two days in a row are one span; two days
# apart ("Monday and Wednesday") are not.
_NEXT_DAY = re.compile(r"\s+(?:and|&)\s+(?:on\s+)?$")
_NEXT_DAY_NUMBER = re.compile(
    r"\s+(?:and|&)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![:.]\d|\s*(?:am|pm|a\.m|p\.m|%))"
)
_MAX_SPAN = 31
_PART_OF_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})T(?:MO|AF|EV|NI|DT)")


def precision_rank(when: When) -> int:
    """0 for a time of day, growing as the date gets coarser ("none" last)."""
    return PRECISIONS.index(when.precision)


def timex_to_when(timex: Timex, text: str = "", following: Timex | None = None) -> When:
    """The event date a TIMEX3 value gives: its value, precision and the days it covers.

    ``following`` is the first date of the text after this one (the end of "June 3 to 5",
    "Thursday and Friday"), when there is one."""
    start, end = value_bounds(timex.value)
    part = _PART_OF_DAY.fullmatch(timex.value)
    if part is not None:
        # "Tuesday morning" is no clock time: an all-day event on that Tuesday.
        return When(value=part.group(1), start=start, end=end, precision="day", text=timex.text)
    if timex.precision in ("vague", "year") and start is None:
        return When(value=timex.value, precision=timex.precision, text=timex.text)
    words = timex.text
    if timex.precision == "day" and start is not None and text:
        last, span_end = _range_end(timex, start, text, following)
        if last is not None:
            end, words = last, text[timex.start : span_end]
    return When(value=timex.value, start=start, end=end, precision=timex.precision, text=words)


def _range_end(timex: Timex, start: date, text: str, nxt: Timex | None) -> tuple[date | None, int]:
    """The last day of "<day> to <day>", and where the range's words end."""
    if nxt is not None and _RANGE_JOIN.fullmatch(text, timex.end, nxt.start):
        last, _ = value_bounds(nxt.value)
        if last is not None and 0 < (last - start).days <= _MAX_SPAN:
            return last, nxt.end
    if nxt is not None and _NEXT_DAY.fullmatch(text, timex.end, nxt.start):
        last, _ = value_bounds(nxt.value)
        if last is not None and (last - start).days == 1:
            return last, nxt.end
    m = _NEXT_DAY_NUMBER.match(text, timex.end)
    if m is not None and int(m.group(1)) == start.day + 1:
        return start + timedelta(days=1), m.end()
    m = _DAY_RANGE.match(text, timex.end)
    if m is None:
        return None, timex.end
    last = start.replace(day=1) + timedelta(days=int(m.group(1)) - 1)
    if last.month == start.month and last > start:
        return last, m.end()
    return None, timex.end
