"""Helpers for the feed tests: events built by hand, a real uvicorn server on loopback."""

from __future__ import annotations

import calendar
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from calendar_export.models import Confidence, Event, Mention, Place, When

ROOT = Path(__file__).resolve().parent.parent
#: The read-only evaluation material (reference article, icscheck); configurable.
SHARED = Path(os.environ.get("CALENDAR_EXPORT_SHARED", ROOT.parent / "shared"))
REFERENCE_ARTICLE = SHARED / "samples" / "blinken-beijing-2023-06-19.txt"
ICSCHECK = SHARED / "tools" / "icscheck" / "icscheck"
G20_ARTICLE = ROOT / "data" / "samples" / "g20-new-delhi-2023-08-28.txt"

PLACES = {
    "New Delhi": ("India", 28.6139, 77.209, "Asia/Kolkata"),
    "San Francisco": ("United States", 37.7749, -122.4194, "America/Los_Angeles"),
    "Bali": ("Indonesia", -8.4095, 115.1889, "Asia/Makassar"),
    "Beijing": ("China", 39.9042, 116.4074, "Asia/Shanghai"),
    "China": ("China", 35.0, 103.0, "Asia/Shanghai"),
    "Lisbon": ("Portugal", 38.7223, -9.1393, "Europe/Lisbon"),
    "Brussels": ("Belgium", 50.8503, 4.3517, "Europe/Brussels"),
    "Lima": ("Peru", -12.0464, -77.0428, "America/Lima"),
    "Nairobi": ("Kenya", -1.2864, 36.8172, "Africa/Nairobi"),
}


def make_event(
    uid: str,
    title: str,
    *,
    kind: Any = "meeting",
    status: Any = "scheduled",
    day: str | None = None,
    month: str | None = None,
    until: str | None = None,
    place: str | None = None,
    people: tuple[str, ...] = (),
    score: float = 0.6,
    source: str = "a.txt",
    sentence: str | None = None,
) -> Event:
    """An event as the pipeline would produce it for one article (built by hand)."""
    if day:
        start = date.fromisoformat(day)
        end = date.fromisoformat(until) if until else start
        when = When(
            value=day if not until else f"{day}/{until}",
            start=start,
            end=end,
            precision="day",
            text=day,
        )
    elif month:
        year, mon = (int(x) for x in month.split("-"))
        start = date(year, mon, 1)
        end = date(year, mon, calendar.monthrange(year, mon)[1])
        when = When(value=month, start=start, end=end, precision="month", text=f"in {month}")
    else:
        when = When()
    where = None
    if place:
        country, lat, lon, tz = PLACES[place]
        where = Place(name=place, country=country, latitude=lat, longitude=lon, timezone=tz)
    return Event(
        uid=uid,
        title=title,
        kind=kind,
        status=status,
        when=when,
        place=where,
        participants=people,
        confidence=Confidence(score=score, notes=(f"stated as {status}.",)),
        mentions=(
            Mention(
                source=source, sentence=sentence or f"{title}, says {source}.", start=0, end=10
            ),
        ),
    )


@contextmanager
def running_uvicorn(app: Any, limits: Any = None) -> Iterator[tuple[str, Any]]:
    """Run ``app`` as ``calendar-export serve`` does (uvicorn with our listener limits) on
    127.0.0.1, a free port; yield its base URL and the uvicorn server."""
    import uvicorn

    from calendar_export.listener import bind, server_config

    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(server_config(app, limits))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@contextmanager
def running_server(app: Any, limits: Any = None) -> Iterator[str]:
    """Run ``app`` on 127.0.0.1 (a free port), as ``serve`` does; yield its base URL."""
    with running_uvicorn(app, limits) as (url, _):
        yield url


@contextmanager
def serve_command(*args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``calendar-export serve ARGS --port 0`` as a user does (a real process on
    loopback); yield the base URL it prints (ending in ``/``), stop it with Ctrl-C after."""
    exe = Path(sys.executable).with_name("calendar-export")
    proc = subprocess.Popen(
        [str(exe), "serve", *args, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CALENDAR_EXPORT_TOKEN": "", **(env or {})},
    )
    try:
        assert proc.stdout is not None
        url = ""
        deadline = time.monotonic() + 60
        while not url and time.monotonic() < deadline and proc.poll() is None:
            line = proc.stdout.readline()
            if line.startswith("Page: "):
                url = line.split()[1]
        assert url.startswith("http://127.0.0.1:"), proc.stderr.read() if proc.stderr else ""
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()  # never leave a server behind
            proc.communicate(timeout=15)
