"""Feed benchmark: ingest rate into the store, and GET /calendar.ics latency for 10,000 events.

Prints:
- ingest through the extraction pipeline (sample articles in data/samples and, when
  present, the articles of ../shared/bench/news_dev.jsonl), articles/s;
- ingest of synthetic pre-extracted events (identity matching, merging, SQLite), articles/s
  and events/s, building a store of --events events (every tenth article re-reports an
  earlier event with a more precise date, so updates are measured too);
- against a real uvicorn server on 127.0.0.1: GET /calendar.ics cold (first request after
  a change: query, render, send), warm (rendered body cached), and with If-None-Match (304).

Run: ``make bench-feed`` or ``python benchmarks/bench_feed.py [--events 10000]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from calendar_export.api import parse_article
from calendar_export.errors import CalendarExportError
from calendar_export.listener import bind, server_config
from calendar_export.models import Article, Confidence, Event, Mention, Place, When
from calendar_export.server import create_app
from calendar_export.store import Store

ROOT = Path(__file__).resolve().parent.parent
CITIES = [
    ("Lisbon", "Portugal"),
    ("Madrid", "Spain"),
    ("Nairobi", "Kenya"),
    ("Jakarta", "Indonesia"),
    ("Brasilia", "Brazil"),
    ("Ottawa", "Canada"),
    ("Canberra", "Australia"),
    ("Seoul", "South Korea"),
    ("Cairo", "Egypt"),
    ("Hanoi", "Vietnam"),
    ("Lima", "Peru"),
    ("Oslo", "Norway"),
]
FIRST = ("Ana", "John", "Maria", "Wei", "Ahmed", "Olga")  # shared first names, as in life
KINDS = ("meeting", "talks", "visit", "summit", "conference", "call")
EVENTS_PER_ARTICLE = 5


def pipeline_articles(shared: Path) -> list[Article]:
    """Real article texts: the bundled samples and, if present, the shared dev articles."""
    articles = []
    for path in sorted((ROOT / "data" / "samples").glob("*.txt")):
        try:
            articles.append(parse_article(path.read_bytes(), source=path.name))
        except CalendarExportError as exc:
            print(f"  skipped {exc}")
    dev = shared / "bench" / "news_dev.jsonl"
    if dev.exists():
        for line in dev.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            articles.append(
                Article(
                    text=rec["text"], published=date.fromisoformat(rec["dct"]), source=rec["source"]
                )
            )
    return articles


def bench_pipeline_ingest(articles: list[Article], workdir: Path) -> None:
    with Store(workdir / "pipeline.sqlite") as store:
        start = time.perf_counter()
        for article in articles:
            store.ingest(article)
        seconds = time.perf_counter() - start
        events = store.counts()["events"]
    print(
        f"ingest with extraction: {len(articles)} articles in {seconds:.2f} s = "
        f"{len(articles) / seconds:.1f} articles/s ({events} events stored)"
    )


def _event(rng: random.Random, n: int, *, precise_of: Event | None = None) -> Event:
    if precise_of is not None:  # the same event, now with its exact day
        when = precise_of.when
        assert when.start is not None
        day = when.start + timedelta(days=rng.randrange(28))
        new_when = When(value=day.isoformat(), start=day, end=day, precision="day", text="on")
        return precise_of.model_copy(update={"uid": f"re{n}@bench", "when": new_when})
    city, country = rng.choice(CITIES)
    start = date(2027, 1, 1) + timedelta(days=rng.randrange(365))
    if rng.random() < 0.3:
        start = start.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        when = When(value=start.strftime("%Y-%m"), start=start, end=end, precision="month")
    else:
        when = When(value=start.isoformat(), start=start, end=start, precision="day")
    kind = rng.choice(KINDS)
    people = (f"{rng.choice(FIRST)} Aq{n}", f"{rng.choice(FIRST)} Bz{n}")
    return Event(
        uid=f"ev{n}@bench",
        title=f"{kind.title()} of {people[0]} and {people[1]} in {city}",
        kind=kind,  # type: ignore[arg-type]
        status=rng.choice(("scheduled", "expected", "possible", "proposed")),  # type: ignore[arg-type]
        when=when,
        place=Place(name=city, country=country),
        participants=people,
        confidence=Confidence(score=round(rng.uniform(0.2, 0.95), 2), notes=("synthetic",)),
        mentions=(
            Mention(sentence=f"{people[0]} will meet {people[1]} in {city}.", start=0, end=40),
        ),
    )


def bench_synthetic_ingest(store: Store, n_events: int) -> None:
    rng = random.Random(20230909)
    made: list[Event] = []
    articles = 0
    start = time.perf_counter()
    n = 0
    while len(made) < n_events:
        events = []
        for _ in range(EVENTS_PER_ARTICLE):
            if made and articles % 10 == 9 and not events:
                events.append(_event(rng, n, precise_of=rng.choice(made)))
            elif len(made) < n_events:
                events.append(_event(rng, n))
                made.append(events[-1])
            n += 1
        published = date(2026, 1, 1) + timedelta(days=articles // 20)
        store.ingest(
            Article(
                text=f"synthetic article {articles}",
                published=published,
                source=f"https://news{articles % 7}.example/{articles}",
            ),
            events,
        )
        articles += 1
    seconds = time.perf_counter() - start
    counts = store.counts()
    print(
        f"ingest of pre-extracted events: {articles} articles ({n} reports) in {seconds:.2f} s"
        f" = {articles / seconds:.0f} articles/s, {n / seconds:.0f} events/s"
        f" -> {counts['events']} stored events"
    )


@contextmanager
def served(store: Store, **options: Any) -> Iterator[str]:
    """``store`` served as ``calendar-export serve`` serves it, on 127.0.0.1."""
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(server_config(create_app(store, **options)))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


def _timed(client: httpx.Client, url: str, **kwargs: Any) -> tuple[float, httpx.Response]:
    start = time.perf_counter()
    response = client.get(url, **kwargs)
    return time.perf_counter() - start, response


def bench_http(store: Store, repeat: int) -> None:
    rng = random.Random(7)
    with served(store) as base, httpx.Client(timeout=120) as client:
        url = f"{base}/calendar.ics"
        colds = []
        for i in range(2):
            seconds, response = _timed(client, url)
            colds.append(seconds)
            assert response.status_code == 200
            size = len(response.content)
            count = response.content.count(b"BEGIN:VEVENT")
            # A new article changes the store: the next GET must render again.
            store.ingest(
                Article(text=f"one more {i}", published=date(2026, 12, 1), source="more"),
                [_event(rng, 10**6 + i)],
            )
        filters = [
            f"{url}?min_confidence={n / 20:.2f}&kind={KINDS[n % len(KINDS)]}" for n in range(1, 6)
        ]
        filtered = [_timed(client, f)[0] for f in filters]
        page = client.get(f"{base}/")
        etag = client.get(url).headers["etag"]
        warm = [_timed(client, url)[0] for _ in range(min(repeat, 10))]
        hits = []
        for _ in range(repeat):
            seconds, response = _timed(client, url, headers={"If-None-Match": etag})
            assert response.status_code == 304
            hits.append(seconds)
    print(f"GET /calendar.ics, {count} VEVENTs, {size / 1e6:.1f} MB:")
    print(f"  cold (query + render + send): {', '.join(f'{s * 1000:.0f}' for s in colds)} ms")
    print(
        f"  cold, {len(filtered)} distinct filters (min_confidence and kind): "
        f"{', '.join(f'{s * 1000:.0f}' for s in filtered)} ms"
    )
    print(f"  warm (cached body), median of {len(warm)}: {statistics.median(warm) * 1000:.1f} ms")
    print(f"GET /: {len(page.content) / 1e6:.2f} MB, ETag {page.headers.get('etag', 'none')}")
    print(
        f"  If-None-Match -> 304, median of {len(hits)}: {statistics.median(hits) * 1000:.2f} ms"
        f" (p95 {sorted(hits)[int(len(hits) * 0.95) - 1] * 1000:.2f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200, help="304 requests to time")
    parser.add_argument(
        "--no-pipeline", action="store_true", help="skip ingest through the extraction pipeline"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-feed-") as tmp:
        workdir = Path(tmp)
        if not args.no_pipeline:
            bench_pipeline_ingest(pipeline_articles(args.shared), workdir)
        with Store(workdir / "synthetic.sqlite") as store:
            bench_synthetic_ingest(store, args.events)
            bench_http(store, args.repeat)


if __name__ == "__main__":
    main()
