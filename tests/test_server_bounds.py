"""Bounded cost for anyone who can send a request (issue 15) and the feed's rough edges
a new user met (issue 13), against a real uvicorn server on loopback."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import icalendar
import pytest
from feedtools import make_event, running_server, running_uvicorn

from calendar_export.listener import Limits
from calendar_export.models import Article
from calendar_export.server import PAGE_SIZE, RenderCache, create_app
from calendar_export.store import Store

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TODAY = date(2023, 7, 1)


def _fill(store: Store, count: int) -> None:
    events = [
        make_event(
            f"e{n}@t",
            f"Talks round {n}",
            kind="talks",
            day=f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}",
            place="Lisbon" if n % 2 else "New Delhi",
            people=(f"Ana Aq{n}", f"Rui Bz{n}"),
            source="fill.txt",
        )
        for n in range(count)
    ]
    store.ingest(Article(text=f"fill {count}", published=date(2023, 1, 1), source="f"), events)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "feed.sqlite") as s:
        _fill(s, 8)
        yield s


@pytest.fixture
def base(store: Store) -> Iterator[str]:
    with running_server(create_app(store, token=TOKEN, today=lambda: TODAY)) as url:
        yield url


# -- the page: paginated, with validators ------------------------------------------------


def test_the_page_is_paginated_and_has_an_etag(tmp_path: Path) -> None:
    with Store(tmp_path / "big.sqlite") as store:
        _fill(store, 2 * PAGE_SIZE + 10)
        with running_server(create_app(store, today=lambda: TODAY)) as url:
            first = httpx.get(f"{url}/", timeout=60)
            third = httpx.get(f"{url}/?page=3", timeout=60)
            again = httpx.get(f"{url}/", headers={"If-None-Match": first.headers["etag"]})
            bad = httpx.get(f"{url}/?page=0", timeout=60)
    assert first.status_code == 200
    assert first.text.count('<li class="event') == PAGE_SIZE
    assert third.text.count('<li class="event') == 10
    assert "page 1 of 3" in first.text
    assert 'href="/?page=2"' in first.text
    assert first.headers["etag"] != third.headers["etag"]
    assert again.status_code == 304
    assert bad.status_code == 400


def test_the_page_keeps_the_filters_in_its_page_links(tmp_path: Path) -> None:
    with Store(tmp_path / "big.sqlite") as store:
        _fill(store, 2 * PAGE_SIZE + 10)
        with running_server(create_app(store, today=lambda: TODAY)) as url:
            page = httpx.get(f"{url}/?kind=talks&page=2", timeout=60).text
    assert 'href="/?kind=talks&amp;page=3"' in page
    assert 'href="/?kind=talks&amp;page=1"' in page


# -- the cache is bounded -----------------------------------------------------------------


def test_the_render_cache_is_bounded_in_entries_and_bytes() -> None:
    cache = RenderCache(max_entries=3, max_bytes=100)
    for n in range(10):
        cache.put(f"q{n}", b"x" * 10)
    assert len(cache) == 3
    assert cache.get("q0") is None
    assert cache.get("q9") == b"x" * 10
    cache.put("big1", b"y" * 45)
    cache.put("big2", b"y" * 45)
    assert cache.size <= 100
    cache.put("huge", b"z" * 101)  # never held
    assert cache.get("huge") is None


def test_distinct_queries_do_not_grow_the_cache_past_its_bound(store: Store) -> None:
    app = create_app(store, today=lambda: TODAY)
    with running_server(app) as url:
        for n in range(100):
            r = httpx.get(f"{url}/calendar.ics?min_confidence={n / 100:.2f}", timeout=60)
            assert r.status_code == 200
        cached = httpx.get(f"{url}/calendar.ics?min_confidence=0.99", timeout=60)
    assert cached.status_code == 200
    cache = app.state.render_cache
    assert len(cache) <= cache.max_entries < 100


# -- readers never wait for a writer ------------------------------------------------------


def test_a_feed_answers_while_a_write_transaction_is_open(store: Store, base: str) -> None:
    released = threading.Event()
    holding = threading.Event()

    def writer() -> None:
        with store._write():
            holding.set()
            released.wait(30)

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait(10)
    try:
        r = httpx.get(f"{base}/calendar.ics?kind=talks", timeout=20)
        answered_during_write = not released.is_set()
    finally:
        released.set()
        thread.join()
    assert r.status_code == 200
    assert answered_during_write


# -- request bounds -----------------------------------------------------------------------


def test_a_long_source_is_refused_naming_the_field(base: str, store: Store) -> None:
    articles = store.counts()["articles"]
    body = {"text": "Nothing.", "published": "2023-08-01", "source": "s" * 900_000}
    r = httpx.post(f"{base}/articles", json=body, headers=AUTH, timeout=60)
    assert r.status_code == 400
    assert "'source'" in r.json()["error"]
    by_query = httpx.post(
        f"{base}/articles?source={'s' * 10_000}",
        content=b"date 2023-08-01\nNothing.",
        headers={**AUTH, "Content-Type": "text/plain"},
        timeout=60,
    )
    assert by_query.status_code == 400
    assert store.counts()["articles"] == articles


def test_a_body_that_never_ends_gets_408(store: Store) -> None:
    with running_server(create_app(store, token=TOKEN, body_seconds=1)) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(
                b"POST /articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TOKEN.encode()
                + b"\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\ndate 2023"
            )
            answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408")


def test_half_sent_headers_are_closed_after_the_header_timeout(store: Store) -> None:
    limits = Limits(header_seconds=1, log_every_seconds=0)
    with running_server(create_app(store), limits) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /calendar.ics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            assert sock.recv(4096) == b""  # closed by the server, within the socket timeout


def test_a_slowloris_crowd_does_not_keep_a_normal_get_out(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    limits = Limits(max_connections=40, header_seconds=30, log_every_seconds=60)
    crowd: list[socket.socket] = []
    caplog.set_level(logging.WARNING, logger="calendar_export.server")
    with running_server(create_app(store), limits) as url:
        port = int(url.rsplit(":", 1)[1])
        try:
            for _ in range(150):
                sock = socket.create_connection(("127.0.0.1", port), timeout=10)
                sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                crowd.append(sock)
            r = httpx.get(f"{url}/calendar.ics", timeout=10)
            closed = 0
            for sock in crowd:
                sock.settimeout(0.01)
                try:
                    closed += sock.recv(1) == b""
                except ConnectionResetError:  # closed with our bytes unread
                    closed += 1
                except TimeoutError:
                    pass
        finally:
            for sock in crowd:
                sock.close()
    assert r.status_code == 200
    assert closed >= 150 - 40
    lines = [rec.getMessage() for rec in caplog.records if rec.name == "calendar_export.server"]
    assert 1 <= len(lines) <= 3, lines
    assert "to make room" in lines[0]
    assert not any(rec.exc_info for rec in caplog.records)


def test_connections_have_tcp_nodelay(store: Store) -> None:
    with running_uvicorn(create_app(store)) as (url, server), httpx.Client(timeout=10) as client:
        assert client.get(f"{url}/calendar.ics").status_code == 200
        (conn,) = server.server_state.connections
        sock = conn.transport.get_extra_info("socket")
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


# -- small ones ---------------------------------------------------------------------------


def test_a_token_set_with_spaces_still_matches(store: Store) -> None:
    with running_server(create_app(store, token=f"  {TOKEN}\n")) as url:
        r = httpx.post(
            f"{url}/articles",
            json={"text": "Nothing at all.", "published": "2023-08-01"},
            headers=AUTH,
            timeout=120,
        )
    assert r.status_code == 201


def test_the_host_port_is_not_echoed_into_source(base: str) -> None:
    r = httpx.get(f"{base}/calendar.ics", headers={"Host": "127.0.0.1:6666"}, timeout=60)
    source = str(icalendar.Calendar.from_ical(r.content)["source"])
    assert source == f"{base}/calendar.ics"
    page = httpx.get(f"{base}/", headers={"Host": "127.0.0.1:6666"}, timeout=60).text
    assert "6666" not in page


def test_last_modified_is_never_in_the_future(store: Store, base: str) -> None:
    ahead = Article(text="from the future", published=date(2999, 1, 1), source="ahead.txt")
    store.ingest(ahead, [make_event("ahead@t", "Far talks", day="2999-01-02", place="Lisbon")])
    r = httpx.get(f"{base}/calendar.ics", timeout=60)
    assert parsedate_to_datetime(r.headers["last-modified"]) <= datetime.now(UTC)


@pytest.mark.parametrize("path", ["/", "/calendar.ics", "/events.json", "/nope"])
def test_answers_carry_csp_and_nosniff(base: str, path: str) -> None:
    r = httpx.get(base + path, timeout=60)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in r.headers["content-security-policy"]


# -- issue 13: what a new user met ------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "count"),
    [("country=IN", 4), ("country=in,PT", 8), ("country=india", 4), ("country=PT", 4)],
)
def test_the_country_filter_takes_iso_codes(base: str, query: str, count: int) -> None:
    r = httpx.get(f"{base}/calendar.ics?{query}", timeout=60)
    assert r.status_code == 200
    assert r.content.count(b"BEGIN:VEVENT") == count


def test_an_unknown_country_is_a_400_saying_what_is_accepted(base: str) -> None:
    r = httpx.get(f"{base}/calendar.ics?country=Narnia", timeout=60)
    assert r.status_code == 400
    message = r.json()["error"]
    assert "Narnia" in message
    assert "ISO 3166" in message


def test_a_post_without_a_date_names_the_json_field(base: str) -> None:
    r = httpx.post(f"{base}/articles", json={"text": "No date."}, headers=AUTH, timeout=60)
    assert r.status_code == 400
    message = r.json()["error"]
    assert '"published"' in message
    assert "--published" not in message
    text = httpx.post(
        f"{base}/articles",
        content=b"No date either.",
        headers={**AUTH, "Content-Type": "text/plain"},
        timeout=60,
    )
    assert "?published=" in text.json()["error"]
    assert "--published" not in text.json()["error"]


def _serve(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    exe = Path(sys.executable).with_name("calendar-export")
    return subprocess.Popen(
        [str(exe), "serve", "--port", "0", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CALENDAR_EXPORT_TOKEN": "", **env},
    )


def test_serve_without_store_articles_or_samples_says_what_to_pass(tmp_path: Path) -> None:
    proc = _serve([], tmp_path, {})
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 1
    assert "--store" in err
    assert "sample" in err
    assert "Serving" not in out


def test_sigterm_cleans_up_as_ctrl_c_does(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("date 2023-08-01\nNothing is planned.\n", encoding="utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    proc = _serve([str(article)], tmp_path, {"TMPDIR": str(temp)})
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.stdout.readline().startswith("Page: "):
                break
        assert list(temp.iterdir()), "serve made no temporary store"
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == 0
    assert list(temp.iterdir()) == []
