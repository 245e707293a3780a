"""The plain-text reader: the ``date`` header, --published, and bad files."""

from __future__ import annotations

from datetime import date

import pytest

from calendar_export.models import Article
from calendar_export.readers import ReadFailure
from calendar_export.readers.text import read_text


@pytest.mark.parametrize(
    ("raw", "published", "expected_date", "why"),
    [
        (b"date 2024-03-14\nTalks in Oslo.", None, date(2024, 3, 14), "header on its own line"),
        (b" date 2024-03-14 Talks in Oslo.", None, date(2024, 3, 14), "header shares the line"),
        (b"date 2024-03-14\nTalks.", date(2020, 1, 2), date(2020, 1, 2), "--published wins"),
        (b"Talks in Oslo.", date(2020, 1, 2), date(2020, 1, 2), "--published supplies it"),
    ],
)
def test_text_article_gets_its_date(
    raw: bytes, published: date | None, expected_date: date, why: str
) -> None:
    article = read_text(raw, source="a.txt", published=published)
    assert isinstance(article, Article), why
    assert article.published == expected_date, why
    assert article.source == "a.txt"
    assert not article.text.startswith("date"), why


@pytest.mark.parametrize(
    ("raw", "expected", "why"),
    [
        (b"", "is empty", "nothing to read"),
        (b"date 2024-03-14\n  \n", "is empty", "only a header"),
        (b"\x00\x01\x02binary", "binary", "NUL bytes"),
        (b"Talks in Oslo.", "--published", "no date anywhere: say how to give one"),
        (b"date 2024-02-31\nTalks.", "not a real date", "impossible header date"),
        (b"\xff\xfe\xfa caf\xe9", "UTF-8", "not UTF-8"),
    ],
)
def test_bad_text_is_a_failure_naming_the_file(raw: bytes, expected: str, why: str) -> None:
    failure = read_text(raw, source="bad.txt")
    assert isinstance(failure, ReadFailure), why
    assert failure.source == "bad.txt"
    assert expected in failure.reason, why
    assert str(failure).startswith("bad.txt: "), "the source is named once, first"
    assert not failure.reason.startswith("bad.txt"), "the source is not repeated"
