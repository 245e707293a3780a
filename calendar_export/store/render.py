"""Each event's VEVENT, rendered once when the event changes and kept in ``events.vevent``.

A feed is then a selection plus a concatenation (:meth:`.db.Store.calendar`), whatever
its filters: the cost of a request no longer grows with the rendering work of every
event it holds. :data:`RENDER_VERSION` changes with the rendering code and the icalendar
release; a store rendered by another version is rendered again when it is opened.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from importlib.metadata import version
from pathlib import Path

from .. import ics
from ..models import Event
from . import export
from .records import HistoryEntry, StoredEvent


@cache
def render_version() -> str:
    """A digest of what decides a VEVENT's bytes: our rendering code and icalendar's."""
    digest = hashlib.sha256(version("icalendar").encode())
    for module in (ics, export):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


def vevent_of(stored: StoredEvent) -> tuple[str, str]:
    """``(VEVENT text, space-separated TZIDs)``; ``("", "")`` when not in the calendar."""
    rendered = ics.vevent_ics(
        stored.event,
        sequence=stored.sequence,
        stamp=stored.last_modified,
        description_suffix=export.history_text(stored) if stored.history else None,
    )
    if rendered is None:
        return "", ""
    body, tzids = rendered
    return body.decode("utf-8"), " ".join(tzids)


def load(conn: sqlite3.Connection, ids: Iterable[int]) -> list[StoredEvent]:
    """Stored events by id, with their history (in id order)."""
    wanted = sorted(set(ids))
    out: list[StoredEvent] = []
    for chunk in (wanted[i : i + 500] for i in range(0, len(wanted), 500)):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, data, sequence, last_modified FROM events WHERE id IN ({marks}) "
            "ORDER BY id",
            chunk,
        ).fetchall()
        history = histories(conn, chunk)
        out.extend(
            StoredEvent(
                event=Event.model_validate_json(data),
                sequence=int(seq),
                last_modified=datetime.fromisoformat(modified),
                history=tuple(history.get(int(event_id), ())),
            )
            for event_id, data, seq, modified in rows
        )
    return out


def histories(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[HistoryEntry]]:
    """The revision history of each event in ``ids`` (at most a few hundred ids)."""
    found: dict[int, list[HistoryEntry]] = {}
    if not ids:
        return found
    rows = conn.execute(
        "SELECT h.event_id, h.sequence, h.at, a.source, a.published, h.change "
        "FROM history h JOIN articles a ON a.id = h.article_id "
        f"WHERE h.event_id IN ({','.join('?' * len(ids))}) ORDER BY h.event_id, h.id",
        ids,
    )
    for event_id, seq, at, source, published, change in rows:
        found.setdefault(int(event_id), []).append(
            HistoryEntry(
                sequence=seq,
                at=datetime.fromisoformat(at),
                source=source,
                published=date.fromisoformat(published),
                change=change,
            )
        )
    return found


def refresh(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Render the events ``ids`` again (inside the caller's write transaction)."""
    wanted = list(ids)
    for chunk in (wanted[i : i + 500] for i in range(0, len(wanted), 500)):
        ordered = sorted(chunk)
        rendered = [vevent_of(stored) for stored in load(conn, ordered)]
        conn.executemany(
            "UPDATE events SET vevent = ?, tzids = ? WHERE id = ?",
            [
                (body, tzids, event_id)
                for (body, tzids), event_id in zip(rendered, ordered, strict=True)
            ],
        )


def refresh_stale(conn: sqlite3.Connection) -> None:
    """Render every event not rendered yet, or every one when the rendering code changed
    (inside the caller's write transaction)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'render_version'").fetchone()
    if row is None or row[0] != render_version():
        conn.execute("UPDATE events SET vevent = NULL")
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('render_version', ?)",
            (render_version(),),
        )
        if row is not None:  # the same events now read differently: a new feed revision
            conn.execute(
                "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'"
            )
    ids = [int(r[0]) for r in conn.execute("SELECT id FROM events WHERE vevent IS NULL")]
    refresh(conn, ids)
