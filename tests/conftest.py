"""Shared fixtures: sample articles by name, the shared evaluation folder when present."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from calendar_export.cache import ENV_VAR as CACHE_VAR

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SHARED = Path(os.environ.get("CALENDAR_EXPORT_SHARED", ROOT.parent / "shared"))
ICSCHECK = SHARED / "tools" / "icscheck" / "icscheck"


def pytest_configure(config: pytest.Config) -> None:
    """The compiled-regex cache (calendar_export.cache) of a test run is its own, shared
    by the processes the tests start, and removed at the end: tests never read or fill a
    developer's cache."""
    if CACHE_VAR not in os.environ:
        folder = tempfile.mkdtemp(prefix="calendar-export-cache-")
        os.environ[CACHE_VAR] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.fixture
def sample_path():
    """Return the path of a bundled sample article by file name."""

    def load(name: str) -> Path:
        path = SAMPLES / name
        assert path.exists(), f"no sample article {name} in data/samples"
        return path

    return load


@pytest.fixture
def icscheck():
    """Return a function that runs the independent .ics checker on a file."""
    return run_icscheck


def run_icscheck(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run the independent .ics checker; skip (outside CI) when it is not there."""
    if not ICSCHECK.exists() or shutil.which("bash") is None:
        if os.environ.get("CI"):
            pytest.fail(f"icscheck not found at {ICSCHECK}: CI must have ../shared")
        pytest.skip("icscheck (../shared/tools/icscheck) is not available")
    env = dict(os.environ, ICSCHECK_NO_APT=os.environ.get("ICSCHECK_NO_APT", ""))
    return subprocess.run(
        [str(ICSCHECK), str(path), *extra],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
