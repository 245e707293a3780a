"""Reader: a plain text article, optionally starting with a ``date YYYY-MM-DD`` header."""

from __future__ import annotations

from datetime import date

from ..api import parse_article
from ..errors import InputError
from .base import ArticleResult, ReadFailure


def read_text(raw: bytes | str, *, source: str, published: date | None = None) -> ArticleResult:
    """Turn the bytes of a text file into an article, or a failure saying why not.

    The header, the encoding and emptiness are checked by
    :func:`calendar_export.api.parse_article`; ``published`` overrides the header.
    """
    try:
        return parse_article(raw, published=published, source=source)
    except InputError as exc:
        return ReadFailure.from_error(exc, source)
