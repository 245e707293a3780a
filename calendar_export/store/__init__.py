"""The feed's persistence: articles, their reports of events, merged events and history.

::

    store = Store("feed.sqlite")          # created and migrated as needed (SQLite, WAL)
    result = store.ingest(article)        # extract, match to stored events, merge
    for stored in store.events(FeedQuery(min_confidence=0.5)):
        stored.event, stored.sequence, stored.last_modified, stored.history

Modules: :mod:`.schema` (tables, migrations), :mod:`calendar_export.identity` (is it the
same event?), :mod:`calendar_export.story` (one event from its reports), :mod:`.query`
:mod:`.records` (what the store hands out), :mod:`.ingest` (folding an article in),
:mod:`.db` (the :class:`Store`), :mod:`.export` (stored events to .ics).
"""

from ..errors import StoreError
from .db import Store
from .export import feed_ics, history_text
from .query import PARAMETERS, FeedQuery, QueryError
from .records import FeedState, HistoryEntry, IngestResult, StoredEvent, article_hash
from .schema import SCHEMA_VERSION

__all__ = [
    "PARAMETERS",
    "SCHEMA_VERSION",
    "FeedQuery",
    "FeedState",
    "HistoryEntry",
    "IngestResult",
    "QueryError",
    "Store",
    "StoreError",
    "StoredEvent",
    "article_hash",
    "feed_ics",
    "history_text",
]
