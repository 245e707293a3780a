"""The feed over real HTTP: uvicorn on a loopback port, a real SQLite store, httpx."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from email.utils import format_datetime, parsedate_to_datetime
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import icalendar
import pytest
from click.testing import CliRunner
from feedtools import (
    G20_ARTICLE,
    ICSCHECK,
    REFERENCE_ARTICLE,
    make_event,
    running_server,
    serve_command,
)

from calendar_export.cli import main
from calendar_export.models import Article
from calendar_export.server import create_app
from calendar_export.store import Store

#: Extraction runs inside POST /articles, and the machine may be shared: be patient.
TIMEOUT = 120
GET = partial(httpx.get, timeout=TIMEOUT)
POST = partial(httpx.post, timeout=TIMEOUT)
HEAD = partial(httpx.head, timeout=TIMEOUT)
TOKEN = "s3cret-token"
TODAY = date(2023, 7, 1)
JUNE = date(2023, 6, 19)


def _seed(store: Store) -> None:
    events = [
        make_event(
            "g20@test",
            "G20 summit in New Delhi",
            kind="summit",
            status="expected",
            month="2023-09",
            place="New Delhi",
            people=("Joe Biden", "Xi Jinping"),
            score=0.55,
            source="first.txt",
        ),
        make_event(
            "apec@test",
            "APEC forum",
            kind="summit",
            month="2023-11",
            place="San Francisco",
            score=0.8,
            source="first.txt",
        ),
        make_event(
            "wang@test",
            "Blinken meets Wang Yi",
            day="2023-06-19",
            place="Beijing",
            people=("Antony Blinken", "Wang Yi"),
            score=0.9,
            source="first.txt",
            sentence='Blinken is expected to meet Wang Yi, "a rare visit"; <b>bold</b>',
        ),
        make_event(
            "talks@test",
            "Costa-Lima talks",
            kind="talks",
            day="2023-07-10",
            place="Lisbon",
            people=("Ana Costa", "Marcos Lima"),
            source="first.txt",
        ),
    ]
    store.ingest(Article(text="first article", published=JUNE, source="first.txt"), events)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "feed.sqlite")
    _seed(s)
    yield s
    s.close()


@pytest.fixture
def base(store: Store) -> Iterator[str]:
    with running_server(create_app(store, token=TOKEN, today=lambda: TODAY)) as url:
        yield url


def _vevents(body: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(body)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_feed_is_a_calendar_with_feed_properties(base: str) -> None:
    r = GET(f"{base}/calendar.ics")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    cal = icalendar.Calendar.from_ical(r.content)
    assert str(cal["name"]) == str(cal["x-wr-calname"]) == "calendar-export"
    assert cal["refresh-interval"].to_ical() == b"PT6H"
    assert cal["refresh-interval"].params["VALUE"] == "DURATION"
    assert str(cal["x-published-ttl"]) == "PT6H"
    assert str(cal["source"]) == f"{base}/calendar.ics"
    assert "method" not in cal
    assert set(_vevents(r.content)) == {"g20@test", "apec@test", "wang@test", "talks@test"}
    assert r.content.endswith(b"\r\n")


def test_stamps_come_from_data_not_the_clock(base: str) -> None:
    r = GET(f"{base}/calendar.ics")
    for vevent in _vevents(r.content).values():
        assert vevent["dtstamp"].to_ical() == b"20230619T000000Z"
        assert vevent["last-modified"].to_ical() == b"20230619T000000Z"
    assert parsedate_to_datetime(r.headers["last-modified"]).date() == JUNE


def test_two_gets_are_identical_and_conditional_gets_give_304(base: str) -> None:
    first = GET(f"{base}/calendar.ics")
    second = GET(f"{base}/calendar.ics")
    assert first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    hit = GET(f"{base}/calendar.ics", headers={"If-None-Match": etag})
    assert hit.status_code == 304
    assert hit.content == b""
    assert hit.headers["etag"] == etag
    weak_list = GET(f"{base}/calendar.ics", headers={"If-None-Match": f'"x", W/{etag}'})
    assert weak_list.status_code == 304
    stale = GET(f"{base}/calendar.ics", headers={"If-None-Match": '"stale"'})
    assert stale.status_code == 200
    assert stale.content == first.content
    by_date = GET(f"{base}/calendar.ics", headers={"If-Modified-Since": modified})
    assert by_date.status_code == 304
    older = format_datetime(parsedate_to_datetime(modified).replace(year=2020), usegmt=True)
    assert GET(f"{base}/calendar.ics", headers={"If-Modified-Since": older}).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3).
    both = GET(
        f"{base}/calendar.ics", headers={"If-None-Match": '"stale"', "If-Modified-Since": modified}
    )
    assert both.status_code == 200


def test_filtered_feeds_have_their_own_etag(base: str) -> None:
    everything = GET(f"{base}/calendar.ics")
    filtered = GET(f"{base}/calendar.ics", params={"kind": "summit"})
    assert everything.headers["etag"] != filtered.headers["etag"]
    stale = GET(
        f"{base}/calendar.ics",
        params={"kind": "summit"},
        headers={"If-None-Match": everything.headers["etag"]},
    )
    assert stale.status_code == 200


def test_the_same_filters_in_another_order_are_the_same_feed(base: str) -> None:
    one = GET(f"{base}/calendar.ics?kind=summit&min_confidence=0.5")
    other = GET(f"{base}/calendar.ics?min_confidence=0.5&kind=summit")
    assert one.headers["etag"] == other.headers["etag"]
    assert one.content == other.content
    source = str(icalendar.Calendar.from_ical(one.content)["source"])
    assert source == f"{base}/calendar.ics?min_confidence=0.5&kind=summit"


@pytest.mark.parametrize("path", ["/calendar.ics", "/events.json", "/"])
def test_head_answers_like_get_without_a_body(base: str, path: str) -> None:
    got = GET(f"{base}{path}")
    head = HEAD(f"{base}{path}")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))
    if path != "/":
        assert head.headers["etag"] == got.headers["etag"]


def test_get_without_accept_header_works(base: str) -> None:
    with httpx.Client(headers={"Accept": ""}, timeout=TIMEOUT) as client:
        r = client.get(f"{base}/calendar.ics", headers={"User-Agent": "Google-Calendar-Importer"})
    assert r.status_code == 200
    assert r.content.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("query", "uids"),
    [
        ("min_confidence=0.7", {"apec@test", "wang@test"}),
        ("status=expected", {"g20@test"}),
        ("kind=summit", {"g20@test", "apec@test"}),
        ("kind=talks,meeting", {"wang@test", "talks@test"}),
        ("country=india&country=portugal", {"g20@test", "talks@test"}),
        ("from=2023-07-01&to=2023-09-30", {"g20@test", "talks@test"}),
        ("upcoming=1", {"g20@test", "apec@test", "talks@test"}),
        ("upcoming=1&kind=summit&min_confidence=0.6", {"apec@test"}),
    ],
)
def test_filters_on_feed_and_json(base: str, query: str, uids: set[str]) -> None:
    ics = GET(f"{base}/calendar.ics?{query}")
    assert ics.status_code == 200
    assert set(_vevents(ics.content)) == uids
    doc = GET(f"{base}/events.json?{query}").json()
    assert {e["uid"] for e in doc["events"]} == uids
    assert set(doc["revisions"]) == uids


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("min_confidence=1.5", "min_confidence must be a number from 0 to 1"),
        ("min_confidence=abc", "min_confidence must be a number"),
        ("status=rumoured", "status 'rumoured' is not one of"),
        ("kind=party", "kind 'party' is not one of"),
        ("from=2023-02-30", "'from' must be a date"),
        ("from=2023-09-02&to=2023-09-01", "is after 'to'"),
        ("upcoming=soon", "'upcoming' must be 1 or 0"),
        ("minconfidence=0.5", "unknown query parameter 'minconfidence'"),
    ],
)
@pytest.mark.parametrize("path", ["/calendar.ics", "/events.json"])
def test_bad_query_parameters_get_400_with_a_message(
    base: str, path: str, query: str, message: str
) -> None:
    r = GET(f"{base}{path}?{query}")
    assert r.status_code == 400
    assert message in r.json()["error"]


def test_past_days_trims_old_events_but_not_the_links(store: Store) -> None:
    app = create_app(store, today=lambda: date(2023, 9, 15), past_days=30)
    with running_server(app) as url:
        feed = GET(f"{url}/calendar.ics")
        assert set(_vevents(feed.content)) == {"g20@test", "apec@test"}
        asked = GET(f"{url}/events.json?from=2023-01-01")
        assert {e["uid"] for e in asked.json()["events"]} == {"g20@test", "apec@test"}
        later = GET(f"{url}/events.json?from=2023-11-01")
        assert {e["uid"] for e in later.json()["events"]} == {"apec@test"}
        page = GET(f"{url}/").text
    assert "Blinken meets Wang Yi" not in page
    assert 'href="webcal://127.0.0.1:' in page
    assert "calendar.ics?" not in page  # the horizon is applied, never written into links


def test_bad_query_on_the_page_is_a_400_page(base: str) -> None:
    r = GET(f"{base}/?status=rumoured")
    assert r.status_code == 400
    assert "text/html" in r.headers["content-type"]
    assert "is not one of" in r.text


def test_update_bumps_sequence_under_the_same_uid(base: str, store: Store) -> None:
    before = GET(f"{base}/calendar.ics")
    old = _vevents(before.content)["g20@test"]
    assert int(old["sequence"]) == 0
    assert old["dtstart"].to_ical() == b"20230901"
    days = make_event(
        "g20-days@other",
        "G20 summit",
        kind="summit",
        day="2023-09-09",
        until="2023-09-10",
        place="New Delhi",
        score=0.8,
        source="second.txt",
    )
    result = store.ingest(
        Article(text="second article", published=date(2023, 8, 28), source="second.txt"), [days]
    )
    assert result.updated == ["g20@test"]
    after = GET(f"{base}/calendar.ics", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert after.headers["etag"] != before.headers["etag"]
    assert parsedate_to_datetime(after.headers["last-modified"]) > parsedate_to_datetime(
        before.headers["last-modified"]
    )
    vevents = _vevents(after.content)
    assert "g20-days@other" not in vevents
    new = vevents["g20@test"]
    assert int(new["sequence"]) == 1
    assert (new["dtstart"].to_ical(), new["dtend"].to_ical()) == (b"20230909", b"20230911")
    assert new["last-modified"].to_ical() == b"20230828T000000Z"
    assert new["dtstamp"].to_ical() == b"20230828T000000Z"
    description = str(new["description"])
    assert "second.txt" in description
    assert "2023-09 (month) -> 2023-09-09..2023-09-10 (day)" in description
    unchanged = vevents["apec@test"]
    assert int(unchanged["sequence"]) == 0


def test_cancellation_stays_in_the_feed(base: str, store: Store) -> None:
    off = make_event(
        "off@other",
        "Costa-Lima talks called off",
        kind="talks",
        status="cancelled",
        day="2023-07-10",
        place="Lisbon",
        people=("Costa", "Lima"),
        source="third.txt",
    )
    store.ingest(Article(text="called off", published=date(2023, 7, 5), source="third.txt"), [off])
    vevent = _vevents(GET(f"{base}/calendar.ics").content)["talks@test"]
    assert str(vevent["status"]) == "CANCELLED"
    assert int(vevent["sequence"]) == 1
    cancelled_only = GET(f"{base}/calendar.ics?status=cancelled")
    assert set(_vevents(cancelled_only.content)) == {"talks@test"}


# -- POST /articles ------------------------------------------------------------------


ARTICLE_JSON = {
    "text": "Plain text about nothing much.",
    "published": "2023-08-01",
    "source": "posted.txt",
}


def test_posting_needs_the_token(base: str) -> None:
    missing = POST(f"{base}/articles", json=ARTICLE_JSON)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = POST(
        f"{base}/articles", json=ARTICLE_JSON, headers={"Authorization": "Bearer not-the-token"}
    )
    assert wrong.status_code == 401
    basic = POST(f"{base}/articles", json=ARTICLE_JSON, auth=("user", TOKEN))
    assert basic.status_code == 401


def test_posting_with_the_token_ingests_once(base: str, store: Store) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    articles = store.counts()["articles"]
    first = POST(f"{base}/articles", json=ARTICLE_JSON, headers=auth)
    assert first.status_code == 201
    assert first.json()["duplicate"] is False
    again = POST(f"{base}/articles", json=ARTICLE_JSON, headers=auth)
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert store.counts()["articles"] == articles + 1


def test_posting_a_text_body_with_its_date_header(base: str, store: Store) -> None:
    r = POST(
        f"{base}/articles?source=texted.txt",
        content=b"date 2023-08-02\nAnother article body.",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"},
    )
    assert r.status_code == 201


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"json": {"text": "No date here."}}, "has no publication date"),
        ({"json": {"text": "x", "published": "someday"}}, "published"),
        ({"json": {"body": "x"}}, "bad JSON article"),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, "bad JSON"),
        ({"content": b"", "headers": {"Content-Type": "text/plain"}}, "is empty"),
        ({"content": b"\x00\x01binary", "headers": {"Content-Type": "text/plain"}}, "binary"),
    ],
)
def test_bad_articles_get_400(base: str, kwargs: dict[str, object], message: str) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", **kwargs.pop("headers", {})}  # type: ignore[dict-item]
    r = POST(f"{base}/articles", headers=headers, **kwargs)  # type: ignore[arg-type]
    assert r.status_code == 400
    assert message in r.json()["error"]


def test_an_oversized_article_gets_413(base: str) -> None:
    r = POST(
        f"{base}/articles",
        content=b"date 2023-08-01\n" + b"word " * 300_000,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"},
    )
    assert r.status_code == 413
    assert "over" in r.json()["error"]


def test_posting_is_off_without_a_configured_token(store: Store) -> None:
    with running_server(create_app(store, token=None)) as url:
        r = POST(f"{url}/articles", json=ARTICLE_JSON, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403
    assert "--token" in r.json()["error"]


# -- the page over HTTP (the browser test looks at it for real) ------------------------


def test_page_lists_events_escaped_with_a_subscribe_link(base: str) -> None:
    r = GET(f"{base}/?kind=summit&min_confidence=0.5")
    assert r.status_code == 200
    assert "webcal://127.0.0.1:" in r.text
    assert "calendar.ics?min_confidence=0.5&amp;kind=summit" in r.text
    assert "&lt;b&gt;bold&lt;/b&gt;" not in r.text  # wang@test is filtered out
    everything = GET(f"{base}/").text
    assert "&lt;b&gt;bold&lt;/b&gt;" in everything
    assert "<b>bold</b>" not in everything


# -- the real checker and the command line ------------------------------------------


@pytest.mark.skipif(not ICSCHECK.exists(), reason="icscheck (../shared/tools) is absent")
def test_icscheck_subscribes_to_the_feed(base: str) -> None:
    proc = subprocess.run(
        [str(ICSCHECK), "--feed", f"{base}/calendar.ics"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "FAIL" not in proc.stdout


@pytest.mark.skipif(not ICSCHECK.exists(), reason="icscheck (../shared/tools) is absent")
def test_icscheck_accepts_the_feed_after_an_update_and_a_cancellation(
    base: str, store: Store, tmp_path: Path
) -> None:
    old = tmp_path / "old.ics"
    old.write_bytes(GET(f"{base}/calendar.ics").content)
    days = make_event(
        "g20-days@other",
        "G20 summit",
        kind="summit",
        day="2023-09-09",
        until="2023-09-10",
        place="New Delhi",
        source="second.txt",
    )
    off = make_event(
        "off@other",
        "Costa-Lima talks called off",
        kind="talks",
        status="cancelled",
        day="2023-07-10",
        place="Lisbon",
        people=("Costa", "Lima"),
        source="second.txt",
    )
    store.ingest(
        Article(text="update", published=date(2023, 8, 28), source="second.txt"), [days, off]
    )
    new = tmp_path / "new.ics"
    new.write_bytes(GET(f"{base}/calendar.ics").content)
    proc = subprocess.run(
        [str(ICSCHECK), str(new), "--previous", str(old)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASS update-vs-previous" in proc.stdout


def test_ingest_command_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("date 2023-08-01\nA quiet day with no meetings at all.\n")
    bad = tmp_path / "nodate.txt"
    bad.write_text("An article without its date.\n")
    db = tmp_path / "cli.sqlite"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(bad), str(good), "--store", str(db)])
    assert first.exit_code == 1
    assert "nodate.txt" in first.output
    assert "--published" in first.output
    assert "good.txt: 0 new" in first.output
    again = runner.invoke(main, ["ingest", str(good), "--store", str(db)])
    assert again.exit_code == 0
    assert "already in the store" in again.output


def test_server_sees_what_another_process_ingests(base: str, store: Store) -> None:
    before = GET(f"{base}/events.json")
    result = CliRunner().invoke(main, ["ingest", str(G20_ARTICLE), "--store", store.path])
    assert result.exit_code == 0, result.output
    after = GET(f"{base}/events.json", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    sources = {m["source"] for e in after.json()["events"] for m in e["mentions"]}
    assert str(G20_ARTICLE) in sources


def test_serve_command_runs_uvicorn_on_a_free_port(tmp_path: Path) -> None:
    db = tmp_path / "served.sqlite"
    with Store(db) as s:
        _seed(s)
    with serve_command("--store", str(db)) as url:
        r = GET(f"{url}calendar.ics")
    assert r.status_code == 200
    assert set(_vevents(r.content)) == {"g20@test", "apec@test", "wang@test", "talks@test"}


# -- end to end with the extraction pipeline -------------------------------------------


NEEDS_REFERENCE = pytest.mark.skipif(
    not REFERENCE_ARTICLE.exists(), reason="../shared reference article absent"
)


def _post_reference_then_g20(tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """POST both articles; return the one G20 New Delhi event, the JSON doc, its VEVENT."""
    with Store(tmp_path / "e2e.sqlite") as s, running_server(create_app(s, token=TOKEN)) as url:
        auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}
        for path in (REFERENCE_ARTICLE, G20_ARTICLE):
            r = POST(
                f"{url}/articles?source={path.name}",
                content=path.read_bytes(),
                headers=auth,
            )
            assert r.status_code == 201, r.text
        doc = GET(f"{url}/events.json").json()
        feed = _vevents(GET(f"{url}/calendar.ics").content)
    g20 = [
        e
        for e in doc["events"]
        if "G20" in e["title"] and e["place"] and e["place"]["name"] == "New Delhi"
    ]
    assert len(g20) == 1, [e["title"] for e in doc["events"]]
    return g20[0], doc, feed[g20[0]["uid"]]


@NEEDS_REFERENCE
def test_posting_reference_then_g20_article_gives_one_revised_event(tmp_path: Path) -> None:
    event, doc, vevent = _post_reference_then_g20(tmp_path)
    assert event["when"]["precision"] == "day"
    assert doc["revisions"][event["uid"]]["sequence"] == 1
    assert {m["source"] for m in event["mentions"]} == {REFERENCE_ARTICLE.name, G20_ARTICLE.name}
    assert int(vevent["sequence"]) == 1
    assert vevent["dtstart"].to_ical() == b"20230909"
    assert str(vevent["x-calendar-export-precision"]) == "day"
    # The newer article confirms the dates: the status follows it.
    assert event["status"] == "scheduled"
    assert str(vevent["status"]) == "CONFIRMED"


@NEEDS_REFERENCE
def test_the_posted_g20_event_spans_both_days(tmp_path: Path) -> None:
    event, _, vevent = _post_reference_then_g20(tmp_path)
    assert (event["when"]["start"], event["when"]["end"]) == ("2023-09-09", "2023-09-10")
    assert vevent["dtend"].to_ical() == b"20230911"  # DTEND is exclusive


def test_an_unknown_host_header_is_refused_not_echoed(tmp_path: Path) -> None:
    """The feed's SOURCE and the page's links come from the Host header: only listed
    hosts are answered, so a forged one cannot plant its name in what subscribers get."""
    with (
        Store(tmp_path / "feed.sqlite") as store,
        running_server(create_app(store, allowed_hosts=["127.0.0.1"])) as url,
    ):
        good = GET(f"{url}/calendar.ics")
        forged = GET(f"{url}/calendar.ics", headers={"Host": "evil.example"})
    assert good.status_code == 200
    assert forged.status_code == 400
    assert b"evil.example" not in forged.content
