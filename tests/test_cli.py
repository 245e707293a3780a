"""The calendar-export command, through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from calendar_export.cli import main
from calendar_export.models import EventList

GOOD = "date 2024-03-14\nThe two foreign ministers will meet in Lisbon on Monday.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_extract_writes_ics_and_a_summary(runner: CliRunner, tmp_path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD)
    out = tmp_path / "out" / "cal.ics"
    result = runner.invoke(main, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (ve,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(ve["DTSTART"].to_ical().decode()) == "20240318"
    assert "1 article(s) read, 0 failed, 1 event(s) found" in result.output
    assert "2024-03-18" in result.output


def test_extract_json_is_the_models_own_dump(runner: CliRunner, tmp_path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD)
    result = runner.invoke(main, ["extract", str(src), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = result.stdout[: result.stdout.rindex("}") + 1]
    doc = EventList.model_validate_json(payload)
    (event,) = doc.events
    assert event.when.value == "2024-03-18"
    assert event.place is not None
    assert event.place.name == "Lisbon"
    assert set(json.loads(payload)["events"][0]) >= {
        "uid", "title", "kind", "status", "when", "place", "participants", "confidence",
        "mentions",
    }  # fmt: skip


def test_published_option_supplies_the_date(runner: CliRunner, tmp_path) -> None:
    src = tmp_path / "nodate.txt"
    src.write_text("The ministers will meet in Lisbon on Monday.\n")
    result = runner.invoke(
        main, ["extract", str(src), "--published", "2024-03-14", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert '"value": "2024-03-18"' in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 10, "binary"),
        ("nodate.txt", b"The ministers will meet in Lisbon on Monday.\n", "--published"),
        ("latin1.txt", "date 2024-03-14\nMinistre fran\xe7ais".encode("latin-1"), "UTF-8"),
        ("baddate.txt", b"date 2024-02-31\nThey will meet on Monday.\n", "not a real date"),
    ],
)
def test_bad_article_gets_one_line_error_and_the_batch_goes_on(
    runner: CliRunner, tmp_path, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    out = tmp_path / "cal.ics"
    result = runner.invoke(main, ["extract", str(bad), str(good), "-o", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert str(bad) in errors[0]
    assert message in errors[0]
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 1


def test_missing_path_is_reported_by_name(runner: CliRunner, tmp_path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(main, ["extract", str(missing)])
    assert result.exit_code == 1
    assert f"error: {missing}: no such file" in result.stderr


def test_directory_input_reads_every_article(runner: CliRunner, tmp_path) -> None:
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(GOOD.replace("Lisbon", ["Lisbon", "Madrid", "Rome"][i]))
    result = runner.invoke(main, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "3 article(s) read, 0 failed, 3 event(s) found" in result.stderr


def test_min_confidence_filters(runner: CliRunner, tmp_path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD + "They could possibly hold talks in Rome in May.\n")
    loose = runner.invoke(main, ["extract", str(src), "--format", "json"])
    strict = runner.invoke(
        main, ["extract", str(src), "--format", "json", "--min-confidence", "0.8"]
    )
    assert loose.stdout.count('"uid"') > strict.stdout.count('"uid"') >= 1


def test_schema_command_prints_the_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "events" in schema["properties"]


@pytest.mark.parametrize("command", [[], ["extract"], ["schema"]])
def test_every_command_has_help_with_examples(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
