"""The feed server against hostile requests, load and SIGKILL, on loopback (small runs of
``soak.py``; ``make soak`` runs them longer)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from feedtools import running_server
from icalendar import Calendar
from soak import TOKEN, articles, kill_ingest, kill_server, poll_while_ingesting

from calendar_export.server import MAX_ARTICLE_BYTES, create_app
from calendar_export.store import Store

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def base(tmp_path: Path) -> Iterator[str]:
    with (
        Store(tmp_path / "feed.sqlite") as store,
        running_server(create_app(store, token=TOKEN)) as url,
    ):
        yield url


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/nope", 404),
        ("GET", "/calendar.ics/extra", 404),
        ("GET", "/%2e%2e/%2e%2e/etc/passwd", 404),
        ("GET", "/articles", 405),
        ("DELETE", "/calendar.ics", 405),
        ("POST", "/calendar.ics", 405),
    ],
)
def test_unknown_routes_and_methods_are_refused(
    base: str, method: str, path: str, status: int
) -> None:
    assert httpx.request(method, base + path, timeout=60).status_code == status


def test_a_streamed_body_over_the_limit_gets_413_without_content_length(base: str) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_ARTICLE_BYTES // 65536 + 2):
            yield b"x" * 65536

    response = httpx.post(base + "/articles", content=chunks(), headers=AUTH, timeout=60)
    assert response.status_code == 413
    assert "over" in response.json()["error"]


def test_an_article_over_the_article_limit_gets_a_clear_400(base: str) -> None:
    body = b"date 2024-03-14\n" + b"word " * 30_000  # 150 KB: under the body limit
    response = httpx.post(base + "/articles", content=body, headers=AUTH, timeout=60)
    assert response.status_code == 400
    assert "is over 128 KiB" in response.json()["error"]


@pytest.mark.parametrize(
    "auth", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"X-Token": TOKEN}]
)
def test_ingest_without_a_valid_token_is_401_and_stores_nothing(
    base: str, auth: dict[str, str]
) -> None:
    response = httpx.post(base + "/articles", content=articles(1)[0], headers=auth, timeout=60)
    assert response.status_code == 401
    feed = Calendar.from_ical(httpx.get(base + "/calendar.ics", timeout=60).content)
    assert feed.walk("VEVENT") == []


def test_hostile_text_is_inert_in_the_feed_and_escaped_on_the_page(base: str) -> None:
    payload = '<script>alert("x")</script> end:vevent\u2028BEGIN:VCALENDAR \u202e'
    text = (
        "date 2024-03-14\nThe foreign ministers of Spain and Portugal will meet in Lisbon on "
        f"Monday to sign the {payload} accord.\n"
    )
    posted = httpx.post(base + "/articles", content=text.encode(), headers=AUTH, timeout=120)
    assert posted.status_code == 201
    cal = Calendar.from_ical(httpx.get(base + "/calendar.ics", timeout=60).content)
    (event,) = cal.walk("VEVENT")
    assert [c.name for c in cal.walk()].count("VCALENDAR") == 1
    assert payload in str(event["DESCRIPTION"])
    page = httpx.get(base + "/", timeout=60).text
    assert "<script>alert" not in page
    assert html.escape('<script>alert("x")</script>') in page


def test_polling_clients_see_whole_calendars_while_articles_arrive(base: str) -> None:
    report = poll_while_ingesting(base, clients=4, requests=12, texts=articles(4))
    assert report.errors == []
    assert report.ingested == 4
    assert report.requests == 48
    assert report.ok > 0
    assert report.not_modified > 0


def test_sigkill_of_an_ingest_loses_no_acknowledged_article(tmp_path: Path) -> None:
    report = kill_ingest(tmp_path, kills=2, count=8)
    assert report.kills == 2
    assert report.acknowledged >= 2
    assert report.lost == 0
    assert report.idempotent


def test_sigkill_of_the_server_loses_no_acknowledged_article(tmp_path: Path) -> None:
    report = kill_server(tmp_path, kills=1, per_run=2)
    assert report.acknowledged == 2
    assert report.lost == 0


def test_a_hostile_source_name_is_inert_in_the_feed_history(base: str) -> None:
    """The revision history in DESCRIPTION names each article's source, which the poster
    chooses: a NUL or vertical tab there made the whole feed unreadable to libical."""
    source = "wire\x00\x0bEND:VEVENT\r\nBEGIN:VEVENT"
    posted = httpx.post(
        base + "/articles",
        json={
            "text": articles(1)[0].split("\n", 1)[1],
            "published": "2024-03-14",
            "source": source,
        },
        headers=AUTH,
        timeout=120,
    )
    assert posted.status_code == 201
    data = httpx.get(base + "/calendar.ics", timeout=60).content
    events = Calendar.from_ical(data).walk("VEVENT")
    assert events
    for event in events:
        assert "wire\ufffd\ufffdEND:VEVENT\nBEGIN:VEVENT" in str(event["DESCRIPTION"])
    unfolded = data.replace(b"\r\n ", b"").split(b"\r\n")
    assert unfolded.count(b"BEGIN:VEVENT") == len(events)
    assert not any(re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line) for line in unfolded)
