"""Bounds on inputs (issue 15): one bad input is reported and costs no more than a good one.

Deep JSON, endless lines, named pipes in folders, slow or redirecting servers, huge pages.
The servers are real, on 127.0.0.1, and every wait is bounded.
"""

from __future__ import annotations

import io
import json
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from calendar_export.models import Article
from calendar_export.readers import ReadFailure, read_articles
from calendar_export.readers.html import MAX_PAGE_SIZE
from calendar_export.readers.jsonl import MAX_DEPTH, MAX_LINE, bounded_lines, nesting_depth

from .conftest import PARAGRAPHS

GOOD_LINE = json.dumps({"text": PARAGRAPHS[0], "published": "2024-05-01"}).encode() + b"\n"


def _read(data: bytes, **kwargs: object) -> list[Article | ReadFailure]:
    return list(read_articles("-", stdin=io.BufferedReader(io.BytesIO(data)), **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
def test_deep_nesting_is_a_bad_line_and_the_next_line_is_read(depth: int) -> None:
    deep = b'{"text": "x", "meta": ' + b"[" * depth + b"]" * depth + b"}\n"
    bad, good = _read(deep + GOOD_LINE, fmt="jsonl")
    assert isinstance(bad, ReadFailure)
    assert bad.source == "<stdin>:1"
    assert f"nested deeper than {MAX_DEPTH} levels" in bad.reason
    assert isinstance(good, Article)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    line = json.dumps({"text": "[[[[" * 40 + PARAGRAPHS[0], "published": "2024-05-01"})
    assert nesting_depth(line.encode()) == 1
    (article,) = _read(line.encode() + b"\n", fmt="jsonl")
    assert isinstance(article, Article)


def test_a_line_without_end_is_cut_at_the_limit() -> None:
    stream = io.BytesIO(b"x" * (3 * MAX_LINE) + b"\nnext\n")
    lines = list(bounded_lines(stream))
    assert [len(line) for line in lines] == [MAX_LINE + 1, 5]


@pytest.mark.parametrize("newline", [b"", b"\n"], ids=["no-newline", "newline"])
def test_an_overlong_line_on_stdin_is_a_bad_line(newline: bytes) -> None:
    huge = b'{"text": "' + b"a" * (2 * MAX_LINE) + b'", "published": "2024-05-01"}' + newline
    items = _read(huge + (GOOD_LINE if newline else b""))
    assert isinstance(items[0], ReadFailure)
    assert "line is longer than 1024 KiB" in items[0].reason
    assert [type(i) for i in items[1:]] == ([Article] if newline else [])


def test_an_overlong_line_in_a_file_is_a_bad_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(GOOD_LINE + b'{"text": "' + b"b" * (MAX_LINE + 10) + b'"}\n' + GOOD_LINE)
    items = list(read_articles(corpus))
    assert [type(i) for i in items] == [Article, ReadFailure, Article]
    assert items[1].source == f"{corpus}:2"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_a_folder_is_left_out_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"date 2024-05-01\n{PARAGRAPHS[0]}")
    os.mkfifo(tmp_path / "pipe.txt")  # nobody ever writes to it: opening it would hang
    result: list[object] = []
    reader = threading.Thread(target=lambda: result.extend(read_articles(tmp_path)), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert not reader.is_alive(), "reading the folder hung on the named pipe"
    article, note = result
    assert isinstance(article, Article)
    assert isinstance(note, ReadFailure)
    assert note.note
    assert note.source == str(tmp_path / "pipe.txt")
    assert "named pipe" in note.reason


def test_a_page_over_the_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    filler = b"<p>" + b"Ministers will meet in Oslo on Tuesday. " * 1000 + b"</p>\n"
    body = filler * (MAX_PAGE_SIZE // len(filler) + 2)
    big.write_bytes(b'<html><head><meta name="date" content="2024-05-08"></head><body>' + body)
    start = time.monotonic()
    (failure,) = read_articles(big)
    assert time.monotonic() - start < 5, "the page was parsed before being refused"
    assert isinstance(failure, ReadFailure)
    assert "larger than 4 MB" in failure.reason


# --- URLs: a real server on loopback, allowed with allow_addresses ----------------------


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/redirect?"):
            self.send_response(302)
            self.send_header("Location", self.path.split("?", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(1000):  # a byte every 0.2 s: 200 s in all
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.2)
        else:
            body = json.dumps({"text": PARAGRAPHS[0], "published": "2024-05-01"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/x-ndjson")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


LOOPBACK = ["127.0.0.1"]


def test_loopback_is_read_only_when_allowed(server: str) -> None:
    (refused,) = read_articles(f"{server}/a")
    assert isinstance(refused, ReadFailure)
    assert "refused: 127.0.0.1 is an internal address" in refused.reason
    assert "--allow-address 127.0.0.1" in refused.reason
    (article,) = read_articles(f"{server}/a", allow_addresses=LOOPBACK)
    assert isinstance(article, Article)


def test_a_redirect_within_the_allowed_network_is_followed(server: str) -> None:
    (article,) = read_articles(f"{server}/redirect?{server}/a", allow_addresses=LOOPBACK)
    assert isinstance(article, Article)


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("ftp://127.0.0.1/feed.xml", "is not an http(s) address"),
        ("file:///etc/passwd", "is not an http(s) address"),
        ("http://10.0.0.1/feed", "10.0.0.1 is an internal address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is an internal address"),
        ("http://[::1]/feed", "::1 is an internal address"),
    ],
)
def test_a_redirect_out_of_bounds_is_refused(server: str, target: str, why: str) -> None:
    (failure,) = read_articles(f"{server}/redirect?{target}", allow_addresses=LOOPBACK)
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith(f"redirected to {target}, refused:")
    assert why in failure.reason


def test_a_dripping_server_meets_the_total_deadline(server: str) -> None:
    start = time.monotonic()
    (failure,) = read_articles(f"{server}/drip", timeout=1, deadline=2, allow_addresses=LOOPBACK)
    took = time.monotonic() - start
    assert isinstance(failure, ReadFailure)
    assert "cannot fetch" in failure.reason
    assert took < 5, f"took {took:.1f} s past a 2 s deadline"


def test_a_bad_network_is_an_error() -> None:
    with pytest.raises(ValueError, match="not an address or network"):
        list(read_articles("http://example.invalid/", allow_addresses=["nowhere"]))


def test_a_line_of_exactly_the_limit_is_parsed() -> None:
    head, tail = b'{"published": "2024-05-01", "text": "', b'"}'
    line = head + b"a" * (MAX_LINE - len(head) - len(tail)) + tail
    assert len(line) == MAX_LINE
    (failure,) = _read(line + b"\n", fmt="jsonl")
    assert isinstance(failure, ReadFailure)
    assert "too long for one article" in failure.reason  # parsed: its text is too long


def test_ingest_goes_on_past_a_deeply_nested_line(tmp_path: Path) -> None:
    """The issue's JSON Lines corpus with a line nested 1,000 deep raised RecursionError and
    aborted ``ingest``: now that line is one error naming it, and the next line is stored."""
    from click.testing import CliRunner

    from calendar_export.cli import main

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b'{"text": "x", "meta": ' + b"[" * 1_000 + b"]" * 1_000 + b"}\n" + GOOD_LINE)
    store = tmp_path / "feed.sqlite"
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--store", str(store)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{corpus}:1" in result.output
    assert "nested deeper than" in result.output
    assert f"{corpus}:2:" in result.output  # the good line, ingested
