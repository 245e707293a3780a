"""The towns of the gazetteer as a prebuilt index, memory-mapped at first use.

``data/gazetteer/cities.tsv`` (about 70,000 towns and 140,000 other spellings) is indexed
once, by ``tools/build_gazetteer.py``, into ``data/gazetteer/cities.marisa``: a MARISA trie
(``marisa-trie``) from each name folded by :func:`fold` to the rows it names, in file
order, as (byte offset of the row in ``cities.tsv``, which of its names: 0 the main one,
``i`` the i-th other spelling). Both files ship in the package and are memory-mapped, so
the index loads in a millisecond, costs memory only for the pages a look-up touches, and
is shared by every process of a batch. ``tests/test_gazetteer_index.py`` checks the index
against the table.

Which entries a key gives, and what they mean (other spellings that are common words,
countries, regions, venues, aliases), is :mod:`.places`' business.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from ..resources import map_bytes, map_trie

CITIES = "gazetteer/cities.tsv"
INDEX = "gazetteer/cities.marisa"
#: The comment and the header line of ``cities.tsv``, before its rows.
HEADER_LINES = 2
_ENTRY = struct.Struct("<IH")  # the row's byte offset, which of its names


def fold(name: str) -> str:
    """Case- and accent-insensitive key for a place name."""
    if name.isascii():
        return " ".join(name.replace(".", " ").split()).casefold()
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[\s.]+", " ", ascii_name.replace("’", "'")).strip().casefold()


def rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """Each row of ``cities.tsv`` (its bytes ``data``) with its byte offset: name, other
    names (``|``-separated), country code, latitude, longitude, time zone, population."""
    pos = 0
    for _ in range(HEADER_LINES):
        pos = data.index(b"\n", pos) + 1
    while pos < len(data):
        end = data.index(b"\n", pos)
        yield pos, data[pos:end].decode("utf-8").split("\t")
        pos = end + 1


def city_keys(data: bytes) -> dict[str, list[tuple[int, int]]]:
    """What the index holds for ``cities.tsv`` (its bytes ``data``): each folded name ->
    its (row offset, name number) pairs, in file order."""
    keys: dict[str, list[tuple[int, int]]] = {}
    for offset, row in rows(data):
        keys.setdefault(fold(row[0]), []).append((offset, 0))
        for number, other in enumerate(row[1].split("|") if row[1] else (), start=1):
            keys.setdefault(fold(other), []).append((offset, number))
    return keys


def build_index(data: bytes) -> bytes:
    """The serialized index of ``cities.tsv`` (its bytes ``data``)."""
    import marisa_trie

    keys = city_keys(data)
    trie = marisa_trie.BytesTrie(
        (key, b"".join(_ENTRY.pack(*entry) for entry in entries)) for key, entries in keys.items()
    )
    return bytes(trie.tobytes())


def unpack(value: bytes) -> list[tuple[int, int]]:
    """The (row offset, name number) pairs of one index value."""
    return [entry for entry in _ENTRY.iter_unpack(value)]


class CityIndex:
    """The towns a folded name may mean, read from the mapped index and table."""

    def __init__(self, trie: Any, table: bytes) -> None:
        self._trie = trie
        self._table = table

    def get(self, key: str) -> list[tuple[list[str], int]]:
        """The rows ``key`` names, in file order, each with which of its names it is."""
        found = self._trie.get(key)
        if not found:
            return []
        table = self._table
        out = []
        for offset, number in _ENTRY.iter_unpack(found[0]):
            end = table.find(b"\n", offset)
            out.append((table[offset:end].decode("utf-8").split("\t"), number))
        return out

    def items(self) -> Iterator[tuple[str, list[tuple[int, int]]]]:
        """Every key with its (row offset, name number) pairs (for the tests)."""
        for key, value in self._trie.iteritems():
            yield key, unpack(value)


@cache
def city_index() -> CityIndex:
    """The packaged index, memory-mapped once per process."""
    return CityIndex(map_trie(INDEX), map_bytes(CITIES))


def index_differences(index: CityIndex, data: bytes) -> list[str]:
    """The keys on which ``index`` and ``cities.tsv`` (its bytes ``data``) disagree,
    sorted; ``[]`` when the index is what :func:`build_index` makes of the table."""
    expected = city_keys(data)
    held = dict(index.items())
    return sorted(k for k in expected.keys() | held.keys() if expected.get(k) != held.get(k))
