"""Places: the span index answers what a scan of every date span would."""

from __future__ import annotations

import random

from calendar_export.pipeline.places import _Spans


def test_overlaps_as_a_scan_of_every_span() -> None:
    rng = random.Random(6)
    for _ in range(300):
        spans = []
        for _ in range(rng.randrange(0, 8)):
            start = rng.randrange(0, 60)
            spans.append((start, start + rng.randrange(1, 15)))
        index = _Spans(spans)
        for start in range(0, 70):
            for end in range(start, start + 6):
                expected = any(s < end and start < e for s, e in spans)
                assert index.overlaps(start, end) == expected, (spans, start, end)


def test_no_spans_overlap_nothing() -> None:
    assert not _Spans([]).overlaps(0, 10)
    assert _Spans([(5, 9), (0, 2)]).overlaps(8, 20)  # given in any order
    assert not _Spans([(5, 9), (0, 2)]).overlaps(2, 5)  # ends are exclusive
