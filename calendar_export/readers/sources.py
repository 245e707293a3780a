"""Where articles come from: files, folders (recursively), URLs and standard input (``-``).

Each input is read by the reader its format calls for: from the file suffix, the HTTP
content type or, failing those, the first bytes. Folders are walked in sorted order and
only files with a known suffix are read, so a folder of mixed files gives a stable order.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Collection, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..api import MAX_ARTICLE_SIZE
from .base import ArticleResult, InputFormat, ReadFailure
from .feeds import read_feed
from .fetch import DEFAULT_DEADLINE, FetchError, IPNetwork, fetch
from .html import MAX_PAGE_SIZE, read_html
from .jsonl import DEFAULT_FIELDS, MAX_LINE, JsonlFields, bounded_lines, read_jsonl
from .text import read_text

SUFFIX_FORMATS: dict[str, InputFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
"""Which reader a file gets in a folder (and when ``--input-format`` is ``auto``). In a
folder, a file with another suffix (or none: ``README``, ``Makefile``) is not read; named
alone, a file with no known suffix is sniffed from its content."""

MAX_DOWNLOAD = 50 * 1024 * 1024


def _limit(fmt: InputFormat) -> int:
    """Bytes worth reading: one past what the format may hold, so memory stays bounded and
    the reader can say the input is too big (a text file is one article, a page one page)."""
    sizes = {"text": MAX_ARTICLE_SIZE, "html": MAX_PAGE_SIZE}
    return sizes.get(fmt, MAX_DOWNLOAD) + 1


def _too_big(source: str, fmt: InputFormat = "auto") -> ReadFailure:
    if fmt == "html":
        return ReadFailure(
            source,
            f"is a page larger than {MAX_PAGE_SIZE // 2**20} MB, too big for one article; "
            "save the article's own text",
        )
    if fmt == "text":
        return ReadFailure(
            source,
            f"is over {MAX_ARTICLE_SIZE // 1024} KiB, too long for one article; split it "
            "into articles",
        )
    return ReadFailure(source, f"is larger than {MAX_DOWNLOAD // 2**20} MB; split it")


def is_url(name: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return name.lower().startswith(("http://", "https://"))


def sniff_format(head: bytes, content_type: str = "") -> InputFormat:
    """Guess the format from an HTTP content type, else from the first bytes."""
    kind = content_type.lower()
    if "html" in kind:
        return "html"
    if any(word in kind for word in ("rss", "atom", "xml")):
        return "feed"
    if "json" in kind:
        return "jsonl"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and b"<html" not in start:
        return "feed"
    html_tags = (b"<html", b"<body", b"<p", b"<!doctype")
    if start.startswith(b"<") and any(tag in start for tag in html_tags):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


_NOT_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def iter_folder(folder: Path) -> Iterator[Path | ReadFailure]:
    """Every file below ``folder`` with a known suffix, in sorted path order, lazily.

    Hidden files and folders (``.name``) are left out; symbolic links to folders are not
    followed (no loops). A named pipe, socket or device is never opened (reading one can
    wait forever): it is yielded as a note (a :class:`ReadFailure` with ``note=True``).
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        yield ReadFailure(str(folder), f"cannot list the folder ({why}); check its permissions")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from iter_folder(path)
        elif path.suffix.lower() in SUFFIX_FORMATS:
            kind = _not_a_file(path)
            if kind is None:
                yield path
            else:
                yield ReadFailure(str(path), f"is {kind}, not a file; skipped", note=True)


def _not_a_file(path: Path) -> str | None:
    """What ``path`` is when it is a pipe, socket or device (through links); else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # a broken link: reading it says so
    return next((kind for test, kind in _NOT_FILES if test(mode)), None)


def _no_articles(folder: Path) -> ReadFailure:
    suffixes = ", ".join(sorted(SUFFIX_FORMATS))
    return ReadFailure(
        str(folder),
        f"the folder holds no article files ({suffixes}); check the path, or name the "
        "files themselves",
    )


def read_source(
    name: str | os.PathLike[str],
    *,
    published: date | None = None,
    fmt: InputFormat = "auto",
    fields: JsonlFields = DEFAULT_FIELDS,
    stdin: BinaryIO | None = None,
    timeout: float = 30.0,
    deadline: float = DEFAULT_DEADLINE,
    allow: Collection[IPNetwork] = (),
) -> Iterator[ArticleResult]:
    """Yield the articles of one input: a file, a folder, a URL or ``-`` (standard input).

    A folder with no article file in it is a failure that names it."""
    text = os.fspath(name)
    if text == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from _read_stream(stream, "<stdin>", published=published, fmt=fmt, fields=fields)
        return
    if is_url(text):
        yield from _read_url(
            text,
            published=published,
            fmt=fmt,
            fields=fields,
            timeout=timeout,
            deadline=deadline,
            allow=allow,
        )
        return
    path = Path(text)
    if path.is_dir():
        files = 0
        for file in iter_folder(path):
            if isinstance(file, ReadFailure):
                yield file
            else:
                files += 1
                yield from _read_file(file, published=published, fmt=fmt, fields=fields)
        if not files:
            yield _no_articles(path)
    elif (kind := _not_a_file(path)) is not None:
        yield ReadFailure(text, f"is {kind}, not a file; pass - to read standard input")
    elif not path.exists():
        yield ReadFailure(text, "no such file or folder; check the path")
    else:
        yield from _read_file(path, published=published, fmt=fmt, fields=fields)


def _read_file(
    path: Path, *, published: date | None, fmt: InputFormat, fields: JsonlFields
) -> Iterator[ArticleResult]:
    source = str(path)
    if fmt == "auto":
        fmt = SUFFIX_FORMATS.get(path.suffix.lower(), "auto")
    try:
        if fmt == "jsonl" or fmt == "auto":
            with path.open("rb") as stream:
                yield from _read_stream(stream, source, published=published, fmt=fmt, fields=fields)
            return
        with path.open("rb") as stream:
            raw = stream.read(_limit(fmt))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        yield ReadFailure(source, f"cannot read ({reason}); check the path and its permissions")
        return
    if len(raw) >= _limit(fmt):
        yield _too_big(source, fmt)
        return
    yield from _read_bytes(raw, source, published=published, fmt=fmt, fields=fields)


def _read_stream(
    stream: BinaryIO,
    source: str,
    *,
    published: date | None,
    fmt: InputFormat,
    fields: JsonlFields,
) -> Iterator[ArticleResult]:
    """Read a stream: JSON Lines line by line, anything else whole."""
    if fmt == "auto":
        peek = getattr(stream, "peek", None)
        head = peek(2048) if peek is not None else b""
        fmt = sniff_format(head) if head else "auto"
    if fmt == "jsonl":
        yield from read_jsonl(
            bounded_lines(stream), source=source, published=published, fields=fields
        )
        return
    raw = stream.read(_limit(fmt))
    if fmt == "auto":
        fmt = sniff_format(raw[:2048])
    if len(raw) >= _limit(fmt):
        yield _too_big(source, fmt)
        return
    yield from _read_bytes(raw, source, published=published, fmt=fmt, fields=fields)


def _read_bytes(
    raw: bytes, source: str, *, published: date | None, fmt: InputFormat, fields: JsonlFields
) -> Iterator[ArticleResult]:
    if fmt == "auto":
        fmt = sniff_format(raw[:2048])
    if fmt == "html":
        yield read_html(raw, source=source, published=published)
    elif fmt == "feed":
        yield from read_feed(raw, source=source, published=published)
    elif fmt == "jsonl":
        yield from read_jsonl(
            (line[: MAX_LINE + 1] for line in raw.splitlines()),
            source=source,
            published=published,
            fields=fields,
        )
    else:
        yield read_text(raw, source=source, published=published)


def _read_url(
    url: str,
    *,
    published: date | None,
    fmt: InputFormat,
    fields: JsonlFields,
    timeout: float,
    deadline: float,
    allow: Collection[IPNetwork],
) -> Iterator[ArticleResult]:
    try:
        got = fetch(url, limit=MAX_DOWNLOAD, timeout=timeout, deadline=deadline, allow=allow)
    except FetchError as exc:
        yield ReadFailure(url, str(exc))
        return
    raw = got.body
    if fmt == "auto":
        fmt = sniff_format(raw[:2048], got.content_type)
    if len(raw) >= _limit(fmt):
        yield _too_big(url, fmt)
        return
    yield from _read_bytes(raw, url, published=published, fmt=fmt, fields=fields)
