"""``calendar-export ingest``: add articles to a feed store."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import CalendarExportError, StoreError
from .output import echo_err

if TYPE_CHECKING:
    from ..store import IngestResult, Store


def ingest_paths(
    store: Store, paths: tuple[Path, ...], *, published: date | None = None
) -> tuple[int, int]:
    """Ingest every article file under ``paths``; print a line each; return (read, failed).

    A bad file is reported (naming it and what to do) and skipped; the rest go on.
    """
    from ..readers import ReadFailure, read_articles

    read = failed = 0
    for item in read_articles(paths, published=published):
        read += 1
        if isinstance(item, ReadFailure):
            failed += 1
            echo_err(f"error: {item}")
            continue
        try:
            click.echo(f"{item.source}: {_describe(store.ingest(item))}")
        except StoreError:
            raise  # the store itself (a full disk): no other article would fare better
        except CalendarExportError as exc:
            failed += 1
            echo_err(f"error: {item.source}: {exc}")
    return read, failed


def _describe(result: IngestResult) -> str:
    if result.duplicate:
        return "already in the store, nothing changed"
    return (
        f"{len(result.created)} new, {len(result.updated)} updated, "
        f"{len(result.corroborated)} corroborated event(s)"
    )


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--store",
    "store_path",
    required=True,
    envvar="CALENDAR_EXPORT_STORE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The store file (SQLite; created when missing). Env: CALENDAR_EXPORT_STORE.",
)
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date YYYY-MM-DD; overrides the articles' 'date' header.",
)
@click.option(
    "--adopt",
    is_flag=True,
    help="Add the store's tables to a SQLite file another program made (refused otherwise).",
)
def ingest(paths: tuple[Path, ...], store_path: Path, published: object, adopt: bool) -> None:
    """Add articles (files or folders) to a feed store.

    Each article's events are matched to the events already stored: the same
    real-world event reported again gets the new sources, and a changed date,
    place or status bumps its SEQUENCE. Re-ingesting an article changes nothing.
    The exit code is 1 if any article failed.

    \b
    Examples:
      calendar-export ingest news/ --store feed.sqlite
      calendar-export ingest today.txt --store feed.sqlite --published 2023-08-28
    """
    from ..store import Store

    pub = published.date() if published is not None else None  # type: ignore[attr-defined]
    try:
        with Store(store_path, adopt=adopt) as store:
            read, failed = ingest_paths(store, paths, published=pub)
            counts = store.counts()
    except CalendarExportError as exc:
        echo_err(f"error: {exc}")
        raise SystemExit(1) from exc
    click.echo(
        f"{read} article(s) read, {failed} failed; the store holds {counts['events']} "
        f"event(s) from {counts['articles']} article(s)"
    )
    if failed:
        raise SystemExit(1)
