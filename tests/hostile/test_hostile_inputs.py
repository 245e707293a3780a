"""Broken and hostile article files through the CLI: a clear error or a result, never a
crash, bounded memory, and the good article of the same batch always processed.

The cases and their expected outcomes are the table in ``hostile_cases.py``; the README's
reliability table is generated from the same cases (``make reliability``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hostile_cases import CASES, HUNDRED_MB, BadInput, markdown_table, run_case, with_table

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gets_a_clear_outcome_and_the_batch_goes_on(
    case: BadInput, tmp_path: Path
) -> None:
    got = run_case(case, tmp_path)
    assert got.good_events == 1, "the good article of the batch must still be processed"
    if case.expect in ("error", "partial"):
        assert got.exit_code == 1
        assert len(got.errors) == case.errors, got.errors
        assert all(line.startswith(f"error: {case.name}") for line in got.errors), "named"
        assert all(case.message in line for line in got.errors)
        assert got.bad_events >= case.events if case.expect == "partial" else got.bad_events == 0
    else:
        assert got.exit_code == 0, got.errors
        assert got.errors == ()
        assert got.bad_events >= case.events
    assert got.seconds < 60


def _peak_rss_mib(*args: str) -> float:
    """Run the CLI in a fresh interpreter; return its own peak resident memory in MiB."""
    probe = (
        "import atexit, resource, sys\n"
        "atexit.register(lambda: print('PEAK', resource.getrusage(resource.RUSAGE_SELF)"
        ".ru_maxrss, file=sys.stderr))\n"
        "from calendar_export.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=300
    )
    peaks = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("PEAK ")]
    assert peaks, done.stderr
    return int(peaks[0]) / 1024  # ru_maxrss is in KiB on Linux


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss units differ off Linux")
def test_a_100_mb_file_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    empty, huge = tmp_path / "empty.txt", tmp_path / "huge.txt"
    empty.write_bytes(b"")
    (case,) = [c for c in CASES if c.name == "huge.txt"]
    case.write(huge)
    assert huge.stat().st_size > HUNDRED_MB
    # Both runs stop at the reader (no pipeline), so they differ only by what was read.
    baseline = _peak_rss_mib("extract", str(empty), "-o", str(tmp_path / "a.ics"))
    peak = _peak_rss_mib("extract", str(huge), "-o", str(tmp_path / "b.ics"))
    # Reading the whole file would add at least 100 MiB; the bounded read adds under 30.
    assert peak - baseline < 30, (baseline, peak)


def test_the_readme_table_is_the_one_these_cases_produce(tmp_path: Path) -> None:
    readme = README.read_text(encoding="utf-8")
    assert with_table(readme, markdown_table(tmp_path)) == readme, (
        "README.md's reliability table is stale: run `make reliability`"
    )
