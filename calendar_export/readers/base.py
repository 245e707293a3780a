"""What every reader yields: an :class:`~calendar_export.models.Article` or a :class:`ReadFailure`.

A reader never raises for one bad file or entry: it yields a failure that names the file
(or ``file:line``, or the feed entry) and says what happened and what to do, then goes on.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, TypeAlias

from ..errors import InputError
from ..models import Article

InputFormat = Literal["auto", "text", "html", "feed", "jsonl"]
"""How to read an input; ``auto`` decides from the file suffix, the HTTP type or the content."""

INPUT_FORMATS: tuple[InputFormat, ...] = ("auto", "text", "html", "feed", "jsonl")

NO_DATE_HINT = "pass --published YYYY-MM-DD"


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be turned into an article: where, and why.

    ``source`` names the file, ``file:line`` or feed entry; ``reason`` says what happened
    and what to do (``"is empty: there is no article text to read"``).
    """

    source: str
    reason: str
    note: bool = False
    """True for something left out on purpose, not an error (a named pipe in a folder):
    reported, but it does not make the run fail."""

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    @classmethod
    def from_error(cls, exc: InputError, source: str) -> ReadFailure:
        """Turn an :class:`InputError` into a failure, without repeating its source."""
        message = str(exc)
        prefix = f"{exc.source}: " if exc.source else ""
        if prefix and message.startswith(prefix):
            message = message[len(prefix) :]
        return cls(source=exc.source or source, reason=message)


ArticleResult: TypeAlias = Article | ReadFailure
"""One item a reader yields."""


def parse_published(value: object) -> date | None:
    """Read a publication date as written: ISO 8601 (date or date-time) or RFC 822.

    The date is the one in the writer's own time zone (``2024-03-14T23:30-05:00`` is
    2024-03-14), not converted to UTC. Returns ``None`` for anything else.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None
