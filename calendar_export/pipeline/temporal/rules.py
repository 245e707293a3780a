"""The temporal rules (``data/temporal/rules.tsv``), validated and compiled into one scanner.

Each rule is a record: name, resolver, pattern, examples. At load time every pattern is
expanded (macros), must compile and must not match the empty string, and its resolver must
exist; otherwise :class:`~calendar_export.errors.DataFileError` names the file and line.
All rules are joined into one alternation (file order is priority), so a text is scanned
once; each rule's named groups are prefixed with the rule's index to keep them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...errors import DataFileError
from ...resources import load_table
from .lexicon import expand, macros

RULES_FILE = "temporal/rules.tsv"
_GROUP = re.compile(r"\(\?P<([a-z_0-9]+)>")
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


@dataclass(frozen=True)
class Scanner:
    """All rules compiled into one regex; ``rule_by_group`` maps ``r<i>`` to its rule."""

    regex: re.Pattern[str]
    rule_by_group: dict[str, Rule]


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
            )
        )
    return tuple(rules)


def _check_pattern(name: str, pattern: str, line: int) -> None:
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(
            f"rule {name!r}: pattern does not compile: {exc}", file=RULES_FILE, line=line
        ) from exc
    if compiled.fullmatch(""):
        raise DataFileError(f"rule {name!r}: pattern matches nothing", file=RULES_FILE, line=line)


@cache
def scanner(resolvers: frozenset[str]) -> Scanner:
    """Compile every rule into one case-insensitive alternation, in file order."""
    rules = load_rules(resolvers)
    parts = []
    by_group: dict[str, Rule] = {}
    for index, rule in enumerate(rules):
        prefix = f"r{index}_"
        body = _GROUP.sub(f"(?P<{prefix}\\1>", rule.pattern)
        parts.append(f"(?P<r{index}>{body})")
        by_group[f"r{index}"] = rule
    regex = re.compile(_BEFORE + "(?:" + "|".join(parts) + ")" + _AFTER, re.IGNORECASE)
    return Scanner(regex=regex, rule_by_group=by_group)


def rule_groups(match: re.Match[str], group: str, rule: Rule) -> dict[str, str]:
    """The named groups of ``rule`` that took part in ``match``, by their short names."""
    prefix = group + "_"
    found = {}
    for name in rule.groups:
        value = match.group(prefix + name)
        if value is not None:
            found[name] = value
    return found
