"""Extraction work grows linearly with the text, whatever its shape (issue 15).

Work is counted in function calls (``bench_hostile.count_calls``), not seconds, so the test
means the same on a busy machine. ``make bench-hostile`` prints the seconds.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import pytest

_BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_hostile.py"
_spec = importlib.util.spec_from_file_location("bench_hostile", _BENCH)
assert _spec is not None
assert _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

SMALL_KIB, LARGE_KIB = 2, 8
#: 4x the text may cost at most this many times the work (quadratic would be 16x).
MAX_GROWTH = 6.0

QUADRATIC_PLACES = pytest.mark.xfail(
    reason="places._part_of_a_name walks the whole capitalized run for each town in it "
    "(one run of 'SUMMIT JUNE ...' is the whole text): for the frames' owner to bound",
    strict=True,
)


def _work(text: str) -> int:
    bench.extract(text)  # tables a shape needs (clock times, ...) load on first use
    return int(bench.count_calls(lambda: bench.extract(text)))


@pytest.mark.parametrize(
    "shape",
    [pytest.param(s, marks=QUADRATIC_PLACES) if s == "summit-june" else s for s in bench.SHAPES],
)
def test_work_grows_linearly_with_the_text(shape):
    logging.getLogger("calendar_export").setLevel(logging.ERROR)
    try:
        small = _work(bench.hostile_text(shape, SMALL_KIB))
        large = _work(bench.hostile_text(shape, LARGE_KIB))
    finally:
        logging.getLogger("calendar_export").setLevel(logging.NOTSET)
    ratio = large / small
    assert ratio <= MAX_GROWTH, f"{shape}: 4x the text took {ratio:.1f}x the work"
