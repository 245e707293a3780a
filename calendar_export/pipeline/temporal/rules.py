"""The temporal rules (``data/temporal/rules.tsv``), validated and compiled into one scanner.

Each rule is a record: name, resolver, pattern, examples, and optionally ``latent``:
"yes" marks a rule read only in a phrase typed alone (see :mod:`.phrase`), which the
scanner for running text leaves out. At load time every pattern is
expanded (macros), must compile and must not match the empty string, and its resolver must
exist; otherwise :class:`~calendar_export.errors.DataFileError` names the file and line.
All rules are joined into one alternation (file order is priority), so a text is scanned
once; each rule's named groups are prefixed with the rule's index to keep them apart.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

# The standard library's own regex parser, to read which characters can start a rule.
from typing import Any, cast

from ...cache import compiled, remember, source_key
from ...errors import DataFileError
from ...resources import load_table
from ..alternation import first_set
from .lexicon import expand, lead_words, lexicon, macros, trie_regex, trigger_words
from .prefixes import ALPHABET, REPRESENTATIVE, prefixes

RULES_FILE = "temporal/rules.tsv"
_GROUP = re.compile(r"\(\?P<([a-z_0-9]+)>")
_BACKREF = re.compile(r"\(\?P=([a-z_0-9]+)\)")
# No timex starts inside a word or a number, nor ends inside one ("2,000", "1.5%").
_BEFORE = r"(?<![\w$£€#])(?<!\d[.,])"
_AFTER = r"(?![\w%]|[.,]\d)"


@dataclass(frozen=True)
class Example:
    """One example of a rule: the text, the expected value, and the marked extent if any."""

    text: str
    value: str
    span: tuple[int, int] | None


@dataclass(frozen=True)
class Rule:
    """A rule record: the regex finds the words, the named resolver computes the value."""

    name: str
    resolver: str
    pattern: str
    examples: tuple[Example, ...]
    line: int
    groups: tuple[str, ...]
    latent: bool = False

    @property
    def needs_capital(self) -> bool:
        """The rule has a ``cap`` group, whose first letter must be upper case in the text."""
        return "cap" in self.groups


# How many characters of a word start choose the rules tried there; an opening that more
# than CROWDED rules share ("the") is read on to DEEPER characters ("the en", "the pa").
OPENING = 3
CROWDED = 12
DEEPER = 6


@dataclass(frozen=True)
class Scanner:
    """All rules joined into one regex; ``rule_by_group`` maps ``r<i>`` to its rule.

    ``opening`` finds the rules that can match at a position from the ``OPENING``
    characters there (see :mod:`.prefixes`), compiled into a smaller alternation in file
    order, or ``None`` when no rule can; both are kept, by opening, as they are met.
    Every regex is compiled when first needed, through :mod:`calendar_export.cache`.
    """

    rule_by_group: dict[str, Rule]
    triggers: re.Pattern[str]
    leads: re.Pattern[str]
    firsts: tuple[frozenset[str] | None, ...]
    parts: tuple[str, ...]
    by_full: dict[str, frozenset[int]]
    by_short: dict[str, frozenset[int]]
    crowded: frozenset[str]
    _by_first: dict[str, re.Pattern[str]] = field(default_factory=dict)
    _by_opening: dict[str, Any] = field(default_factory=dict)
    _by_rules: dict[tuple[int, ...], re.Pattern[str] | None] = field(default_factory=dict)
    _joined: list[re.Pattern[str]] = field(default_factory=list)

    @property
    def regex(self) -> re.Pattern[str]:
        """Every rule in one alternation (for a character none of the smaller ones is for),
        compiled when first asked for."""
        if not self._joined:
            self._joined.append(cast(re.Pattern[str], _alternation(list(self.parts))))
        return self._joined[0]

    def at(self, first: str) -> re.Pattern[str]:
        """The alternation of the rules that can start with the character ``first`` (an
        ASCII letter or digit; the whole alternation for any other), compiled when first
        asked for: most texts never need most of them, and compiling costs start-up."""
        found = self._by_first.get(first)
        if found is None:
            found = self.regex
            if first in _FIRSTS:
                chosen = [
                    p
                    for p, f in zip(self.parts, self.firsts, strict=True)
                    if f is None or first in f
                ]
                if chosen:
                    found = compiled(_BEFORE + "(?:" + "|".join(chosen) + ")" + _AFTER)
            self._by_first[first] = found
        return found

    def opening(self, text: str, start: int) -> re.Pattern[str] | None:
        """The alternation of the rules that can match ``text`` at ``start``; ``None``
        when none can."""
        key = text[start : start + OPENING]
        found = self._by_opening.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self._remember(key, self._for_opening(key, final=False))
        if found is _CROWDED:
            key = text[start : start + DEEPER]
            if len(key) <= OPENING:  # the text ends there: nothing more to read
                return cast(re.Pattern[str] | None, self._for_opening(key, final=True))
            found = self._by_opening.get(key, _UNSEEN)
            if found is _UNSEEN:
                found = self._remember(key, self._for_opening(key, final=True))
        return cast(re.Pattern[str] | None, found)

    def _remember(self, key: str, found: Any) -> Any:
        if len(self._by_opening) < _MAX_OPENINGS:
            self._by_opening[key] = found
        return found

    def _for_opening(self, text: str, *, final: bool) -> Any:
        """The rules for the opening ``text``; ``_CROWDED`` when it is a crowded one and
        the caller can still read on (not ``final``)."""
        if any(char not in REPRESENTATIVE for char in text):
            return self.at(text[0])
        key = "".join(REPRESENTATIVE[char] for char in text)
        if not final and key in self.crowded:
            return _CROWDED
        chosen = set(self.by_full.get(key, ()))
        for size in range(1, len(key) + 1):
            chosen |= self.by_short.get(key[:size], frozenset())
        indexes = tuple(sorted(chosen))
        if indexes not in self._by_rules:
            self._by_rules[indexes] = _alternation([self.parts[i] for i in indexes])
        return self._by_rules[indexes]


# The characters with an alternation of their own in :meth:`Scanner.at` (one smaller
# alternation per first character, same order: a failed attempt at a word start then costs
# only the rules that could have started there).
_FIRSTS = frozenset(string.ascii_lowercase + string.digits)
_CROWDED = object()  # the opening must be read on
_UNSEEN = object()
# A bound on the openings remembered (a text of random characters meets many).
_MAX_OPENINGS = 50_000


def _alternation(parts: list[str]) -> re.Pattern[str] | None:
    return compiled(_BEFORE + "(?:" + "|".join(parts) + ")" + _AFTER) if parts else None


def parse_examples(cell: str, *, line: int) -> tuple[Example, ...]:
    """Parse ``"text => value ; text => value"``; ``[...]`` in a text marks the extent."""
    examples = []
    for raw in cell.split(" ; "):
        if "=>" not in raw:
            raise DataFileError(f"example {raw!r} lacks '=>'", file=RULES_FILE, line=line)
        left, value = (part.strip() for part in raw.rsplit("=>", 1))
        span = None
        if "[" in left and "]" in left:
            start = left.index("[")
            end = left.index("]") - 1
            left = left.replace("[", "", 1).replace("]", "", 1)
            span = (start, end)
        examples.append(Example(text=left, value=value, span=span))
    return tuple(examples)


@cache
def load_rules(resolvers: frozenset[str]) -> tuple[Rule, ...]:
    """Load and validate the rule file against the names of the known resolvers."""
    table = macros()
    rules: list[Rule] = []
    seen: set[str] = set()
    for row in load_table(RULES_FILE, ("name", "resolver", "pattern", "examples")):
        line = int(row["_line"])
        name = row["name"]
        if name in seen:
            raise DataFileError(f"rule {name!r} is defined twice", file=RULES_FILE, line=line)
        seen.add(name)
        if row["resolver"] not in resolvers:
            raise DataFileError(
                f"rule {name!r}: no resolver named {row['resolver']!r}",
                file=RULES_FILE,
                line=line,
            )
        pattern = expand(row["pattern"], table, file=RULES_FILE, line=row)
        _check_pattern(name, pattern, line)
        rules.append(
            Rule(
                name=name,
                resolver=row["resolver"],
                pattern=pattern,
                examples=parse_examples(row["examples"], line=line),
                line=line,
                groups=tuple(_GROUP.findall(pattern)),
                latent=row.get("latent", "") == "yes",
            )
        )
    return tuple(rules)


def _check_pattern(name: str, pattern: str, line: int) -> None:
    try:
        rx = compiled(pattern)
    except re.error as exc:
        raise DataFileError(
            f"rule {name!r}: pattern does not compile: {exc}", file=RULES_FILE, line=line
        ) from exc
    if rx.fullmatch(""):
        raise DataFileError(f"rule {name!r}: pattern matches nothing", file=RULES_FILE, line=line)


@cache
def scanner(resolvers: frozenset[str], *, latent: bool = False) -> Scanner:
    """Join every rule into one case-insensitive alternation, in file order; the latent
    rules only when ``latent`` (the scanner for a phrase alone)."""
    rules = tuple(r for r in load_rules(resolvers) if latent or not r.latent)
    parts = []
    by_group: dict[str, Rule] = {}
    for index, rule in enumerate(rules):
        prefix = f"r{index}_"
        body = _GROUP.sub(f"(?P<{prefix}\\1>", rule.pattern)
        body = _BACKREF.sub(f"(?P={prefix}\\1)", body)
        parts.append(f"(?P<r{index}>{body})")
        by_group[f"r{index}"] = rule
    words = trie_regex(trigger_words(lexicon()))
    # A lookbehind, not \b: the regex engine then skips faster over the text.
    triggers = compiled(rf"(?<![\w])(?:(?:{words})\b|{macros()['TRIGGER_DIGITS']})")
    # A run of lead words ending where a trigger starts (searched with endpos = trigger).
    leads = compiled(
        rf"(?:(?<![\w'])(?:{trie_regex(lead_words(lexicon()))}|\d[\d,./:]*(?:st|nd|rd|th|s)?)[\s,.'-]+)+$"
    )
    patterns = tuple(rule.pattern for rule in rules)
    # Working out where each rule can start reads every pattern (about half a second):
    # the answer is kept with the compiled regexes, for the next process.
    # The key: the patterns, and the code that reads them (this module's constants too).
    code = source_key(__name__, prefixes.__module__, first_set.__module__)
    key = repr(patterns).encode() + code
    tables = remember("openings", key, lambda: _openings(patterns)) if code else None
    firsts, by_full, by_short, crowded = tables or _openings(patterns)
    return Scanner(
        rule_by_group=by_group,
        triggers=triggers,
        leads=leads,
        firsts=firsts,
        parts=tuple(parts),
        by_full=by_full,
        by_short=by_short,
        crowded=crowded,
    )


Openings = tuple[
    tuple[frozenset[str] | None, ...],
    dict[str, frozenset[int]],
    dict[str, frozenset[int]],
    frozenset[str],
]


def _openings(patterns: tuple[str, ...]) -> Openings:
    """Each rule's first characters, and the rules each opening may start (full, short,
    and the crowded openings read on deeper): what :class:`Scanner` looks up."""
    firsts = tuple(first_chars(pattern) for pattern in patterns)
    opened_by_rule = [prefixes(pattern, depth=OPENING, alphabet=ALPHABET) for pattern in patterns]
    shared = Counter(key for opened in opened_by_rule for key in opened.full)
    # Only word openings are read on: a number fans out into too many to list quickly.
    crowded = frozenset(k for k, count in shared.items() if count > CROWDED and k.isalpha())
    by_full: dict[str, set[int]] = {}
    by_short: dict[str, set[int]] = {}
    for index, pattern in enumerate(patterns):
        opened = opened_by_rule[index]
        if opened.full & crowded:
            opened = prefixes(
                pattern, depth=OPENING, alphabet=ALPHABET, crowded=crowded, deeper=DEEPER
            )
        for key in opened.full:
            by_full.setdefault(key, set()).add(index)
        for key in opened.short:
            by_short.setdefault(key, set()).add(index)
    return (
        firsts,
        {key: frozenset(found) for key, found in by_full.items()},
        {key: frozenset(found) for key, found in by_short.items()},
        crowded,
    )


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with; ``None`` when it cannot tell.
    Loose (``\\d`` is ASCII digits): the scanner tries every rule at any other character."""
    return first_set(pattern, loose=True)[0]


def rule_groups(match: re.Match[str], group: str, rule: Rule, text: str) -> dict[str, str]:
    """The named groups of ``rule`` that took part in ``match``, by their short names.

    The values are cut from ``text`` (the match may have run on a lower-cased copy).
    """
    found = {}
    for name, full in _full_names(group, rule.groups):
        start, end = match.span(full)
        if start >= 0:
            found[name] = text[start:end]
    return found


@cache
def _full_names(group: str, names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each group's short name with its name in the joined regex (``r12_month``)."""
    return tuple((name, f"{group}_{name}") for name in names)
