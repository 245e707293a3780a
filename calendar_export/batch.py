"""Run the extraction over a stream of articles: in order, in parallel, never stopped by one.

::

    from calendar_export.batch import BatchSummary, run_batch
    from calendar_export.readers import read_articles

    summary = BatchSummary()
    for outcome in run_batch(read_articles("news/"), jobs=2):
        summary.add(outcome)
    print("\\n".join(summary.lines()))

:func:`extract_article` is the one per-article function: the local batch, its worker
processes and the cluster path (:mod:`calendar_export.cluster`) all call it, so their
results are the same. Outcomes come back in input order whatever ``jobs`` is, and the
input is read lazily with a bounded number of articles in flight, so memory stays flat.

Where the platform can ``fork`` and the calling process runs a single thread, the pipeline
is warmed up once here (its rules compiled, its tables and the gazetteer index loaded, the
NLP model loaded when an article needs it) and the workers are forked from this warm
process, so they start at once and share all of it.
Otherwise (threads running, or no ``fork``) they are started with ``spawn``, which is safe
whatever threads run, and each pays that start-up itself; a script that calls
``run_batch(..., jobs=2)`` must then do it under ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, TextIO

from .api import extract_events
from .errors import CalendarExportError
from .models import Article, Event
from .readers import ArticleResult, ReadFailure

if TYPE_CHECKING:  # the worker processes' modules are imported for jobs > 1 only
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

CHUNK_SIZE = 16
"""Articles sent to a worker process at a time: large enough to amortize the transfer."""

CHUNKS_IN_FLIGHT_PER_JOB = 4


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: its events, or why it was skipped."""

    source: str
    events: tuple[Event, ...] = ()
    reason: str | None = None
    note: str | None = None
    """Something left out on purpose (a named pipe in a folder): said, not a failure."""

    @property
    def skipped(self) -> bool:
        """True when the article could not be read or processed."""
        return self.reason is not None

    def message(self) -> str:
        """``SOURCE: what happened; what to do`` for a skipped input (or a note)."""
        return f"{self.source}: {self.reason or self.note}"


def extract_article(item: ArticleResult, *, min_confidence: float = 0.0) -> Outcome:
    """Extract the events of one article; a read failure or an error becomes a skipped outcome.

    Never raises for a bad article: a batch must go on past it.
    """
    if isinstance(item, ReadFailure):
        if item.note:
            return Outcome(source=item.source, note=item.reason)
        return Outcome(source=item.source, reason=item.reason)
    source = item.source or "<article>"
    try:
        events = extract_events(
            item.text,
            published=item.published,
            source=item.source,
            min_confidence=min_confidence,
        )
    except CalendarExportError as exc:
        return Outcome(source=source, reason=str(exc))
    except Exception as exc:  # noqa: BLE001 -- one article's bug must not stop the batch
        return Outcome(
            source=source,
            reason=f"extraction failed ({type(exc).__name__}: {exc}); please report this "
            "article as a bug",
        )
    return Outcome(source=source, events=tuple(events))


def _extract_chunk(chunk: list[ArticleResult], min_confidence: float) -> list[Outcome]:
    return [extract_article(item, min_confidence=min_confidence) for item in chunk]


def run_batch(
    items: Iterable[ArticleResult],
    *,
    jobs: int = 1,
    min_confidence: float = 0.0,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Outcome]:
    """Yield one :class:`Outcome` per item, in input order, using ``jobs`` processes.

    With ``jobs`` > 1 the items are sent in chunks to a pool of worker processes, with at
    most a few chunks per worker in flight. A worker that dies takes only its chunk down:
    those articles are reported as skipped and the rest go on in a new pool.
    """
    if jobs <= 1:
        for item in items:
            yield extract_article(item, min_confidence=min_confidence)
        return
    chunks = _chunked(iter(items), chunk_size)
    in_flight = jobs * CHUNKS_IN_FLIGHT_PER_JOB
    pending: deque[tuple[list[ArticleResult], Future[list[Outcome]]]] = deque()
    pool = _pool(jobs)
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(_extract_chunk, chunk, min_confidence)))
            while len(pending) >= in_flight:
                outcomes, pool = _collect(pending, pool, jobs, min_confidence)
                yield from outcomes
        while pending:
            outcomes, pool = _collect(pending, pool, jobs, min_confidence)
            yield from outcomes
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(
    pending: deque[tuple[list[ArticleResult], Future[list[Outcome]]]],
    pool: ProcessPoolExecutor,
    jobs: int,
    min_confidence: float,
) -> tuple[list[Outcome], ProcessPoolExecutor]:
    """The outcomes of the oldest chunk; after a dead worker, a new pool for the rest."""

    chunk, future = pending.popleft()
    try:
        return future.result(), pool
    except BrokenProcessPool:
        pass
    # A dead worker takes every chunk in flight down with it. Run this chunk again on its
    # own, then article by article if it dies again, so only the culprit is skipped.
    pool.shutdown(wait=True, cancel_futures=True)
    pool = _pool(jobs)
    try:
        outcomes = pool.submit(_extract_chunk, chunk, min_confidence).result()
    except BrokenProcessPool:
        outcomes = []
        for item in chunk:
            pool.shutdown(wait=True, cancel_futures=True)
            pool = _pool(1)
            try:
                outcomes += pool.submit(_extract_chunk, [item], min_confidence).result()
            except BrokenProcessPool:
                outcomes.append(_skipped(item, WORKER_DIED))
        pool.shutdown(wait=True, cancel_futures=True)
        pool = _pool(jobs)
    for i, (waiting, _) in enumerate(pending):
        pending[i] = (waiting, pool.submit(_extract_chunk, waiting, min_confidence))
    return outcomes, pool


_WARM_UP = Article(
    text="GENEVA, May 3 (Reuters) - Trade ministers will meet at the Palais des Nations on "
    "Monday and may hold talks with President Li Wei, officials familiar with the plans said.",
    published=date(2024, 5, 3),
    source="warm-up",
)


def _pool(jobs: int) -> ProcessPoolExecutor:
    """``jobs`` worker processes: forked from this process, warmed up, when that is safe;
    else spawned.

    Forking is safe only while this process runs one thread (a forked child gets a copy
    of every lock, held or not, but only the forking thread); checked for each new pool.
    """
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context())


def _worker_context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        extract_article(_WARM_UP)  # loads the data tables the workers then share
        # A forked child flushes its copy of these buffers when it ends: empty them first.
        sys.stdout.flush()
        sys.stderr.flush()
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


WORKER_DIED = (
    "the worker process died on this article (out of memory or a crash); run it alone "
    "with --jobs 1 to see the error"
)


def _skipped(item: ArticleResult, reason: str) -> Outcome:
    source = item.source if isinstance(item, ReadFailure) else item.source or "<article>"
    return Outcome(source=source, reason=reason)


def _chunked(items: Iterator[ArticleResult], size: int) -> Iterator[list[ArticleResult]]:
    while chunk := list(islice(items, size)):
        yield chunk


#: Events kept for merging while a batch streams: a later event can join one of the last
#: this many, and memory stays flat whatever the size of the corpus.
MERGE_WINDOW = 1000

MeetingKey = Callable[[Event], Hashable]
SameMeeting = Callable[[Event, Event], bool]
Combine = Callable[[Event, Event], Event]


def uid_key(event: Event) -> Hashable:
    """The default key: the UID (the same article and sentence read twice)."""
    return event.uid


def add_mentions(kept: Event, new: Event) -> Event:
    """The default merge: the kept event, with the new one's mentions it lacks."""
    mentions = tuple(dict.fromkeys(kept.mentions + new.mentions))
    return kept if mentions == kept.mentions else kept.model_copy(update={"mentions": mentions})


def merge_window(
    events: Iterable[Event],
    *,
    size: int = MERGE_WINDOW,
    key: MeetingKey = uid_key,
    same: SameMeeting | None = None,
    combine: Combine = add_mentions,
) -> Iterator[Event]:
    """Merge each event into an earlier one of the same meeting among the last ``size``;
    yield events, in order of first appearance, as they leave the window.

    The seam for merging across articles while streaming: ``key`` gives the candidates
    (events with equal keys), ``same``, when given, says whether a candidate is really the
    same meeting, and ``combine`` merges the two (the store's identity logic fits here).
    Each event costs a lookup, not a scan of the window; reports further apart than the
    window stay separate.
    """
    window: OrderedDict[int, tuple[Hashable, Event]] = OrderedDict()
    by_key: dict[Hashable, list[int]] = {}
    for n, event in enumerate(events):
        k = key(event)
        ids = by_key.setdefault(k, [])
        match = next((i for i in reversed(ids) if same is None or same(window[i][1], event)), None)
        if match is not None:
            window[match] = (k, combine(window[match][1], event))
            continue
        window[n] = (k, event)
        ids.append(n)
        if len(window) > size:
            _, (old_key, old) = window.popitem(last=False)
            by_key[old_key].pop(0)  # the oldest of its key: ids are in window order
            if not by_key[old_key]:
                del by_key[old_key]
            yield old
    yield from (event for _, event in window.values())


_REASON_KEY = re.compile(r"[:;(]")


def reason_key(reason: str) -> str:
    """The kind of a skip reason, without its details: ``'not valid JSON'``."""
    return _REASON_KEY.split(reason, maxsplit=1)[0].strip() or reason


@dataclass
class BatchSummary:
    """Counts for the end of a batch: articles read, skipped (by reason), events found."""

    read: int = 0
    skipped: int = 0
    events: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    notes: int = 0

    def add(self, outcome: Outcome) -> None:
        """Count one outcome (a note is counted apart: it was not an article)."""
        if outcome.note is not None:
            self.notes += 1
            return
        self.read += 1
        self.events += len(outcome.events)
        if outcome.reason is not None:
            self.skipped += 1
            self.reasons[reason_key(outcome.reason)] += 1

    def lines(self) -> list[str]:
        """The summary as lines for the terminal, the most frequent reason first."""
        head = f"{self.read} article(s) read, {self.skipped} failed, {self.events} event(s) found"
        if self.notes:
            head += f", {self.notes} other file(s) left out"
        return [head] + [f"  {n} skipped: {why}" for why, n in self.reasons.most_common()]


class ProgressBar:
    """A one-line progress display on a terminal; silent when the stream is not one.

    The total is usually unknown (inputs are streamed), so it shows counts and the rate.
    """

    def __init__(self, stream: TextIO, *, enabled: bool | None = None, every: float = 0.1):
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.every = every
        self._start = time.monotonic()
        self._last = 0.0
        self._shown = False

    def update(self, summary: BatchSummary, *, force: bool = False) -> None:
        """Redraw the line, at most every ``every`` seconds."""
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.every:
            return
        self._last = now
        rate = summary.read / max(now - self._start, 1e-9)
        self.stream.write(
            f"\r\x1b[K{summary.read:,} article(s), {summary.skipped:,} skipped, "
            f"{summary.events:,} event(s)  {rate:,.0f}/s"
        )
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the line (before printing a message, and at the end)."""
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
