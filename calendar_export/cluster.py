"""The same extraction over a corpus on a cluster, with Dask (no engine of our own).

::

    from dask.distributed import Client
    from calendar_export.cluster import corpus_bag

    client = Client("scheduler-address:8786")      # or LocalCluster() on one machine
    bag = corpus_bag(["corpus/part-0001.jsonl", "corpus/part-0002.jsonl", "pages/"])
    outcomes = bag.compute()                       # Outcome per article, in input order

Folders are listed where this runs; each file becomes one task on a worker, which reads it
with :mod:`calendar_export.readers` and calls :func:`calendar_export.batch.extract_article`,
the per-article function of local batches, so the events are the same as
``calendar-export extract``. Every worker needs calendar-export installed and the files at
the same paths (a shared file system, or URLs). Needs the ``cluster`` extra. See
``docs/cluster.md``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batch import Outcome, extract_article
from .readers import ArticleResult, InputFormat, JsonlFields, read_articles
from .readers.jsonl import DEFAULT_FIELDS
from .readers.sources import is_url, iter_folder

if TYPE_CHECKING:
    import dask.bag


def list_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Expand folders into their files (sorted, as local batches read them); keep the rest.

    A folder that cannot be listed is kept as it is, so a worker reports why.
    """
    names: list[str] = []
    for item in inputs:
        name = os.fspath(item)
        if not is_url(name) and name != "-" and Path(name).is_dir():
            # A pipe or device in the folder goes alone: its worker says what it is.
            names += [
                str(p) if isinstance(p, Path) else p.source if p.note else name
                for p in iter_folder(Path(name))
            ]
        else:
            names.append(name)
    return names


def read_input(
    name: str,
    published: date | None = None,
    fmt: InputFormat = "auto",
    fields: JsonlFields = DEFAULT_FIELDS,
) -> list[ArticleResult]:
    """Every article of one file or URL (the task a worker runs for it)."""
    return list(read_articles(name, published=published, fmt=fmt, fields=fields))


def corpus_bag(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    published: date | None = None,
    fmt: InputFormat = "auto",
    fields: JsonlFields = DEFAULT_FIELDS,
    min_confidence: float = 0.0,
) -> dask.bag.Bag:
    """A Dask bag of :class:`~calendar_export.batch.Outcome`, one per article, in input order.

    One partition per file: split a large JSON Lines corpus into many files so that the
    workers share it out.
    """
    import dask.bag as db

    names = list_inputs(inputs)
    files = db.from_sequence(names, npartitions=max(1, len(names)))  # type: ignore[no-untyped-call]
    articles = files.map(read_input, published=published, fmt=fmt, fields=fields).flatten()
    bag: dask.bag.Bag = articles.map(extract_article, min_confidence=min_confidence)
    return bag


def run_on_cluster(
    inputs: Sequence[str | os.PathLike[str]], *, client: Any = None, **options: Any
) -> list[Outcome]:
    """Compute :func:`corpus_bag` on ``client`` (a ``dask.distributed.Client``) or the default.

    ``options`` are those of :func:`corpus_bag`.
    """
    bag = corpus_bag(inputs, **options)
    if client is not None:
        return list(client.compute(bag).result())
    return list(bag.compute())  # type: ignore[no-untyped-call]
