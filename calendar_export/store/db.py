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
from ..models import Article, Event
from .ingest import Ingest, KeyCache
from .query import FeedQuery
from .records import EPOCH, FeedState, HistoryEntry, IngestResult, StoredEvent, article_hash
from .schema import migrate

__all__ = ["Store"]


class Store:
    """A calendar-export store; safe to share between threads (one connection, a lock).

    Open with ``Store(path)``; the file is created and migrated as needed. Several
    processes may use one file (WAL): a server reads while ``calendar-export ingest`` writes.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._conn = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=30
            )
            self._conn.execute("PRAGMA busy_timeout = 30000")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self._conn, path=self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot open the store ({exc}); check the path, or pass "
                "another --store"
            ) from exc
        self._lock = threading.RLock()
        self._keys = KeyCache()
        with self._write():
            self._conn.execute(
                "INSERT OR IGNORE INTO meta VALUES ('instance', ?), ('revision', '0'), "
                "('last_modified', ?)",
                (uuid.uuid4().hex, EPOCH.isoformat()),
            )

    def close(self) -> None:
        """Close the connection."""
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
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # -- reading ---------------------------------------------------------------------

    def state(self) -> FeedState:
        """The store's identity, revision and last change (cheap: one query)."""
        with self._lock:
            meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        return FeedState(
            instance=meta["instance"],
            revision=int(meta["revision"]),
            last_modified=datetime.fromisoformat(meta["last_modified"]),
        )

    def counts(self) -> dict[str, int]:
        """How many articles, events and reports the store holds."""
        with self._lock:
            return {
                table: int(self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("articles", "events", "reports")
            }

    def has_article(self, text: str) -> bool:
        """True when an article with this text was ingested before."""
        with self._lock:
            row = self._conn.execute(
                "SELECT 1 FROM articles WHERE hash = ?", (article_hash(text),)
            ).fetchone()
        return row is not None

    def events(
        self, query: FeedQuery | None = None, *, today: date | None = None
    ) -> list[StoredEvent]:
        """Stored events matching ``query``, by start date then UID, with their history.

        ``today`` is needed only for ``query.upcoming`` (events not over before today).
        """
        where, args = _where(query or FeedQuery(), today)
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, data, sequence, last_modified FROM events"
                f"{where} ORDER BY start IS NULL, start, uid",
                args,
            ).fetchall()
            history = self._history({int(r[0]) for r in rows})
        return [
            StoredEvent(
                event=Event.model_validate_json(data),
                sequence=int(seq),
                last_modified=datetime.fromisoformat(modified),
                history=tuple(history.get(int(event_id), ())),
            )
            for event_id, data, seq, modified in rows
        ]

    def _history(self, ids: set[int]) -> dict[int, list[HistoryEntry]]:
        found: dict[int, list[HistoryEntry]] = {}
        if not ids:
            return found
        rows = self._conn.execute(
            "SELECT h.event_id, h.sequence, h.at, a.source, a.published, h.change "
            "FROM history h JOIN articles a ON a.id = h.article_id ORDER BY h.event_id, h.id"
        )
        for event_id, seq, at, source, published, change in rows:
            if event_id in ids:
                found.setdefault(event_id, []).append(
                    HistoryEntry(
                        sequence=seq,
                        at=datetime.fromisoformat(at),
                        source=source,
                        published=date.fromisoformat(published),
                        change=change,
                    )
                )
        return found

    # -- writing ---------------------------------------------------------------------

    def ingest(self, article: Article, events: Sequence[Event] | None = None) -> IngestResult:
        """Store ``article`` and fold its events into the stored ones.

        ``events`` defaults to what :func:`calendar_export.api.extract_events` finds in
        the article. An article whose text is already stored changes nothing and is
        reported as a duplicate.
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
            Ingest(conn, article, result, self._keys).run(events)
        return result

    def _article_id(self, digest: str) -> int | None:
        with self._lock:
            row = self._conn.execute("SELECT id FROM articles WHERE hash = ?", (digest,)).fetchone()
        return None if row is None else int(row[0])


def _where(query: FeedQuery, today: date | None) -> tuple[str, list[object]]:
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
