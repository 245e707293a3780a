"""The input side of the batch commands: options, reading, the progress bar, the summary.

``extract`` (and any command that takes articles) decorates itself with
:func:`input_options` and calls :func:`process_inputs`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar, cast

import click

from ..batch import BatchSummary, ProgressBar, run_batch
from ..models import Event
from ..readers import INPUT_FORMATS, InputFormat, JsonlFields, read_articles
from ..readers.fetch import parse_networks

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
        click.option(
            "--allow-address",
            "allow_addresses",
            multiple=True,
            metavar="NETWORK",
            callback=_check_networks,
            help="Let URLs and their redirects reach this loopback, private or link-local "
            "address or network (127.0.0.1, 10.0.0.0/8), refused otherwise. Repeatable.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _check_networks(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    try:
        parse_networks(values)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    return values


def process_inputs(
    inputs: Sequence[str],
    summary: BatchSummary,
    *,
    published: date | None,
    min_confidence: float,
    jobs: int = 1,
    input_format: str = "auto",
    fields: JsonlFields | None = None,
    allow_addresses: Sequence[str] = (),
) -> Iterator[Event]:
    """Read every input and yield its events as they come, counting into ``summary``.

    Errors go to standard error as ``error: SOURCE: what happened; what to do`` (notes as
    ``note: ...``), in input order; a progress line is shown there only when it is a
    terminal. Nothing is held but the articles in flight.
    """
    progress = ProgressBar(sys.stderr)
    articles = read_articles(
        inputs,
        published=published,
        fmt=cast("InputFormat", input_format),
        fields=fields or JsonlFields(),
        allow_addresses=allow_addresses,
    )
    try:
        for outcome in run_batch(articles, jobs=jobs, min_confidence=min_confidence):
            summary.add(outcome)
            if outcome.skipped or outcome.note:
                progress.clear()
                kind = "error" if outcome.skipped else "note"
                click.echo(f"{kind}: {outcome.message()}", err=True)
            progress.update(summary)
            yield from outcome.events
    finally:
        progress.clear()


def fields_from(text_field: str, published_field: str, source_field: str) -> JsonlFields:
    """The JSON Lines field names from the command's options."""
    from ..readers import JsonlFields

    return JsonlFields(text=text_field, published=published_field, source=source_field)
