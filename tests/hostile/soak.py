"""The feed under load and faults, on loopback, in bounded loops that stop by themselves.

- :func:`poll_while_ingesting`: N clients poll ``/calendar.ics`` (half with ``ETag``
  validators) while articles are POSTed; every response must be a 200 whose body parses
  as a whole calendar, or a 304 to a conditional request.
- :func:`kill_ingest`: ``calendar-export ingest`` is SIGKILLed mid-run; the store must
  open with every article it acknowledged, and ingesting everything again twice must end
  in the same store (idempotent).
- :func:`kill_server`: the same for ``calendar-export serve`` killed while a POST is in
  flight: every article answered 200/201 is in the store.

``test_hostile_server.py`` runs these small; ``make soak`` runs them longer and prints
what held::

    python tests/hostile/soak.py --clients 8 --requests 200 --kills 5
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from icalendar import Calendar

TOKEN = "soak-token"
COUNTRIES = (
    ("Portugal", "Spain", "Lisbon"), ("Japan", "Indonesia", "Jakarta"),
    ("Kenya", "Tanzania", "Nairobi"), ("Canada", "Mexico", "Ottawa"),
    ("Brazil", "China", "Beijing"), ("Norway", "Sweden", "Oslo"),
)  # fmt: skip


def articles(count: int) -> list[str]:
    """``count`` distinct short articles (written here), each announcing one meeting."""
    out = []
    for i in range(count):
        a, b, city = COUNTRIES[i % len(COUNTRIES)]
        day = 1 + i % 27
        out.append(
            f"date 2024-03-{day:02d}\nThe foreign ministers of {a} and {b} will meet in "
            f"{city} on Monday for round {i} of their talks, officials said.\n"
        )
    return out


@dataclass
class PollReport:
    requests: int = 0
    ok: int = 0
    not_modified: int = 0
    errors: list[str] = field(default_factory=list)
    ingested: int = 0


def _check_feed(response: httpx.Response, conditional: bool) -> str | None:
    """Why a feed response is wrong, or ``None``."""
    if response.status_code == 304:
        return None if conditional else "304 to an unconditional request"
    if response.status_code != 200:
        return f"status {response.status_code}"
    body = response.content
    if int(response.headers.get("content-length", len(body))) != len(body):
        return "torn: body shorter than Content-Length"
    if not body.endswith(b"END:VCALENDAR\r\n"):
        return "torn: the calendar does not end"
    cal = Calendar.from_ical(body)
    if len(cal.walk("VEVENT")) != body.count(b"\r\nBEGIN:VEVENT\r\n"):
        return "torn: VEVENT count differs from the text"
    return None


def poll_while_ingesting(base: str, *, clients: int, requests: int, texts: list[str]) -> PollReport:
    """``clients`` threads make ``requests`` polls each while ``texts`` are POSTed."""
    report = PollReport()
    lock = threading.Lock()

    def client(number: int) -> None:
        etag: str | None = None
        with httpx.Client(base_url=base, timeout=120) as http:
            for i in range(requests):
                conditional = number % 2 == 1 and etag is not None and i % 3 != 0
                headers = {"If-None-Match": etag} if conditional and etag else {}
                try:
                    response = http.get("/calendar.ics", headers=headers)
                    problem = _check_feed(response, conditional)
                except (httpx.HTTPError, ValueError) as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                    response = None
                with lock:
                    report.requests += 1
                    if problem:
                        report.errors.append(problem)
                    elif response is not None and response.status_code == 304:
                        report.not_modified += 1
                    else:
                        report.ok += 1
                if response is not None and response.status_code == 200:
                    etag = response.headers.get("etag")

    def ingester() -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            for text in texts:
                response = http.post(
                    "/articles", content=text.encode(), headers=_auth(), params={"source": "s"}
                )
                with lock:
                    if response.status_code in (200, 201):
                        report.ingested += 1
                    else:
                        report.errors.append(f"POST /articles: {response.status_code}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    threads.append(threading.Thread(target=ingester))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return report


def _auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}


def _cli(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    code = "import sys; from calendar_export.cli import main; main(sys.argv[1:])"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", code, *args], text=True, env=env, **kwargs
    )


def _present(store_path: Path, texts: list[str]) -> list[bool]:
    """Whether each article (as sent, with its date header) is in the store."""
    from calendar_export import parse_article
    from calendar_export.store import Store

    with Store(store_path) as store:
        return [store.has_article(parse_article(t).text) for t in texts]


@dataclass
class KillReport:
    kills: int = 0
    acknowledged: int = 0
    lost: int = 0
    idempotent: bool = True
    events: int = 0


def kill_ingest(folder: Path, *, kills: int, count: int = 30) -> KillReport:
    """SIGKILL ``calendar-export ingest`` ``kills`` times at growing points of one batch."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = articles(count)
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(text)
        paths.append(path)
    store = folder / "feed.sqlite"
    report = KillReport()
    acknowledged: set[str] = set()
    lost: set[str] = set()
    for k in range(kills):
        wait_for = 1 + (k * 3) % max(1, count - 1)
        with _cli("ingest", *map(str, paths), "--store", str(store), stdout=subprocess.PIPE,
                  stderr=subprocess.DEVNULL) as proc:  # fmt: skip
            seen = 0
            assert proc.stdout is not None
            for line in proc.stdout:
                name = line.split(":", 1)[0]
                if name.endswith(".txt"):
                    acknowledged.add(name)
                    seen += 1
                    if seen >= wait_for:
                        break
            # Killed right after an acknowledgement: the next article is being extracted
            # or written.
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
        report.kills += 1
        present = dict(zip(map(str, paths), _present(store, texts), strict=True))
        lost |= {name for name in acknowledged if not present[name]}
    report.acknowledged, report.lost = len(acknowledged), len(lost)
    counts = []
    for _ in range(2):  # finish the batch, then once more: nothing may change
        done = _cli("ingest", str(folder), "--store", str(store), stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE)  # fmt: skip
        out, _err = done.communicate(timeout=600)
        counts.append(out.splitlines()[-1] if out else "")
    report.idempotent = counts[0] == counts[1] and all(_present(store, texts))
    from calendar_export.store import Store

    with Store(store) as opened:
        report.events = opened.counts()["events"]
    return report


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def kill_server(folder: Path, *, kills: int, per_run: int = 4) -> KillReport:
    """SIGKILL ``calendar-export serve`` while a POST is in flight, ``kills`` times."""
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / "served.sqlite"
    texts = articles(kills * (per_run + 1))
    report = KillReport()
    acknowledged: list[str] = []
    pending = list(texts)
    for _ in range(kills):
        port = _free_port()
        proc = _cli("serve", "--store", str(store), "--token", TOKEN, "--port", str(port),
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        _wait_up(base, proc)
        with httpx.Client(base_url=base, timeout=120) as http:
            for _ in range(per_run):
                text = pending.pop(0)
                if http.post("/articles", content=text.encode(), headers=_auth()).status_code in (
                    200,
                    201,
                ):
                    acknowledged.append(text)
        in_flight = pending.pop(0)
        poster = threading.Thread(target=_post_quietly, args=(base, in_flight))
        poster.start()
        time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        poster.join(timeout=120)
        report.kills += 1
    report.acknowledged = len(acknowledged)
    report.lost = sum(1 for ok in _present(store, acknowledged) if not ok)
    return report


def _post_quietly(base: str, text: str) -> None:
    # The server is killed under it: not acknowledged, so it may or may not be stored.
    with contextlib.suppress(httpx.HTTPError):
        httpx.post(f"{base}/articles", content=text.encode(), headers=_auth(), timeout=120)


def _wait_up(base: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("calendar-export serve exited at start")
        try:
            httpx.get(f"{base}/calendar.ics", timeout=5)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("calendar-export serve did not start in 120 s")


def main(argv: list[str] | None = None) -> int:
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from feedtools import running_server

    from calendar_export.server import create_app
    from calendar_export.store import Store

    parser = argparse.ArgumentParser(description="Load and fault soak of the feed (loopback).")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="polls per client")
    parser.add_argument("--articles", type=int, default=30, help="POSTed while polling")
    parser.add_argument("--kills", type=int, default=5, help="SIGKILLs of ingest and of serve")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="calendar-export-soak-") as tmp:
        root = Path(tmp)
        started = time.monotonic()
        with (
            Store(root / "poll.sqlite") as store,
            running_server(create_app(store, token=TOKEN)) as base,
        ):
            poll = poll_while_ingesting(
                base, clients=args.clients, requests=args.requests, texts=articles(args.articles)
            )
        print(
            f"soak: {args.clients} clients polled /calendar.ics while {poll.ingested} articles "
            f"were ingested: {poll.requests} requests served ({poll.ok} 200, "
            f"{poll.not_modified} 304) in {time.monotonic() - started:.0f} s, "
            f"errors: {len(poll.errors)}"
        )
        for problem in sorted(set(poll.errors))[:10]:
            print(f"  error: {problem}")
        ingest = kill_ingest(root / "ingest", kills=args.kills)
        print(
            f"soak: ingest SIGKILLed {ingest.kills} times: {ingest.acknowledged} articles "
            f"acknowledged, articles lost after SIGKILL: {ingest.lost}; ingesting again is "
            f"{'idempotent' if ingest.idempotent else 'NOT idempotent'} "
            f"({ingest.events} events)"
        )
        served = kill_server(root / "serve", kills=args.kills)
        print(
            f"soak: serve SIGKILLed {served.kills} times with a POST in flight: "
            f"{served.acknowledged} articles acknowledged, articles lost after SIGKILL: "
            f"{served.lost}"
        )
    failed = poll.errors or ingest.lost or not ingest.idempotent or served.lost
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
