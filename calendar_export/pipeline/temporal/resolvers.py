"""Every resolver by name: ``resolve_<name>`` in :mod:`.days`, :mod:`.periods`, :mod:`.spans`,
:mod:`.offsets` and :mod:`.clock`.

A resolver takes a :class:`~.anchor.Ctx` and returns a :class:`~.anchor.Reading`, or
``None`` to reject the match. Rules name their resolver in ``rules.tsv`` without the prefix.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from . import clock, days, offsets, periods, spans
from .anchor import Ctx, Reading

ResolverFn = Callable[[Ctx], Reading | None]
_PREFIX = "resolve_"


@cache
def resolver_table() -> dict[str, ResolverFn]:
    """Every ``resolve_<name>`` function of the resolver modules, by ``<name>``."""
    table: dict[str, ResolverFn] = {}
    for module in (days, periods, spans, offsets, clock):
        for name, fn in vars(module).items():
            if name.startswith(_PREFIX) and callable(fn) and fn.__module__ == module.__name__:
                table[name[len(_PREFIX) :]] = fn
    return table
