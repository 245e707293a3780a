"""Load test of the feed server on loopback (issue 15), against ``calendar-export serve``.

Builds a store of --events synthetic events (as ``bench_feed.py`` does), starts the real
command on 127.0.0.1 and checks, printing each figure beside its target:

1. 20 distinct filter queries in a row: each <= 0.5 s; cached GETs issued meanwhile by
   another client: p99 <= 0.5 s;
2. ``GET /`` <= 1 MB;
3. 1,000 half-open connections (headers never finished): a normal GET within 2 s;
4. 200 concurrent POSTs: GETs meanwhile p99 <= 1 s (POSTs over the waiting bound get 503).

Every loop is bounded; nothing leaves the machine. Exit status 1 when a target is missed.
Run: ``make bench-load`` or ``python benchmarks/bench_load.py [--events 10000]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_feed import CITIES, KINDS, bench_synthetic_ingest

from calendar_export.store import Store

TOKEN = "load-test-token"
RESULTS: list[tuple[str, bool]] = []


def check(label: str, value: float, target: float, unit: str) -> None:
    ok = value <= target
    RESULTS.append((label, ok))
    print(f"  {'PASS' if ok else 'FAIL'}  {label}: {value:.3f} {unit} (target <= {target:g})")


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


@contextmanager
def serving(store: Path) -> Iterator[str]:
    exe = Path(sys.executable).with_name("calendar-export")
    proc = subprocess.Popen(
        [str(exe), "serve", "--store", str(store), "--port", "0", "--token", TOKEN],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CALENDAR_EXPORT_TOKEN": ""},
    )
    try:
        assert proc.stdout is not None
        url = ""
        deadline = time.monotonic() + 120
        while not url and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("Page: "):
                url = line.split()[1].rstrip("/")
        if not url:
            raise RuntimeError("calendar-export serve did not start")
        yield url
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        lines = err.strip().splitlines()
        print(f"server stderr: {len(lines)} line(s)" + (f", last: {lines[-1]}" if lines else ""))


SLOWEST: list[tuple[float, float]] = []


def poll(url: str, stop: threading.Event, limit: int = 5000) -> list[float]:
    """GET ``url`` until ``stop`` (at most ``limit`` times); the latencies in seconds.
    The slowest few, with when they started, go to :data:`SLOWEST`."""
    times: list[float] = []
    began = time.perf_counter()
    when: list[tuple[float, float]] = []
    with httpx.Client(timeout=30) as client:
        while not stop.is_set() and len(times) < limit:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            when.append((times[-1], start - began))
            assert response.status_code == 200, response.status_code
    SLOWEST[:] = sorted(when, reverse=True)[:3]
    return times


def in_background(work: Callable[[], list[float]]) -> tuple[threading.Thread, list[list[float]]]:
    out: list[list[float]] = []
    thread = threading.Thread(target=lambda: out.append(work()))
    thread.start()
    return thread, out


def distinct_filters(base: str) -> None:
    print("1. 20 distinct filter queries in a row, cached GETs meanwhile")
    cached = f"{base}/calendar.ics?upcoming=1"
    httpx.get(cached, timeout=60)
    stop = threading.Event()
    thread, out = in_background(lambda: poll(cached, stop))
    times = []
    with httpx.Client(timeout=60) as client:
        for n in range(20):
            query = f"min_confidence={0.2 + n / 40:.3f}&kind={KINDS[n % len(KINDS)]}"
            start = time.perf_counter()
            response = client.get(f"{base}/calendar.ics?{query}")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
    stop.set()
    thread.join()
    check("slowest of 20 distinct filters", max(times), 0.5, "s")
    print(f"        median {statistics.median(times):.3f} s")
    check(f"cached GET p99 ({len(out[0])} requests)", p99(out[0]), 0.5, "s")


def page_size(base: str) -> None:
    print("2. GET /")
    response = httpx.get(f"{base}/", timeout=60)
    assert response.status_code == 200
    check("GET / size", len(response.content) / 1e6, 1.0, "MB")
    full = httpx.get(f"{base}/calendar.ics", timeout=60)
    print(f"        for comparison, the whole feed: {len(full.content) / 1e6:.1f} MB")


def half_open(base: str, count: int) -> None:
    print(f"3. {count} half-open connections")
    host, port = base.removeprefix("http://").split(":")
    crowd = []
    try:
        for _ in range(count):
            sock = socket.create_connection((host, int(port)), timeout=10)
            sock.sendall(b"GET /calendar.ics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            crowd.append(sock)
        start = time.perf_counter()
        response = httpx.get(f"{base}/calendar.ics?kind=summit", timeout=30)
        seconds = time.perf_counter() - start
        assert response.status_code == 200
        check("normal GET among them", seconds, 2.0, "s")
    finally:
        for sock in crowd:
            sock.close()


def article(n: int) -> str:
    city, country = CITIES[n % len(CITIES)]
    return (
        f"date 2026-03-{1 + n % 27:02d}\nThe trade ministers of {country} and its neighbours "
        f"will meet in {city} on Monday for round {n} of their talks, officials said.\n"
    )


def post_storm(base: str, count: int) -> tuple[float, dict[int, int]]:
    """``count`` POSTs at once (run in another process, so that this one's threads do not
    slow the GETs being timed here); seconds taken and answers by status."""
    # One client for every POST (httpx clients are thread-safe): a client apiece would
    # spend seconds of CPU on TLS contexts.
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}
    with httpx.Client(timeout=600, limits=limits, headers=headers) as client:

        def post(n: int) -> int:
            return client.post(f"{base}/articles", content=article(n).encode()).status_code

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=count) as pool:
            statuses = Counter(pool.map(post, range(count)))
    return time.perf_counter() - start, dict(sorted(statuses.items()))


def concurrent_posts(base: str, count: int) -> None:
    print(f"4. {count} concurrent POSTs, GETs meanwhile")
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as storm:
        storm.submit(time.sleep, 0).result()  # the process is up before the clock starts
        stop = threading.Event()
        thread, out = in_background(lambda: poll(f"{base}/calendar.ics?upcoming=1", stop))
        seconds, statuses = storm.submit(post_storm, base, count).result()
        stop.set()
        thread.join()
    print(f"        POST answers in {seconds:.1f} s: {statuses}")
    check(f"GET p99 during the POSTs ({len(out[0])} requests)", p99(out[0]), 1.0, "s")
    print(f"        GET median {statistics.median(out[0]):.3f} s")
    slow = ", ".join(f"{t:.2f} s at +{at:.1f} s" for t, at in SLOWEST)
    print(f"        slowest GETs: {slow}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--half-open", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--only", default="1234", help="the checks to run, by number")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        path = Path(tmp) / "load.sqlite"
        with Store(path) as store:
            bench_synthetic_ingest(store, args.events)
        with serving(path) as base:
            checks = {
                "1": lambda: distinct_filters(base),
                "2": lambda: page_size(base),
                "3": lambda: half_open(base, args.half_open),
                "4": lambda: concurrent_posts(base, args.posts),
            }
            for number in args.only:
                checks[number]()
    failed = [label for label, ok in RESULTS if not ok]
    print(f"{len(RESULTS) - len(failed)} of {len(RESULTS)} targets met")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
