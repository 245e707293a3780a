"""``calendar-export extract`` and ``calendar-export schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..api import to_ics, to_json
from ..errors import CalendarExportError
from ..ics import in_calendar
from ..models import EventList
from .inputs import fields_from, input_options, process_inputs
from .output import echo_err, summary_lines, write_atomic


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write here (default: stdout)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["ics", "json"]), default="ics", show_default=True
)
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date YYYY-MM-DD for every article; overrides its own date.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out events scored below this.",
)
@click.option("--name", help="Calendar name (NAME / X-WR-CALNAME).")
@input_options
def extract(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: str,
    published: object,
    min_confidence: float,
    name: str | None,
    jobs: int,
    input_format: str,
    text_field: str,
    published_field: str,
    source_field: str,
    allow_addresses: tuple[str, ...],
) -> None:
    """Extract meetings from articles, pages, feeds, corpora or folders into .ics or JSON.

    PATHS are text files (first line may be 'date YYYY-MM-DD'), HTML pages, RSS/Atom
    feeds, JSON Lines corpora ({"text", "published", "source"} a line), folders (read
    recursively), http(s) URLs, or - for standard input. A bad article is reported and
    skipped; the others are still processed, and the exit code is 1 if any failed.
    A progress line is shown on a terminal; a summary ends the run.

    \b
    Examples:
      calendar-export extract article.txt                # .ics on stdout
      calendar-export extract data/samples -o out/calendar.ics
      calendar-export extract a.txt --published 2023-06-19 --format json
      calendar-export extract news/ --min-confidence 0.5 -o likely.ics
      calendar-export extract page.html feed.xml https://example.org/rss
      calendar-export extract corpus.jsonl --text-field body --jobs 2 -o out.ics
      cat article.txt | calendar-export extract - --published 2023-06-19
    """
    pub = published.date() if published is not None else None  # type: ignore[attr-defined]
    batch = process_inputs(
        paths,
        published=pub,
        min_confidence=min_confidence,
        jobs=jobs,
        input_format=input_format,
        fields=fields_from(text_field, published_field, source_field),
        allow_addresses=allow_addresses,
    )
    events, failures = batch.events, batch.summary.skipped
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
    head, *reasons = batch.summary.lines()
    report(head + (f", written to {output}" if output else ""))
    for line in reasons:
        report(line)
    for line in summary_lines(events, in_calendar=shown):
        report(line)
    if fmt == "ics" and len(shown) < len(events):
        report(
            f"{len(events) - len(shown)} event(s) without a usable date are in the JSON "
            "output (--format json), not in the calendar."
        )
    if failures:
        sys.exit(1)


@click.command()
def schema() -> None:
    """Print the JSON Schema of the JSON output ({"events": [...]}).

    \b
    Example:
      calendar-export schema > event-schema.json
    """
    click.echo(json.dumps(EventList.model_json_schema(mode="serialization"), indent=2))
