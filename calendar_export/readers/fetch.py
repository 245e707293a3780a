"""Downloading one ``http(s)://`` input, with bounds on time, size and where it may lead.

- Time: each read waits at most ``timeout`` seconds, and the whole download (address
  lookup, connection, headers, body) at most ``deadline`` seconds, so a server that drips
  a byte every few seconds cannot hold a run.
- Size: at most ``limit`` bytes are kept; a larger body is refused.
- Where: the address and every redirect must be ``http`` or ``https`` and lead to a public
  address. Loopback, private, link-local and other internal addresses are refused unless a
  network in ``allow`` holds them (``127.0.0.0/8`` for a local test server), so an article
  link cannot make the tool read an internal service.

The address is checked when the host is looked up, before each request; a host whose name
later resolves elsewhere (DNS rebinding) is beyond this check.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_TIMEOUT = 30.0
DEFAULT_DEADLINE = 120.0
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A download that failed or was refused; the message says why and what to do."""


@dataclass(frozen=True)
class Download:
    """What a download brought: the body and the server's content type."""

    body: bytes
    content_type: str = ""


def parse_networks(values: Collection[str]) -> tuple[IPNetwork, ...]:
    """``["127.0.0.1/32", "10.0.0.0/8"]`` as networks; raises ``ValueError`` naming a bad one."""
    out = []
    for value in values:
        try:
            out.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(
                f"{value!r} is not an address or network (like 127.0.0.1 or 10.0.0.0/8)"
            ) from exc
    return tuple(out)


def check_url(url: str, allow: Collection[IPNetwork] = ()) -> None:
    """Raise :class:`FetchError` unless ``url`` is http(s) and its host is public or allowed."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"refused: {url} is not an http(s) address")
    host = parts.hostname
    if not host:
        raise FetchError(f"refused: {url} names no host")
    try:
        infos = socket.getaddrinfo(host, parts.port or None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot fetch (cannot look up {host}: {exc}); check the address") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global and not any(address in net for net in allow):
            raise FetchError(
                f"refused: {host} is an internal address ({address}); pass "
                f"--allow-address {address} to read it"
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to an address :func:`check_url` accepts."""

    def __init__(self, allow: Collection[IPNetwork]) -> None:
        self.allow = allow

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any
    ) -> Any:
        location = headers.get("location") or headers.get("uri")
        if location:
            newurl = urljoin(req.full_url, location)
            try:
                check_url(newurl, self.allow)
            except FetchError as exc:
                fp.close()
                raise FetchError(f"redirected to {newurl}, {exc}") from None
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


@dataclass
class _Result:
    download: Download | None = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


def fetch(
    url: str,
    *,
    limit: int,
    timeout: float = DEFAULT_TIMEOUT,
    deadline: float = DEFAULT_DEADLINE,
    allow: Collection[IPNetwork] = (),
) -> Download:
    """Download ``url`` within the bounds above; raises :class:`FetchError` saying why not."""
    result = _Result()
    end = time.monotonic() + deadline
    worker = threading.Thread(
        target=_download, args=(url, limit, timeout, end, allow, result), daemon=True
    )
    worker.start()
    # The worker checks the deadline between reads, and each read lasts at most `timeout`:
    # it ends soon after; this thread does not wait for it past the deadline.
    if not result.done.wait(deadline):
        raise FetchError(f"cannot fetch (took over {deadline:g} s); try again or download it first")
    if result.error is not None:
        raise _as_fetch_error(result.error)
    assert result.download is not None
    return result.download


def _download(
    url: str,
    limit: int,
    timeout: float,
    end: float,
    allow: Collection[IPNetwork],
    result: _Result,
) -> None:
    opener = urllib.request.build_opener(_CheckedRedirects(allow))
    request = urllib.request.Request(url, headers={"User-Agent": "calendar-export"})
    try:
        check_url(url, allow)  # here, so that the address lookup is under the deadline too
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            chunks: list[bytes] = []
            size = 0
            while size <= limit:
                if time.monotonic() > end:
                    raise FetchError("cannot fetch (the download is too slow); try again later")
                chunk = response.read1(_CHUNK)  # one read: returns what has come
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        result.download = Download(b"".join(chunks)[: limit + 1], content_type)
    except BaseException as exc:  # noqa: BLE001 -- handed to the waiting thread
        if isinstance(exc, urllib.error.HTTPError):
            exc.close()  # it holds the response and its socket
        result.error = exc
    finally:
        result.done.set()


def _as_fetch_error(exc: BaseException) -> FetchError:
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, urllib.error.HTTPError):
        return FetchError(f"cannot fetch (HTTP {exc.code} {exc.reason}); check the address")
    cause = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(cause, FetchError):
        return cause
    return FetchError(f"cannot fetch ({cause}); check the address and the network")
