"""Extraction for the server in a child process, so that it never holds the server's GIL.

Ingesting is CPU work in Python (spaCy, our rules, matching and merging). Run in a thread
of the server, it takes the interpreter lock from the event loop and from the threads
that answer feed requests: GETs waited seconds while articles were posted. Here one child
process ingests one article at a time into the store file (its own connection; SQLite
serializes writers), over a pipe of JSON lines; the server process only reads.

The child reads its standard input until end of file, so it ends with the server, even
when the server is killed. A child that dies is started again for the next article.

Run as ``python -m calendar_export.extractor`` (the server does this; not a command).
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import json
import subprocess
import sys
import threading
from datetime import date
from typing import IO, Any

from .errors import CalendarExportError, StoreError
from .models import Article, Event
from .store.records import IngestResult

_WARM_DAY = date(2024, 1, 1)


class Extractor:
    """A child process extracting events, one article at a time (thread-safe)."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def extract(self, article: Article) -> list[Event]:
        """The events of ``article``, as :func:`~calendar_export.api.extract_events`."""
        reply = self._call(article, None)
        return [Event.model_validate(event) for event in reply["events"]]

    def ingest(self, store: str, article: Article) -> IngestResult:
        """:meth:`Store.ingest <calendar_export.store.Store.ingest>` of ``article`` into
        the store file ``store``, done by the child: extraction, matching and writing."""
        reply = self._call(article, store)
        return IngestResult(**reply["result"])

    def _call(self, article: Article, store: str | None) -> dict[str, Any]:
        request = json.dumps(
            {"text": article.text, "published": article.published.isoformat(),
             "source": article.source, "store": store}
        )  # fmt: skip
        with self._lock:  # a second time after a restart (ingest is idempotent)
            line = self._ask(request) or self._ask(request)
        if not line:
            raise CalendarExportError("the extraction process stopped on this article")
        reply: dict[str, Any] = json.loads(line)
        if "store_error" in reply:
            raise StoreError(str(reply["store_error"]))
        if "error" in reply:
            raise CalendarExportError(str(reply["error"]))
        return reply

    def warm(self) -> None:
        """Start the child and load what extraction needs now, not on the first article
        (loading takes seconds of CPU that would compete with the first requests)."""
        self.extract(Article(text="The ministers will meet on Monday.", published=_WARM_DAY))

    def _ask(self, request: str) -> str:
        proc = self._proc
        if proc is not None and proc.poll() is not None:
            self._stop(proc)  # died since the last article
            proc = None
        if proc is None:
            proc = self._proc = subprocess.Popen(
                [sys.executable, "-m", "calendar_export.extractor"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        assert proc.stdin is not None
        assert proc.stdout is not None
        try:
            proc.stdin.write(request + "\n")
            proc.stdin.flush()
            line = proc.stdout.readline()
        except OSError:
            line = ""
        if not line:
            self._stop(proc)
            self._proc = None
        return line

    def close(self) -> None:
        """End the child process (it ends by itself when this process ends)."""
        with self._lock:
            if self._proc is not None:
                self._stop(self._proc)
                self._proc = None

    @staticmethod
    def _stop(proc: subprocess.Popen[str]) -> None:
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


_shared: Extractor | None = None
_shared_lock = threading.Lock()


def shared_extractor() -> Extractor:
    """The process's one extractor (started on first use, ended at exit)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Extractor()
            atexit.register(_shared.close)
        return _shared


def serve_requests(requests: IO[str], replies: IO[str]) -> None:
    """The child's loop: one JSON article a line in, one JSON reply a line out."""
    from .api import extract_events
    from .store import Store

    stores: dict[str, Store] = {}
    for line in requests:
        try:
            data = json.loads(line)
            article = Article(
                text=data["text"],
                published=date.fromisoformat(data["published"]),
                source=data["source"],
            )
            if data.get("store"):
                path = data["store"]
                store = stores.get(path) or stores.setdefault(path, Store(path))
                result = store.ingest(article)
                reply = json.dumps({"result": dataclasses.asdict(result)})
            else:
                events = extract_events(
                    article.text, published=article.published, source=article.source
                )
                reply = '{"events": [' + ",".join(e.model_dump_json() for e in events) + "]}"
        except StoreError as exc:
            reply = json.dumps({"store_error": str(exc)})
        except CalendarExportError as exc:
            reply = json.dumps({"error": str(exc)})
        except Exception as exc:  # noqa: BLE001 -- one article never ends the loop
            reply = json.dumps({"error": f"extraction failed ({type(exc).__name__}: {exc})"})
        replies.write(reply + "\n")
        replies.flush()


if __name__ == "__main__":
    protocol = sys.stdout
    sys.stdout = sys.stderr  # nothing else may write on the reply pipe
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
        serve_requests(sys.stdin, protocol)
