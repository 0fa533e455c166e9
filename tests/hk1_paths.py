"""A Python file as the HK1xx rules see it, for tests that call a rule directly."""

from __future__ import annotations

from typing import Any

from hardkit.adapters.libcst_parser import parse_cst
from hardkit.domain.config import Config, config_from_table
from hardkit.domain.registry import rules_by_code
from hardkit.domain.sources import PythonFile

Positions = list[tuple[int, int]]


def python_file(text: str, table: dict[str, Any] | None = None, path: str = "mod.py") -> PythonFile:
    config: Config = config_from_table(table or {}, "test")
    return PythonFile(path, text, config, is_test=False, cst_parser=parse_cst)


def positions(code: str, file: PythonFile) -> Positions:
    """Where rule ``code`` reports in ``file`` (line, column), in order."""
    return [(f.line, f.column) for f in rules_by_code()[code].check(file)]
