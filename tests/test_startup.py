"""What a command loads: ``--help``, ``schema`` and a server's start do not pay for the
extraction (no stage module, so no rules compiled and no gazetteer mapped, and no spaCy),
and an article with no event word is read without spaCy.

Each case runs in a new interpreter and lists what it imported; how long it takes is
``make bench-startup``'s business.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# The modules a command must not import: the NLP library and the extraction's stages.
HEAVY = ("spacy", "thinc", "calendar_export.pipeline.")

LIST_HEAVY = f"""
loaded = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))
print(" ".join(loaded))
"""

RUN_CLI = """
import sys
from calendar_export.cli import main
try:
    main({args!r})
except SystemExit as exc:
    assert not exc.code, f"exit {{exc.code}}"
"""

START_SERVER = """
import sys
from pathlib import Path
from calendar_export.server import create_app
from calendar_export.store import Store
store = Store(Path({folder!r}) / "feed.sqlite")
create_app(store, token=None, name="feed", past_days=None, allowed_hosts=None)
"""


def _heavy_modules(code: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", code + LIST_HEAVY],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()


@pytest.mark.parametrize(
    "args",
    [["--help"], ["schema"], ["extract", "--help"], ["ingest", "--help"], ["serve", "--help"]],
)
def test_help_and_schema_load_no_extraction(args: list[str]) -> None:
    assert _heavy_modules(RUN_CLI.format(args=args)) == []


def test_a_server_starts_without_the_extraction(tmp_path: Path) -> None:
    assert _heavy_modules(START_SERVER.format(folder=str(tmp_path))) == []


def test_an_article_with_no_event_word_is_read_without_spacy(tmp_path: Path) -> None:
    article = tmp_path / "weather.txt"
    article.write_text(
        "date 2024-03-14\nRain will fall across the north on Thursday, forecasters said.\n",
        encoding="utf-8",
    )
    args = ["extract", str(article), "--format", "json"]
    loaded = _heavy_modules(RUN_CLI.format(args=args))
    assert "calendar_export.pipeline.places" in loaded  # it was read
    assert not [m for m in loaded if m.startswith(("spacy", "thinc"))]
