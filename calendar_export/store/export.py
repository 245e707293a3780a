"""Stored events to an .ics feed: SEQUENCE, LAST-MODIFIED and history from the store.

DTSTAMP and LAST-MODIFIED are the event's last change as the store recorded it (from
publication dates), so two fetches of an unchanged feed return the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..ics import events_to_ics
from .records import StoredEvent

#: Suggested minimum polling interval (RFC 7986 REFRESH-INTERVAL, X-PUBLISHED-TTL).
REFRESH = "PT6H"


def history_text(stored: StoredEvent) -> str:
    """The revision history as DESCRIPTION shows it: one line a revision, oldest first."""
    lines = ["History:"]
    for entry in stored.history:
        source = entry.source or "an unnamed source"
        lines.append(
            f"- rev {entry.sequence}, {entry.published.isoformat()}, {source}: {entry.change}"
        )
    return "\n".join(lines)


def feed_ics(
    stored: Sequence[StoredEvent],
    *,
    name: str,
    description: str,
    source_url: str | None = None,
    refresh: str = REFRESH,
) -> bytes:
    """Render stored events as one VCALENDAR with the calendar-level feed properties.

    The server does not call this: it joins the VEVENTs the store keeps rendered
    (:meth:`calendar_export.store.Store.calendar`), which gives the same bytes.
    """
    extra = feed_properties(description=description, source_url=source_url, refresh=refresh)
    return events_to_ics(
        [s.event for s in stored],
        name=name,
        sequences={s.event.uid: s.sequence for s in stored},
        extra_properties=extra,
        last_modified={s.event.uid: s.last_modified for s in stored},
        description_suffix={s.event.uid: history_text(s) for s in stored if s.history},
    )


def feed_properties(
    *, description: str, source_url: str | None = None, refresh: str = REFRESH
) -> dict[str, str]:
    """The calendar-level properties of a feed."""
    extra = {
        "DESCRIPTION": description,
        "X-WR-CALDESC": description,
        "REFRESH-INTERVAL": refresh,
        "X-PUBLISHED-TTL": refresh,
    }
    if source_url:
        extra["SOURCE"] = source_url
    return extra
