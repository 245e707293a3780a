"""The HTML reader: main text with trafilatura, the date from the page's metadata only."""

from __future__ import annotations

from datetime import date

import pytest

from calendar_export.models import Article
from calendar_export.readers import ReadFailure
from calendar_export.readers.html import read_html

from .conftest import PARAGRAPHS

pytest.importorskip("trafilatura")

BOILERPLATE = "Subscribe to our newsletter"


def page(head_extra: str = "", *, body_date: str = "") -> bytes:
    """A news page written for this test: navigation, an article, a footer."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Chile and Norway to meet - The Test Gazette</title>{head_extra}</head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<main><article><h1>Chile and Norway to hold salmon talks</h1>{body_date}
{paragraphs}</article></main>
<aside><p>{BOILERPLATE} for daily briefings.</p></aside>
<footer><p>Copyright The Test Gazette</p></footer></body></html>""".encode()


@pytest.mark.parametrize(
    ("head", "expected", "why"),
    [
        (
            '<meta property="article:published_time" content="2024-05-06T08:00:00+02:00">',
            date(2024, 5, 6),
            "Open Graph article time",
        ),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "NewsArticle", "datePublished": "2024-05-07"}</script>',
            date(2024, 5, 7),
            "JSON-LD datePublished",
        ),
        ('<meta name="date" content="2024-05-08">', date(2024, 5, 8), "a plain meta date"),
    ],
)
def test_page_with_date_metadata(head: str, expected: date, why: str) -> None:
    article = read_html(page(head), source="page.html")
    assert isinstance(article, Article), why
    assert article.published == expected, why
    assert article.source == "page.html"
    assert PARAGRAPHS[0] in article.text
    assert PARAGRAPHS[1] in article.text
    assert "Home" not in article.text, "navigation is not article text"


def test_headline_is_its_own_paragraph() -> None:
    article = read_html(page('<meta name="date" content="2024-05-08">'), source="p.html")
    assert isinstance(article, Article)
    assert "Chile and Norway to hold salmon talks\n\nTrade ministers" in article.text


def test_page_without_date_metadata_asks_for_published() -> None:
    # A date in the body text is not page metadata: it must not be guessed from.
    failure = read_html(page(body_date="<p>Posted 3 May 2024.</p>"), source="nodate.html")
    assert isinstance(failure, ReadFailure)
    assert failure.source == "nodate.html"
    assert "no publication date" in failure.reason
    assert "--published" in failure.reason


def test_published_supplies_the_missing_date() -> None:
    article = read_html(page(), source="nodate.html", published=date(2024, 1, 9))
    assert isinstance(article, Article)
    assert article.published == date(2024, 1, 9)


def test_page_without_article_text_is_a_failure() -> None:
    empty = b"<html><head><meta name='date' content='2024-05-08'></head><body></body></html>"
    failure = read_html(empty, source="empty.html")
    assert isinstance(failure, ReadFailure)
    assert "no article text" in failure.reason


def test_binary_file_named_html_is_a_failure() -> None:
    failure = read_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00", source="img.html")
    assert isinstance(failure, ReadFailure)
    assert "binary" in failure.reason
