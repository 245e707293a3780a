"""Reader: a saved web page. Main text and publication date come from trafilatura.

The date is taken from the page's metadata only (``<meta property="article:published_time">``,
JSON-LD ``datePublished``, ``<time>`` elements and the like, as htmldate reads them), never
guessed from the body text: a page without one needs ``--published``. Needs the ``html``
extra (``pip install 'calendar-export[html]'``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..api import parse_article
from ..errors import InputError
from .base import NO_DATE_HINT, ArticleResult, ReadFailure, parse_published

#: The largest page parsed, in bytes. A news page is tens of kilobytes to about 2 MB with
#: its scripts; parsing takes time with the size (a 13 MB page took 84 s), so a larger page
#: is refused before it is parsed.
MAX_PAGE_SIZE = 4 * 1024 * 1024

# htmldate's options: metadata only (no guessing from the text), the original publication
# date rather than the last update, and a fixed upper bound so nothing reads the clock.
_DATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "max_date": "2100-12-31",
}


def read_html(raw: bytes | str, *, source: str, published: date | None = None) -> ArticleResult:
    """Extract the main text and publication date of an HTML page."""
    try:
        import trafilatura
    except ImportError:
        return ReadFailure(
            source, "reading HTML needs trafilatura; pip install 'calendar-export[html]'"
        )
    if len(raw) > MAX_PAGE_SIZE:
        return ReadFailure(
            source,
            f"is a page larger than {MAX_PAGE_SIZE // 2**20} MB, too big for one article; "
            "save the article's own text",
        )
    if isinstance(raw, bytes) and b"\x00" in raw[:8192]:
        return ReadFailure(source, "looks like a binary file, not an HTML page")
    doc = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return ReadFailure(
            source, "no article text found in the page; is it an article page and not a menu?"
        )
    page_date = parse_published(getattr(doc, "date", None))
    when = published or page_date
    if when is None:
        return ReadFailure(
            source, f"the page has no publication date in its metadata; {NO_DATE_HINT}"
        )
    # trafilatura puts one paragraph (or heading) a line; a blank line between them keeps
    # a headline without a full stop from running into the first sentence.
    body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    try:
        return parse_article(body, published=when, source=source)
    except InputError as exc:
        return ReadFailure.from_error(exc, source)
