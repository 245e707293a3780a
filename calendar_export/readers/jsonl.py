"""Reader: a JSON Lines corpus, one article a line (``{"text", "published", "source"}``).

The field names are configurable (:class:`JsonlFields`). A bad line -- not JSON, not an
object, no text, no usable date -- is reported as ``FILE:LINE`` and skipped; blank lines
are ignored. Lines are read one at a time, so a corpus of any size streams.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ..api import parse_article
from ..errors import InputError
from .base import NO_DATE_HINT, ArticleResult, ReadFailure, parse_published


@dataclass(frozen=True, slots=True)
class JsonlFields:
    """Which keys of a JSON Lines record hold the text, the date and the source."""

    text: str = "text"
    published: str = "published"
    source: str = "source"


DEFAULT_FIELDS = JsonlFields()


def read_jsonl(
    lines: Iterable[bytes | str],
    *,
    source: str,
    published: date | None = None,
    fields: JsonlFields = DEFAULT_FIELDS,
) -> Iterator[ArticleResult]:
    """Yield an article (or a failure naming ``FILE:LINE``) for every non-blank line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        yield read_record(line, where=f"{source}:{number}", published=published, fields=fields)


def read_record(
    line: bytes | str,
    *,
    where: str,
    published: date | None = None,
    fields: JsonlFields = DEFAULT_FIELDS,
) -> ArticleResult:
    """Read one JSON Lines record; ``where`` (``FILE:LINE``) names it in failures."""
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return ReadFailure(where, f"not valid JSON ({exc}); fix or remove the line")
    if not isinstance(record, dict):
        return ReadFailure(
            where,
            f"not a JSON object; each line must be like "
            f'{{"{fields.text}": "...", "{fields.published}": "YYYY-MM-DD"}}',
        )
    text = record.get(fields.text)
    if not isinstance(text, str):
        return ReadFailure(
            where,
            f"has no {fields.text!r} string; name the text field with --text-field",
        )
    raw_date = record.get(fields.published)
    when = published or parse_published(raw_date)
    if when is None and raw_date not in (None, ""):
        return ReadFailure(
            where,
            f"{fields.published!r} is {raw_date!r}, not a date (YYYY-MM-DD); fix it or "
            f"{NO_DATE_HINT}",
        )
    name = record.get(fields.source)
    source = str(name) if isinstance(name, str | int) and str(name) else where
    try:
        return parse_article(text, published=when, source=source)
    except InputError as exc:
        reason = ReadFailure.from_error(exc, source).reason
        if when is None and text.strip():
            reason = f"has no {fields.published!r} date; add one or {NO_DATE_HINT}"
        return ReadFailure(where, reason)
