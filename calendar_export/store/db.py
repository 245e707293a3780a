"""The feed's persistence: one SQLite file in WAL mode.

It holds every article ingested (text, source, publication date, a content hash), each
article's report of each event, the merged events the feed shows, and the history of
their revisions. Re-ingesting an article with the same text changes nothing.

Timestamps the feed shows come from data: an event's LAST-MODIFIED is the publication
date of the article that changed it, moved forward by a second when needed so it always
increases. The wall clock is recorded only as ``ingested_at``, for people.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from ..errors import StoreError
from ..ics import calendar_ics
from ..models import Article, Event
from . import read, render
from .export import feed_properties
from .ingest import Ingest, KeyCache
from .query import FeedQuery
from .records import EPOCH, FeedState, IngestResult, StoredEvent, article_hash
from .schema import migrate

__all__ = ["Store"]


class Store:
    """A calendar-export store; safe to share between threads.

    Open with ``Store(path)``; the file is created and migrated as needed, and checked
    (``PRAGMA quick_check``). A SQLite file some other program made is refused unless
    ``adopt`` is true. Several processes may use one file (WAL): a server reads while
    ``calendar-export ingest`` writes. Writes go through one connection and a lock;
    each reading thread has its own connection and reads one snapshot at a time, so
    readers never wait for a writer.
    """

    def __init__(self, path: str | Path, *, adopt: bool = False) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._keys = KeyCache()
        try:
            self._conn = _connect(self.path)
        except sqlite3.DatabaseError as exc:
            raise _store_error(self.path, exc, "open the store") from exc
        try:
            # Checked before anything is written: a corrupt file is left as it was found.
            _check_integrity(self._conn, self.path)
            migrate(self._conn, path=self.path, adopt=adopt)  # refuses before changing
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
            with self._write() as conn:
                conn.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('instance', ?), ('revision', '0'), "
                    "('last_modified', ?)",
                    (uuid.uuid4().hex, EPOCH.isoformat()),
                )
                render.refresh_stale(conn)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise _store_error(self.path, exc, "open the store") from exc
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        """Close the connections."""
        with self._lock, self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """A connection for this thread inside one read transaction (one snapshot)."""
        if self.path == ":memory:":
            with self._lock:
                yield self._conn
            return
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path)
            conn.execute("PRAGMA query_only = ON")
            with self._readers_lock:  # not the writer's lock: never wait for a write
                self._readers.append(conn)
            self._local.conn = conn
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    # -- reading ---------------------------------------------------------------------

    def state(self) -> FeedState:
        """The store's identity, revision and last change (cheap: one query)."""
        with self._snapshot() as conn:
            return read.state(conn)

    def counts(self) -> dict[str, int]:
        """How many articles, events and reports the store holds."""
        with self._snapshot() as conn:
            return {
                table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("articles", "events", "reports")
            }

    def has_article(self, text: str) -> bool:
        """True when an article with this text was ingested before."""
        with self._snapshot() as conn:
            row = conn.execute(
                "SELECT 1 FROM articles WHERE hash = ?", (article_hash(text),)
            ).fetchone()
        return row is not None

    def events(
        self, query: FeedQuery | None = None, *, today: date | None = None
    ) -> list[StoredEvent]:
        """Stored events matching ``query``, by start date then UID, with their history.

        ``today`` is needed only for ``query.upcoming`` (events not over before today).
        """
        with self._snapshot() as conn:
            return read.stored_events(conn, query or FeedQuery(), today)

    def calendar(
        self,
        query: FeedQuery,
        *,
        today: date | None = None,
        name: str,
        description: str,
        source_url: str | None,
    ) -> tuple[FeedState, bytes]:
        """The feed of ``query`` as .ics bytes, joined from the stored VEVENTs, and the
        state of the snapshot it was read from."""
        with self._snapshot() as conn:
            now = read.state(conn)
            bodies, tzids = read.vevents(conn, query, today)
        extra = feed_properties(description=description, source_url=source_url)
        return now, calendar_ics(bodies, name=name, extra_properties=extra, tzids=tzids)

    def events_json(
        self, query: FeedQuery, *, today: date | None = None
    ) -> tuple[FeedState, bytes]:
        """``{"events": [...], "revisions": {...}}`` for ``query``, and its state."""
        with self._snapshot() as conn:
            return read.state(conn), read.events_document(conn, query, today)

    def timeline(
        self, query: FeedQuery, *, today: date, offset: int = 0, limit: int = 100
    ) -> tuple[FeedState, read.Timeline, dict[str, int]]:
        """One page of the timeline, its state and the store's counts (one snapshot)."""
        with self._snapshot() as conn:
            counts = {
                table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("articles", "events")
            }
            return read.state(conn), read.timeline(conn, query, today, offset, limit), counts

    # -- writing ---------------------------------------------------------------------

    def ingest(self, article: Article, events: Sequence[Event] | None = None) -> IngestResult:
        """Store ``article`` and fold its events into the stored ones.

        ``events`` defaults to what :func:`calendar_export.api.extract_events` finds in
        the article. An article whose text is already stored changes nothing and is
        reported as a duplicate. A store that cannot be written (a full disk) raises
        :class:`StoreError` and keeps what it held.
        """
        digest = article_hash(article.text)
        existing = self._article_id(digest)
        if existing is not None:
            return IngestResult(article_id=existing, duplicate=True)
        if events is None:
            from ..api import extract_events

            events = extract_events(
                article.text, published=article.published, source=article.source
            )
        try:
            return self._store(article, digest, events)
        except sqlite3.DatabaseError as exc:
            raise _store_error(self.path, exc, "store the article") from exc

    def _store(self, article: Article, digest: str, events: Sequence[Event]) -> IngestResult:
        with self._write() as conn:
            existing = self._article_id(digest)
            if existing is not None:
                return IngestResult(article_id=existing, duplicate=True)
            cursor = conn.execute(
                "INSERT INTO articles (hash, source, published, text, ingested_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    digest,
                    article.source,
                    article.published.isoformat(),
                    article.text,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            result = IngestResult(article_id=int(cursor.lastrowid or 0))
            work = Ingest(conn, article, result, self._keys)
            work.run(events)
            render.refresh(conn, work.claimed)
        return result

    def _article_id(self, digest: str) -> int | None:
        with self._lock:
            row = self._conn.execute("SELECT id FROM articles WHERE hash = ?", (digest,)).fetchone()
        return None if row is None else int(row[0])


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _check_integrity(conn: sqlite3.Connection, path: str) -> None:
    found = "\n".join(str(r[0]) for r in conn.execute("PRAGMA quick_check(3)").fetchall())
    if found != "ok":
        first = next(line for line in found.splitlines() if not line.startswith("***"))
        raise StoreError(f"{path}: the store is corrupt ({first}); {_RESTORE}")


_RESTORE = "restore it from a backup, or save what is left with the sqlite3 shell's .recover"


def _store_error(path: str, exc: sqlite3.DatabaseError, doing: str) -> StoreError:
    """One line saying what went wrong with the file and what to do."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL:
        return StoreError(
            f"{path}: the disk is full, nothing was stored; free some space and try again"
        )
    if code == sqlite3.SQLITE_CORRUPT:
        return StoreError(f"{path}: the store is corrupt ({exc}); {_RESTORE}")
    return StoreError(f"{path}: cannot {doing} ({exc}); check the path, or pass another --store")
