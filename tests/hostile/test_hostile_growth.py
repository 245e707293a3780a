"""Extraction work grows linearly with the text, whatever its shape (issue 15).

Work is counted in function calls (``bench_hostile.count_calls``) or, for one stage, in
lines run, not seconds, so the tests mean the same on a busy machine. ``make
bench-hostile`` prints the seconds.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest

from calendar_export.models import Article
from calendar_export.pipeline.assemble import analyse
from calendar_export.pipeline.document import Doc
from calendar_export.pipeline.frames import build_frames
from calendar_export.pipeline.merge import Cluster
from calendar_export.pipeline.occasions import pass_down
from calendar_export.pipeline.places import find_places

_BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_hostile.py"
_spec = importlib.util.spec_from_file_location("bench_hostile", _BENCH)
assert _spec is not None
assert _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

SMALL_KIB, LARGE_KIB = 2, 8
#: 4x the text may cost at most this many times the work (quadratic would be 16x).
MAX_GROWTH = 6.0


def _work(text: str) -> int:
    bench.extract(text)  # tables a shape needs (clock times, ...) load on first use
    return int(bench.count_calls(lambda: bench.extract(text)))


@pytest.mark.parametrize("shape", list(bench.SHAPES))
def test_work_grows_linearly_with_the_text(shape):
    logging.getLogger("calendar_export").setLevel(logging.ERROR)
    try:
        small = _work(bench.hostile_text(shape, SMALL_KIB))
        large = _work(bench.hostile_text(shape, LARGE_KIB))
    finally:
        logging.getLogger("calendar_export").setLevel(logging.NOTSET)
    ratio = large / small
    assert ratio <= MAX_GROWTH, f"{shape}: 4x the text took {ratio:.1f}x the work"


#: A stage's steps for 4x the text: linear is 4; a scan of the whole article for each
#: sentence, date or venue showed as 5 to 8 at these sizes (and grows with the size).
MAX_STAGE_GROWTH = 4.6


def _steps(run: Callable[[], object]) -> int:
    """Lines run (each turn of a loop or comprehension counts) while ``run`` runs: unlike
    function calls, this sees a comprehension that walks a whole list."""
    steps = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal steps
        steps += 1
        return tracer

    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(None)
    return steps


def _analysed(shape: str, kib: float) -> Doc:
    return analyse(Article(text=bench.hostile_text(shape, kib), published=bench.PUBLISHED))


@pytest.mark.parametrize(
    ("stage", "shape"),
    [
        # status cues of a sentence, the next event word, the date after a date, a speaker
        (build_frames, "talks-will"),
        (build_frames, "quotes-said"),
        # named venues against every other venue and every place
        (find_places, "venues"),
    ],
)
def test_stage_steps_grow_linearly(stage, shape):
    logging.getLogger("calendar_export").setLevel(logging.ERROR)
    try:
        bench.extract(bench.hostile_text(shape, SMALL_KIB))  # tables load on first use
        small, large = _analysed(shape, SMALL_KIB), _analysed(shape, LARGE_KIB)
        ratio = _steps(lambda: stage(large)) / _steps(lambda: stage(small))
    finally:
        logging.getLogger("calendar_export").setLevel(logging.NOTSET)
    assert ratio <= MAX_STAGE_GROWTH, f"{stage.__name__} on {shape}: 4x the text, {ratio:.2f}x"


def test_occasions_are_found_in_one_pass_over_the_clusters():
    """Each event's occasion was looked for in every other cluster: quadratic in the
    events of an article (a thousand events of "Talks will resume ..." each read all)."""
    logging.getLogger("calendar_export").setLevel(logging.ERROR)
    try:
        steps = []
        for kib in (SMALL_KIB, LARGE_KIB):
            clusters = [Cluster([f]) for f in build_frames(_analysed("talks-will", kib))]
            events = [None] * len(clusters)  # read only for an event held for an occasion
            steps.append(_steps(lambda c=clusters, e=events: pass_down(c, e)))
    finally:
        logging.getLogger("calendar_export").setLevel(logging.NOTSET)
    assert steps[1] / steps[0] <= MAX_STAGE_GROWTH, f"4x the text, {steps[1] / steps[0]:.2f}x"
