"""A stand-in rule for engine tests: flags the word FLAG and fixes it to ``ok``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from hardkit.domain import registry
from hardkit.domain.findings import Edit, Finding, Fix
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc
from hardkit.domain.sources import PythonFile, Span

WORD = re.compile(r"FLAG")


class FlagWord(Rule[PythonFile]):
    code = "HK999"
    name = "flag-word"
    summary = "The word FLAG appears"
    kind = FileKind.PYTHON
    fixable = True
    doc = RuleDoc("Finds FLAG.", "Tests need a finding.", "FLAG", "ok", "Safe.", references="-")
    examples: ClassVar[tuple[Example, ...]] = ()
    replacement: ClassVar[str] = "ok"

    def prefilter(self, text: str, config: Any) -> bool:
        return "FLAG" in text

    def check(self, file: PythonFile) -> Iterator[Finding]:
        for match in WORD.finditer(file.text):
            line = file.text.count("\n", 0, match.start()) + 1
            column = match.start() - (file.text.rfind("\n", 0, match.start()) + 1) + 1
            fix = Fix((Edit(match.start(), match.end(), self.replacement),))
            span = Span(line, column, line, column + 4)
            yield file.finding(self.code, span, "FLAG found", fix=fix)


@pytest.fixture
def flag_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(registry, "RULE_CLASSES", (*registry.RULE_CLASSES, FlagWord))
    registry.all_rules.cache_clear()
    yield
    registry.all_rules.cache_clear()
