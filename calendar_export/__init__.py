"""calendar-export: turn the meetings news articles announce into calendars.

The public API is small::

    from datetime import date
    import calendar_export as ce

    events = ce.extract_events(text, published=date(2023, 6, 19), source="article.txt")
    ics_bytes = ce.to_ics(events, name="Meetings")
    timexes = ce.find_timexes(text, published=date(2023, 6, 19))
"""

from .api import extract_events, find_timexes, parse_article, to_ics, to_json
from .errors import CalendarExportError, DataFileError, ExportError, InputError
from .models import (
    Article,
    Confidence,
    Event,
    EventList,
    Kind,
    Mention,
    Place,
    Precision,
    Status,
    Timex,
    When,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CalendarExportError",
    "Confidence",
    "DataFileError",
    "Event",
    "EventList",
    "ExportError",
    "InputError",
    "Kind",
    "Mention",
    "Place",
    "Precision",
    "Status",
    "Timex",
    "When",
    "__version__",
    "extract_events",
    "find_timexes",
    "parse_article",
    "to_ics",
    "to_json",
]
