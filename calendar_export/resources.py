"""The only code that reads packaged data files (rules, lexicons, gazetteers).

Files live in ``calendar_export/data`` and are read through :mod:`importlib.resources`,
so they work from a built wheel as well as from the checkout. Tables are TSV with a
header line; ``#`` starts a comment line. Each table is validated once and cached.
"""

from __future__ import annotations

import mmap
from collections.abc import Sequence
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .errors import DataFileError

Row = dict[str, str]


def _node(name: str) -> Traversable:
    return resources.files("calendar_export").joinpath("data", *name.split("/"))


def read_text(name: str) -> str:
    """Return the text of the packaged data file ``name`` (a path below ``data/``)."""
    try:
        return _node(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError("packaged data file is missing; reinstall", file=name) from exc


def map_bytes(name: str) -> bytes:
    """The bytes of the packaged data file ``name``, memory-mapped read-only where it is a
    file on disk (pages are read in as they are touched, and shared between processes);
    read whole otherwise (a zipped install). Slices and ``find`` work on either."""
    node = _node(name)
    try:
        if isinstance(node, Path):
            with node.open("rb") as fh:
                return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)  # type: ignore[return-value]
        return node.read_bytes()
    except OSError as exc:
        raise DataFileError(f"cannot be read ({exc}); reinstall", file=name) from exc


def map_trie(name: str) -> Any:
    """The packaged ``marisa_trie.BytesTrie`` file ``name``, memory-mapped where it is a
    file on disk, read whole otherwise."""
    import marisa_trie

    node = _node(name)
    trie = marisa_trie.BytesTrie()
    if not node.is_file():
        raise DataFileError("packaged data file is missing; reinstall", file=name)
    try:
        if isinstance(node, Path):
            return trie.mmap(str(node))
        return trie.frombytes(node.read_bytes())
    except (OSError, RuntimeError) as exc:  # marisa reports a bad file as RuntimeError
        raise DataFileError(f"cannot read the index ({exc}); reinstall", file=name) from exc


@cache
def load_table(name: str, required: Sequence[str] = ()) -> tuple[Row, ...]:
    """Load a TSV table: one record a line, the first non-comment line naming the columns.

    Empty trailing cells may be left out. Raises :class:`DataFileError` naming the file
    and line when a line has more cells than columns or lacks a required value.
    """
    rows: list[Row] = []
    header: list[str] | None = None
    for lineno, raw in enumerate(read_text(name).splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if header is None:
            header = cells
            missing = [c for c in required if c not in header]
            if missing:
                raise DataFileError(f"header lacks column(s) {missing}", file=name, line=lineno)
            continue
        if len(cells) > len(header):
            raise DataFileError(
                f"{len(cells)} cells but {len(header)} columns (a stray tab?)",
                file=name,
                line=lineno,
            )
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        for col in required:
            if not row[col]:
                raise DataFileError(f"empty {col!r}", file=name, line=lineno)
        row["_line"] = str(lineno)
        rows.append(row)
    if header is None:
        raise DataFileError("no header line", file=name)
    return tuple(rows)


@cache
def load_words(name: str) -> frozenset[str]:
    """Load a one-word-or-phrase-per-line list, lower-cased."""
    words = {
        line.strip().lower()
        for line in read_text(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    return frozenset(words)
