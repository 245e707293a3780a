"""The feed reader: RSS 2.0 and Atom, every entry an article with its own date."""

from __future__ import annotations

from datetime import date
from html import escape

import pytest

from calendar_export.models import Article
from calendar_export.readers import ReadFailure
from calendar_export.readers.feeds import html_to_text, read_feed

from .conftest import PARAGRAPHS

pytest.importorskip("feedparser")

SUMMARY = escape("".join(f"<p>{p}</p>" for p in PARAGRAPHS))

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Gazette</title><link>https://gazette.test/</link>
<description>World news</description>
<item><title>Chile and Norway to hold salmon talks</title>
<link>https://gazette.test/salmon</link>
<pubDate>Mon, 06 May 2024 23:30:00 -0500</pubDate>
<description>{SUMMARY}</description></item>
<item><title>Undated brief</title><link>https://gazette.test/brief</link>
<description>Ministers will meet again soon.</description></item>
<item><title>Second item</title><guid isPermaLink="false">x-2</guid>
<pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>
<description>The summit opens in Lima on Friday.</description></item>
</channel></rss>""".encode()

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Wire</title><id>urn:test:wire</id>
<updated>2024-05-09T00:00:00Z</updated>
<entry><title>Salmon talks</title><id>urn:test:1</id>
<link rel="alternate" href="https://wire.test/1"/>
<published>2024-05-08T22:00:00-04:00</published><updated>2024-05-09T03:00:00Z</updated>
<content type="html">{SUMMARY}</content></entry>
<entry><title>Only updated</title><id>urn:test:2</id><updated>2024-05-01T12:00:00Z</updated>
<summary>Talks are planned in Bern.</summary></entry>
</feed>""".encode()


def test_rss_entries_are_articles_with_their_own_dates() -> None:
    items = list(read_feed(RSS, source="news.rss"))
    assert len(items) == 3
    first, undated, third = items
    assert isinstance(first, Article)
    # The date the feed wrote (its own time zone), not the UTC day after.
    assert first.published == date(2024, 5, 6)
    assert first.source == "https://gazette.test/salmon"
    assert first.text.startswith("Chile and Norway to hold salmon talks\n\nTrade ministers")
    assert PARAGRAPHS[1] in first.text
    assert "<p>" not in first.text
    assert isinstance(third, Article)
    assert third.published == date(2024, 5, 7)
    assert isinstance(undated, ReadFailure)
    assert undated.source.startswith("news.rss#entry-2")
    assert "Undated brief" in undated.source
    assert "no date" in undated.reason
    assert "--published" in undated.reason


def test_atom_published_then_updated() -> None:
    first, second = read_feed(ATOM, source="wire.atom")
    assert isinstance(first, Article)
    assert first.published == date(2024, 5, 8), "published wins over updated, local day"
    assert first.source == "https://wire.test/1"
    assert PARAGRAPHS[0] in first.text
    assert isinstance(second, Article)
    assert second.published == date(2024, 5, 1), "updated when nothing else"
    assert second.text == "Only updated\n\nTalks are planned in Bern."


def test_published_overrides_entry_dates() -> None:
    items = list(read_feed(RSS, source="news.rss", published=date(2024, 1, 1)))
    assert all(isinstance(i, Article) and i.published == date(2024, 1, 1) for i in items)


@pytest.mark.parametrize(
    "raw",
    [b"this is not a feed, just words", b"<html><body><p>A page</p></body></html>"],
)
def test_not_a_feed_is_one_failure(raw: bytes) -> None:
    (failure,) = read_feed(raw, source="x.xml")
    assert isinstance(failure, ReadFailure)
    assert failure.source == "x.xml"
    assert "not an RSS or Atom feed" in failure.reason


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."),
        ("Line<br>break", "Line\n\nbreak"),
        ("<b>bold</b>  and\n  spaced", "bold and spaced"),
        ("<script>var x = 1;</script>Text", "Text"),
    ],
)
def test_html_to_text(fragment: str, expected: str) -> None:
    assert html_to_text(fragment) == expected
