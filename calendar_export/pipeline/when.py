"""From a temporal expression to an event's :class:`~calendar_export.models.When`."""

from __future__ import annotations

from ..models import Timex, When
from .temporal import value_bounds


def timex_to_when(timex: Timex) -> When:
    """The event date a TIMEX3 value gives: its value, precision and the days it covers."""
    start, end = value_bounds(timex.value)
    if timex.precision in ("vague", "year") and start is None:
        return When(value=timex.value, precision=timex.precision, text=timex.text)
    return When(value=timex.value, start=start, end=end, precision=timex.precision, text=timex.text)
