"""The store file itself: opening races, files that are not ours, corruption, a full disk,
and the VEVENT each event keeps rendered (issue 15)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
import pytest
from feedtools import make_event

from calendar_export.errors import StoreError
from calendar_export.ics import events_to_ics
from calendar_export.models import Article
from calendar_export.store import SCHEMA_VERSION, FeedQuery, Store, feed_ics, history_text

JUNE = date(2023, 6, 19)

_OPEN_ONE = """
import sys
from calendar_export.store import Store
sys.stdin.readline()  # every process starts at once
Store(sys.argv[1]).close()
"""


def _open_concurrently(path: Path, processes: int) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_ONE, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    for proc in procs:  # released together, once all have imported
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    """The schema version was read before the migration lock was taken: two processes
    both saw version 0 and the second failed with 'table meta already exists'."""
    for run in range(5):
        path = tmp_path / f"race{run}.sqlite"
        for proc in _open_concurrently(path, 3):
            assert proc.returncode == 0, proc.stderr
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        conn.close()


def _foreign_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT, steps TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread', 'knead')")
    conn.commit()
    conn.close()


def test_someone_elses_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "recipes.sqlite"
    _foreign_db(path)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"recipes\.sqlite.*not a calendar-export store.*--adopt"):
        Store(path)
    assert path.read_bytes() == before
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"recipes"}


def test_adopt_takes_in_someone_elses_file(tmp_path: Path) -> None:
    path = tmp_path / "recipes.sqlite"
    _foreign_db(path)
    with Store(path, adopt=True) as store:
        assert store.counts()["events"] == 0
    Store(path).close()  # ours from now on


def test_an_empty_file_is_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    Store(path).close()
    Store(path).close()


def _corrupt_store(path: Path) -> bytes:
    """A store of 40 events whose pages but the first are damaged; its bytes."""
    with Store(path) as store:
        for n in range(40):
            store.ingest(
                Article(text=f"article {n}", published=JUNE, source=f"{n}.txt"),
                [make_event(f"e{n}", f"Talks number {n}", day="2023-07-10", place="Lisbon")],
            )
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):  # every page but the first
        data[offset + 8 : offset + 40] = b"\xa5" * 32
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_corrupt_store_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "feed.sqlite"
    _corrupt_store(path)
    with pytest.raises(StoreError, match=r"feed\.sqlite.*corrupt.*backup"):
        Store(path)


@pytest.mark.parametrize("command", ["ingest", "serve"])
def test_the_cli_neither_writes_to_nor_serves_a_corrupt_store(tmp_path: Path, command: str) -> None:
    """The issue found a corrupt store still written to by ingest and served as plain-text
    500s: both commands now stop at once with one line naming the file."""
    path = tmp_path / "feed.sqlite"
    before = _corrupt_store(path)
    article = tmp_path / "talks.txt"
    article.write_text("date 2023-06-19\nTrade ministers will meet in Geneva on July 3.\n")
    args = [str(article), "--store", str(path)]
    if command == "serve":
        args += ["--port", "0"]
    try:
        proc = subprocess.run(
            [str(Path(sys.executable).with_name("calendar-export")), command, *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired as still_running:
        pytest.fail(f"{command} went on with a corrupt store: {still_running.stderr!r}")
    assert proc.returncode != 0
    assert "feed.sqlite" in proc.stderr
    assert "corrupt" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert path.read_bytes() == before


def test_a_full_disk_is_one_clear_error(tmp_path: Path) -> None:
    """SQLite's 'database or disk is full' (SQLITE_FULL), reached through max_page_count,
    comes out as one StoreError saying what to do, and the store stays usable."""
    path = tmp_path / "feed.sqlite"
    with Store(path) as store:
        store.ingest(Article(text="small", published=JUNE, source="a.txt"), [])
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        big = Article(text="word " * 20_000, published=JUNE, source="big.txt")
        with pytest.raises(StoreError, match=r"feed\.sqlite.*full.*free some space") as caught:
            store.ingest(big, [])
        assert "\n" not in str(caught.value)
        assert store.counts()["articles"] == 1


# -- rendered VEVENTs --------------------------------------------------------------------


def _events() -> list:
    return [
        make_event("g20@t", "G20 summit", kind="summit", month="2023-09", place="New Delhi"),
        make_event("wang@t", "Blinken meets Wang", day="2023-06-19", place="Beijing"),
        make_event("talks@t", "Costa-Lima talks", kind="talks", day="2023-07-10", place="Lisbon"),
        make_event("nodate@t", "Talks some day", kind="talks", place="Lisbon"),
    ]


def test_the_served_calendar_is_the_one_icalendar_renders_whole(tmp_path: Path) -> None:
    """Concatenating the stored VEVENTs gives, byte for byte, what rendering every event
    in one calendar gives."""
    with Store(tmp_path / "feed.sqlite") as store:
        store.ingest(Article(text="one", published=JUNE, source="one.txt"), _events())
        moved = make_event(
            "x",
            "G20 summit",
            kind="summit",
            day="2023-09-09",
            until="2023-09-10",
            place="New Delhi",
        )
        store.ingest(Article(text="two", published=date(2023, 8, 28), source="two.txt"), [moved])
        stored = store.events()
        url = "http://h/calendar.ics"
        whole = events_to_ics(
            [s.event for s in stored],
            name="feed",
            sequences={s.event.uid: s.sequence for s in stored},
            extra_properties={
                "DESCRIPTION": "d",
                "X-WR-CALDESC": "d",
                "REFRESH-INTERVAL": "PT6H",
                "X-PUBLISHED-TTL": "PT6H",
                "SOURCE": url,
            },
            last_modified={s.event.uid: s.last_modified for s in stored},
            description_suffix={s.event.uid: history_text(s) for s in stored if s.history},
        )
        _, served = store.calendar(FeedQuery(), name="feed", description="d", source_url=url)
    assert served == whole
    cal = icalendar.Calendar.from_ical(served)
    g20 = next(e for e in cal.walk("VEVENT") if str(e["uid"]) == "g20@t")
    assert int(g20["sequence"]) == 1
    assert "two.txt" in str(g20["description"])


def test_feed_ics_of_stored_events_matches_the_stored_rendering(tmp_path: Path) -> None:
    with Store(tmp_path / "feed.sqlite") as store:
        store.ingest(Article(text="one", published=JUNE, source="one.txt"), _events())
        _, served = store.calendar(
            FeedQuery(kinds=("talks",)), name="n", description="d", source_url=None
        )
        direct = feed_ics(store.events(FeedQuery(kinds=("talks",))), name="n", description="d")
    assert served == direct


def test_an_event_is_rendered_when_it_changes_not_when_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.sqlite"
    with Store(path) as store:
        store.ingest(Article(text="one", published=JUNE, source="one.txt"), _events())
    conn = sqlite3.connect(path)
    rows = dict(conn.execute("SELECT uid, vevent FROM events").fetchall())
    conn.close()
    assert rows["nodate@t"] == ""  # no date: not in the calendar
    assert rows["talks@t"].startswith("BEGIN:VEVENT\r\n")
    assert "\r\nUID:talks@t\r\n" in rows["talks@t"]
    assert rows["talks@t"].endswith("END:VEVENT\r\n")


def test_a_store_from_before_the_render_column_is_migrated_and_rendered(tmp_path: Path) -> None:
    """A version-1 store (as calendar-export wrote it before) opens, gains the rendered
    VEVENTs, and serves the same events."""
    path = tmp_path / "old.sqlite"
    with Store(path) as store:
        store.ingest(Article(text="one", published=JUNE, source="one.txt"), _events())
        _, before = store.calendar(FeedQuery(), name="n", description="d", source_url=None)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE events DROP COLUMN vevent")
    conn.execute("ALTER TABLE events DROP COLUMN tzids")
    conn.execute("DELETE FROM meta WHERE key = 'render_version'")
    conn.execute("PRAGMA application_id = 0")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store(path) as store:
        _, after = store.calendar(FeedQuery(), name="n", description="d", source_url=None)
    assert after == before
