"""The calendar feed: a Starlette app over a :class:`~calendar_export.store.Store`.

::

    GET|HEAD /calendar.ics   the feed (text/calendar), filtered by query parameters
    GET|HEAD /events.json    the same events as JSON, with their revisions
    GET|HEAD /               a timeline page (``page=N``) with a webcal:// subscribe link
    POST     /articles       ingest an article (bearer token; off when no token is set)

Filters: ``min_confidence``, ``status``, ``kind``, ``country``, ``from``, ``to``,
``upcoming=1``; anything else is a 400 with a message. Answers carry an ``ETag`` and a
``Last-Modified`` derived from the store's revision (never later than now) and answer
conditional requests with 304, so polling clients cost almost nothing.

Cost per request is bounded: a feed joins VEVENTs the store keeps rendered, answers are
cached by normalized query in a cache bounded in entries and bytes, at most two renders
run at once, the page shows :data:`PAGE_SIZE` events, and posted articles are ingested
one at a time by a child process (:mod:`.extractor`), at most
:data:`MAX_WAITING_INGESTS` waiting. Connection limits are the listener's
(:mod:`.listener`).
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

import anyio
import anyio.to_thread
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from . import page
from .api import parse_article
from .errors import CalendarExportError, InputError, StoreError
from .extractor import Extractor, shared_extractor
from .models import Article, Event
from .serving import (
    RenderCache,
    SecurityHeaders,
    base_url,
    etag,
    feed_url,
    last_modified,
    not_modified,
    validators,
)
from .store import FeedQuery, FeedState, IngestResult, QueryError, Store

ICS_TYPE = "text/calendar; charset=utf-8"
#: Largest article body accepted by ``POST /articles``.
MAX_ARTICLE_BYTES = 1_000_000
#: Largest ``source`` (JSON field or query parameter) of a posted article.
MAX_SOURCE_CHARS = 2_000
#: Events on one page of ``GET /``.
PAGE_SIZE = 100
#: Articles waiting for their turn to be ingested over HTTP; more get a 503.
MAX_WAITING_INGESTS = 64
_NO_DATE_HINTS = {
    "json": 'send "published": "YYYY-MM-DD" in the JSON body',
    "text": "start the text with a 'date YYYY-MM-DD' line or add ?published=YYYY-MM-DD",
}


class ArticleIn(BaseModel):
    """The JSON body of ``POST /articles``."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=MAX_ARTICLE_BYTES)
    published: date | None = None
    source: str | None = Field(default=None, max_length=MAX_SOURCE_CHARS)


def _utc_today() -> date:
    return datetime.now(UTC).date()


Render = Callable[[FeedQuery, "date | None", str], tuple[FeedState, bytes]]


class _Feed:
    """Request handlers sharing one store, a token and a bounded cache of rendered bodies."""

    def __init__(
        self,
        store: Store,
        token: str | None,
        name: str,
        today: Callable[[], date],
        past_days: int | None,
        body_seconds: float,
        extractor: Extractor,
    ) -> None:
        self.store = store
        self.token = token
        self.name = name
        self.today = today
        self.past_days = past_days
        self.body_seconds = body_seconds
        self.cache = RenderCache()
        # Renders at once (each holds a body in memory); the same query waits for one.
        self._renders = threading.BoundedSemaphore(2)
        self.extractor = extractor
        self._extracting = anyio.CapacityLimiter(1)  # one child process
        self._ingests = anyio.CapacityLimiter(1)  # writes are serial anyway
        self._waiting_ingests = 0

    # -- shared machinery ----------------------------------------------------------

    def _effective(self, query: FeedQuery) -> FeedQuery:
        """The filters applied: the request's, with events over ``past_days`` ago trimmed."""
        if self.past_days is None:
            return query
        horizon = self.today() - timedelta(days=self.past_days)
        if query.start is not None and query.start >= horizon:
            return query
        return query.model_copy(update={"start": horizon})

    def _serve(
        self,
        request: Request,
        kind: str,
        media_type: str,
        render: Render,
        *,
        params: list[tuple[str, str]] | None = None,
        always_today: bool = False,
    ) -> Response:
        """Answer from the cache, with 304 to a matching conditional request, or render.

        The cache key is the normalized query; a render reads one snapshot and is cached
        under the revision it read.
        """
        try:
            asked = FeedQuery.from_params(
                request.query_params.multi_items() if params is None else params
            )
        except QueryError as exc:
            return _error(400, str(exc))
        query = self._effective(asked)
        today = self.today() if (query.upcoming or always_today) else None
        base = base_url(request)

        def key_of(state: FeedState) -> str:
            parts = (kind, state.instance, str(state.revision), asked.query_string())
            return "|".join((*parts, query.query_string(), str(today), base))

        state = self.store.state()
        key = key_of(state)
        if not_modified(request, etag(key), last_modified(state)):
            return Response(status_code=304, headers=validators(key, state))
        body = self.cache.get(key)
        if body is None:
            with self._renders:
                body = self.cache.get(key)
                if body is None:
                    state, body = render(query, today, feed_url(base, asked))
                    key = key_of(state)
                    self.cache.put(key, body)
        return Response(body, media_type=media_type, headers=validators(key, state))

    # -- endpoints -------------------------------------------------------------------

    def calendar(self, request: Request) -> Response:
        description = f"{self.name}: meetings announced in the news and how sure they are"

        def render(query: FeedQuery, today: date | None, url: str) -> tuple[FeedState, bytes]:
            return self.store.calendar(
                query, today=today, name=self.name, description=description, source_url=url
            )

        return self._serve(request, "ics", ICS_TYPE, render)

    def events_json(self, request: Request) -> Response:
        def render(query: FeedQuery, today: date | None, _: str) -> tuple[FeedState, bytes]:
            return self.store.events_json(query, today=today)

        return self._serve(request, "json", "application/json", render)

    def home(self, request: Request) -> Response:
        params = request.query_params.multi_items()
        pages = [v for k, v in params if k == "page"]
        if len(pages) > 1 or (pages and not (pages[0].isdigit() and 0 < int(pages[0]) < 10**6)):
            return HTMLResponse(page.error_page("'page' must be one number from 1"), 400)
        number = int(pages[0]) if pages else 1
        asked = [(k, v) for k, v in params if k != "page"]

        def render(query: FeedQuery, today: date | None, url: str) -> tuple[FeedState, bytes]:
            assert today is not None
            state, timeline, counts = self.store.timeline(
                query, today=today, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
            )
            html = page.render_page(
                timeline.events,
                name=self.name,
                query=FeedQuery.from_params(asked),
                today=today,
                feed_url=url,
                webcal_url="webcal://" + url.split("://", 1)[1],
                counts=counts,
                totals=timeline.totals,
                page=number,
                page_size=PAGE_SIZE,
            )
            return state, html.encode("utf-8")

        response = self._serve(
            request,
            f"html|{number}",
            "text/html; charset=utf-8",
            render,
            params=asked,
            always_today=True,
        )
        if response.status_code == 400:
            message = json.loads(bytes(response.body))["error"]
            return HTMLResponse(page.error_page(message), status_code=400)
        return response

    async def post_article(self, request: Request) -> Response:
        refusal = self._refuse(request)
        if refusal is not None:
            return refusal
        try:
            with anyio.fail_after(self.body_seconds):
                body = await _read_capped(request, MAX_ARTICLE_BYTES)
        except TimeoutError:
            return _error(408, f"the body did not arrive within {self.body_seconds:g} s")
        if body is None:
            return _error(413, f"the article is over {MAX_ARTICLE_BYTES} bytes; send less text")
        try:
            article = _article(request, body)
        except CalendarExportError as exc:
            return _error(400, str(exc))
        if self._waiting_ingests >= MAX_WAITING_INGESTS:
            response = _error(503, "too many articles are waiting to be ingested; retry later")
            response.headers["Retry-After"] = "30"
            return response
        self._waiting_ingests += 1
        try:
            result = await self._ingest(article)
        except StoreError as exc:
            return _error(503, f"the article was not stored: {exc}")
        except CalendarExportError as exc:
            return _error(400, str(exc))
        finally:
            self._waiting_ingests -= 1
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

    async def _ingest(self, article: Article) -> IngestResult:
        """Ingest in the child process (a store in memory: extract there, store here):
        the event loop and the feed's readers never wait for it."""
        if self.store.path != ":memory:":
            return await anyio.to_thread.run_sync(
                self.extractor.ingest, self.store.path, article, limiter=self._extracting
            )
        events = await anyio.to_thread.run_sync(
            self._extract_new, article, limiter=self._extracting
        )
        return await anyio.to_thread.run_sync(
            self.store.ingest, article, events, limiter=self._ingests
        )

    def _extract_new(self, article: Article) -> list[Event]:
        """The article's events, or none when it is already stored (a duplicate)."""
        return [] if self.store.has_article(article.text) else self.extractor.extract(article)

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
                f"bad JSON article (field {where!r}: {first['msg']}); send "
                '{"text": ..., "published": "YYYY-MM-DD", "source": ...}'
            ) from exc
        return _parsed(data.text, data.published, data.source, "json")
    source = request.query_params.get("source")
    if source is not None and len(source) > MAX_SOURCE_CHARS:
        raise CalendarExportError(f"'source' is over {MAX_SOURCE_CHARS} characters")
    try:
        published_raw = request.query_params.get("published")
        published = date.fromisoformat(published_raw) if published_raw else None
    except ValueError as exc:
        raise CalendarExportError("'published' must be a date YYYY-MM-DD") from exc
    return _parsed(body, published, source, "text")


def _parsed(raw: str | bytes, published: date | None, source: str | None, how: str) -> Article:
    """:func:`parse_article`, its hints naming what to send over HTTP, not a CLI flag."""
    try:
        return parse_article(raw, published=published, source=source)
    except InputError as exc:
        message = str(exc).replace("pass --published YYYY-MM-DD", _NO_DATE_HINTS[how])
        raise CalendarExportError(message.replace("--published", "'published'")) from exc


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
    body_seconds: float = 30.0,
    extractor: Extractor | None = None,
) -> Starlette:
    """The feed application over ``store``.

    ``token`` turns on ``POST /articles`` (bearer token, compared in constant time,
    white space around it ignored); ``name`` is the calendar's name; ``today``
    (default: the UTC date) decides what ``upcoming=1`` and the page's "upcoming"
    section mean. ``past_days`` trims events that ended more than that many days before
    today (feeds should stay small: clients drop events from feeds over about 1 MB);
    ``None`` keeps every event. ``allowed_hosts`` lists the Host header values answered
    (others get 400), since the feed's SOURCE and the page's subscribe links are built
    from it; ``None`` answers any. A posted body must arrive within ``body_seconds``.
    Posted articles are extracted by ``extractor`` (default: the process's one child
    process, :func:`~calendar_export.extractor.shared_extractor`).
    """
    secret = (token or "").strip() or None
    feed = _Feed(
        store,
        secret,
        name,
        today or _utc_today,
        past_days,
        body_seconds,
        extractor or shared_extractor(),
    )
    routes = [
        Route("/", feed.home, methods=["GET", "HEAD"]),
        Route("/calendar.ics", feed.calendar, methods=["GET", "HEAD"]),
        Route("/events.json", feed.events_json, methods=["GET", "HEAD"]),
        Route("/articles", feed.post_article, methods=["POST"]),
    ]
    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    app = Starlette(routes=routes, middleware=middleware)
    app.state.render_cache = feed.cache
    return app
