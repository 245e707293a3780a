"""``calendar-export extract`` and ``calendar-export schema``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click

from ..api import extract_events, parse_article, to_ics, to_json
from ..errors import CalendarExportError
from ..ics import in_calendar
from ..models import Event, EventList
from .output import echo_err, summary_lines, write_atomic

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def _iter_files(paths: tuple[Path, ...]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
        else:
            yield path


def _read(path: Path) -> bytes:
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CalendarExportError(
            f"{path}: cannot read ({exc.strerror}); check the path and its permissions"
        ) from exc


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write here (default: stdout)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["ics", "json"]), default="ics", show_default=True
)
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date YYYY-MM-DD; overrides the articles' 'date' header.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out events scored below this.",
)
@click.option("--name", help="Calendar name (NAME / X-WR-CALNAME).")
def extract(
    paths: tuple[Path, ...],
    output: Path | None,
    fmt: str,
    published: object,
    min_confidence: float,
    name: str | None,
) -> None:
    """Extract meetings from article files or folders into .ics or JSON.

    An article is a UTF-8 text file whose first line may be 'date YYYY-MM-DD'.
    A bad article is reported and skipped; the others are still processed, and
    the exit code is 1 if any failed.

    \b
    Examples:
      calendar-export extract article.txt                # .ics on stdout
      calendar-export extract data/samples -o out/calendar.ics
      calendar-export extract a.txt --published 2023-06-19 --format json
      calendar-export extract news/ --min-confidence 0.5 -o likely.ics
    """
    pub = published.date() if published is not None else None  # type: ignore[attr-defined]
    events, failures, read = _extract_all(paths, pub, min_confidence)
    payload = to_ics(events, name=name) if fmt == "ics" else to_json(events).encode()
    try:
        if output is None:
            sys.stdout.buffer.write(payload)
            sys.stdout.flush()
        else:
            write_atomic(output, payload)
    except CalendarExportError as exc:
        echo_err(f"error: {exc}")
        sys.exit(1)
    shown = {e.uid for e in events if in_calendar(e)}
    report = click.echo if output is not None else echo_err
    report(
        f"{read} article(s) read, {failures} failed, {len(events)} event(s) found"
        + (f", written to {output}" if output else "")
    )
    for line in summary_lines(events, in_calendar=shown):
        report(line)
    if fmt == "ics" and len(shown) < len(events):
        report(
            f"{len(events) - len(shown)} event(s) without a usable date are in the JSON "
            "output (--format json), not in the calendar."
        )
    if failures:
        sys.exit(1)


def _extract_all(
    paths: tuple[Path, ...], published: date | None, min_confidence: float
) -> tuple[list[Event], int, int]:
    events: list[Event] = []
    failures = read = 0
    for path in _iter_files(paths):
        read += 1
        try:
            if str(path) != "-" and not path.exists():
                raise CalendarExportError(f"{path}: no such file; check the path")
            article = parse_article(_read(path), published=published, source=str(path))
            events.extend(
                extract_events(
                    article.text,
                    published=article.published,
                    source=article.source,
                    min_confidence=min_confidence,
                )
            )
        except CalendarExportError as exc:
            failures += 1
            echo_err(f"error: {exc}")
    return events, failures, read


@click.command()
def schema() -> None:
    """Print the JSON Schema of the JSON output ({"events": [...]}).

    \b
    Example:
      calendar-export schema > event-schema.json
    """
    click.echo(json.dumps(EventList.model_json_schema(mode="serialization"), indent=2))
