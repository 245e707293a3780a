"""Where articles come from: files, folders (recursively), URLs and standard input (``-``).

Each input is read by the reader its format calls for: from the file suffix, the HTTP
content type or, failing those, the first bytes. Folders are walked in sorted order and
only files with a known suffix are read, so a folder of mixed files gives a stable order.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..api import MAX_ARTICLE_SIZE
from .base import ArticleResult, InputFormat, ReadFailure
from .feeds import read_feed
from .html import read_html
from .jsonl import DEFAULT_FIELDS, JsonlFields, read_jsonl
from .text import read_text

SUFFIX_FORMATS: dict[str, InputFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    "": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
"""Which reader a file gets in a folder (and when ``--input-format`` is ``auto``)."""

MAX_DOWNLOAD = 50 * 1024 * 1024


def _limit(fmt: InputFormat) -> int:
    """Bytes worth reading: one past what the format may hold, so memory stays bounded and
    the reader can say the input is too big (a text file is one article)."""
    return (MAX_ARTICLE_SIZE if fmt == "text" else MAX_DOWNLOAD) + 1


def _too_big(source: str) -> ReadFailure:
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


def iter_folder(folder: Path) -> Iterator[Path | ReadFailure]:
    """Every file below ``folder`` with a known suffix, in sorted path order, lazily.

    Hidden files and folders (``.name``) are left out; symbolic links to folders are not
    followed (no loops).
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
            yield path


def read_source(
    name: str | os.PathLike[str],
    *,
    published: date | None = None,
    fmt: InputFormat = "auto",
    fields: JsonlFields = DEFAULT_FIELDS,
    stdin: BinaryIO | None = None,
    timeout: float = 30.0,
) -> Iterator[ArticleResult]:
    """Yield the articles of one input: a file, a folder, a URL or ``-`` (standard input)."""
    text = os.fspath(name)
    if text == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from _read_stream(stream, "<stdin>", published=published, fmt=fmt, fields=fields)
        return
    if is_url(text):
        yield from _read_url(text, published=published, fmt=fmt, fields=fields, timeout=timeout)
        return
    path = Path(text)
    if path.is_dir():
        for file in iter_folder(path):
            if isinstance(file, ReadFailure):
                yield file
            else:
                yield from _read_file(file, published=published, fmt=fmt, fields=fields)
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
    if len(raw) > MAX_DOWNLOAD:
        yield _too_big(source)
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
        yield from read_jsonl(stream, source=source, published=published, fields=fields)
        return
    raw = stream.read(_limit(fmt))
    if len(raw) > MAX_DOWNLOAD:
        yield _too_big(source)
        return
    if fmt == "auto":
        fmt = sniff_format(raw[:2048])
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
        yield from read_jsonl(raw.splitlines(), source=source, published=published, fields=fields)
    else:
        yield read_text(raw, source=source, published=published)


def _read_url(
    url: str, *, published: date | None, fmt: InputFormat, fields: JsonlFields, timeout: float
) -> Iterator[ArticleResult]:
    import urllib.error  # with http.client and ssl: only for a URL
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "calendar-export"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(MAX_DOWNLOAD + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        yield ReadFailure(url, f"cannot fetch (HTTP {exc.code} {exc.reason}); check the address")
        return
    except (urllib.error.URLError, OSError, ValueError) as exc:
        why = getattr(exc, "reason", None) or exc
        yield ReadFailure(url, f"cannot fetch ({why}); check the address and the network")
        return
    if len(raw) > MAX_DOWNLOAD:
        yield ReadFailure(url, f"is larger than {MAX_DOWNLOAD // 2**20} MB; download it first")
        return
    if fmt == "auto":
        fmt = sniff_format(raw[:2048], content_type)
    yield from _read_bytes(raw, url, published=published, fmt=fmt, fields=fields)
