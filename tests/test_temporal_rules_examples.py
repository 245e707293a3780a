"""Every example written in ``data/temporal/rules.tsv`` runs here as a test.

Each example is tagged with the publication date 2023-06-19 (a Monday); the rule that owns
the example must produce a timex with the expected value, over the bracketed extent when the
example marks one.
"""

from __future__ import annotations

from datetime import date

import pytest

from calendar_export.pipeline.temporal import tag_timexes
from calendar_export.pipeline.temporal.rules import Example, Rule, load_rules
from calendar_export.pipeline.temporal.tagger import resolver_table

PUBLISHED = date(2023, 6, 19)
RULES = load_rules(frozenset(resolver_table()))
CASES = [(rule, example) for rule in RULES for example in rule.examples]


def test_every_rule_has_an_example() -> None:
    assert all(rule.examples for rule in RULES)


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}:{e.text}" for r, e in CASES])
def test_rule_example(rule: Rule, example: Example) -> None:
    found = tag_timexes(example.text, published=PUBLISHED)
    mine = [t for t in found if t.rule == rule.name]
    assert mine, f"rule {rule.name} found nothing in {example.text!r}; got {found}"
    timex = mine[0]
    assert timex.value == example.value, timex
    if example.span is not None:
        assert (timex.start, timex.end) == example.span, timex
