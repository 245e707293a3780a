"""The calendar feed: a Starlette app over a :class:`~calendar_export.store.Store`.

::

    GET|HEAD /calendar.ics   the feed (text/calendar), filtered by query parameters
    GET|HEAD /events.json    the same events as JSON, with their revisions
    GET|HEAD /               a timeline page with a webcal:// subscribe link
    POST     /articles       ingest an article (bearer token; off when no token is set)

Filters: ``min_confidence``, ``status``, ``kind``, ``country``, ``from``, ``to``,
``upcoming=1``; anything else is a 400 with a message. Feed responses carry an ``ETag``
and ``Last-Modified`` derived from the store's revision (not from the wall clock) and
answer conditional requests with 304, so polling clients cost almost nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from . import page
from .api import parse_article
from .errors import CalendarExportError
from .models import Article
from .store import FeedQuery, QueryError, Store, StoredEvent, feed_ics

ICS_TYPE = "text/calendar; charset=utf-8"
#: Largest article body accepted by ``POST /articles``.
MAX_ARTICLE_BYTES = 1_000_000
_CACHE_SIZE = 32


class ArticleIn(BaseModel):
    """The JSON body of ``POST /articles``."""

    model_config = ConfigDict(extra="forbid")

    text: str
    published: date | None = None
    source: str | None = None


def _utc_today() -> date:
    return datetime.now(UTC).date()


class _Feed:
    """Request handlers sharing one store, a token and a small cache of rendered bodies."""

    def __init__(
        self,
        store: Store,
        token: str | None,
        name: str,
        today: Callable[[], date],
        past_days: int | None,
    ) -> None:
        self.store = store
        self.token = token
        self.name = name
        self.today = today
        self.past_days = past_days
        self._cache: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    # -- shared machinery ----------------------------------------------------------

    def _query(self, request: Request) -> FeedQuery:
        """The filters the request asks for (links and the form repeat these)."""
        return FeedQuery.from_params(request.query_params.multi_items())

    def _effective(self, query: FeedQuery) -> FeedQuery:
        """The filters applied: the request's, with events over ``past_days`` ago trimmed."""
        if self.past_days is None:
            return query
        horizon = self.today() - timedelta(days=self.past_days)
        if query.start is not None and query.start >= horizon:
            return query
        return query.model_copy(update={"start": horizon})

    def _select(self, query: FeedQuery) -> list[StoredEvent]:
        applied = self._effective(query)
        return self.store.events(applied, today=self.today() if applied.upcoming else None)

    def _conditional(
        self, request: Request, kind: str, media_type: str, render: Callable[[], bytes]
    ) -> Response:
        try:
            asked = self._query(request)
        except QueryError as exc:
            return _error(400, str(exc))
        query = self._effective(asked)
        state = self.store.state()
        today = self.today() if query.upcoming else None
        key = "|".join(
            (
                kind,
                state.instance,
                str(state.revision),
                asked.query_string(),
                query.query_string(),
                str(today),
                str(request.base_url),
            )
        )
        etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
        headers = {
            "ETag": etag,
            "Last-Modified": format_datetime(state.last_modified, usegmt=True),
            "Cache-Control": "no-cache",
        }
        if _not_modified(request, etag, state.last_modified):
            return Response(status_code=304, headers=headers)
        body = self._cached(key, render)
        return Response(body, media_type=media_type, headers=headers)

    def _cached(self, key: str, render: Callable[[], bytes]) -> bytes:
        with self._lock:
            body = self._cache.get(key)
            if body is not None:
                self._cache.move_to_end(key)
                return body
        body = render()
        with self._lock:
            self._cache[key] = body
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return body

    def _events(self, request: Request) -> list[StoredEvent]:
        return self._select(self._query(request))

    # -- endpoints -------------------------------------------------------------------

    def calendar(self, request: Request) -> Response:
        def render() -> bytes:
            return feed_ics(
                self._events(request),
                name=self.name,
                description=f"{self.name}: meetings announced in the news and how sure they are",
                source_url=_feed_url(request, self._query(request)),
            )

        return self._conditional(request, "ics", ICS_TYPE, render)

    def events_json(self, request: Request) -> Response:
        def render() -> bytes:
            stored = self._events(request)
            doc: dict[str, Any] = {
                "events": [s.event.model_dump(mode="json") for s in stored],
                "revisions": {s.event.uid: _revision(s) for s in stored},
            }
            return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

        return self._conditional(request, "json", "application/json", render)

    def home(self, request: Request) -> Response:
        try:
            query = self._query(request)
        except QueryError as exc:
            return HTMLResponse(page.error_page(str(exc)), status_code=400)
        today = self.today()
        stored = self._select(query)
        http_url = _feed_url(request, query)
        html = page.render_page(
            stored,
            name=self.name,
            query=query,
            today=today,
            feed_url=http_url,
            webcal_url="webcal://" + http_url.split("://", 1)[1],
            counts=self.store.counts(),
        )
        return HTMLResponse(html)

    async def post_article(self, request: Request) -> Response:
        refusal = self._refuse(request)
        if refusal is not None:
            return refusal
        body = await _read_capped(request, MAX_ARTICLE_BYTES)
        if body is None:
            return _error(413, f"the article is over {MAX_ARTICLE_BYTES} bytes; send less text")
        try:
            article = _article(request, body)
        except CalendarExportError as exc:
            return _error(400, str(exc))
        result = await run_in_threadpool(self.store.ingest, article)
        return JSONResponse(
            {
                "article_id": result.article_id,
                "duplicate": result.duplicate,
                "created": result.created,
                "updated": result.updated,
                "corroborated": result.corroborated,
            },
            status_code=200 if result.duplicate else 201,
        )

    def _refuse(self, request: Request) -> Response | None:
        if self.token is None:
            return _error(
                403,
                "ingest over HTTP is off: start the server with --token or "
                "CALENDAR_EXPORT_TOKEN to turn it on",
            )
        scheme, _, credential = request.headers.get("authorization", "").partition(" ")
        given = credential.strip().encode("utf-8")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given, self.token.encode()):
            response = _error(401, "a valid 'Authorization: Bearer <token>' header is required")
            response.headers["WWW-Authenticate"] = 'Bearer realm="calendar-export"'
            return response
        return None


async def _read_capped(request: Request, limit: int) -> bytes | None:
    """The request body, or ``None`` as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _feed_url(request: Request, query: FeedQuery) -> str:
    """The feed's URL for ``query``, parameters in a canonical order."""
    feed = f"{request.base_url}calendar.ics"
    return f"{feed}?{query.query_string()}" if query.to_params() else feed


def _article(request: Request, body: bytes) -> Article:
    """An article from a JSON body, or from a text body with its date header."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            data = ArticleIn.model_validate_json(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise CalendarExportError(
                f"bad JSON article ({where}: {first['msg']}); send "
                '{"text": ..., "published": "YYYY-MM-DD", "source": ...}'
            ) from exc
        return parse_article(data.text, published=data.published, source=data.source)
    try:
        published_raw = request.query_params.get("published")
        published = date.fromisoformat(published_raw) if published_raw else None
    except ValueError as exc:
        raise CalendarExportError("'published' must be a date YYYY-MM-DD") from exc
    return parse_article(body, published=published, source=request.query_params.get("source"))


def _revision(stored: StoredEvent) -> dict[str, Any]:
    return {
        "sequence": stored.sequence,
        "last_modified": stored.last_modified.isoformat(),
        "history": [
            {
                "sequence": h.sequence,
                "at": h.at.isoformat(),
                "source": h.source,
                "published": h.published.isoformat(),
                "change": h.change,
            }
            for h in stored.history
        ],
    }


def _not_modified(request: Request, etag: str, last_modified: datetime) -> bool:
    """RFC 9110 section 13: If-None-Match first; If-Modified-Since only without it."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return last_modified.replace(microsecond=0) <= when


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def create_app(
    store: Store,
    *,
    token: str | None = None,
    name: str = "calendar-export",
    today: Callable[[], date] | None = None,
    past_days: int | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> Starlette:
    """The feed application over ``store``.

    ``token`` turns on ``POST /articles`` (bearer token, compared in constant time);
    ``name`` is the calendar's name; ``today`` (default: the UTC date) decides what
    ``upcoming=1`` and the page's "upcoming" section mean. ``past_days`` trims events
    that ended more than that many days before today (feeds should stay small: clients
    drop events from feeds over about 1 MB); ``None`` keeps every event.
    ``allowed_hosts`` lists the Host header values answered (others get 400), since the
    feed's SOURCE and the page's subscribe links are built from it; ``None`` answers any.
    """
    feed = _Feed(store, token or None, name, today or _utc_today, past_days)
    routes = [
        Route("/", feed.home, methods=["GET", "HEAD"]),
        Route("/calendar.ics", feed.calendar, methods=["GET", "HEAD"]),
        Route("/events.json", feed.events_json, methods=["GET", "HEAD"]),
        Route("/articles", feed.post_article, methods=["POST"]),
    ]
    middleware = (
        [Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))]
        if allowed_hosts
        else []
    )
    return Starlette(routes=routes, middleware=middleware)
