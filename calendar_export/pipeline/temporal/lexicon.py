"""The temporal lexicons (``data/temporal/*.tsv``) and the regex macros built from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...errors import DataFileError
from ...resources import load_table

_MACRO = re.compile(r"\{([A-Z][A-Z_0-9]*)\}")
_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Lower-case ``text``, drop dots and collapse white space: the lexicons' key form."""
    return _SPACE.sub(" ", text.lower().replace(".", "")).strip()


@dataclass(frozen=True)
class Lexicon:
    """Word -> meaning tables for months, weekdays, numbers, units and the like."""

    months: dict[str, int]
    bare_months: tuple[str, ...]
    weekdays: dict[str, int]
    numbers: dict[str, tuple[str, str]]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, bool]]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    mods: dict[str, str]
    refs: dict[str, tuple[str, str]]


def _alternation(words: list[str], *, abbrev_dot: bool = False) -> str:
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        piece = r"\s+".join(re.escape(w) for w in word.split())
        parts.append(piece)
    del abbrev_dot
    return "(?:" + "|".join(parts) + ")"


@cache
def lexicon() -> Lexicon:
    """Load and cache every temporal lexicon."""
    months = load_table("temporal/months.tsv", ("word", "month", "bare"))
    numbers = load_table("temporal/numbers.tsv", ("word", "value", "kind"))
    units = load_table("temporal/units.tsv", ("word", "code", "clock"))
    return Lexicon(
        months={r["word"]: int(r["month"]) for r in months},
        bare_months=tuple(r["word"] for r in months if r["bare"] == "yes"),
        weekdays={
            r["word"]: int(r["weekday"])
            for r in load_table("temporal/weekdays.tsv", ("word", "weekday"))
        },
        numbers={r["word"]: (r["value"], r["kind"]) for r in numbers},
        ordinals={
            r["word"]: int(r["value"])
            for r in load_table("temporal/ordinals.tsv", ("word", "value"))
        },
        units={r["word"]: (r["code"], r["clock"] == "yes") for r in units},
        seasons={
            r["word"]: r["code"] for r in load_table("temporal/seasons.tsv", ("word", "code"))
        },
        parts_of_day={
            r["word"]: r["code"] for r in load_table("temporal/parts_of_day.tsv", ("word", "code"))
        },
        mods={r["word"]: r["mod"] for r in load_table("temporal/mods.tsv", ("word", "mod"))},
        refs={
            norm(r["phrase"]): (r["value"], r["type"])
            for r in load_table("temporal/refs.tsv", ("phrase", "value", "type"))
        },
    )


def _lexicon_macros(lex: Lexicon) -> dict[str, str]:
    abbrevs = [w for w in lex.months if len(w) <= 4 and w not in ("may", "june", "july")]
    month = _alternation([w for w in lex.months if w not in abbrevs])
    month_abbr = "(?:" + "|".join(sorted(abbrevs, key=lambda w: (-len(w), w))) + ")"
    bare = [w.capitalize() for w in lex.bare_months]
    bare += [w.capitalize() + r"\." for w in abbrevs]
    units_tens = [w for w, (_, k) in lex.numbers.items() if k == "tens"]
    units_one = [w for w, (_, k) in lex.numbers.items() if k == "unit" and " " not in w]
    numword = (
        _alternation(units_tens)
        + "(?:[- ]"
        + _alternation([w for w in units_one if w not in ("a", "an", "couple")])
        + ")?"
    )
    date_units = [w for w, (_, clock) in lex.units.items() if not clock]
    pmods = [w for w, m in lex.mods.items() if m in ("START", "END", "MID")]
    amods = [w for w, m in lex.mods.items() if m not in ("START", "END", "MID")]
    return {
        "MONTH": f"(?:{month}|{month_abbr}(?=\\.|\\s|\\d))",
        "MONTH_BARE": "(?-i:" + "|".join(sorted(bare, key=lambda w: (-len(w), w))) + r")(?!\w)",
        "WEEKDAY": _alternation(list(lex.weekdays)),
        "NUMWORD": f"(?:{numword}|" + _alternation(list(lex.numbers)) + ")",
        "ORDWORD": _alternation(list(lex.ordinals)),
        "UNIT": _alternation(list(lex.units)),
        "DATEUNIT": _alternation(date_units),
        "SEASON": _alternation(list(lex.seasons)),
        "POD": _alternation(list(lex.parts_of_day)),
        "PMOD": _alternation(pmods),
        "AMOD": _alternation(amods),
        "REF": _alternation(list(lex.refs)),
    }


@cache
def macros() -> dict[str, str]:
    """Every macro, lexicon-built and from ``macros.tsv``, fully expanded."""
    table = dict(_lexicon_macros(lexicon()))
    for row in load_table("temporal/macros.tsv", ("name", "pattern")):
        table[row["name"]] = expand(row["pattern"], table, file="temporal/macros.tsv", line=row)
    return table


def expand(pattern: str, table: dict[str, str], *, file: str, line: dict[str, str]) -> str:
    """Replace each ``{NAME}`` in ``pattern`` by its macro; unknown names are an error."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in table:
            raise DataFileError(f"unknown macro {{{name}}}", file=file, line=int(line["_line"]))
        return table[name]

    return _MACRO.sub(sub, pattern)
