"""Batches: input order whatever --jobs is, a bad article never stops them, progress, summary."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import pty
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendar_export import extract_events
from calendar_export.batch import (
    BatchSummary,
    Outcome,
    ProgressBar,
    merge_window,
    reason_key,
    run_batch,
)
from calendar_export.cli import main
from calendar_export.models import Article, Event
from calendar_export.readers import ArticleResult, ReadFailure, read_articles

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


class _Crash:
    """Unpickling this ends the process at once: a stand-in for a worker that segfaults."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return os._exit, (3,)


def _corpus(tmp_path: Path) -> Path:
    """A folder with the sample articles and bad files among them."""
    folder = tmp_path / "news"
    folder.mkdir()
    for i, sample in enumerate(sorted(SAMPLES.glob("*.txt"))):
        (folder / f"{i:02d}-{sample.name}").write_bytes(sample.read_bytes())
    (folder / "03-empty.txt").write_text("")
    (folder / "05-nodate.txt").write_text("Ministers will meet in Oslo on Monday.\n")
    lines = [
        json.dumps({"text": s.read_text().split("\n", 1)[1], "published": "2024-02-01"})
        for s in sorted(SAMPLES.glob("*.txt"))
    ]
    (folder / "corpus.jsonl").write_text("\n".join([*lines, "{oops", *lines]) + "\n")
    return folder


def test_jobs_do_not_change_the_outcomes(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    serial = list(run_batch(read_articles(folder), jobs=1))
    parallel = list(run_batch(read_articles(folder), jobs=2, chunk_size=3))
    assert parallel == serial
    assert [o.source for o in serial] == [i.source for i in read_articles(folder)]
    assert sum(o.skipped for o in serial) == 3
    assert sum(len(o.events) for o in serial) > 0, "the sample articles announce meetings"


def test_a_failing_article_does_not_stop_the_batch() -> None:
    good = Article(text="Talks in Oslo.", published=date(2024, 5, 6), source="good")
    # A malformed article (built around validation) makes the pipeline raise a non-project
    # error: the batch reports it as a bug in that article and goes on.
    broken = Article.model_construct(text=None, published=date(2024, 5, 6), source="broken")
    items: list[ArticleResult] = [good, broken, ReadFailure("x.txt", "is empty"), good]
    for jobs in (1, 2):
        outcomes = list(run_batch(items, jobs=jobs, chunk_size=1))
        assert [o.source for o in outcomes] == ["good", "broken", "x.txt", "good"]
        assert [o.skipped for o in outcomes] == [False, True, True, False]
        assert outcomes[1].reason is not None
        assert "extraction failed" in outcomes[1].reason
        assert "report" in outcomes[1].reason


@pytest.mark.slow
def test_a_dead_worker_loses_only_its_article() -> None:
    items: list[ArticleResult] = [
        Article(text=f"Talks number {n}.", published=date(2024, 5, 6), source=f"a{n}")
        for n in range(6)
    ]
    items[3] = Article.model_construct(text=_Crash(), published=date(2024, 5, 6), source="a3")
    outcomes = list(run_batch(items, jobs=2, chunk_size=2))
    assert [o.source for o in outcomes] == [f"a{n}" for n in range(6)]
    assert [o.source for o in outcomes if o.skipped] == ["a3"]
    assert outcomes[3].reason is not None
    assert "--jobs 1" in outcomes[3].reason


def test_workers_fork_warm_only_from_a_single_thread() -> None:
    from calendar_export.batch import _worker_context

    can_fork = "fork" in multiprocessing.get_all_start_methods()
    alone = threading.active_count() == 1
    assert _worker_context().get_start_method() == ("fork" if can_fork and alone else "spawn")
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert _worker_context().get_start_method() == "spawn"
    finally:
        release.set()
        other.join()


def test_summary_counts_and_reasons() -> None:
    summary = BatchSummary()
    for outcome in [
        Outcome("a"),
        Outcome("b.jsonl:2", reason="not valid JSON (Expecting value); fix or remove the line"),
        Outcome("b.jsonl:7", reason="not valid JSON (Unterminated string); fix it"),
        Outcome("c.txt", reason="is empty: there is no article text to read"),
    ]:
        summary.add(outcome)
    assert summary.lines() == [
        "4 article(s) read, 3 failed, 0 event(s) found",
        "  2 skipped: not valid JSON",
        "  1 skipped: is empty",
    ]


@pytest.mark.parametrize(
    ("reason", "key"),
    [
        ("no such file or folder; check the path", "no such file or folder"),
        ("cannot fetch (HTTP 404 Not Found); check the address", "cannot fetch"),
        ("is empty: there is no article text to read", "is empty"),
    ],
)
def test_reason_key(reason: str, key: str) -> None:
    assert reason_key(reason) == key


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    summary = BatchSummary(read=3, skipped=1, events=7)
    piped, terminal = io.StringIO(), _Terminal()
    for stream in (piped, terminal):
        bar = ProgressBar(stream)
        bar.update(summary, force=True)
        bar.clear()
    assert piped.getvalue() == ""
    shown = terminal.getvalue()
    assert "3 article(s), 1 skipped, 7 event(s)" in shown
    assert shown.endswith("\r\x1b[K"), "the line is erased at the end"


def test_cli_reports_each_bad_input_and_a_summary(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(folder), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {folder / '03-empty.txt'}: is empty: there is no article text to read",
        f"error: {folder / '05-nodate.txt'}: has no publication date: start it with a "
        "'date YYYY-MM-DD' line or pass --published YYYY-MM-DD",
        f"error: {folder / 'corpus.jsonl'}:{len(list(SAMPLES.glob('*.txt'))) + 1}: not valid "
        "JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1)); "
        "fix or remove the line",
        f"error: {tmp_path / 'missing.txt'}: no such file or folder; check the path",
    ]
    read = len(list(read_articles([folder, tmp_path / "missing.txt"])))
    assert f"{read} article(s) read, 4 failed" in result.stderr
    assert "  1 skipped: no such file or folder" in result.stderr
    assert "\r" not in result.stderr, "no progress bar when standard error is not a terminal"
    assert result.stdout.startswith("BEGIN:VCALENDAR")


def test_cli_output_is_the_same_for_any_jobs(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"events-{jobs}.json"
        result = CliRunner().invoke(
            main, ["extract", str(folder), "--format", "json", "-o", str(out), "--jobs", jobs]
        )
        assert result.exit_code == 1, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["events"], "the sample articles announce meetings"


def test_cli_reads_standard_input_and_jsonl_fields(tmp_path: Path) -> None:
    corpus = "\n".join(
        json.dumps({"body": f"Talks number {n}.", "day": "2024-05-06"}) for n in range(3)
    )
    result = CliRunner().invoke(
        main,
        ["extract", "-", "--text-field", "body", "--published-field", "day", "--format", "json"],
        input=corpus,
    )
    assert result.exit_code == 0, result.stderr
    assert "3 article(s) read, 0 failed" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_progress_bar_on_a_real_terminal(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    primary, secondary = pty.openpty()
    shown = bytearray()

    def drain() -> None:  # read while the command runs, so a full terminal never blocks it
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal's other end is closed: the command has ended
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from calendar_export.cli import main; main()", "extract",
             str(folder), "-o", str(tmp_path / "out.ics")],
            stderr=secondary,
            stdout=subprocess.PIPE,
            timeout=120,
            check=False,
        )  # fmt: skip
    finally:
        os.close(secondary)
        reader.join(timeout=10)
        os.close(primary)
    assert done.returncode == 1
    assert b"\r\x1b[K" in bytes(shown), "a progress line is drawn and erased on a terminal"
    assert b"article(s)," in shown
    assert b"error: " in shown


# --- merge_window: the bounded merge behind a streaming extract (issue 15) --------------


def _events(text: str, source: str) -> list[Event]:
    return extract_events(text, published=date(2024, 3, 14), source=source)


MEETING = "The two foreign ministers will meet in Lisbon on Monday."
TALKS = "Trade ministers from Chile and Norway will hold talks in Oslo on Friday."


def test_merge_window_merges_an_event_read_twice() -> None:
    first, again, other = _events(MEETING, "a"), _events(MEETING, "a"), _events(TALKS, "b")
    merged = list(merge_window([*first, *other, *again]))
    assert [e.uid for e in merged] == [first[0].uid, other[0].uid]
    assert merged[0].mentions == first[0].mentions  # the same mention is not repeated


def test_merge_window_forgets_what_left_the_window() -> None:
    (a,) = _events(MEETING, "a")
    (b,) = _events(TALKS, "b")
    assert len(list(merge_window([a, b, a], size=1))) == 3
    assert len(list(merge_window([a, b, a], size=2))) == 2


def test_merge_window_takes_the_meeting_identity_as_a_parameter() -> None:
    (lisbon,) = _events(MEETING, "a")
    (again,) = _events(MEETING.replace("two", "2"), "b")  # another article, another UID
    assert lisbon.uid != again.uid
    assert len(list(merge_window([lisbon, again]))) == 2
    merged = list(
        merge_window(
            [lisbon, again],
            key=lambda e: (e.when.value, e.place.name if e.place else None),
            same=lambda kept, new: kept.kind == new.kind,
        )
    )
    assert len(merged) == 1
    assert [m.source for m in merged[0].mentions] == ["a", "b"]


def test_merge_window_holds_at_most_its_size() -> None:
    (a,) = _events(MEETING, "a")
    consumed = 0

    def copies() -> Iterator[Event]:
        nonlocal consumed
        for i in range(10_000):
            consumed += 1
            yield a.model_copy(update={"uid": f"{i}@x"})

    window = merge_window(copies(), size=10)
    first = next(window)
    assert first.uid == "0@x"
    assert consumed == 11, "the first event leaves when the eleventh comes in"
    assert sum(1 for _ in window) == 9_999
