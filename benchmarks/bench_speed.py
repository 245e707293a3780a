"""Speed: our full extraction against dateparser's search_dates, a full spaCy pass and a
regex floor (issues 6 and 12).

First, a news stream: TempEval-3's 256 training articles (general news, most with no
meeting) and news_dev's articles, read from ``--shared``, cycled to ``--stream`` (1,000)
articles with their publication dates shifted by a week a cycle. On it: ours, dateparser,
and ``en_core_web_sm``'s full default pipeline (``nlp.pipe``) over the same texts
(targets: ours >= 1x dateparser, and >= 4x the full spaCy pass).

Then the dense synthetic corpus of issue 6, built reproducibly from the project's own
sample articles (``data/samples``): their paragraphs reshuffled into ~4 KB articles and
re-dated with a seeded RNG. In the same run it times, on one core:

- ours: ``calendar_export.extract_events`` (events, not only dates);
- ``dateparser.search.search_dates`` (what a Python user would pick to find dates in text),
  given the publication date as its relative base and English only, which only helps it;
- the floor: one pass of one compiled regular expression for date-like words.

It prints articles/s and MB/s for each and the ratios (issue 6's targets, ours >= 25x
dateparser and within 4x of the floor, were set before the parse; articles/s count CPU
time, which other processes on a shared machine disturb less than wall time, also
printed), our peak memory on the news stream of 1,000 and 10,000 articles and on the dense
corpus of 2,000 and 5,000 (each streamed in a fresh process, so they compare), and the wall and
CPU time of the batch with ``--jobs 1`` and ``--jobs 2``. ``--check`` exits 1 when a
target is missed.

    python benchmarks/bench_speed.py                 # make bench-speed
    python benchmarks/bench_speed.py --quick         # 300 articles, for a smoke run
    python benchmarks/bench_speed.py --profile 20    # where our time goes (cProfile)
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import multiprocessing
import os
import pstats
import random
import re
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_DAY = date(2019, 1, 1)
DAYS = 7 * 365

# The floor: what any date finder must at least do, one pass of one regex per article.
# Case-sensitive (English capitalizes month and day names): as fast as a scan gets.
FLOOR = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?"
    r"|(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)day"
    r"|today|tomorrow|yesterday|tonight|(?:next|last|this)\s+(?:week|month|year)"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|(?:19|20)\d{2})\b"
)


@dataclass(frozen=True, slots=True)
class Sample:
    """One corpus article."""

    text: str
    published: date


def paragraphs_of(samples: Path) -> list[str]:
    """Every paragraph of the sample articles (their ``date`` headers left out), in order."""
    found: list[str] = []
    for path in sorted(samples.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if text.lstrip().startswith("date "):
            text = text.lstrip().split("\n", 1)[1] if "\n" in text else ""
        found += [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if not found:
        sys.exit(f"error: {samples}: no sample articles (*.txt); check --samples")
    return found


def corpus(pool: Sequence[str], count: int, *, seed: int, size: int) -> Iterator[Sample]:
    """``count`` articles of about ``size`` bytes, reproducible from ``seed``, lazily.

    Each draws paragraphs at random from ``pool`` until it is ``size`` bytes long and gets a
    random publication date; the first N articles of a longer corpus are the N-article corpus.
    """
    rng = random.Random(seed)
    for _ in range(count):
        parts: list[str] = []
        length = 0
        while length < size:
            part = rng.choice(pool)
            parts.append(part)
            length += len(part.encode()) + 2
        yield Sample("\n\n".join(parts), FIRST_DAY + timedelta(days=rng.randrange(DAYS)))


def news_stream(shared: Path, count: int) -> list[Sample]:
    """TempEval-3 training articles and news_dev, cycled to ``count`` with dates shifted
    by a week a cycle (so no two copies share their reading)."""
    import json

    base: list[Sample] = []
    for name in ("tempeval3_train.jsonl", "news_dev.jsonl"):
        path = shared / "bench" / name
        if not path.is_file():
            sys.exit(f"error: {path}: not found; pass --shared DIR (the shared bench folder)")
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    record = json.loads(line)
                    base.append(Sample(record["text"], date.fromisoformat(record["dct"])))
    return [
        Sample(s.text, s.published + timedelta(weeks=i // len(base)))
        for i, s in ((i, base[i % len(base)]) for i in range(count))
    ]


def spacy_full(samples: Sequence[Sample]) -> Timing:
    """The full default ``en_core_web_sm`` pipeline over every text with ``nlp.pipe``."""
    import spacy

    from calendar_export.pipeline.nlp import model_names

    nlp = None
    for name in model_names():
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        sys.exit("error: no spaCy English model installed; run make install")
    list(nlp.pipe([WARM_UP.text, samples[0].text]))  # warm-up
    start, cpu = time.perf_counter(), time.process_time()
    found = sum(len(doc.ents) for doc in nlp.pipe(s.text for s in samples))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    megabytes = sum(len(s.text.encode()) for s in samples) / 1e6
    return Timing("spaCy en_core_web_sm, full pipe", len(samples), megabytes, seconds, found, cpu)


def digest(samples: Sequence[Sample]) -> str:
    """A short fingerprint of the corpus, to see that a rerun used the same one."""
    h = hashlib.sha256()
    for s in samples:
        h.update(s.published.isoformat().encode() + s.text.encode())
    return h.hexdigest()[:12]


def ours(sample: Sample) -> int:
    from calendar_export import extract_events

    return len(extract_events(sample.text, published=sample.published))


def dateparser_dates(sample: Sample) -> int:
    from dateparser.search import search_dates

    day = sample.published
    base = datetime(day.year, day.month, day.day)  # noqa: DTZ001 -- dateparser wants naive
    found = search_dates(sample.text, languages=["en"], settings={"RELATIVE_BASE": base})
    return len(found or ())


def floor(sample: Sample) -> int:
    return sum(1 for _ in FLOOR.finditer(sample.text))


@dataclass(frozen=True, slots=True)
class Timing:
    """One timed run over a corpus."""

    name: str
    articles: int
    megabytes: float
    seconds: float  # wall time
    found: int
    cpu: float  # CPU time of this process

    @property
    def rate(self) -> float:
        """Articles per CPU second."""
        return self.articles / self.cpu

    def line(self, unit: str) -> str:
        return (
            f"  {self.name:<34} {self.rate:>10,.1f} {self.megabytes / self.cpu:>8.3f}"
            f" {self.cpu:>9.2f} {self.seconds:>9.2f}  {self.found:,} {unit}"
        )


#: Every tool is warmed up on this article before it is timed: it has a date and an event
#: word, so each loads what it loads once (our spaCy model among it) before the clock
#: starts, whether or not the corpus's first article names a meeting.
WARM_UP = Sample("The ministers will meet in Paris on June 3 to discuss trade.", date(2024, 5, 1))


def time_over(name: str, func: Callable[[Sample], int], samples: Sequence[Sample]) -> Timing:
    """Time ``func`` over every sample after warm-up calls (imports, lazy data, models)."""
    func(WARM_UP)
    func(samples[0])
    found = 0
    start, cpu = time.perf_counter(), time.process_time()
    for s in samples:
        found += func(s)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    megabytes = sum(len(s.text.encode()) for s in samples) / 1e6
    return Timing(name, len(samples), megabytes, seconds, found, cpu)


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB.

    On Linux, from ``VmHWM`` in ``/proc/self/status``: ``ru_maxrss`` survives ``exec`` and
    so reports the spawning parent's peak (1.9 GB once the parent had run the full spaCy
    pass), not this process's."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def stream_in_fresh_process(
    pool: Sequence[str], count: int, seed: int, size: int
) -> tuple[float, float, float, int]:
    """Our extraction over ``count`` articles generated on the fly, in this (fresh) process.

    Returns the peak RSS after the warm-up, the peak RSS at the end, the rate and the events.
    """
    first = next(corpus(pool, 1, seed=seed, size=size))
    ours(first)
    warm = peak_rss_mb()
    events = 0
    start = time.perf_counter()
    for s in corpus(pool, count, seed=seed, size=size):
        events += ours(s)
    rate = count / (time.perf_counter() - start)
    return warm, peak_rss_mb(), rate, events


def stream_news_in_fresh_process(shared: Path, count: int) -> tuple[float, float, float, int]:
    """:func:`stream_in_fresh_process` over the news stream cycled to ``count`` articles
    (the warm-up article has an event word, so the model is loaded before ``warm``)."""
    news = news_stream(shared, count)
    ours(WARM_UP)
    warm = peak_rss_mb()
    start = time.perf_counter()
    events = sum(ours(s) for s in news)
    return warm, peak_rss_mb(), count / (time.perf_counter() - start), events


def batch_wall(samples: Sequence[Sample], jobs: int) -> tuple[float, int, float]:
    """Wall time of ``run_batch`` over the corpus with ``jobs`` processes (pool start
    included), the events, and the CPU time of this process and its workers together."""
    from calendar_export.batch import run_batch
    from calendar_export.models import Article

    articles = (
        Article(text=s.text, published=s.published, source=f"bench-{i}")
        for i, s in enumerate(samples)
    )
    start, cpu = time.perf_counter(), _cpu_with_children()
    events = sum(len(o.events) for o in run_batch(articles, jobs=jobs))
    return time.perf_counter() - start, events, _cpu_with_children() - cpu


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def profile(samples: Sequence[Sample], top: int) -> None:
    """Print where our extraction spends its time: by pipeline module, then by function."""
    ours(samples[0])
    profiler = cProfile.Profile()
    profiler.enable()
    for s in samples:
        ours(s)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    own: dict[str, float] = {}
    for (filename, _, _), row in stats.stats.items():  # type: ignore[attr-defined]
        if filename == "~":  # a builtin (a regex search, ...): its time counts for its callers
            for (caller_file, _, _), caller_row in row[4].items():
                module = _module_of(caller_file)
                own[module] = own.get(module, 0.0) + caller_row[2]
        else:
            own[_module_of(filename)] = own.get(_module_of(filename), 0.0) + row[2]
    total = sum(own.values())
    print(f"own time by module over {len(samples)} articles ({total:.2f} s under cProfile):")
    for module, seconds in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {seconds / total:6.1%} {seconds * 1000 / len(samples):8.2f} ms/article  {module}")
    stats.sort_stats("cumulative").print_stats(top)


def _module_of(filename: str) -> str:
    parts = Path(filename).parts
    if "calendar_export" in parts:
        return "/".join(parts[parts.index("calendar_export") :])
    return f"(other) {Path(filename).name}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "data" / "samples")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--stream", type=int, default=1000, help="news stream articles")
    parser.add_argument("--seed", type=int, default=20231119)
    parser.add_argument("--articles", type=int, default=2000, help="corpus for the comparison")
    parser.add_argument("--large", type=int, default=5000, help="dense corpus for the memory check")
    parser.add_argument("--size", type=int, default=4000, help="bytes per article, about")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="300 and 3,000 articles")
    parser.add_argument("--profile", type=int, metavar="N", help="print our top N functions")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--news-only", action="store_true", help="the news stream only (issue 12's targets)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.large, args.stream = 300, 3000, 300

    header = (
        f"  {'one core, same corpus (CPU time)':<34} {'articles/s':>10} {'MB/s':>8} {'cpu s':>9}"
        f" {'wall s':>9}  found"
    )
    news = news_stream(args.shared, args.stream)
    news_mb = sum(len(s.text.encode()) for s in news) / 1e6
    print(
        f"news stream: {len(news):,} articles, {news_mb:.2f} MB (TempEval-3 train + news_dev, "
        f"cycled), fingerprint {digest(news)}"
    )
    print(header)
    news_ours = time_over("ours: extract_events", ours, news)
    print(news_ours.line("events"))
    news_dp = time_over("dateparser.search.search_dates", dateparser_dates, news)
    print(news_dp.line("dates"))
    news_spacy = spacy_full(news)
    print(news_spacy.line("entities"))
    stream_dp, stream_spacy = news_ours.rate / news_dp.rate, news_ours.rate / news_spacy.rate
    print(
        f"ratios: ours / dateparser = {stream_dp:.2f}x (target >= 1x); "
        f"ours / full spaCy pass = {stream_spacy:.2f}x (target >= 4x)"
    )
    spawn = multiprocessing.get_context("spawn")
    print("memory on the news stream, ours in a fresh process each:")
    for count in (args.stream, args.stream * 10):
        with spawn.Pool(1) as child:
            warm, peak, rate, events = child.apply(
                stream_news_in_fresh_process, (args.shared, count)
            )
        print(
            f"  {count:>7,} articles: peak RSS {peak:7.1f} MB ({peak - warm:+.1f} MB after "
            f"warm-up), {rate:,.1f} articles/s, {events:,} events"
        )
    print()
    if args.news_only:
        return 0 if not args.check or (stream_dp >= 1 and stream_spacy >= 4) else 1

    pool = paragraphs_of(args.samples)
    samples = list(corpus(pool, args.articles, seed=args.seed, size=args.size))
    total_mb = sum(len(s.text.encode()) for s in samples) / 1e6
    print(
        f"corpus: {len(samples):,} articles, {total_mb:.2f} MB "
        f"({total_mb * 1e6 / len(samples):,.0f} B/article) from {len(pool)} paragraphs of "
        f"{args.samples.name}/, seed {args.seed}, fingerprint {digest(samples)}"
    )
    if args.profile:
        profile(samples, args.profile)
        return 0

    print(header)
    mine = time_over("ours: extract_events", ours, samples)
    print(mine.line("events"))
    theirs = time_over("dateparser.search.search_dates", dateparser_dates, samples)
    print(theirs.line("dates"))
    regex = time_over("floor: one regex pass", floor, samples)
    print(regex.line("matches"))
    versus_dateparser = mine.rate / theirs.rate
    versus_floor = regex.rate / mine.rate
    print(
        f"ratios: ours / dateparser = {versus_dateparser:.1f}x (target >= 25x); "
        f"floor / ours = {versus_floor:.2f}x (target <= 4x)"
    )

    print("memory on the dense corpus, ours streamed in a fresh process each:")
    for count in (args.articles, args.large):
        with spawn.Pool(1) as child:
            warm, peak, rate, events = child.apply(
                stream_in_fresh_process, (pool, count, args.seed, args.size)
            )
        print(
            f"  {count:>7,} articles: peak RSS {peak:7.1f} MB ({peak - warm:+.1f} MB after "
            f"warm-up), {rate:,.1f} articles/s, {events:,} events"
        )

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    one, events_one, cpu_one = batch_wall(samples, 1)
    many, events_many, cpu_many = batch_wall(samples, args.jobs)
    same = "same events" if events_one == events_many else "DIFFERENT events"
    print(
        f"batch wall time over {len(samples):,} articles: --jobs 1 {one:.2f} s, "
        f"--jobs {args.jobs} {many:.2f} s ({one / many:.2f}x, {same}; "
        f"{os.cpu_count()} cores here, load average before: {load}); CPU time, workers "
        f"included: {cpu_one:.2f} s and {cpu_many:.2f} s"
    )
    missed = stream_dp < 1 or stream_spacy < 4 or events_one != events_many
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
