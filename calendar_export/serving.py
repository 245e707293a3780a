"""HTTP plumbing of the feed application: a bounded cache of rendered bodies, the
validators (``ETag``, ``Last-Modified``) and conditional requests, and the security
headers every answer carries."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .store import FeedQuery, FeedState

#: Headers every answer carries: no script may run on the page, and no type sniffing.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class RenderCache:
    """Rendered bodies by normalized request, least recently used first out; bounded
    both in entries and in bytes, so that distinct queries cannot fill the memory."""

    def __init__(self, max_entries: int = 64, max_bytes: int = 64_000_000) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        with self._lock:
            old = self._bodies.pop(key, None)
            self._size -= len(old) if old is not None else 0
            self._bodies[key] = body
            self._size += len(body)
            while len(self._bodies) > self.max_entries or self._size > self.max_bytes:
                _, dropped = self._bodies.popitem(last=False)
                self._size -= len(dropped)

    def __len__(self) -> int:
        return len(self._bodies)

    @property
    def size(self) -> int:
        """Bytes held."""
        return self._size


def etag(key: str) -> str:
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def last_modified(state: FeedState) -> datetime:
    """The store's last change, but never later than now (HTTP forbids a future date;
    an article may be dated ahead)."""
    return min(state.last_modified, datetime.now(UTC))


def validators(key: str, state: FeedState) -> dict[str, str]:
    return {
        "ETag": etag(key),
        "Last-Modified": format_datetime(last_modified(state), usegmt=True),
        "Cache-Control": "no-cache",
    }


def not_modified(request: Request, etag: str, last_modified: datetime) -> bool:
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


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def base_url(request: Request) -> str:
    """``scheme://host[:port]`` with the Host header's name but the port the server
    listens on: a port written into the Host header is never echoed into the feed."""
    url = request.url
    host = url.hostname or "localhost"
    host = f"[{host}]" if ":" in host else host
    server = request.scope.get("server")
    port = server[1] if server and server[1] else url.port
    default = {"http": 80, "https": 443}.get(url.scheme)
    return f"{url.scheme}://{host}" + (f":{port}" if port and port != default else "")


def feed_url(base: str, query: FeedQuery) -> str:
    """The feed's URL for ``query``, parameters in a canonical order."""
    feed = f"{base}/calendar.ics"
    return f"{feed}?{query.query_string()}" if query.to_params() else feed
