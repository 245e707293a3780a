"""The store's SQLite schema and its migrations.

``PRAGMA user_version`` is the schema version: the number of migrations applied.
A migration is appended, never edited. :func:`migrate` takes the write lock first, then
reads the version and applies the missing migrations in that one transaction, so that
processes opening a new file at once do not both create it. It refuses a file written by
a newer calendar-export, and a SQLite file that is not ours (``PRAGMA application_id``)
unless told to adopt it.
"""

from __future__ import annotations

import sqlite3

from ..errors import StoreError

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, events (the merged view), each article's report of an event,
    #    the history of revisions, and the identity index.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (
        id          INTEGER PRIMARY KEY,
        hash        TEXT NOT NULL UNIQUE,   -- sha256 of the normalized text
        source      TEXT,
        published   TEXT NOT NULL,          -- ISO date
        text        TEXT NOT NULL,
        ingested_at TEXT NOT NULL           -- wall clock, for people; never in the feed
    );
    CREATE TABLE events (
        id            INTEGER PRIMARY KEY,
        uid           TEXT NOT NULL UNIQUE,
        data          TEXT NOT NULL,        -- the merged Event as JSON
        sequence      INTEGER NOT NULL DEFAULT 0,
        last_modified TEXT NOT NULL,        -- UTC, from publication dates and ingest order
        kind          TEXT NOT NULL,
        status        TEXT NOT NULL,
        country       TEXT,                 -- case-folded
        confidence    REAL NOT NULL,
        start         TEXT,
        "end"         TEXT,
        precision     TEXT NOT NULL,
        grp           TEXT NOT NULL         -- identity: the kind group
    );
    CREATE INDEX events_start ON events(start);
    CREATE TABLE reports (
        id         INTEGER PRIMARY KEY,
        event_id   INTEGER NOT NULL REFERENCES events(id),
        article_id INTEGER NOT NULL REFERENCES articles(id),
        data       TEXT NOT NULL,           -- the Event as this article states it
        UNIQUE (event_id, article_id)
    );
    CREATE INDEX reports_article ON reports(article_id);
    CREATE TABLE history (
        id         INTEGER PRIMARY KEY,
        event_id   INTEGER NOT NULL REFERENCES events(id),
        article_id INTEGER NOT NULL REFERENCES articles(id),
        sequence   INTEGER NOT NULL,
        at         TEXT NOT NULL,
        change     TEXT NOT NULL
    );
    CREATE INDEX history_event ON history(event_id);
    CREATE TABLE event_terms (
        term     TEXT NOT NULL,
        event_id INTEGER NOT NULL REFERENCES events(id),
        PRIMARY KEY (term, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX event_terms_event ON event_terms(event_id);
    """,
    # 2: each event's VEVENT, rendered when the event changes, so that a feed is a
    #    selection plus a concatenation ('' when the event is not in the calendar,
    #    NULL until rendered), and the TZIDs it uses.
    """
    ALTER TABLE events ADD COLUMN vevent TEXT;
    ALTER TABLE events ADD COLUMN tzids TEXT NOT NULL DEFAULT '';
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
#: ``PRAGMA application_id`` of our files: "CalE".
APPLICATION_ID = 0x43616C45


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of migrations applied to the open database."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, path: str, adopt: bool = False) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION`; return the version it had.

    Runs in one ``BEGIN IMMEDIATE`` transaction: the version is read under the lock.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = schema_version(conn)
        if not adopt:
            _check_ours(conn, found, path)
        if found > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: schema version {found} is newer than this calendar-export knows "
                f"({SCHEMA_VERSION}); upgrade calendar-export or use another --store"
            )
        for version in range(found, SCHEMA_VERSION):
            try:
                for statement in _statements(MIGRATIONS[version]):
                    conn.execute(statement)
            except sqlite3.DatabaseError as exc:
                raise StoreError(
                    f"{path}: migration {version + 1} failed ({exc}); is this a "
                    "calendar-export store?"
                ) from exc
        if found < SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # (a write, even if same)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found


def _check_ours(conn: sqlite3.Connection, version: int, path: str) -> None:
    """Refuse a SQLite file some other program made (it would be changed by migrating)."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id == APPLICATION_ID:
        return
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id == 0 and not tables and version == 0:
        return  # a new, empty file
    if app_id == 0 and version == 1 and {"meta", "events", "articles"} <= tables:
        return  # written by calendar-export before it set application_id
    raise StoreError(
        f"{path}: this SQLite file is not a calendar-export store (it holds "
        f"{len(tables)} other table(s)); pass another --store, or --adopt to add the "
        "store's tables to it"
    )


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside our literals)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
