"""What ``extract`` writes, run as a user runs it (a real subprocess): atomically, only on
success, keeping the file's mode, streaming, from folders read by suffix (issues 13, 15)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import tomllib
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from calendar_export import extract_events, to_json
from calendar_export.batch import MERGE_WINDOW
from calendar_export.models import Event, EventList

GOOD = "date 2024-03-14\nThe two foreign ministers will meet in Lisbon on Monday.\n"
OTHER = (
    "date 2024-03-15\nTrade ministers from Chile and Norway will hold talks in Oslo on Friday.\n"
)
OLD_CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//before//EN\r\nEND:VCALENDAR\r\n"
)


CLI = "import sys; from calendar_export.cli import main; main(sys.argv[1:])"


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_a_run_that_reads_nothing_leaves_the_output_file_alone(tmp_path: Path) -> None:
    out = tmp_path / "calendar.ics"
    out.write_bytes(OLD_CALENDAR)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("extract", str(empty), str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.returncode == 1
    assert f"nothing was written; {out} was left as it was" in result.stderr
    assert out.read_bytes() == OLD_CALENDAR
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calendar.ics", "empty.txt"]


def test_a_run_that_reads_something_replaces_the_file_and_still_reports_failures(
    tmp_path: Path,
) -> None:
    out = tmp_path / "calendar.ics"
    out.write_bytes(OLD_CALENDAR)
    (tmp_path / "good.txt").write_text(GOOD)
    result = run("extract", str(tmp_path / "good.txt"), str(tmp_path / "nope.txt"), "-o", str(out))
    assert result.returncode == 1
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 1


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_the_output_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    out = tmp_path / "calendar.ics"
    out.write_bytes(OLD_CALENDAR)
    out.chmod(mode)
    (tmp_path / "good.txt").write_text(GOOD)
    result = run("extract", str(tmp_path / "good.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert out.read_bytes() != OLD_CALENDAR


def test_a_new_output_file_gets_the_umask_mode_not_0600(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    out = tmp_path / "new.ics"
    old = os.umask(0o022)
    try:
        result = run("extract", str(tmp_path / "good.txt"), "-o", str(out))
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    "files",
    [{}, {"README": GOOD, "notes.json": "{}", "Makefile": "all:\n"}],
    ids=["empty", "no-article-files"],
)
def test_a_folder_without_articles_is_an_error_naming_it(tmp_path: Path, files) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(content)
    result = run("extract", str(folder))
    assert result.returncode == 1
    assert f"error: {folder}: the folder holds no article files (" in result.stderr
    assert ".txt" in result.stderr
    assert result.stdout == ""


def test_folders_are_read_by_known_suffixes_only(tmp_path: Path) -> None:
    (tmp_path / "README").write_text(GOOD)  # has a date header and a meeting, yet no article
    (tmp_path / "LICENSE").write_text("MIT License\n")
    (tmp_path / "a.txt").write_text(GOOD)
    result = run("extract", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "1 article(s) read, 0 failed, 1 event(s) found" in result.stderr
    (event,) = EventList.model_validate_json(result.stdout).events
    assert event.mentions[0].source == str(tmp_path / "a.txt")


def test_a_file_named_alone_needs_no_known_suffix(tmp_path: Path) -> None:
    (tmp_path / "README").write_text(GOOD)
    result = run("extract", str(tmp_path / "README"), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(EventList.model_validate_json(result.stdout).events) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_a_folder_is_a_note_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "b.txt")
    result = run("extract", str(tmp_path), "--format", "json", timeout=60)
    assert result.returncode == 0, result.stderr
    assert f"note: {tmp_path / 'b.txt'}: is a named pipe (FIFO), not a file; skipped" in (
        result.stderr
    )
    assert "1 article(s) read, 0 failed, 1 event(s) found, 1 other file(s) left out" in (
        result.stderr
    )


def test_the_html_extra_declares_what_trafilatura_needs() -> None:
    # An old pip does not resolve lxml's own "html_clean" extra for trafilatura's jusText:
    # the extra names the package itself.
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    html = pyproject["project"]["optional-dependencies"]["html"]
    assert any(r.lower().replace("-", "_").startswith("lxml_html_clean") for r in html), html


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    (folder / "b.txt").write_text(OTHER)
    return folder


def test_streamed_json_is_the_same_document_as_to_json(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = run("extract", str(folder), "--format", "json")
    assert result.returncode == 0, result.stderr
    events = [
        e
        for name in ("a.txt", "b.txt")
        for e in extract_events(
            (folder / name).read_text().split("\n", 1)[1],
            published=date.fromisoformat((folder / name).read_text()[5:15]),
            source=str(folder / name),
        )
    ]
    assert len(events) == 2
    assert result.stdout == to_json(events)


def test_json_lines_out_is_one_event_a_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "events.jsonl"
    result = run("extract", str(folder), "--format", "jsonl", "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text().splitlines()
    events = [Event.model_validate_json(line) for line in lines]
    assert [e.place.name for e in events if e.place] == ["Lisbon", "Oslo"]


def test_streamed_ics_holds_every_event_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "cal.ics"
    result = run("extract", str(folder), str(folder / "a.txt"), "-o", str(out), "--name", "N")
    assert result.returncode == 0, result.stderr
    cal = Calendar.from_ical(out.read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "N"
    uids = [str(ve["UID"]) for ve in cal.walk("VEVENT")]
    assert len(uids) == 2, "a.txt read twice is one event, not two"
    assert len(set(uids)) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert raw.count(b"BEGIN:VCALENDAR") == 1


def test_corpus_output_is_written_as_it_goes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    record = {"text": GOOD.split("\n", 1)[1], "published": "2024-03-14"}
    corpus.write_text("\n".join(json.dumps(dict(record, source=f"s{i}")) for i in range(40)) + "\n")
    # Forty copies are one meeting when merged (tests/test_extract_merge.py); kept apart:
    result = run("extract", str(corpus), "--format", "jsonl", "--no-merge")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 40
    # Forty events are counted, not listed one a line each beyond the summary limit.
    assert "40 event(s) found" in result.stderr


STREAM_ARGS = ["extract", "-", "--input-format", "jsonl", "--format", "jsonl"]


def test_events_come_out_while_the_input_is_still_coming_in() -> None:
    """Streaming: with standard input still open, events already written are on stdout
    (each leaves the merge window when MERGE_WINDOW newer ones have come in)."""
    lines = MERGE_WINDOW + 50
    text = GOOD.split("\n", 1)[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, *STREAM_ARGS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    got: list[bytes] = []
    out = proc.stdout
    reader = threading.Thread(target=lambda: got.append(out.readline()), daemon=True)
    reader.start()
    try:
        for i in range(lines):
            record = {"text": text, "published": "2024-03-14", "source": f"s{i}"}
            proc.stdin.write(json.dumps(record).encode() + b"\n")
        proc.stdin.flush()
        reader.join(timeout=240)
        assert got, "no event was written while the input was still open"
        assert Event.model_validate_json(got[0]).mentions[0].source == "s0"
    finally:
        proc.stdin.close()
        proc.stdout.close()
        proc.kill()
        proc.wait(timeout=30)


def test_a_sentence_past_the_caps_is_a_note_naming_the_file(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("date 2024-05-02\n" + "talks June " * 170)
    result = run("extract", str(hostile), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert f"note: {hostile}: 1 sentence(s) had more event words" in result.stderr
    assert "170 event words, only the first 12 were read" in result.stderr
    assert 0 < len(result.stdout.splitlines()) <= 12
