"""What the CLI, the server and library users call.

Nothing here reads the clock: the publication date is always a parameter.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from datetime import date

from .errors import InputError
from .models import Article, Event, EventList, Timex

_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")

#: The longest article read, in bytes (characters when given text). News runs to tens of
#: kilobytes (the longest of 400 bench articles is 11 KB). A larger text is a corpus or a
#: mistake: it is refused with a clear error rather than read for minutes as one story
#: (the worst 128 KiB inputs found, one short meeting sentence repeated, take about 2 s).
MAX_ARTICLE_SIZE = 128 * 1024

#: Publication years an article may carry. Dates resolved against a year near 1 or 9999 fall
#: outside what a calendar can hold; such a header is a typo, not news.
PUBLISHED_YEARS = range(1000, 3000)


def _too_long(source: str | None) -> InputError:
    return InputError(
        f"is over {MAX_ARTICLE_SIZE // 1024} KiB, too long for one article; split it into articles",
        source=source,
    )


def parse_article(
    raw: str | bytes, *, published: date | None = None, source: str | None = None
) -> Article:
    """Turn raw article text into an :class:`Article`.

    The text may start with a ``date YYYY-MM-DD`` header, alone on its line or followed by
    the body on the same line. ``published`` overrides the header. Raises
    :class:`InputError` for empty, binary, undecodable or oversized input (over
    :data:`MAX_ARTICLE_SIZE`), an impossible header date, a publication year outside
    :data:`PUBLISHED_YEARS`, or no date.
    """
    if len(raw) > MAX_ARTICLE_SIZE:
        raise _too_long(source)
    if isinstance(raw, bytes):
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise InputError("is UTF-16 text; convert it to UTF-8", source=source)
        if b"\x00" in raw[:8192]:
            raise InputError("looks like a binary file, not article text", source=source)
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"is not UTF-8 text (byte {exc.start}); convert it to UTF-8", source=source
            ) from exc
    if "\x00" in raw:
        raise InputError("contains NUL characters; is it a binary file?", source=source)
    text = raw
    header_date: date | None = None
    match = _HEADER.match(raw)
    if match:
        try:
            header_date = date.fromisoformat(match.group(1))
        except ValueError as exc:
            raise InputError(
                f"the date header {match.group(1)!r} is not a real date; fix it or pass "
                "--published YYYY-MM-DD",
                source=source,
            ) from exc
        text = raw[match.end() :]
    if not text.strip():
        raise InputError("is empty: there is no article text to read", source=source)
    when = published or header_date
    if when is None:
        raise InputError(
            "has no publication date: start it with a 'date YYYY-MM-DD' line or pass "
            "--published YYYY-MM-DD",
            source=source,
        )
    if when.year not in PUBLISHED_YEARS:
        raise InputError(
            f"the publication date {when.isoformat()} is outside the years "
            f"{PUBLISHED_YEARS.start}-{PUBLISHED_YEARS.stop - 1}; fix the 'date' header or pass "
            "--published YYYY-MM-DD",
            source=source,
        )
    return Article(text=text, published=when, source=source)


def find_timexes(text: str, *, published: date) -> list[Timex]:
    """Find every temporal expression in ``text``, normalized against ``published``.

    Each :class:`Timex` has character offsets into ``text``, its TIMEX3 ``type`` and
    ``value`` (``2023-06-19``, ``2023-09``, ``2023-W38``, ``2023-SU``, ``P5Y``,
    ``FUTURE_REF``, ...), and the runner-up readings when the choice was close.

    Running text is read by tense ("met on Tuesday" is the last one). A short phrase typed
    alone ("tuesday 7pm", "3 fridays from now", "sat") has no tense: it is read the way a
    scheduling assistant reads it, the next occurrence, with forms that would be too
    ambiguous in prose. Pass a :class:`~datetime.datetime` as ``published`` to anchor
    clock offsets ("in 2 hours") at that time of day.
    """
    from .pipeline.temporal import tag_timexes

    return tag_timexes(text, published=published)


def extract_events(
    text: str,
    *,
    published: date,
    source: str | None = None,
    min_confidence: float = 0.0,
) -> list[Event]:
    """Extract the meetings, visits, talks and summits ``text`` states or implies.

    Dates are resolved against ``published`` according to tense and modality; each event
    carries its status, place, participants, a confidence score with notes, and the
    sentences that state it. Finding nothing returns ``[]``. Raises :class:`InputError`
    for a text over :data:`MAX_ARTICLE_SIZE` characters.
    """
    from .pipeline import run_pipeline

    if len(text) > MAX_ARTICLE_SIZE:
        raise _too_long(source)
    article = Article(text=text, published=published, source=source)
    return [e for e in run_pipeline(article) if e.confidence.score >= min_confidence]


def to_ics(events: Iterable[Event], *, name: str | None = None) -> bytes:
    """Render events as an RFC 5545 calendar (bytes, CRLF, folded), built by icalendar.

    Events without a usable date are left out (they stay in the JSON output).
    """
    from .ics import events_to_ics

    return events_to_ics(list(events), name=name)


def to_json(events: Iterable[Event]) -> str:
    """Render events as the JSON document ``{"events": [...]}``."""
    return EventList(events=tuple(events)).model_dump_json(indent=2) + "\n"
