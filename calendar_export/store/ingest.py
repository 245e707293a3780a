"""Folding one article's events into the store: identity, merge, revisions, history.

Runs inside the caller's write transaction (see :meth:`.db.Store.ingest`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from ..identity import KIND_GROUPS, MATCH_THRESHOLD, SEARCH_WINDOW_DAYS, Key, key_of, match_score
from ..models import Article, Event
from ..story import Report, describe_changes, describe_when, merge_reports
from .records import IngestResult, next_stamp

#: A name token or series indexing more events than this does not select candidates.
COMMON_TERM_LIMIT = 200
_SECOND = timedelta(seconds=1)


class KeyCache:
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


class Ingest:
    """Folding one article's events into the store, inside the caller's transaction."""

    def __init__(
        self, conn: sqlite3.Connection, article: Article, result: IngestResult, keys: KeyCache
    ) -> None:
        self.conn = conn
        self.article = article
        self.result = result
        self.claimed: set[int] = set()  # stored events this article already reported
        self.keys = keys
        self.stamps: list[datetime] = []

    def run(self, events: Sequence[Event]) -> None:
        for event in events:
            key = key_of(event, published=self.article.published)
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
        stamp = next_stamp(self.article.published, None)
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
        stamp = next_stamp(self.article.published, datetime.fromisoformat(modified))
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
        KIND_GROUPS.get(event.kind, "other"),
    )
