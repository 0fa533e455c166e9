"""The rule catalogue stays honest: codes, names, docs and examples."""

from __future__ import annotations

import re
from typing import Any

import pytest

from hardkit.domain.registry import RULE_CLASSES, all_rules
from hardkit.domain.rule import Rule

RULES = all_rules()
IDS = [r.code for r in RULES]


def test_codes_are_unique_and_well_formed() -> None:
    codes = [cls.code for cls in RULE_CLASSES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"HK\d{3}", c) for c in codes)


def test_names_are_unique_kebab_case_patterns_not_bans() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
        assert not name.startswith(("no-", "disallow-", "ban-")), name


# Each family's rules live in its own package, beside the helpers only they use.
FAMILIES = {
    "0": "engine_rules",
    "1": "asserts",
    "2": "layering",
    "3": "docker",
    "4": "presets",
    "5": "supply_chain",
}


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_one_rule_one_module(rule: Rule[Any]) -> None:
    module = type(rule).__module__
    assert module.startswith(f"hardkit.domain.{FAMILIES[rule.code[2]]}.")
    assert module.rsplit(".", 1)[1].startswith(rule.code.lower() + "_")


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_documentation_sections_present(rule: Rule[Any]) -> None:
    doc = rule.doc
    for field in ("what_it_does", "why_is_this_bad", "example", "use_instead", "references"):
        assert getattr(doc, field).strip(), f"{rule.code}: {field} is empty"
    assert rule.summary
    assert not rule.summary.endswith(".")
    if rule.fixable:
        assert doc.fix_safety != "This rule has no fix."


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_examples_on_both_sides(rule: Rule[Any]) -> None:
    assert any(e.is_valid for e in rule.examples), f"{rule.code} has no valid example"
    assert any(not e.is_valid for e in rule.examples), f"{rule.code} has no invalid example"


def test_fixable_rules_show_a_fix() -> None:
    missing = [r.code for r in RULES if r.fixable and not any(e.fixed for e in r.examples)]
    assert missing == []
