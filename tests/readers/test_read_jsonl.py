"""The JSON Lines reader: configurable fields, a bad line reported and skipped."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from calendar_export.models import Article
from calendar_export.readers import JsonlFields, ReadFailure, read_articles

from .conftest import PARAGRAPHS


def write_corpus(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_corpus_with_bad_lines(tmp_path: Path) -> None:
    good = {"text": PARAGRAPHS[0], "published": "2024-05-06", "source": "wire-1"}
    corpus = write_corpus(
        tmp_path / "corpus.jsonl",
        [
            json.dumps(good),
            '{"text": "broken',  # not JSON
            "",  # blank lines are not articles
            json.dumps(["a", "list"]),
            json.dumps({"published": "2024-05-06"}),
            json.dumps({"text": PARAGRAPHS[1], "published": "May the sixth"}),
            json.dumps({"text": PARAGRAPHS[1]}),
            json.dumps({"text": "date 2024-05-09\n" + PARAGRAPHS[1]}),
            json.dumps({"text": PARAGRAPHS[1], "published": "2024-05-06T23:00:00-05:00"}),
        ],
    )
    items = list(read_articles(corpus))
    assert len(items) == 8
    by_where = {i.source: i for i in items}
    assert isinstance(by_where["wire-1"], Article)
    assert by_where["wire-1"].published == date(2024, 5, 6)
    failures = {i.source: i.reason for i in items if isinstance(i, ReadFailure)}
    name = str(corpus)
    assert "not valid JSON" in failures[f"{name}:2"]
    assert "not a JSON object" in failures[f"{name}:4"]
    assert "'text'" in failures[f"{name}:5"]
    assert "--text-field" in failures[f"{name}:5"]
    assert "not a date" in failures[f"{name}:6"]
    assert "'published'" in failures[f"{name}:7"]
    assert "--published" in failures[f"{name}:7"]
    header = by_where[f"{name}:8"]
    assert isinstance(header, Article), "a 'date' header in the text is enough"
    assert header.published == date(2024, 5, 9)
    local = by_where[f"{name}:9"]
    assert isinstance(local, Article)
    assert local.published == date(2024, 5, 6), "the writer's day, not UTC's"
    assert len(failures) == 5


def test_field_names_are_configurable(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c.jsonl",
        [json.dumps({"body": PARAGRAPHS[0], "date": "2024-05-06", "url": "https://x.test/1"})],
    )
    fields = JsonlFields(text="body", published="date", source="url")
    (article,) = read_articles(corpus, fields=fields)
    assert isinstance(article, Article)
    assert article.source == "https://x.test/1"
    assert article.text == PARAGRAPHS[0]


def test_published_overrides_corpus_dates(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c.jsonl", [json.dumps({"text": PARAGRAPHS[0], "published": "2024-05-06"})]
    )
    (article,) = read_articles(corpus, published=date(2023, 1, 2))
    assert isinstance(article, Article)
    assert article.published == date(2023, 1, 2)
    assert article.source == f"{corpus}:1", "no source field: FILE:LINE names it"


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_corpus_is_read_lazily(tmp_path: Path, suffix: str) -> None:
    lines = [
        json.dumps({"text": f"Talks number {n}.", "published": "2024-05-06"}) for n in range(50)
    ]
    corpus = write_corpus(tmp_path / f"big{suffix}", lines)
    items = read_articles(corpus)
    first = next(items)
    assert isinstance(first, Article)
    assert first.text == "Talks number 0."
    assert sum(1 for _ in items) == 49
