"""Readers: turn files, folders, feeds, corpora, URLs and standard input into articles.

::

    from calendar_export.readers import ReadFailure, read_articles

    for item in read_articles("news/"):          # text, HTML, RSS/Atom, JSONL, recursively
        if isinstance(item, ReadFailure):
            print("skipped", item)                # names the file or entry and why
        else:
            print(item.source, item.published)

One module a format: :mod:`.text` (``date YYYY-MM-DD`` header), :mod:`.html` (trafilatura),
:mod:`.feeds` (feedparser), :mod:`.jsonl`; :mod:`.sources` finds and dispatches them.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator
from datetime import date
from typing import BinaryIO

from .base import INPUT_FORMATS, ArticleResult, InputFormat, ReadFailure, parse_published
from .fetch import DEFAULT_DEADLINE, parse_networks
from .jsonl import DEFAULT_FIELDS, JsonlFields
from .sources import SUFFIX_FORMATS, read_source

__all__ = [
    "INPUT_FORMATS",
    "SUFFIX_FORMATS",
    "ArticleResult",
    "InputFormat",
    "JsonlFields",
    "ReadFailure",
    "parse_published",
    "read_articles",
]


def read_articles(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    published: date | None = None,
    fmt: InputFormat = "auto",
    fields: JsonlFields = DEFAULT_FIELDS,
    stdin: BinaryIO | None = None,
    timeout: float = 30.0,
    deadline: float = DEFAULT_DEADLINE,
    allow_addresses: Collection[str] = (),
) -> Iterator[ArticleResult]:
    """Yield every article of one or more inputs, in order, lazily.

    An input is a file, a folder (read recursively), an ``http(s)://`` URL, or ``-`` for
    standard input. ``fmt`` forces a reader; ``auto`` picks it from the suffix, the HTTP
    content type or the content. ``published`` supplies or overrides every article's
    publication date. A file or entry that cannot be read is yielded as a
    :class:`ReadFailure` that names it and says why; reading then goes on.

    A URL download waits at most ``timeout`` seconds for each read and ``deadline`` seconds
    in all. A URL (or a redirect) to a loopback, private or link-local address is refused
    unless ``allow_addresses`` holds its network (``"127.0.0.1"``, ``"10.0.0.0/8"``);
    raises ``ValueError`` for a value there that is no address or network.
    """
    allow = parse_networks(allow_addresses)
    names = [inputs] if isinstance(inputs, str | os.PathLike) else inputs
    for name in names:
        yield from read_source(
            name,
            published=published,
            fmt=fmt,
            fields=fields,
            stdin=stdin,
            timeout=timeout,
            deadline=deadline,
            allow=allow,
        )
