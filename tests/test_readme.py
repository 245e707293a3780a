"""The README's promises to a new user, checked: its library snippet runs as written, and
it says how to run the command that ``make install`` puts in ``.venv``."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl

import icalendar

from calendar_export.store.query import PARAMETERS, FeedQuery

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_the_library_snippet_runs_as_written(tmp_path: Path) -> None:
    """The snippet is complete (imports, parse_article, a real sample) and runs in a fresh
    interpreter from a folder that holds the project's data/ as a checkout does."""
    (snippet,) = _python_blocks(_section("Library"))
    assert "parse_article" in snippet
    (tmp_path / "data").symlink_to(ROOT / "data", target_is_directory=True)
    result = subprocess.run(
        [sys.executable, "-c", snippet],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "2023-09-09" in result.stdout, result.stdout
    written = [p for p in tmp_path.iterdir() if p.suffix == ".ics"]
    assert len(written) == 1, written
    vevents = icalendar.Calendar.from_ical(written[0].read_bytes()).walk("VEVENT")
    assert date(2023, 9, 9) in {ve.decoded("DTSTART") for ve in vevents}


def test_it_says_how_to_run_the_command_after_make_install() -> None:
    start = _section("The two commands")
    assert "make install" in start
    assert ".venv/bin/calendar-export" in start
    assert "source .venv/bin/activate" in start


def test_the_filter_table_lists_every_parameter_with_an_example_the_feed_accepts() -> None:
    table = _section("Subscription feed").split("| parameter | format | example |", 1)[1]
    rows = [r for r in table.split("\n\n", 1)[0].splitlines() if r.startswith("| `")]
    named = {n for r in rows for n in re.findall(r"`(\w+)`", r.split("|")[1])}
    assert named == set(PARAMETERS)
    for row in rows:
        example = row.split("|")[3].strip().strip("`")
        FeedQuery.from_params(parse_qsl(example, keep_blank_values=True))  # no QueryError
