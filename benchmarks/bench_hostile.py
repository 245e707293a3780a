"""Hostile texts: extraction time against size, for shapes built to be expensive (issue 15).

Each shape is a short unit repeated up to the size: event words and dates (or weekdays)
alternating ("SUMMIT JUNE ", "talks June "), one long sentence with no full stop, many
names, many places, many dates, one capitalized run of towns, and many short sentences
of one kind each (event noun subjects, postponements, quotes with "said", travellers'
visits, named venues), with plain short sentences for comparison. For each shape and size
(8, 16, 32, 64, 128 KiB: 128 KiB is the article limit) it prints the seconds one
extraction takes (the median of ``--runs``) and the events found, then the growth from
the smallest to the largest size against the growth of the text. Targets: every shape at
128 KiB in at most 5 s, and time linear in size (16x the text in at most ~24x the time).

    python benchmarks/bench_hostile.py               # make bench-hostile
    python benchmarks/bench_hostile.py --sizes 8 32 --runs 1
    python benchmarks/bench_hostile.py --shape summit-june --profile 20

A size is left out (``-``) once the one before took over a quarter of ``--give-up``
seconds, so a regression shows without the run taking an hour. ``--check`` exits 1 when a target is
missed.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date

from calendar_export import extract_events

PUBLISHED = date(2024, 5, 2)

SHAPES: dict[str, str] = {
    # Event word and date alternating, in capitals and in lower case (the two).
    "summit-june": "SUMMIT JUNE ",
    "talks-june": "talks June ",
    # One sentence that never ends: every clause has an event word, a place and a date.
    "no-full-stop": "the ministers will meet in Geneva on June 3 and hold talks in Rome "
    "on Monday, then ",
    # Many names, in one long capitalized run and in a list.
    "many-names": "President Ana Lima met Prime Minister John Carter, Chancellor Eva Brandt, ",
    # Many places: a list of gazetteer cities and countries.
    "many-places": "talks in Paris, Rome, Berlin, Madrid, Lisbon, Vienna, Kenya, Peru, ",
    # Many dates in one sentence around one event word.
    "many-dates": "on June 3, on Monday, next Tuesday, March 18, 2025, in May, at 3 p.m., ",
    # Event words and weekdays alternating, in one sentence.
    "summit-monday": "summit Monday talks Friday ",
    # One capitalized run of towns and names with no punctuation (one run, many towns).
    "caps-towns": "Paris Ana Rome Lima Berlin Summit Carter Vienna ",
    # Many sentences whose subject is the event noun, each with a cue and a date (status
    # cues of a sentence, the next event word, a day range's end).
    "talks-will": "Talks will resume in Geneva on June 3. ",
    # Many reported changes of date, each in a sentence of its own.
    "postponed-to": "The summit was postponed to June 3 from May 20. ",
    # Many quotes and their sources: "said" clauses and first-person speakers.
    "quotes-said": "“We will meet in Rome on Monday,” Ana Lima said. ",
    # Many travellers' visits, each split into one event per traveller.
    "visits": "Abe and Xi will pay state visits to Paris on June 3. ",
    # Many named venues the gazetteer lacks.
    "venues": "Talks open at the Grand Lakeside Hotel in Geneva on June 3. ",
    # For comparison: ordinary short sentences, one meeting each.
    "short-sentences": "Trade ministers will meet in Geneva on June 3 to discuss tariffs. ",
}

SIZES_KIB = (8, 16, 32, 64, 128)
TARGET_SECONDS = 5.0


def hostile_text(shape: str, kib: float) -> str:
    """The shape's unit repeated to ``kib`` KiB (cut at a unit boundary, at most the size)."""
    unit = SHAPES[shape]
    return unit * max(1, int(kib * 1024) // len(unit))


def extract(text: str) -> int:
    """One extraction, as the CLI runs it; the number of events."""
    return len(extract_events(text, published=PUBLISHED, source="hostile"))


def count_calls(run: Callable[[], object]) -> int:
    """Python and C function calls made while ``run`` runs: a measure of work that, unlike
    seconds, other processes on the machine do not disturb."""
    calls = 0

    def profiler(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profiler)
    try:
        run()
    finally:
        sys.setprofile(None)
    return calls


def _time(text: str, runs: int, give_up: float) -> tuple[float, int]:
    seconds: list[float] = []
    events = 0
    for _ in range(runs):
        start = time.perf_counter()
        events = extract(text)
        seconds.append(time.perf_counter() - start)
        if seconds[-1] > give_up:
            break
    return statistics.median(seconds), events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=list(SIZES_KIB))
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append")
    parser.add_argument("--runs", type=int, default=3, help="median of this many runs")
    parser.add_argument("--give-up", type=float, default=60.0, help="seconds; ends a row")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile the largest size")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    logging.getLogger("calendar_export").setLevel(logging.ERROR)  # the caps' notes
    extract("Trade ministers will meet in Geneva on June 3.")  # load the tables once
    sizes = sorted(args.sizes)
    missed = []
    print(f"{'shape':<16}" + "".join(f"{s:>9g}K" for s in sizes) + "   events  growth")
    for shape in args.shape or list(SHAPES):
        row, times, events = f"{shape:<16}", [], 0
        for kib in sizes:
            if times and times[-1] > args.give_up / 4:  # the next size would take too long
                row += f"{'-':>10}"
                continue
            seconds, events = _time(hostile_text(shape, kib), args.runs, args.give_up)
            times.append(seconds)
            row += f"{seconds:>9.2f}s"
        growth = times[-1] / times[0] if len(times) == len(sizes) else float("inf")
        row += f" {events:>8}  {growth:5.1f}x time for {sizes[-1] / sizes[0]:g}x text"
        print(row, flush=True)
        if times[-1] > TARGET_SECONDS or growth > 1.5 * sizes[-1] / sizes[0]:
            missed.append(shape)
        if args.profile:
            text = hostile_text(shape, sizes[-1])
            profile = cProfile.Profile()
            profile.runcall(extract, text)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    if missed:
        print(f"missed ({TARGET_SECONDS:g} s at the largest size, or linear growth):", *missed)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
