"""The scoring yardstick: matching, field rules, counts, bands and the golden diff.

Built from constructed events, so each rule is seen to pass and to fail; plus the gold
scored against itself, which must be perfect on every gold file we can read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from calendar_export import Confidence, Event, Mention, Place, When
from calendar_export.errors import InputError
from calendar_export.models import Kind, Status
from calendar_export.scoring import (
    STATUS_CLASSES,
    GoldEvent,
    GoldPlace,
    case_folders,
    format_details,
    format_summary,
    golden_check,
    load_case,
    load_gold_file,
    load_gold_jsonl,
    match_events,
    place_right,
    status_right,
    summarize,
    word_overlap,
)

REPO = Path(__file__).parents[1]
SHARED = Path(os.environ.get("CALENDAR_EXPORT_SHARED", REPO / "../shared"))


def event(
    title: str,
    *,
    sentence: str = "",
    value: str | None = None,
    place: str | None = None,
    country: str | None = None,
    status: Status = "scheduled",
    kind: Kind = "meeting",
    participants: Sequence[str] = (),
    score: float = 0.9,
) -> Event:
    """A predicted event with only the fields scoring reads."""
    return Event(
        uid=f"test-{title}",
        title=title,
        kind=kind,
        status=status,
        when=When(value=value, precision="day" if value else "none"),
        place=Place(name=place, country=country) if place else None,
        participants=tuple(participants),
        confidence=Confidence(score=score),
        mentions=(Mention(sentence=sentence, start=0, end=len(sentence)),) if sentence else (),
    )


def gold(
    title: str,
    *,
    evidence: str = "",
    value: str | None = None,
    names: Any = None,
    country: str | None = None,
    status: Any = "scheduled",
    **extra: Any,
) -> GoldEvent:
    """A gold event as a gold file would state it."""
    return GoldEvent.model_validate(
        {
            "title": title,
            "kind": extra.pop("kind", "meeting"),
            "date": {
                "value": value,
                "precision": "day" if value else "none",
                "alt_values": extra.pop("alt_values", []),
            },
            "place": {"name": names, "country": country},
            "participants": extra.pop("participants", []),
            "status": status,
            "evidence": evidence,
            **extra,
        }
    )


SENTENCE = "The ministers will meet in Lisbon on Monday to discuss fishing quotas."


# --- word overlap and the two ways a pair becomes possible ---------------------------


def test_word_overlap_is_relative_to_the_shorter_text() -> None:
    assert word_overlap("ministers will meet", SENTENCE) == 1.0
    assert word_overlap("Ministers WILL meet!", "ministers will meet") == 1.0
    assert word_overlap("alpha beta gamma delta epsilon", "alpha beta gamma x y z") == 0.6
    assert word_overlap("", SENTENCE) == 0.0


def test_pair_by_sentence_overlap_needs_no_other_agreement() -> None:
    match = match_events(
        [event("Something else entirely", sentence=SENTENCE)],
        [gold("Lisbon talks", evidence="The ministers will meet in Lisbon on Monday")],
    )
    assert len(match.pairs) == 1
    assert not match.misses
    assert not match.spurious


@pytest.mark.parametrize(
    ("sentence", "paired"),
    [
        ("alpha beta gamma x y", True),  # 3 of 5 shared: 0.6
        ("alpha beta x y z", False),  # 2 of 5: 0.4
    ],
)
def test_sentence_overlap_threshold_is_sixty_percent(sentence: str, paired: bool) -> None:
    match = match_events(
        [event("p", sentence=sentence)],
        [gold("g", evidence="alpha beta gamma delta epsilon")],
    )
    assert bool(match.pairs) is paired


def test_pair_by_date_and_place_from_another_sentence() -> None:
    match = match_events(
        [event("Talks", sentence="Unrelated words here.", value="2024-05-06", place="Lisbon")],
        [gold("Fisheries round", evidence=SENTENCE, value="2024-05-06", names="Lisbon")],
    )
    assert len(match.pairs) == 1


def test_pair_by_date_and_title_word() -> None:
    match = match_events(
        [event("Fisheries talks", sentence="Unrelated words here.", value="2024-05-06")],
        [gold("Fisheries round", evidence=SENTENCE, value="2024-05-06", names="Porto")],
    )
    assert len(match.pairs) == 1


def test_same_date_alone_is_not_enough() -> None:
    match = match_events(
        [event("Budget vote", sentence="Unrelated words here.", value="2024-05-06")],
        [gold("Fisheries round", evidence=SENTENCE, value="2024-05-06", names="Porto")],
    )
    assert match.pairs == ()
    assert match.misses == (0,)
    assert match.spurious == (0,)


def test_two_missing_dates_do_not_agree() -> None:
    match = match_events(
        [event("Fisheries talks", sentence="Unrelated words here.", place="Porto")],
        [gold("Fisheries round", evidence=SENTENCE, names="Porto")],
    )
    assert match.pairs == ()


def test_function_words_do_not_make_titles_agree() -> None:
    match = match_events(
        [event("Visit to the north", sentence="Unrelated words.", value="2024-05-06")],
        [gold("Round of the talks", evidence=SENTENCE, value="2024-05-06", names="Porto")],
    )
    assert match.pairs == ()


# --- one to one, greedily ------------------------------------------------------------


def test_one_gold_event_takes_one_prediction_the_other_is_spurious() -> None:
    preds = [
        event("Lisbon talks", sentence=SENTENCE, value="2024-05-06", place="Lisbon"),
        event("Lisbon talks again", sentence=SENTENCE, value="2024-05-07"),
    ]
    match = match_events(preds, [gold("Lisbon talks", evidence=SENTENCE, value="2024-05-06")])
    assert [(p.gold, p.predicted) for p in match.pairs] == [(0, 0)]
    assert match.spurious == (1,)


def test_greedy_pairs_events_sharing_a_sentence_by_their_fields() -> None:
    text = "Ana Costa will meet Lima on Monday and Reis on Tuesday."
    golds = [
        gold("Costa meets Lima", evidence=text, value="2024-05-06", participants=["Lima"]),
        gold("Costa meets Reis", evidence=text, value="2024-05-07", participants=["Reis"]),
    ]
    preds = [
        event("Costa meets Reis", sentence=text, value="2024-05-07", participants=["Reis"]),
        event("Costa meets Lima", sentence=text, value="2024-05-06", participants=["Lima"]),
    ]
    match = match_events(preds, golds)
    assert [(p.gold, p.predicted) for p in match.pairs] == [(0, 1), (1, 0)]
    assert all(p.all_ok for p in match.pairs)


def test_a_tie_goes_to_the_required_gold_event() -> None:
    golds = [
        gold("Trip", evidence=SENTENCE, optional=True),
        gold("Trip", evidence=SENTENCE),
    ]
    match = match_events([event("Trip", sentence=SENTENCE)], golds)
    assert [p.gold for p in match.pairs] == [1]
    assert match.misses == ()


# --- optional and borderline gold events ---------------------------------------------


@pytest.mark.parametrize("flag", ["optional", "borderline"])
def test_optional_gold_is_neither_required_nor_penalized(flag: str) -> None:
    flags: dict[str, Any] = {flag: True}
    golds = [
        gold("Lisbon talks", evidence=SENTENCE, value="2024-05-06"),
        gold("Porto dinner", evidence="They dined in Porto on Sunday.", **flags),
        gold("Faro visit", evidence="A Faro visit is possible.", **flags),
    ]
    preds = [
        event("Lisbon talks", sentence=SENTENCE, value="2024-05-06"),
        event("Porto dinner", sentence="They dined in Porto on Sunday."),
    ]
    match = match_events(preds, golds)
    assert match.misses == ()
    assert match.spurious == ()
    assert len(match.optional_pairs) == 1
    s = summarize([match])
    assert (s.tp, s.fp, s.fn, s.optional_matched) == (1, 0, 0, 1)
    assert s.precision == s.recall == s.f1 == 1.0
    assert golden_check(preds, golds).ok


# --- field rules ---------------------------------------------------------------------


def test_date_alt_values_are_accepted() -> None:
    g = gold("Talks", evidence=SENTENCE, value="2024-W19", alt_values=["2024-05-06"])
    for value, right in (("2024-W19", True), ("2024-05-06", True), ("2024-05", False)):
        match = match_events([event("Talks", sentence=SENTENCE, value=value)], [g])
        assert match.pairs[0].date_ok is right


@pytest.mark.parametrize(
    ("name", "country", "gold_name", "gold_country", "strict", "right"),
    [
        ("Beijing", "China", ["Beijing", "China"], "China", False, True),
        ("China", "China", ["Beijing", "China"], "China", True, True),
        ("Beijing", "China", "Diaoyutai", "China", False, False),
        ("Xi’an", "China", "Xi'an", "China", False, True),  # apostrophes normalized
        ("Washington, D.C.", "United States", "Washington", None, True, True),
        ("Tokyo", "Japan", None, "Japan", True, True),  # gold gives only the country
        ("Japan", None, None, "Japan", True, True),
        ("Seoul", "South Korea", None, "Japan", False, False),
        ("Delhi", "India", "New Delhi", "India", False, False),
        ("India", "India", "New Delhi", "India", True, False),
        ("Bali", "Indonesia", "Indonesia", "Indonesia", False, True),  # country counts
        ("Bali", "Indonesia", "Indonesia", "Indonesia", True, False),  # not when strict
        (None, None, None, None, True, True),  # no place, none predicted
        ("Paris", "France", None, None, False, False),  # a place the article never gives
        (None, None, "Paris", "France", False, False),
        (None, None, None, "Kenya; Uganda", False, False),
        ("Kampala", "Uganda", None, "Kenya; Uganda", False, True),  # multi-country trip
    ],
)
def test_place_rules(
    name: str | None,
    country: str | None,
    gold_name: Any,
    gold_country: str | None,
    strict: bool,
    right: bool,
) -> None:
    predicted = Place(name=name, country=country) if name else None
    assert (
        place_right(predicted, GoldPlace(name=gold_name, country=gold_country), strict=strict)
        is right
    )


@pytest.mark.parametrize(
    ("predicted", "listed", "lenient", "strict"),
    [
        ("happened", ["happened"], True, True),
        ("expected", ["scheduled"], True, False),
        ("scheduled", ["scheduled", "expected"], True, True),
        ("invited", ["possible"], True, False),
        ("proposed", ["invited"], True, False),
        ("cancelled", ["postponed"], True, False),
        ("possible", ["scheduled"], False, False),
        ("happened", ["scheduled"], False, False),
        ("postponed", ["cancelled", "postponed"], True, True),
    ],
)
def test_status_is_compared_by_class_or_strictly(
    predicted: Status, listed: list[str], lenient: bool, strict: bool
) -> None:
    g = gold("Talks", evidence=SENTENCE, status=listed)
    assert status_right(predicted, g) is lenient
    assert status_right(predicted, g, strict=True) is strict


def test_alt_status_is_acceptable() -> None:
    g = gold("Talks", evidence=SENTENCE, status="proposed", alt_status=["expected"])
    assert status_right("expected", g, strict=True)
    assert status_right("scheduled", g)
    assert not status_right("scheduled", g, strict=True)


def test_status_classes_are_the_four_of_the_benchmark() -> None:
    assert sorted(set(STATUS_CLASSES.values())) == [
        "happened",
        "possible|invited|proposed",
        "postponed|cancelled",
        "scheduled|expected",
    ]


# --- counts, accuracy and confidence bands -------------------------------------------


def test_summary_counts_and_bands() -> None:
    golds = [
        gold("Lisbon talks", evidence=SENTENCE, value="2024-05-06", names="Lisbon"),
        gold("Porto dinner", evidence="They dined in Porto on Sunday.", value="2024-05-05"),
        gold("Faro visit", evidence="Costa will visit Faro in June.", value="2024-06"),
    ]
    preds = [
        event("Lisbon talks", sentence=SENTENCE, value="2024-05-06", place="Lisbon", score=0.9),
        event(
            "Porto dinner",
            sentence="They dined in Porto on Sunday.",
            value="2024-05-04",
            status="happened",
            score=0.6,
        ),
        event("Budget vote", sentence="Parliament votes on the budget.", score=0.3),
    ]
    s = summarize([match_events(preds, golds, doc_id="a")])
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert (s.date_ok, s.place_ok, s.status_ok) == (1, 2, 1)  # no place on either side is right
    high, mid, low = s.bands
    assert (high.predicted, high.matched, high.all_ok, high.spurious) == (1, 1, 1, 0)
    assert (mid.predicted, mid.matched, mid.all_ok, mid.spurious) == (1, 1, 0, 0)
    assert (low.predicted, low.matched, low.spurious, low.spurious_rate) == (1, 0, 1, 1.0)
    table = format_summary(s, title="constructed")
    assert "F1 0.667" in table
    assert ">= 0.8" in table


def test_band_edges_are_inclusive_below() -> None:
    g = gold("Talks", evidence=SENTENCE)
    for score, band in ((0.8, 0), (0.5, 1), (0.4999, 2)):
        s = summarize([match_events([event("Talks", sentence=SENTENCE, score=score)], [g])])
        assert s.bands[band].predicted == 1


def test_details_show_misses_spurious_and_wrong_fields() -> None:
    golds = [
        gold("Lisbon talks", evidence=SENTENCE, value="2024-05-06", names="Lisbon"),
        gold("Faro visit", evidence="Costa will visit Faro in June.", value="2024-06"),
    ]
    preds = [
        event("Lisbon talks", sentence=SENTENCE, value="2024-05-13", place="Lisbon"),
        event("Budget vote", sentence="Parliament votes on the budget."),
    ]
    text = format_details(match_events(preds, golds, doc_id="doc-1"))
    assert text.startswith("doc-1:")
    assert "MISS      Faro visit" in text
    assert "Costa will visit Faro in June." in text
    assert "SPURIOUS  Budget vote" in text
    assert "Parliament votes on the budget." in text
    assert "WRONG     date" in text


# --- the strict golden check ---------------------------------------------------------


def test_golden_check_passes_on_exact_events() -> None:
    golds = [gold("Talks", evidence=SENTENCE, value="2024-05-06", names="Lisbon")]
    preds = [event("Talks", sentence=SENTENCE, value="2024-05-06", place="Lisbon")]
    diff = golden_check(preds, golds)
    assert diff.ok
    assert str(diff) == "all gold events found; nothing unexpected"


def test_golden_check_says_what_differs() -> None:
    golds = [
        gold("Lisbon talks", evidence=SENTENCE, value="2024-05-06", names="Lisbon"),
        gold("Faro visit", evidence="Costa will visit Faro in June.", value="2024-06"),
    ]
    preds = [
        event(
            "Lisbon talks", sentence=SENTENCE, value="2024-05-06", place="Porto", status="expected"
        ),
        event("Budget vote", sentence="Parliament votes on the budget."),
    ]
    diff = golden_check(preds, golds)
    assert not diff.ok
    text = str(diff)
    assert "missing (required gold event not found):" in text
    assert "Faro visit | date 2024-06" in text
    assert "Lisbon talks: place 'Porto' (None), expected ['Lisbon']" in text
    assert "status 'expected', expected one of ['scheduled']" in text
    assert "unexpected (reported, not in the gold):" in text
    assert "> Parliament votes on the budget." in text


def test_golden_check_on_an_article_without_meetings() -> None:
    assert golden_check([], []).ok
    assert not golden_check([event("Budget vote", sentence="Votes.")], []).ok


# --- gold files ----------------------------------------------------------------------


def test_a_typo_in_a_gold_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.gold.json"
    path.write_text(
        '{"doc_id": "x", "dct": "2024-05-03", "events": [{"title": "t", "kind": "meeting",'
        ' "date": {"value": null, "precision": "none"}, "place": {}, "status": "happened",'
        ' "evidence": "e", "optinal": true}]}',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"(?s)bad\.gold\.json.*optinal"):
        load_gold_file(path)


def test_invalid_json_lines_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('{"doc_id": "a", "dct": "2024-05-03", "events": []}\n{oops\n', "utf-8")
    with pytest.raises(InputError, match=r"set\.jsonl:2"):
        load_gold_jsonl(path)


def as_prediction(g: GoldEvent, index: int) -> Event:
    """What a perfect extractor would report for a gold event."""
    name = (g.place.names or g.place.countries or (None,))[0]
    countries = g.place.countries
    return event(
        g.title,
        sentence=g.evidence,
        value=g.date.value,
        place=name,
        country=countries[0] if countries else None,
        status=g.statuses[0],
        kind=g.kind,
        participants=g.participants,
    ).model_copy(update={"uid": f"gold-{index}"})


def _gold_sets() -> list[Any]:
    sets = [
        pytest.param(load_case(f)[0].events, id=f.name)
        for f in case_folders(REPO / "tests" / "golden")
    ]
    bench = SHARED / "bench" / "news_dev.jsonl"
    if bench.is_file():
        sets += [pytest.param(a.events, id=a.doc_id) for a in load_gold_jsonl(bench)]
    sample = SHARED / "samples" / "blinken-beijing-2023-06-19.gold.json"
    if sample.is_file():
        sets.append(pytest.param(load_gold_file(sample).events, id="reference"))
    return sets


@pytest.mark.parametrize("golds", _gold_sets())
def test_gold_scored_against_itself_is_perfect(golds: tuple[GoldEvent, ...]) -> None:
    preds = [as_prediction(g, i) for i, g in enumerate(golds)]
    match = match_events(preds, golds)
    assert [(p.gold, p.predicted) for p in match.pairs] == [(i, i) for i in range(len(golds))]
    assert all(p.all_ok for p in match.pairs)
    diff = golden_check(preds, golds)
    assert diff.ok, str(diff)


# --- the benchmark script ------------------------------------------------------------


def test_bench_events_runs_and_skips_absent_shared_data(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "bench_events.py"),
            "--shared",
            str(tmp_path / "absent"),
            "--only",
            "coffee",
            "--show",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "skipped news_dev" in result.stderr
    assert "golden cases: 1 articles, 0 required gold events" in result.stdout
