"""Every registered rule's examples are its tests: valid ones find nothing, invalid ones
find exactly the listed positions, and fixes produce exactly the listed source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hardkit.domain.registry import all_rules
from hardkit.domain.rule import Example, Rule
from tests.examples_runner import run_example


def _cases() -> list[Any]:
    cases: list[Any] = []
    for rule in all_rules():
        counters = {"valid": 0, "invalid": 0}
        for example in rule.examples:
            kind = "valid" if example.is_valid else "invalid"
            counters[kind] += 1
            cases.append(pytest.param(rule, example, id=f"{rule.code}-{kind}-{counters[kind]}"))
    return cases


@pytest.mark.parametrize(("rule", "example"), _cases())
def test_example(rule: Rule[Any], example: Example, tmp_path: Path) -> None:
    outcome = run_example(rule, example, tmp_path)
    assert outcome.parse_errors == [], "an example must parse"
    assert outcome.positions == list(example.expect)
    if example.fixed is not None:
        assert outcome.fixed == example.fixed
        again = run_example(rule, Example(example.fixed, path=example.path), tmp_path / "again")
        assert again.positions == [], "a fixed example must be clean"
