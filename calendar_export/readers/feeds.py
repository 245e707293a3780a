"""Reader: an RSS or Atom feed, every entry an article with its own date (feedparser).

An entry's text is its content (or summary) with the markup removed, after its title as
the first paragraph. Its date is the one it was published (else updated) in the feed's own
time zone. Its source is its link, or ``FEED#entry-N``. Needs the ``feeds`` extra.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from html.parser import HTMLParser
from typing import Any

from ..api import parse_article
from ..errors import InputError
from .base import NO_DATE_HINT, ArticleResult, ReadFailure, parse_published

# Elements after which the text of an entry starts a new paragraph.
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    | {"section", "article", "header", "footer", "tr", "table", "pre", "figure", "figcaption"}
)
_SKIPPED = frozenset({"script", "style", "noscript"})


class _TextOf(HTMLParser):
    """The text of an HTML fragment, a blank line between block elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by a blank line."""
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def read_feed(
    raw: bytes | str, *, source: str, published: date | None = None
) -> Iterator[ArticleResult]:
    """Yield an article (or a failure) for every entry of the feed in ``raw``."""
    try:
        import feedparser
    except ImportError:
        yield ReadFailure(
            source, "reading feeds needs feedparser; pip install 'calendar-export[feeds]'"
        )
        return
    parsed = feedparser.parse(raw)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> element"
        yield ReadFailure(source, f"is not an RSS or Atom feed ({why}); check the file or URL")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        yield _read_entry(entry, number=number, feed=source, published=published)


def _read_entry(
    entry: Mapping[str, Any], *, number: int, feed: str, published: date | None
) -> ArticleResult:
    link = entry.get("link") or entry.get("id")
    where = f"{feed}#entry-{number}"
    source = str(link) if link else where
    title = html_to_text(str(entry.get("title") or ""))
    body = _entry_body(entry)
    label = f"{where} ({title[:60]!r})" if title else where
    if not body and not title:
        return ReadFailure(label, "the entry has no text (no <description> or <content>)")
    when = published or _entry_date(entry)
    if when is None:
        return ReadFailure(
            label, f"the entry has no date (<pubDate>, <published> or <updated>); {NO_DATE_HINT}"
        )
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    try:
        return parse_article(text, published=when, source=source)
    except InputError as exc:
        return ReadFailure(label, ReadFailure.from_error(exc, source).reason)


def _entry_body(entry: Mapping[str, Any]) -> str:
    contents = entry.get("content") or []
    if contents:
        return "\n\n".join(html_to_text(str(c.get("value") or "")) for c in contents).strip()
    return html_to_text(str(entry.get("summary") or ""))


def _entry_date(entry: Mapping[str, Any]) -> date | None:
    for key in ("published", "updated", "created"):
        found = parse_published(entry.get(key))
        if found is not None:
            return found
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None
