"""Reading an article: the date header, overrides, and clear errors."""

from __future__ import annotations

from datetime import date

import pytest

from calendar_export import InputError, parse_article


@pytest.mark.parametrize(
    ("raw", "published", "expected_date", "expected_text", "why"),
    [
        ("date 2023-06-19\nBody.", None, date(2023, 6, 19), "Body.", "header on its own line"),
        (
            " date 2023-06-19 Body here.",
            None,
            date(2023, 6, 19),
            "Body here.",
            "header shares the line",
        ),
        ("date 2023-06-19\nBody.", date(2020, 1, 1), date(2020, 1, 1), "Body.", "option overrides"),
        ("Body only.", date(2020, 1, 1), date(2020, 1, 1), "Body only.", "option supplies it"),
        (b"\xef\xbb\xbfdate 2023-06-19\nBody.", None, date(2023, 6, 19), "Body.", "UTF-8 BOM"),
    ],
)
def test_header_and_override(raw, published, expected_date, expected_text, why) -> None:
    article = parse_article(raw, published=published, source="a.txt")
    assert article.published == expected_date, why
    assert article.text.strip() == expected_text, why


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("date 2023-06-19\n   \n", "empty"),
        ("No date here.", "pass --published"),
        ("date 2023-13-40\nBody.", "not a real date"),
        (b"\x00\x00binary", "binary"),
        (b"date 2023-06-19\n\xff\xfe bad", "UTF-8"),
    ],
)
def test_bad_input_names_the_file_and_what_to_do(raw, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_article(raw, source="news/x.txt")
    assert str(info.value).startswith("news/x.txt: ")
    assert message in str(info.value)
