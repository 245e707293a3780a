"""``calendar-export extract`` over several articles shows each meeting once (the store's
identity), and ``--no-merge`` keeps the events of each article."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner

from calendar_export.api import parse_article
from calendar_export.cli import main
from calendar_export.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "inputs-nairobi-trade-2025-01-20.txt"
STORIES = Path(__file__).parent / "stories"


def _events(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(main, ["extract", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["events"])


@pytest.fixture
def copies(tmp_path: Path) -> Path:
    folder = tmp_path / "copies"
    folder.mkdir()
    for i in range(60):
        (folder / f"copy-{i:02}.txt").write_bytes(SAMPLE.read_bytes())
    return folder


def test_sixty_copies_of_one_article_give_the_events_of_one(copies: Path) -> None:
    runner = CliRunner()
    one = _events(runner, str(SAMPLE))
    assert len(one) >= 3
    merged = _events(runner, str(copies))
    assert [e["title"] for e in merged] == [e["title"] for e in one]
    assert [e["when"] for e in merged] == [e["when"] for e in one]
    # Copies of one text add no evidence and corroborate nothing.
    assert [len(e["mentions"]) for e in merged] == [len(e["mentions"]) for e in one]
    assert [e["confidence"] for e in merged] == [e["confidence"] for e in one]


def test_no_merge_keeps_the_events_of_each_article(copies: Path) -> None:
    runner = CliRunner()
    one = _events(runner, str(SAMPLE))
    assert len(_events(runner, str(copies), "--no-merge")) == 60 * len(one)


def test_extract_over_a_story_shows_one_moved_meeting(tmp_path: Path) -> None:
    out = tmp_path / "nato.ics"
    result = CliRunner().invoke(
        main, ["extract", str(STORIES / "nato-brussels-moved"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    vevents = list(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert len(vevents) == 1
    assert vevents[0].decoded("DTSTART") == date(2025, 2, 13)
    assert str(vevents[0]["X-CALENDAR-EXPORT-STATUS"]) == "happened"


def _story_names() -> list[str]:
    return sorted(p.name for p in STORIES.iterdir() if p.is_dir())


@pytest.mark.parametrize("story", _story_names())
def test_extract_and_the_store_tell_every_story_alike(story: str, tmp_path: Path) -> None:
    """One identity everywhere: ``extract`` over a story's folder shows the meetings the
    feed's store shows after ingesting its articles."""
    folder = STORIES / story
    articles = sorted(p for p in folder.glob("*.txt"))
    with Store(tmp_path / "feed.sqlite") as store:
        for article in sorted(
            (parse_article(p.read_bytes(), source=p.name) for p in articles),
            key=lambda a: a.published,
        ):
            store.ingest(article)
        stored = sorted(_summary(s.event.model_dump(mode="json")) for s in store.events())
    extracted = sorted(_summary(e) for e in _events(CliRunner(), str(folder)))
    assert extracted == stored


def _summary(event: dict[str, Any]) -> tuple[str, str, str, str]:
    when = event["when"]
    return (str(when["start"]), str(when["end"]), str(event["status"]), str(event["title"]))
