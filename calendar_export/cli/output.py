"""Writing results: atomic files, the terminal summary."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import ExportError
from ..models import Event


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and a failed write leaves the old one.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror}); check the folder") from exc


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
