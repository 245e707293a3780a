"""The prebuilt index of the gazetteer's towns is what tools/build_gazetteer.py makes of
cities.tsv, and the places it gives are the ones the tables name."""

from __future__ import annotations

import pytest

from calendar_export.pipeline.gazetteer import (
    CITIES,
    build_index,
    city_index,
    city_keys,
    fold,
    index_differences,
)
from calendar_export.pipeline.lookup import gazetteer_index as _index
from calendar_export.resources import map_bytes


def test_the_packaged_index_holds_every_name_of_the_table_in_order() -> None:
    table = bytes(map_bytes(CITIES))
    stale = index_differences(city_index(), table)
    assert not stale, (
        f"data/gazetteer/cities.marisa disagrees with cities.tsv on {len(stale)} name(s), "
        f"e.g. {stale[:5]}; run python tools/build_gazetteer.py --index"
    )


def test_the_index_is_rebuilt_the_same() -> None:
    import marisa_trie

    from calendar_export.pipeline.gazetteer import CityIndex

    table = (
        b"# comment\nname\tother_names\n"
        + (
            "Paris\tLutece|Parigi\tFR\t48.85\t2.35\tEurope/Paris\t2138551\n"
            "Paris\t\tUS\t33.66\t-95.55\tAmerica/Chicago\t24171\n"
            "São Paulo\tSao Paulo\tBR\t-23.5\t-46.6\tAmerica/Sao_Paulo\t10021295\n"
        ).encode()
    )
    trie = marisa_trie.BytesTrie().frombytes(build_index(table))
    index = CityIndex(trie, table)
    assert index_differences(index, table) == []
    assert dict(index.items()) == city_keys(table)
    # Two towns of one name keep the file's order; an other spelling says which it is.
    assert [(row[2], number) for row, number in index.get("paris")] == [("FR", 0), ("US", 0)]
    assert [(row[0], number) for row, number in index.get("parigi")] == [("Paris", 2)]
    # Both spellings of São Paulo fold to one key: the main name, then the other one.
    assert [number for _, number in index.get(fold("São Paulo"))] == [0, 1]
    assert index.get("lyon") == []


@pytest.mark.parametrize(
    ("name", "level", "country"),
    [
        ("Lisbon", "city", "PT"),  # a town, from the index
        ("France", "country", "FR"),  # countries come before towns of the same name
        ("São Paulo", "city", "BR"),  # accents folded
        ("SAO PAULO", "city", "BR"),
    ],
)
def test_places_look_up_the_index(name: str, level: str, country: str) -> None:
    entries = _index().get(fold(name))
    best = max(entries, key=lambda e: e.population)
    assert (best.level, best.country_code) == (level, country)


def test_an_unknown_name_is_no_place() -> None:
    index = _index()
    assert index.get(fold("Qwxzy Vale")) == ()
    assert fold("Qwxzy Vale") not in index
    assert fold("Lisbon") in index
