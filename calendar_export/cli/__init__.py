"""The ``calendar-export`` command: thin wrappers that parse options, call the API, print.

Each command lives in its own module and is registered here.
"""

from __future__ import annotations

import logging

import click

from .. import __version__
from .extract import extract, schema
from .ingest import ingest
from .serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="calendar-export")
def main() -> None:
    """Turn the meetings news articles announce into calendars.

    \b
    Examples:
      calendar-export extract article.txt -o meetings.ics
      calendar-export extract data/samples --format json -o events.json
      calendar-export schema > event-schema.json
    """
    _show_notes()


class _NoteHandler(logging.Handler):
    """The library's warnings (a sentence past the caps) as ``note: ...`` lines on
    standard error, the stream of the moment (click's test runner swaps it)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"note: {record.getMessage()}", err=True)


def _show_notes() -> None:
    logger = logging.getLogger("calendar_export")
    if not any(isinstance(h, _NoteHandler) for h in logger.handlers):
        logger.addHandler(_NoteHandler(logging.WARNING))


main.add_command(extract)
main.add_command(schema)
main.add_command(ingest)
main.add_command(serve)
