"""Reader: a JSON Lines corpus, one article a line (``{"text", "published", "source"}``).

The field names are configurable (:class:`JsonlFields`). A bad line -- not JSON, not an
object, no text, no usable date -- is reported as ``FILE:LINE`` and skipped; blank lines
are ignored. Lines are read one at a time, so a corpus of any size streams.

Bounds, so that one bad line costs no more than a good one: a line longer than
:data:`MAX_LINE` bytes (a file with no newline, say) and a record nested deeper than
:data:`MAX_DEPTH` are reported as bad lines, without being held whole or parsed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

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

#: The longest line read, in bytes: an article's limit (128 KiB of text) with room for
#: escapes (``\u00e9`` is 6 bytes for one character) and other fields.
MAX_LINE = 1024 * 1024
#: The deepest nesting of objects and lists in a record: ``{"text": ...}`` is 1.
MAX_DEPTH = 32

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def bounded_lines(stream: BinaryIO, limit: int = MAX_LINE) -> Iterator[bytes]:
    """The lines of ``stream``; a line longer than ``limit`` comes as its first
    ``limit + 1`` bytes, the rest of it read and dropped, so memory stays bounded."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass
        yield line


def nesting_depth(line: bytes) -> int:
    """How deep objects and lists nest in a JSON text (strings do not count)."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub(b"", line)):
        depth += 1 if m.group(0) in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


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
    raw = line.encode() if isinstance(line, str) else line
    if len(raw.rstrip(b"\r\n")) > MAX_LINE:
        return ReadFailure(
            where,
            f"the line is longer than {MAX_LINE // 1024} KiB (is there a newline after each "
            "record?); split it",
        )
    if raw.count(b"[") + raw.count(b"{") > MAX_DEPTH and nesting_depth(raw) > MAX_DEPTH:
        return ReadFailure(
            where,
            f"nested deeper than {MAX_DEPTH} levels; a record is one flat object like "
            f'{{"{fields.text}": "...", "{fields.published}": "YYYY-MM-DD"}}',
        )
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
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
