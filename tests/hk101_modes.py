"""HK101 checked without LibCST (a check: positions and anchors from the ``ast`` screen, the
fix deferred) against HK101 checked with it (when fixing). Everything but the fix's edits
must be the same: the code, span, message and suppression anchor of every finding."""

from __future__ import annotations

from typing import Any

from hardkit.adapters.libcst_parser import parse_cst
from hardkit.domain.config import config_from_table
from hardkit.domain.findings import DEFERRED, Finding
from hardkit.domain.registry import rules_by_code
from hardkit.domain.sources import PythonFile


def _file(text: str, table: dict[str, Any] | None, *, fixing: bool) -> PythonFile:
    file = PythonFile(
        "app/views.py", text, config_from_table(table or {}, "test"), is_test=False,
        cst_parser=parse_cst,
    )  # fmt: skip
    file.fixing = fixing
    return file


def hk101_modes(
    text: str, table: dict[str, Any] | None = None
) -> tuple[list[Finding], list[Finding]]:
    """(checked, fixing) findings, fixes left out of both; the checked ones all DEFERRED."""
    rule = rules_by_code()["HK101"]
    checked = list(rule.check(_file(text, table, fixing=False)))
    fixing = list(rule.check(_file(text, table, fixing=True)))
    assert all(f.fix == DEFERRED for f in checked)
    assert all(f.fix is not None and f.fix.edits for f in fixing)
    return [f._replace(fix=None) for f in checked], [f._replace(fix=None) for f in fixing]
