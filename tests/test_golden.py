"""Golden tests: each article written for this project yields exactly its gold events.

Parametrized over ``tests/golden/<case>/`` (``article.txt``, ``gold.json``, ``meta.json``)
and the shared reference article (``../shared/samples``; skipped when absent, or set
``CALENDAR_EXPORT_SHARED``). The check is :func:`calendar_export.scoring.golden_check`:
every required gold event found with its date value, place and status, and nothing
reported but optional events. A failure prints the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from calendar_export import extract_events, parse_article
from calendar_export.scoring import case_folders, golden_check, load_case, load_gold_file

GOLDEN = Path(__file__).parent / "golden"
SHARED = Path(os.environ.get("CALENDAR_EXPORT_SHARED", Path(__file__).parents[1] / "../shared"))
REFERENCE = "blinken-beijing-2023-06-19"


@pytest.mark.parametrize("folder", case_folders(GOLDEN), ids=lambda p: p.name)
def test_golden_case(folder: Path) -> None:
    gold, article = load_case(folder)
    events = extract_events(article.text, published=article.published, source=folder.name)
    diff = golden_check(events, gold.events)
    assert diff.ok, f"{folder.name}:\n{diff}"


def test_reference_article() -> None:
    txt = SHARED / "samples" / f"{REFERENCE}.txt"
    gold_path = SHARED / "samples" / f"{REFERENCE}.gold.json"
    if not (txt.is_file() and gold_path.is_file()):
        pytest.skip(f"{txt} not found: the shared evaluation folder is absent")
    gold = load_gold_file(gold_path)
    article = parse_article(txt.read_bytes(), source=txt.name)
    assert article.published == gold.dct
    events = extract_events(article.text, published=article.published, source=txt.name)
    diff = golden_check(events, gold.events)
    assert diff.ok, f"{REFERENCE}:\n{diff}"
