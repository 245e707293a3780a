"""The feed's persistence: one SQLite file in WAL mode.

It holds every article ingested (text, source, publication date, a content hash), each
article's report of each event, the merged events the feed shows, and the history of
their revisions. Re-ingesting an article with the same text changes nothing.

Timestamps the feed shows come from data: an event's LAST-MODIFIED is the publication
date of the article that changed it, moved forward by a second when needed so it always
increases. The wall clock is recorded only as ``ingested_at``, for people.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from ..models import Article, Event
from .identity import MATCH_THRESHOLD, SEARCH_WINDOW_DAYS, Key, key_of, match_score
from .merge import Report, describe_changes, describe_when, merge_reports
from .query import FeedQuery
from .schema import StoreError, migrate

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: A name token or series indexing more events than this does not select candidates.
COMMON_TERM_LIMIT = 200
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One revision of an event: what changed and which article said so."""

    sequence: int
    at: datetime
    source: str | None
    published: date
    change: str


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the feed shows it, with its revision state and history."""

    event: Event
    sequence: int
    last_modified: datetime
    history: tuple[HistoryEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedState:
    """What identifies the store's content: an id, a revision counter, the last change."""

    instance: str
    revision: int
    last_modified: datetime


@dataclass(slots=True)
class IngestResult:
    """What ingesting one article did, by UID."""

    article_id: int
    duplicate: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    corroborated: list[str] = field(default_factory=list)


def article_hash(text: str) -> str:
    """sha256 of the text with line endings and outer white space normalized."""
    normalized = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def _stamp(published: date, previous: datetime | None) -> datetime:
    day = datetime.combine(published, time(0, 0), tzinfo=UTC)
    return day if previous is None or day > previous else previous + _SECOND


class _KeyCache:
    """Identity keys of stored events, recomputed only when an event's data changes."""

    def __init__(self) -> None:
        self._keys: dict[int, tuple[str, Key]] = {}

    def get(self, event_id: int, data: str) -> Key:
        cached = self._keys.get(event_id)
        if cached is not None and cached[0] == data:
            return cached[1]
        key = key_of(Event.model_validate_json(data))
        self._keys[event_id] = (data, key)
        return key


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
        self._keys = _KeyCache()
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
            _Ingest(conn, article, result, self._keys).run(events)
        return result

    def _article_id(self, digest: str) -> int | None:
        with self._lock:
            row = self._conn.execute("SELECT id FROM articles WHERE hash = ?", (digest,)).fetchone()
        return None if row is None else int(row[0])


class _Ingest:
    """Folding one article's events into the store, inside the caller's transaction."""

    def __init__(
        self, conn: sqlite3.Connection, article: Article, result: IngestResult, keys: _KeyCache
    ) -> None:
        self.conn = conn
        self.article = article
        self.result = result
        self.claimed: set[int] = set()  # stored events this article already reported
        self.keys = keys
        self.stamps: list[datetime] = []

    def run(self, events: Sequence[Event]) -> None:
        for event in events:
            key = key_of(event)
            match = self._best_match(key)
            if match is None:
                self._create(event, key)
            else:
                self._attach(match, event, key)
        if self.stamps:
            self._bump_feed(max(self.stamps))

    def _report(self, event: Event) -> Report:
        return Report(
            event=event,
            published=self.article.published,
            article_id=self.result.article_id,
            source=self.article.source,
        )

    def _best_match(self, key: Key) -> int | None:
        best: tuple[int, int] | None = None
        for event_id, data in self._candidates(key):
            if event_id in self.claimed:
                continue
            score = match_score(key, self.keys.get(event_id, data))
            if score is not None and score >= MATCH_THRESHOLD:
                candidate = (score, -int(event_id))
                best = candidate if best is None or candidate > best else best
        return None if best is None else -best[1]

    def _candidates(self, key: Key) -> list[tuple[int, str]]:
        """Stored events that share a series or a person with ``key``, or its place.

        A shared place alone makes a candidate only of gatherings and of events with no
        series and no participants: other events are told apart by their people. Dated
        events are looked for within :data:`SEARCH_WINDOW_DAYS`.
        """
        strong, places = key.strong_terms(), key.place_terms()
        if not strong and not places:
            return []
        parts, args = [], []
        strong = self._discriminating(strong)
        if strong:
            parts.append(f"SELECT event_id FROM event_terms WHERE term IN ({_marks(strong)})")
            args.extend(strong)
        if places:
            # "w:" terms index only gatherings and events without series or people.
            if not key.weak or key.group == "gathering":
                places = ["w:" + term.removeprefix("l:") for term in places]
            parts.append(f"SELECT event_id FROM event_terms WHERE term IN ({_marks(places)})")
            args.extend(places)
        sql = f"SELECT id, data FROM events WHERE grp = ? AND id IN ({' UNION '.join(parts)})"
        params: list[object] = [key.group, *args]
        if key.start is not None and key.end is not None:
            window = timedelta(days=SEARCH_WINDOW_DAYS)
            sql += ' AND (start IS NULL OR (start <= ? AND "end" >= ?))'
            params.extend([(key.end + window).isoformat(), (key.start - window).isoformat()])
        return [(int(i), d) for i, d in self.conn.execute(sql, params).fetchall()]

    def _discriminating(self, terms: list[str]) -> list[str]:
        """Drop terms shared by too many events to tell them apart (a common first name)."""
        if not terms:
            return terms
        counts = dict(
            self.conn.execute(
                f"SELECT term, count(*) FROM event_terms WHERE term IN ({_marks(terms)}) "
                "GROUP BY term",
                terms,
            ).fetchall()
        )
        kept = [t for t in terms if counts.get(t, 0) <= COMMON_TERM_LIMIT]
        return kept or [min(terms, key=lambda t: counts.get(t, 0))]

    def _create(self, event: Event, key: Key) -> None:
        uid = event.uid
        if self.conn.execute("SELECT 1 FROM events WHERE uid = ?", (uid,)).fetchone():
            uid = f"a{self.result.article_id}-{uid}"
        merged = merge_reports([self._report(event)], uid=uid)
        stamp = _stamp(self.article.published, None)
        cursor = self.conn.execute(
            "INSERT INTO events (uid, data, sequence, last_modified, kind, status, country, "
            'confidence, start, "end", precision, grp) '
            "VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, merged.model_dump_json(), stamp.isoformat(), *_columns(merged)),
        )
        event_id = int(cursor.lastrowid or 0)
        self._add_report(event_id, event, key)
        self._index_open(event_id, key_of(merged))
        place = merged.place.name if merged.place else "no place"
        self._log(
            event_id,
            0,
            stamp,
            f"first reported: {describe_when(merged.when)}, {place}, {merged.status}",
        )
        self.result.created.append(uid)

    def _attach(self, event_id: int, event: Event, key: Key) -> None:
        uid, data, sequence, modified = self.conn.execute(
            "SELECT uid, data, sequence, last_modified FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        old = Event.model_validate_json(data)
        self._add_report(event_id, event, key)
        merged = merge_reports(self._reports(event_id), uid=uid)
        changes = describe_changes(old, merged)
        if not changes and merged == old:
            return
        stamp = _stamp(self.article.published, datetime.fromisoformat(modified))
        if changes:
            sequence += 1
            self._log(event_id, sequence, stamp, "; ".join(changes))
            self.result.updated.append(uid)
        else:
            self._log(event_id, sequence, stamp, "also reported here")
            self.result.corroborated.append(uid)
        self.conn.execute(
            "UPDATE events SET data = ?, sequence = ?, last_modified = ?, kind = ?, status = ?, "
            'country = ?, confidence = ?, start = ?, "end" = ?, precision = ?, grp = ? '
            "WHERE id = ?",
            (merged.model_dump_json(), sequence, stamp.isoformat(), *_columns(merged), event_id),
        )
        self._index_open(event_id, key_of(merged))

    def _index_open(self, event_id: int, key: Key) -> None:
        """Index by place alone ("w:" terms) only events that place alone may identify."""
        self.conn.execute(
            "DELETE FROM event_terms WHERE event_id = ? AND term LIKE 'w:%'", (event_id,)
        )
        if key.weak or key.group == "gathering":
            self.conn.executemany(
                "INSERT OR IGNORE INTO event_terms (term, event_id) VALUES (?, ?)",
                [("w:" + t.removeprefix("l:"), event_id) for t in key.place_terms()],
            )

    def _add_report(self, event_id: int, event: Event, key: Key) -> None:
        self.claimed.add(event_id)
        self.conn.execute(
            "INSERT INTO reports (event_id, article_id, data) VALUES (?, ?, ?)",
            (event_id, self.result.article_id, event.model_dump_json()),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO event_terms (term, event_id) VALUES (?, ?)",
            [(term, event_id) for term in key.index_terms()],
        )

    def _reports(self, event_id: int) -> list[Report]:
        rows = self.conn.execute(
            "SELECT r.data, a.published, a.id, a.source FROM reports r "
            "JOIN articles a ON a.id = r.article_id WHERE r.event_id = ?",
            (event_id,),
        ).fetchall()
        return [
            Report(
                event=Event.model_validate_json(data),
                published=date.fromisoformat(published),
                article_id=int(article_id),
                source=source,
            )
            for data, published, article_id, source in rows
        ]

    def _log(self, event_id: int, sequence: int, stamp: datetime, change: str) -> None:
        self.stamps.append(stamp)
        self.conn.execute(
            "INSERT INTO history (event_id, article_id, sequence, at, change) "
            "VALUES (?, ?, ?, ?, ?)",
            (event_id, self.result.article_id, sequence, stamp.isoformat(), change),
        )

    def _bump_feed(self, stamp: datetime) -> None:
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        previous = datetime.fromisoformat(meta["last_modified"])
        feed_stamp = stamp if stamp > previous else previous + _SECOND
        self.conn.execute(
            "UPDATE meta SET value = CASE key WHEN 'revision' THEN ? ELSE ? END "
            "WHERE key IN ('revision', 'last_modified')",
            (str(int(meta["revision"]) + 1), feed_stamp.isoformat()),
        )


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def _columns(event: Event) -> tuple[object, ...]:
    place = event.place
    when = event.when
    return (
        event.kind,
        event.status,
        place.country.casefold() if place and place.country else None,
        event.confidence.score,
        when.start.isoformat() if when.start else None,
        (when.end or when.start).isoformat() if when.start else None,
        when.precision,
        key_of(event).group,
    )


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
