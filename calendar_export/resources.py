"""The only code that reads packaged data files (rules, lexicons, gazetteers).

Files live in ``calendar_export/data`` and are read through :mod:`importlib.resources`,
so they work from a built wheel as well as from the checkout. Tables are TSV with a
header line; ``#`` starts a comment line. Each table is validated once and cached.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from .errors import DataFileError

Row = dict[str, str]


def read_text(name: str) -> str:
    """Return the text of the packaged data file ``name`` (a path below ``data/``)."""
    node = resources.files("calendar_export").joinpath("data", *name.split("/"))
    try:
        return node.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError("packaged data file is missing; reinstall", file=name) from exc


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
