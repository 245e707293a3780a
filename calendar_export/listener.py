"""The feed's HTTP listener: uvicorn's h11 protocol with the limits a public server needs.

uvicorn alone waits forever for a request's headers, keeps every connection it accepts,
and leaves Nagle's algorithm on for a socket made without ``IPPROTO_TCP``. Here:

- a request's headers must arrive within :attr:`Limits.header_seconds` of its first
  byte (or of the connection), or the connection is closed;
- at most :attr:`Limits.max_connections` connections are kept: a new one past the cap
  closes the oldest connection still waiting for its headers (a slowloris holds those),
  or is itself closed when every connection is busy with a request;
- every connection has ``TCP_NODELAY``;
- refusals are counted and logged as one line at most every
  :attr:`Limits.log_every_seconds`, never one traceback a connection.

The body's deadline is the application's (``create_app(body_seconds=...)``).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("calendar_export.server")


@dataclass(frozen=True)
class Limits:
    """What one server holds at most, and how long it waits."""

    header_seconds: float = 10.0
    keep_alive_seconds: float = 5.0
    max_connections: int = 512
    max_header_bytes: int = 16 * 1024
    log_every_seconds: float = 10.0


class _Refusals:
    """Counts what was refused; logs one summary line at most every ``every`` seconds."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.counts: Counter[str] = Counter()
        self.last = 0.0

    def add(self, what: str) -> None:
        self.counts[what] += 1
        now = time.monotonic()
        if now - self.last >= self.every:
            summary = ", ".join(f"{n} {w}" for w, n in sorted(self.counts.items()))
            log.warning("refused in the last %.0f s: %s", min(now - self.last, 1e9), summary)
            self.counts.clear()
            self.last = now


def protocol_class(limits: Limits) -> type[H11Protocol]:
    """An ``H11Protocol`` subclass enforcing ``limits`` (one set per server)."""
    waiting: dict[Any, float] = {}  # connections waiting for request headers, oldest first
    refusals = _Refusals(limits.log_every_seconds)

    class LimitedProtocol(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            sock = transport.get_extra_info("socket")
            if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            super().connection_made(transport)
            if len(self.connections) > limits.max_connections:
                oldest = next(iter(waiting), None)
                if oldest is None:
                    refusals.add("connection(s) over the cap, all busy")
                    transport.close()
                    return
                refusals.add("waiting connection(s) closed to make room")
                oldest.transport.close()
                waiting.pop(oldest, None)
            self._await_headers()

        def connection_lost(self, exc: Exception | None) -> None:
            self._headers_arrived()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self._await_headers()
            else:
                self._headers_arrived()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                waiting[self] = time.monotonic()  # idle keep-alive: first to give way

        def _await_headers(self) -> None:
            waiting.setdefault(self, time.monotonic())
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(
                    limits.header_seconds, self._headers_too_slow
                )

        def _headers_arrived(self) -> None:
            waiting.pop(self, None)
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _headers_too_slow(self) -> None:
            self._header_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                refusals.add(f"connection(s) without headers after {limits.header_seconds:g} s")
                waiting.pop(self, None)
                self.transport.close()

    return LimitedProtocol


def server_config(app: Any, limits: Limits | None = None) -> uvicorn.Config:
    """A uvicorn configuration for ``app`` with ``limits`` (the defaults when ``None``)."""
    limits = limits or Limits()
    return uvicorn.Config(
        app,
        http=protocol_class(limits),
        ws="none",
        lifespan="off",
        log_level="warning",
        timeout_keep_alive=max(1, round(limits.keep_alive_seconds)),
        h11_max_incomplete_event_size=limits.max_header_bytes,
        backlog=1024,
    )


def bind(host: str, port: int, *, backlog: int = 1024) -> socket.socket:
    """A listening TCP socket (``IPPROTO_TCP``, so asyncio also sets ``TCP_NODELAY``)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock
