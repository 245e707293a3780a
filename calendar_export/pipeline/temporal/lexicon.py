"""The temporal lexicons (``data/temporal/*.tsv``) and the regex macros built from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ...errors import DataFileError
from ...resources import load_table

_MACRO = re.compile(r"\{([A-Z][A-Z_0-9]*)\}")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
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
    holidays: dict[str, str]


def trie_regex(words: list[str]) -> str:
    """A regex matching exactly ``words``, shaped as a trie so that a scan fails fast."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(sub)
            for ch, sub in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def trigger_words(lex: Lexicon) -> list[str]:
    """The words the tagger looks for before it tries its rules (lower case)."""
    words = set(lex.months) | set(lex.weekdays) | set(lex.units) | set(lex.seasons)
    words |= set(lex.parts_of_day) | {phrase.split()[-1] for phrase in lex.refs}
    words |= {name.split()[-1] for name in lex.holidays if name not in _latent_holidays()}
    words |= {r["word"] for r in _trigger_table() if r["kind"] == "trigger"}
    return sorted(words)


def lead_words(lex: Lexicon) -> list[str]:
    """Words that may start an expression before its trigger word (lower case)."""
    words = {r["word"] for r in _trigger_table() if r["kind"] == "lead"}
    tables = (lex.numbers, lex.ordinals, lex.mods, lex.refs, lex.months, lex.weekdays)
    holidays = [name for name in lex.holidays if name not in _latent_holidays()]
    for table in (*tables, holidays):
        for phrase in table:
            words.update(phrase.split())
    return sorted(words | set(trigger_words(lex)))


@cache
def _latent_holidays() -> frozenset[str]:
    """Holiday names whose words are common in news ("night of power", "great fast"): no
    trigger nor lead words of their own, so they are found in a phrase typed alone (where
    every word is tried) and not at every "power" of running text."""
    rows = load_table("temporal/holidays.tsv", ("name", "rule"))
    return frozenset(norm(r["name"]) for r in rows if r.get("latent") == "yes")


def _trigger_table() -> tuple[dict[str, str], ...]:
    rows = load_table("temporal/triggers.tsv", ("word", "kind"))
    for row in rows:
        if row["kind"] not in ("trigger", "lead"):
            raise DataFileError(
                f"kind must be trigger or lead, not {row['kind']!r}",
                file="temporal/triggers.tsv",
                line=int(row["_line"]),
            )
    return rows


def _alternation(words: list[str]) -> str:
    return "(?:" + trie_regex(sorted(set(words))) + ")"


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
        holidays={
            norm(r["name"]): r["rule"]
            for r in load_table("temporal/holidays.tsv", ("name", "rule"))
        },
    )


def _lexicon_macros(lex: Lexicon) -> dict[str, str]:
    abbrevs = [w for w in lex.months if len(w) <= 4 and w not in ("may", "june", "july")]
    month = _alternation([w for w in lex.months if w not in abbrevs])
    month_abbr = _alternation(abbrevs)
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
        "MONTH": f"(?:{month}|{month_abbr}(?=[.\\s\\d/-]|$))",
        "MONTH_BARE": f"(?:{_alternation(list(lex.bare_months))}|{month_abbr}\\.)(?!\\w)",
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
        "HOLIDAY": _alternation(
            [r["name"] for r in load_table("temporal/holidays.tsv", ("name", "rule"))]
        ),
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
