"""``calendar-export extract`` and ``calendar-export schema``."""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

import click

from ..batch import BatchSummary, merge_window
from ..errors import CalendarExportError
from ..ics import in_calendar
from ..models import Event, EventList
from .inputs import fields_from, input_options, process_inputs
from .output import SUMMARY_EVENTS, AtomicFile, echo_err, event_writer, summary_lines


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write here (default: stdout)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ics", "json", "jsonl"]),
    default="ics",
    show_default=True,
    help='ics: a calendar; json: {"events": [...]}; jsonl: one event a line.',
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
@click.option(
    "--no-merge",
    is_flag=True,
    help="Keep each article's events apart (default: one event per meeting, as the feed).",
)
@input_options
def extract(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: str,
    published: object,
    min_confidence: float,
    name: str | None,
    no_merge: bool,
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

    A meeting several articles report is one event, folded as the feed folds it (the
    latest date and status, the evidence of each); --no-merge keeps them apart.

    Events are written as they are found, so a corpus of any size streams; an event
    found again among the last 1,000 (the same article read twice) is written once.
    With -o, the file is replaced only at the end of a run that read at least one
    article, and keeps its permissions.

    \b
    Examples:
      calendar-export extract article.txt                # .ics on stdout
      calendar-export extract data/samples -o out/calendar.ics
      calendar-export extract a.txt --published 2023-06-19 --format json
      calendar-export extract news/ --min-confidence 0.5 -o likely.ics
      calendar-export extract page.html feed.xml https://example.org/rss
      calendar-export extract corpus.jsonl --text-field body --jobs 2 -o out.ics
      calendar-export extract big.jsonl --format jsonl -o events.jsonl
      calendar-export extract http://127.0.0.1:8080/feed.xml --allow-address 127.0.0.1
      cat article.txt | calendar-export extract - --published 2023-06-19
    """

    pub = published.date() if published is not None else None  # type: ignore[attr-defined]
    summary = BatchSummary()
    events = process_inputs(
        paths,
        summary,
        published=pub,
        min_confidence=min_confidence,
        jobs=jobs,
        input_format=input_format,
        fields=fields_from(text_field, published_field, source_field),
        allow_addresses=allow_addresses,
    )
    try:
        # Merged: one event per meeting over windows of articles (which also drops copies);
        # --no-merge: each article's events, an event read twice written once.
        found = merge_window(events) if no_merge else _meetings(events)
        tally = _write(found, output, fmt, name, summary)
    except CalendarExportError as exc:
        echo_err(f"error: {exc}")
        sys.exit(1)
    if tally is None:
        left = f"; {output} was left as it was" if output is not None else ""
        echo_err(f"error: no article could be read, nothing was written{left}")
        for line in summary.lines()[1:]:
            echo_err(line)
        sys.exit(1)
    _report(summary, tally, output, fmt)
    if summary.skipped:
        sys.exit(1)


class _Tally:
    """What was written: counts, and the first events for the summary lines."""

    def __init__(self) -> None:
        self.events = 0
        self.undated = 0
        self.listed: list[Event] = []

    def add(self, event: Event) -> None:
        self.events += 1
        self.undated += not in_calendar(event)
        if len(self.listed) <= SUMMARY_EVENTS:
            self.listed.append(event)


def _write(
    events: Iterator[Event], output: Path | None, fmt: str, name: str | None, summary: BatchSummary
) -> _Tally | None:
    """Write the events as they come: to stdout, or to a temporary file renamed to
    ``output`` at the end. Returns None, and writes nothing, when no article was read."""
    tally = _Tally()
    first = next(events, None)
    if first is None and summary.read == summary.skipped:
        return None
    target = AtomicFile(output) if output is not None else None
    stream = target.stream if target is not None else sys.stdout.buffer
    try:
        writer = event_writer(fmt, stream, name=name)
        for event in itertools.chain([first] if first is not None else [], events):
            writer.write(event)
            tally.add(event)
        writer.finish()
        stream.flush()
    except BaseException:
        if target is not None:
            target.abort()
        raise
    if target is not None:
        target.commit()
    return tally


def _report(summary: BatchSummary, tally: _Tally, output: Path | None, fmt: str) -> None:
    report = click.echo if output is not None else echo_err
    head, *reasons = summary.lines()
    report(head + (f", written to {output}" if output else ""))
    for line in reasons:
        report(line)
    if tally.events <= SUMMARY_EVENTS:
        shown = {e.uid for e in tally.listed if in_calendar(e)}
        for line in summary_lines(tally.listed, in_calendar=shown):
            report(line)
    if fmt == "ics" and tally.undated:
        report(
            f"{tally.undated} event(s) without a usable date are in the JSON "
            "output (--format json), not in the calendar."
        )


@click.command()
def schema() -> None:
    """Print the JSON Schema of the JSON output ({"events": [...]}).

    \b
    Example:
      calendar-export schema > event-schema.json
    """

    click.echo(json.dumps(EventList.model_json_schema(mode="serialization"), indent=2))


#: Articles whose events are folded together at a time when merging while streaming.
MEETING_WINDOW = 1000


def _meetings(events: Iterator[Event]) -> Iterator[Event]:
    """One event per meeting, by the store's identity, over windows of
    :data:`MEETING_WINDOW` articles (an article's events come together), so memory stays
    bounded however long the corpus; reports further apart stay separate."""
    from ..story import merge_articles

    window: list[tuple[Event, ...]] = []
    for _, article in groupby(events, key=lambda e: e.mentions[0].source if e.mentions else None):
        window.append(tuple(article))
        if len(window) >= MEETING_WINDOW:
            yield from merge_articles(window)
            window = []
    if window:
        yield from merge_articles(window)
