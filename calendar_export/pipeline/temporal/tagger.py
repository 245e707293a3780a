"""Stage: temporal expressions. Reads the text; adds :class:`~calendar_export.models.Timex`.

One pass of the compiled rule scanner over the text; each match goes to its rule's
resolver with the publication date as the anchor. Nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from ...models import Timex
from . import resolvers
from .anchor import Ctx, Reading
from .lexicon import lexicon
from .rules import Rule, Scanner, rule_groups, scanner
from .values import precision_of

ResolverFn = Callable[[Ctx], Reading | None]


@cache
def resolver_table() -> dict[str, ResolverFn]:
    """Every ``resolve_<name>`` function of :mod:`.resolvers`, by ``<name>``."""
    prefix = "resolve_"
    return {
        name[len(prefix) :]: fn
        for name, fn in vars(resolvers).items()
        if name.startswith(prefix) and callable(fn)
    }


@cache
def _scanner() -> Scanner:
    return scanner(frozenset(resolver_table()))


def tag_timexes(text: str, *, published: date) -> list[Timex]:
    """Find and normalize every temporal expression in ``text`` against ``published``.

    Underspecified dates ("in November", "on Sunday") are resolved by the tense of their
    clause; the other reading is kept in ``alternatives`` when the tense is unsure.
    """
    scan = _scanner()
    table = resolver_table()
    lex = lexicon()
    found: list[Timex] = []
    pos = 0
    search = scan.regex.search
    while (m := search(text, pos)) is not None:
        group = m.lastgroup or ""
        rule = scan.rule_by_group[group]
        ctx = Ctx(text, m.start(), m.end(), rule_groups(m, group, rule), published, lex)
        reading = table[rule.resolver](ctx)
        if reading is None or not reading.value:
            pos = m.start() + 1
            continue
        found.append(_timex(text, ctx, reading, rule))
        pos = m.end()
    return found


def _timex(text: str, ctx: Ctx, reading: Reading, rule: Rule) -> Timex:
    start, end = reading.span or (ctx.start, ctx.end)
    precision = "vague" if reading.vague else precision_of(reading.value, reading.type)
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=reading.type,
        value=reading.value,
        mod=reading.mod,
        precision=precision,
        alternatives=reading.alternatives,
        rule=rule.name,
    )
