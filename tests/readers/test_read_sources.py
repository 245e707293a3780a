"""Finding inputs: folders recursively, standard input, URLs, formats by suffix or content."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from calendar_export.models import Article
from calendar_export.readers import ReadFailure, read_articles
from calendar_export.readers.sources import sniff_format

from .conftest import PARAGRAPHS, Routes
from .test_read_feeds import ATOM, RSS
from .test_read_html import page

pytest.importorskip("trafilatura")
pytest.importorskip("feedparser")

DATED_PAGE = page('<meta name="date" content="2024-05-08">')


def make_tree(root: Path) -> None:
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text(f"date 2024-05-01\n{PARAGRAPHS[0]}")
    (root / "b" / "page.html").write_bytes(DATED_PAGE)
    (root / "b" / "deep" / "wire.atom").write_bytes(ATOM)
    (root / "b" / "deep" / "corpus.jsonl").write_text(
        json.dumps({"text": PARAGRAPHS[1], "published": "2024-05-02", "source": "c1"}) + "\n"
    )
    (root / "b" / "empty.txt").write_text("")
    (root / "notes.json").write_text("{}")  # unknown suffix in a folder: not read
    (root / "image.png").write_bytes(b"\x89PNG")
    (root / ".hidden" / "x.txt").write_text("date 2024-05-01\nHidden.")
    (root / ".swap.txt").write_text("date 2024-05-01\nHidden too.")


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(read_articles(tmp_path))
    sources = [i.source for i in items]
    assert sources == [
        str(tmp_path / "a.txt"),
        "c1",
        "https://wire.test/1",
        "urn:test:2",
        str(tmp_path / "b" / "empty.txt"),
        str(tmp_path / "b" / "page.html"),
    ]
    (failure,) = [i for i in items if isinstance(i, ReadFailure)]
    assert "is empty" in failure.reason
    assert all(isinstance(i, Article) for i in items if i is not failure)


def test_several_inputs_keep_their_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(read_articles([tmp_path / "b" / "page.html", tmp_path / "a.txt"]))
    assert [i.source for i in items] == [
        str(tmp_path / "b" / "page.html"),
        str(tmp_path / "a.txt"),
    ]


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    for name in (tmp_path / "nope.txt", tmp_path / "dangling"):
        (failure,) = read_articles(name)
        assert isinstance(failure, ReadFailure)
        assert failure.source == str(name)
        assert "no such file" in failure.reason


@pytest.mark.parametrize(
    ("raw", "expected_sources"),
    [
        (f"date 2024-05-01\n{PARAGRAPHS[0]}".encode(), ["<stdin>"]),
        (DATED_PAGE, ["<stdin>"]),
        (RSS, ["https://gazette.test/salmon", "news", "x-2"]),
        (b'{"text": "Talks.", "published": "2024-05-01"}\nnot json\n', ["<stdin>:1", "<stdin>:2"]),
    ],
    ids=["text", "html", "rss", "jsonl"],
)
def test_stdin_format_is_sniffed(raw: bytes, expected_sources: list[str]) -> None:
    stream = io.BufferedReader(io.BytesIO(raw))
    items = list(read_articles("-", stdin=stream))
    assert len(items) == len(expected_sources)
    for item, expected in zip(items, expected_sources, strict=True):
        assert item.source.startswith(expected if expected != "news" else "<stdin>#entry-2")


def test_input_format_can_be_forced(tmp_path: Path) -> None:
    odd = tmp_path / "feed.download"
    odd.write_bytes(RSS)
    assert len(list(read_articles(odd))) == 3, "unknown suffix: sniffed from the content"
    as_text = list(read_articles(odd, fmt="text", published=date(2024, 1, 1)))
    assert len(as_text) == 1
    assert isinstance(as_text[0], Article)
    assert as_text[0].text.startswith("<?xml")


def test_urls_are_fetched_and_read_by_their_type(http_server: tuple[str, Routes]) -> None:
    base, routes = http_server
    routes["/rss"] = (200, "application/rss+xml", RSS)
    routes["/page"] = (200, "text/html; charset=utf-8", DATED_PAGE)
    routes["/corpus"] = (
        200,
        "application/x-ndjson",
        b'{"text": "T.", "published": "2024-05-01"}\n',
    )
    urls = [f"{base}/rss", f"{base}/page", f"{base}/corpus", f"{base}/gone"]
    items = list(read_articles(urls, allow_addresses=["127.0.0.1"]))
    assert [type(i).__name__ for i in items] == [
        "Article", "ReadFailure", "Article", "Article", "Article", "ReadFailure",
    ]  # fmt: skip
    page_article = items[3]
    assert isinstance(page_article, Article)
    assert page_article.source == f"{base}/page"
    assert page_article.published == date(2024, 5, 8)
    gone = items[5]
    assert gone.source == f"{base}/gone"
    assert "HTTP 404" in gone.reason


def test_unreachable_url_is_a_failure() -> None:
    # Port 9 on loopback (discard) is closed here: the connection is refused at once.
    (failure,) = read_articles("http://127.0.0.1:9/feed", timeout=5, allow_addresses=["127.0.0.1"])
    assert isinstance(failure, ReadFailure)
    assert "cannot fetch" in failure.reason


@pytest.mark.parametrize(
    ("head", "content_type", "expected"),
    [
        (b"<?xml version='1.0'?><rss>", "", "feed"),
        (b"\xef\xbb\xbf  <feed xmlns='http://www.w3.org/2005/Atom'>", "", "feed"),
        (b"<!DOCTYPE html><html>", "", "html"),
        (b"<p>fragment</p>", "", "html"),
        (b'{"text": "x"}', "", "jsonl"),
        (b"date 2024-01-01\nText", "", "text"),
        (b"anything", "text/html", "html"),
        (b"anything", "application/atom+xml", "feed"),
    ],
)
def test_sniff_format(head: bytes, content_type: str, expected: str) -> None:
    assert sniff_format(head, content_type) == expected
