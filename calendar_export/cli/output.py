"""Writing results: atomic files, events written as they come, the terminal summary.

An output file is written through a temporary file beside it and renamed over the target
only when the run read something (:class:`AtomicFile`), so a reader never sees half a
file, and a run that read nothing leaves an existing file as it was. The writers
(:func:`event_writer`) take one event at a time: a corpus of any size streams through.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

import click

from ..api import to_ics
from ..errors import ExportError
from ..ics import in_calendar
from ..models import Event


class AtomicFile:
    """A file written through a temporary file, renamed over ``path`` by :meth:`commit`.

    :meth:`abort` (or an error) removes the temporary file and leaves ``path`` untouched.
    The new file keeps the permissions of the one it replaces (a new one gets the usual
    ``0666`` less the umask, not the temporary file's ``0600``).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
            )
        except OSError as exc:
            raise self._error(exc) from exc
        self.tmp = Path(tmp)
        self.stream: BinaryIO = os.fdopen(fd, "wb")

    def _error(self, exc: OSError) -> ExportError:
        return ExportError(f"{self.path}: cannot write ({exc.strerror}); check the folder")

    def write(self, data: bytes) -> None:
        try:
            self.stream.write(data)
        except OSError as exc:
            self.abort()
            raise self._error(exc) from exc

    def commit(self) -> None:
        """Make the written bytes the file at ``path``."""
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.chmod(self.tmp, _mode_for(self.path))
            os.replace(self.tmp, self.path)
        except OSError as exc:
            self.abort()
            raise self._error(exc) from exc

    def abort(self) -> None:
        """Drop what was written; ``path`` stays as it was."""
        self.stream.close()
        self.tmp.unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and a failed write leaves the old one.
    """
    out = AtomicFile(path)
    out.write(data)
    out.commit()


class EventWriter(Protocol):
    """Writes events one at a time in one output format."""

    def write(self, event: Event) -> None: ...

    def finish(self) -> None: ...


class _IcsWriter:
    """A VCALENDAR written a VEVENT at a time: each event is rendered by the same code as
    a whole calendar, and its VEVENT (and any VTIMEZONE not yet written) copied out."""

    def __init__(self, out: BinaryIO, name: str | None) -> None:
        self.out = out
        self.end = b"END:VCALENDAR\r\n"
        self.head = _head(to_ics([]), self.end)  # what precedes the events of one
        self.out.write(_head(to_ics([], name=name), self.end))
        self.zones: set[bytes] = set()

    def write(self, event: Event) -> None:
        if not in_calendar(event):
            return
        body = to_ics([event])[len(self.head) : -len(self.end)]
        for component in _components(body):
            if component.startswith(b"BEGIN:VTIMEZONE"):
                if component in self.zones:
                    continue
                self.zones.add(component)
            self.out.write(component)

    def finish(self) -> None:
        self.out.write(self.end)


def _head(calendar: bytes, end: bytes) -> bytes:
    return calendar[: calendar.rindex(end)]


def _components(body: bytes) -> list[bytes]:
    """The top-level components of a calendar body (``BEGIN:X`` ... ``END:X``), in order."""
    out, start, depth = [], 0, 0
    lines = body.split(b"\r\n")
    pos = 0
    for line in lines[:-1]:
        pos += len(line) + 2
        if line.startswith(b"BEGIN:"):
            depth += 1
        elif line.startswith(b"END:"):
            depth -= 1
            if depth == 0:
                out.append(body[start:pos])
                start = pos
    return out


class _JsonLinesWriter:
    """One event a line, as ``Event.model_dump_json()``."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out

    def write(self, event: Event) -> None:
        self.out.write(event.model_dump_json().encode() + b"\n")

    def finish(self) -> None:
        pass


class _JsonWriter:
    """``{"events": [...]}``, the same bytes as :func:`~calendar_export.api.to_json`,
    written an event at a time."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.count = 0

    def write(self, event: Event) -> None:
        body = event.model_dump_json(indent=2).replace("\n", "\n    ")
        self.out.write(((",\n    " if self.count else '{\n  "events": [\n    ') + body).encode())
        self.count += 1

    def finish(self) -> None:
        self.out.write(b"\n  ]\n}\n" if self.count else b'{\n  "events": []\n}\n')


def event_writer(fmt: str, out: BinaryIO, *, name: str | None = None) -> EventWriter:
    """A writer for ``fmt`` (``ics``, ``json`` or ``jsonl``) onto ``out``."""
    if fmt == "ics":
        return _IcsWriter(out, name)
    if fmt == "jsonl":
        return _JsonLinesWriter(out)
    return _JsonWriter(out)


#: The most events listed one a line at the end of a run; a larger run lists only counts.
SUMMARY_EVENTS = 50


def summary_lines(events: Sequence[Event], *, in_calendar: set[str]) -> list[str]:
    """One readable line an event: date, status, confidence, title, place."""
    lines = []
    for e in sorted(events, key=lambda e: (e.when.start is None, e.when.start, e.title)):
        when = e.when.value or "no date"
        place = f" @ {e.place.name}" if e.place else ""
        flag = "" if e.uid in in_calendar else "  [not in calendar: no usable date]"
        lines.append(
            f"  {when:<12} {e.status:<10} {e.confidence.score:.2f}  {e.title}{place}{flag}"
        )
    return lines


def echo_err(message: str) -> None:
    click.echo(message, err=True)
