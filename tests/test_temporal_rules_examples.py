"""Every example written in ``data/temporal/rules.tsv`` runs here as a test.

Each example is tagged with the publication date 2023-06-19 (a Monday); the rule that owns
the example must produce a timex with the expected value, over the bracketed extent when the
example marks one; an expected value of ``-`` means the rule must find nothing.
"""

from __future__ import annotations

from datetime import date

import pytest

from calendar_export.pipeline.temporal import tag_timexes
from calendar_export.pipeline.temporal.resolvers import resolver_table
from calendar_export.pipeline.temporal.rules import Example, Rule, load_rules

PUBLISHED = date(2023, 6, 19)
RULES = load_rules(frozenset(resolver_table()))
CASES = [(rule, example) for rule in RULES for example in rule.examples]


def test_every_rule_has_an_example() -> None:
    assert all(rule.examples for rule in RULES)


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}:{e.text}" for r, e in CASES])
def test_rule_example(rule: Rule, example: Example) -> None:
    found = tag_timexes(example.text, published=PUBLISHED)
    mine = [t for t in found if t.rule == rule.name]
    if example.value == "-":
        assert not mine, f"rule {rule.name} should not fire in {example.text!r}: {mine}"
        return
    assert mine, f"rule {rule.name} found nothing in {example.text!r}; got {found}"
    if example.span is not None:
        at_span = [t for t in mine if (t.start, t.end) == example.span]
        assert at_span, f"rule {rule.name} found {mine}, none over {example.span}"
        mine = at_span
    assert mine[0].value == example.value, mine[0]
