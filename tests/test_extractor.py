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


def test_the_child_ingests_into_the_store_file_once(tmp_path) -> None:
    from calendar_export.store import Store

    path = tmp_path / "feed.sqlite"
    Store(path).close()
    extractor = Extractor()
    try:
        first = extractor.ingest(str(path), ARTICLE)
        again = extractor.ingest(str(path), ARTICLE)
    finally:
        extractor.close()
    assert first.created
    assert not first.duplicate
    assert again.duplicate
    with Store(path) as store:
        assert store.counts()["articles"] == 1
        assert {s.event.uid for s in store.events()} == set(first.created)
