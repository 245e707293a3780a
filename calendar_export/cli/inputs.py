"""The input side of the batch commands: options, reading, the progress bar, the summary.

``extract`` (and any command that takes articles) decorates itself with
:func:`input_options` and calls :func:`process_inputs`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from ..readers.base import INPUT_FORMATS

if TYPE_CHECKING:
    from ..batch import BatchSummary
    from ..models import Event
    from ..readers import InputFormat, JsonlFields

F = TypeVar("F", bound=Callable[..., Any])


def input_options(command: F) -> F:
    """Add ``--jobs``, ``--input-format`` and the JSON Lines field options to a command."""
    options = [
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=1),
            default=1,
            show_default=True,
            help="Worker processes; the output is the same for any number.",
        ),
        click.option(
            "--input-format",
            "input_format",
            type=click.Choice(INPUT_FORMATS),
            default="auto",
            show_default=True,
            help="How to read the inputs; auto goes by suffix, HTTP type or content.",
        ),
        click.option(
            "--text-field", default="text", show_default=True, help="JSON Lines: text key."
        ),
        click.option(
            "--published-field",
            default="published",
            show_default=True,
            help="JSON Lines: publication date key.",
        ),
        click.option(
            "--source-field", default="source", show_default=True, help="JSON Lines: source key."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _new_summary() -> BatchSummary:
    from ..batch import BatchSummary

    return BatchSummary()


@dataclass
class BatchReport:
    """What a batch produced: the events in input order (and by article) and the counts."""

    events: list[Event] = field(default_factory=list)
    summary: BatchSummary = field(default_factory=_new_summary)
    articles: list[tuple[Event, ...]] = field(default_factory=list)


def process_inputs(
    inputs: Sequence[str],
    *,
    published: date | None,
    min_confidence: float,
    jobs: int = 1,
    input_format: str = "auto",
    fields: JsonlFields | None = None,
) -> BatchReport:
    """Read every input, extract its events, print one error line per skipped input.

    Errors go to standard error as ``error: SOURCE: what happened; what to do``, in input
    order; a progress line is shown there only when it is a terminal.
    """
    # Imported here, not for ``--help``.
    from ..batch import ProgressBar, run_batch
    from ..readers import JsonlFields, read_articles

    report = BatchReport()
    progress = ProgressBar(sys.stderr)
    articles = read_articles(
        inputs,
        published=published,
        fmt=cast("InputFormat", input_format),
        fields=fields or JsonlFields(),
    )
    for outcome in run_batch(articles, jobs=jobs, min_confidence=min_confidence):
        report.summary.add(outcome)
        report.events.extend(outcome.events)
        if outcome.events:
            report.articles.append(outcome.events)
        if outcome.skipped:
            progress.clear()
            click.echo(f"error: {outcome.message()}", err=True)
        progress.update(report.summary)
    progress.clear()
    return report


def fields_from(text_field: str, published_field: str, source_field: str) -> JsonlFields:
    """The JSON Lines field names from the command's options."""
    from ..readers import JsonlFields

    return JsonlFields(text=text_field, published=published_field, source=source_field)
