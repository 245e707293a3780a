"""The golden cases are well-formed: a gold mistake must not pass for a pipeline bug.

These checks need no pipeline: every case has its three files, one publication date,
evidence quoted verbatim from the article, date values in the shape their precision
says, and together the cases cover what the golden set promises. In ``date.text`` and
``place.text`` an ellipsis (``...``) joins two verbatim fragments of one sentence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from calendar_export.scoring import GoldEvent, case_folders, load_case

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = Path(__file__).parents[1] / "data" / "samples"
CASES = case_folders(GOLDEN)

VALUE_SHAPES = {
    "day": r"\d{4}-\d{2}-\d{2}",
    "time": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}",
    "week": r"\d{4}-W\d{2}",
    "month": r"\d{4}-\d{2}",
    "season": r"\d{4}-(SP|SU|FA|WI)",
    "quarter": r"\d{4}-Q[1-4]",
    "year": r"\d{4}",
}

PROMISED = {
    "past-month-previous-year",
    "future-month-next-year",
    "weekday-past",
    "weekday-future",
    "day-range",
    "later-this-year",
    "coming-weeks",
    "cancellation",
    "postponement",
    "invitation",
    "proposal-no-date",
    "venue",
    "country-only-place",
    "summit-series",
    "dateline",
    "two-events-one-sentence",
    "unnamed-source",
    "phone-call",
    "no-meeting",
    "distractor",
}


def _meta(folder: Path) -> dict[str, object]:
    data = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _quoted(fragment: str, text: str) -> bool:
    flat = " ".join(text.split())
    return all(" ".join(part.split()) in flat for part in fragment.split("...") if part.strip())


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 8


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_case_is_consistent(folder: Path) -> None:
    gold, article = load_case(folder)  # also checks the header date against the gold dct
    meta = _meta(folder)
    assert meta["published"] == gold.dct.isoformat()
    assert meta["why"], "meta.json must say why the case exists"
    assert 150 <= len(article.text.split()) <= 400
    for event in gold.events:
        assert _quoted(event.evidence, article.text), f"evidence not in article: {event.title}"
        for fragment in (event.date.text, event.place.text):
            if fragment:
                assert _quoted(fragment, article.text), f"{fragment!r} not in article"


@pytest.mark.parametrize(
    "event",
    [pytest.param(e, id=f"{f.name}:{e.title}") for f in CASES for e in load_case(f)[0].events],
)
def test_date_value_has_the_shape_of_its_precision(event: GoldEvent) -> None:
    shape = VALUE_SHAPES.get(event.date.precision)
    if event.date.precision == "none":
        assert event.date.value is None
    elif shape is not None:
        assert event.date.value is not None
        assert re.fullmatch(shape, event.date.value), (event.date.value, event.date.precision)
    for value in (*event.date.alt_values, event.date.end):
        assert value is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?", value)


def test_cases_cover_what_the_golden_set_promises() -> None:
    covered: set[str] = set()
    for folder in CASES:
        topics = _meta(folder).get("covers", [])
        assert isinstance(topics, list)
        covered |= set(topics)
    assert covered >= PROMISED, f"not covered: {sorted(PROMISED - covered)}"


def test_at_least_one_case_has_no_meeting() -> None:
    assert any(not load_case(f)[0].events for f in CASES)


def test_bundled_golden_samples_are_copies_of_their_cases() -> None:
    copies = sorted(SAMPLES.glob("golden-*.txt"))
    assert len(copies) >= 3
    for copy in copies:
        case = GOLDEN / copy.stem.removeprefix("golden-") / "article.txt"
        assert case.is_file(), f"{copy.name} has no golden case"
        assert copy.read_text(encoding="utf-8") == case.read_text(encoding="utf-8")
