"""The ``calendar-export`` command: thin wrappers that parse options, call the API, print.

Each command lives in its own module and is registered here.
"""

from __future__ import annotations

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


main.add_command(extract)
main.add_command(schema)
main.add_command(ingest)
main.add_command(serve)
