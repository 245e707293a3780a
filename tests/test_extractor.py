"""The server's extraction child process: same events as in-process, survives its death."""

from __future__ import annotations

from datetime import date

import pytest

from calendar_export.api import extract_events
from calendar_export.errors import CalendarExportError
from calendar_export.extractor import Extractor
from calendar_export.models import Article

TEXT = "The foreign ministers of Spain and Portugal will meet in Lisbon on Monday."
ARTICLE = Article(text=TEXT, published=date(2024, 3, 14), source="a.txt")


def test_the_child_finds_what_extract_events_finds_and_comes_back_after_dying() -> None:
    extractor = Extractor()
    try:
        expected = extract_events(TEXT, published=ARTICLE.published, source="a.txt")
        assert expected
        assert extractor.extract(ARTICLE) == expected
        assert extractor._proc is not None
        extractor._proc.kill()
        extractor._proc.wait()
        assert extractor.extract(ARTICLE) == expected
    finally:
        extractor.close()


def test_a_bad_article_is_an_error_and_the_child_goes_on() -> None:
    extractor = Extractor()
    try:
        with pytest.raises(CalendarExportError, match="128 KiB"):
            extractor.extract(ARTICLE.model_copy(update={"text": "word " * 40_000}))
        assert extractor.extract(ARTICLE)
    finally:
        extractor.close()
