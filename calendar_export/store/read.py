"""Reading the store for the feed: the filters as SQL, the rows a feed, a page of the
timeline and the JSON list need. Each function runs on a connection the caller holds
in one read transaction, so what it returns is one snapshot of the store."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .query import FeedQuery
from .records import FeedState, StoredEvent
from .render import histories, load, vevent_of

#: The page's sections, in the order shown.
SECTIONS = ("upcoming", "past", "undated")


@dataclass(frozen=True, slots=True)
class Timeline:
    """One page of the timeline: its events and how many each section holds in all."""

    events: tuple[StoredEvent, ...]
    totals: dict[str, int]
    offset: int


def state(conn: sqlite3.Connection) -> FeedState:
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    return FeedState(
        instance=meta["instance"],
        revision=int(meta["revision"]),
        last_modified=datetime.fromisoformat(meta["last_modified"]),
    )


def where(query: FeedQuery, today: date | None) -> tuple[str, list[object]]:
    """The SQL ``WHERE`` clause (with a leading space, or empty) and its arguments."""
    clauses: list[str] = []
    args: list[object] = []
    if query.min_confidence:
        clauses.append("confidence >= ?")
        args.append(query.min_confidence)
    for column, values in (
        ("status", query.statuses),
        ("kind", query.kinds),
        ("country", query.countries),
    ):
        if values:
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
            args.extend(values)
    if query.start:
        clauses.append('"end" >= ?')
        args.append(query.start.isoformat())
    if query.end:
        clauses.append("start <= ?")
        args.append(query.end.isoformat())
    if query.upcoming:
        if today is None:
            raise ValueError("an 'upcoming' query needs today's date")
        clauses.append('"end" >= ?')
        args.append(today.isoformat())
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), args


def event_ids(conn: sqlite3.Connection, query: FeedQuery, today: date | None) -> list[int]:
    """Ids of the events ``query`` selects, by start date then UID (undated last)."""
    sql, args = where(query, today)
    rows = conn.execute(f"SELECT id FROM events{sql} ORDER BY start IS NULL, start, uid", args)
    return [int(r[0]) for r in rows]


def vevents(
    conn: sqlite3.Connection, query: FeedQuery, today: date | None
) -> tuple[list[bytes], set[str]]:
    """The rendered VEVENTs ``query`` selects, in feed order, and the TZIDs they use.

    An event that another (older) calendar-export wrote without rendering it is
    rendered here, for this answer only.
    """
    sql, args = where(query, today)
    rows = conn.execute(
        f"SELECT id, vevent, tzids FROM events{sql} ORDER BY start IS NULL, start, uid", args
    ).fetchall()
    missing = sorted(int(r[0]) for r in rows if r[1] is None)
    late_by_id = dict(zip(missing, [vevent_of(s) for s in load(conn, missing)], strict=True))
    bodies: list[bytes] = []
    tzids: set[str] = set()
    for event_id, body, zones in rows:
        if body is None:
            body, zones = late_by_id[int(event_id)]
        if body:
            bodies.append(body.encode("utf-8"))
            tzids.update(zones.split())
    return bodies, tzids


def timeline(
    conn: sqlite3.Connection, query: FeedQuery, today: date, offset: int, limit: int
) -> Timeline:
    """``limit`` events from ``offset`` of: upcoming (soonest first), past (latest first),
    undated; with the size of each section."""
    sql, args = where(query, today if query.upcoming else None)
    section = (
        f"CASE WHEN start IS NULL THEN 2 WHEN \"end\" >= '{today.isoformat()}' THEN 0 ELSE 1 END"
    )
    totals = dict.fromkeys(SECTIONS, 0)
    for number, count in conn.execute(
        f"SELECT {section} AS s, count(*) FROM events{sql} GROUP BY s", args
    ):
        totals[SECTIONS[int(number)]] = int(count)
    rows = conn.execute(
        f"SELECT id, {section} AS s FROM events{sql} ORDER BY s, "
        "CASE WHEN s = 0 THEN start END, CASE WHEN s = 0 THEN uid END, "
        "CASE WHEN s = 1 THEN start END DESC, CASE WHEN s = 1 THEN uid END DESC, uid "
        "LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    ids = [int(r[0]) for r in rows]
    by_id = dict(zip(sorted(ids), load(conn, ids), strict=True))
    return Timeline(events=tuple(by_id[i] for i in ids), totals=totals, offset=offset)


def events_document(conn: sqlite3.Connection, query: FeedQuery, today: date | None) -> bytes:
    """``{"events": [...], "revisions": {uid: ...}}`` as JSON, from the stored JSON of
    each event (not parsed again) and its history."""
    sql, args = where(query, today)
    rows = conn.execute(
        f"SELECT id, uid, data, sequence, last_modified FROM events{sql} "
        "ORDER BY start IS NULL, start, uid",
        args,
    ).fetchall()
    revisions: dict[str, Any] = {}
    ids = [int(r[0]) for r in rows]
    found: dict[int, list[Any]] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        found.update(histories(conn, chunk))
    for event_id, uid, _, seq, modified in rows:
        revisions[uid] = {
            "sequence": int(seq),
            "last_modified": modified,
            "history": [
                {
                    "sequence": h.sequence,
                    "at": h.at.isoformat(),
                    "source": h.source,
                    "published": h.published.isoformat(),
                    "change": h.change,
                }
                for h in found.get(int(event_id), ())
            ],
        }
    events = ",\n".join(str(r[2]) for r in rows)
    return (
        '{"events": [\n'
        + events
        + '\n],\n"revisions": '
        + json.dumps(revisions, ensure_ascii=False)
        + "}"
    ).encode("utf-8")


def stored_events(
    conn: sqlite3.Connection, query: FeedQuery, today: date | None
) -> list[StoredEvent]:
    """Every event ``query`` selects, with its history, in feed order."""
    ids = event_ids(conn, query, today)
    by_id = dict(zip(sorted(ids), load(conn, ids), strict=True))
    return [by_id[i] for i in ids]
