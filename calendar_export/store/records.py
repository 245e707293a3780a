"""The store's records: what it hands out (events with revisions, ingest results)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from ..models import Event

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
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


def next_stamp(published: date, previous: datetime | None) -> datetime:
    """The publication day (UTC midnight), or one second after ``previous`` if not later."""
    day = datetime.combine(published, time(0, 0), tzinfo=UTC)
    return day if previous is None or day > previous else previous + _SECOND
