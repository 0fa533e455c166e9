"""Findings on asserts (HK101, HK104): positions and ``noqa`` anchors from ``ast``, and the
fix's edits built only when fixing (LibCST on the assert's own line), ``DEFERRED``
otherwise: a check never loads LibCST."""

from __future__ import annotations

import ast

from hardkit.domain.findings import DEFERRED, Finding, Fix
from hardkit.domain.sources import PythonFile


def assert_findings(
    file: PythonFile, code: str, found: list[tuple[ast.Assert, str]]
) -> list[Finding]:
    """One fixable finding per ``(assert, message)``."""
    from hardkit.domain.asserts.logical_lines import logical_line_starts

    asserts = [node for node, _ in found]
    anchors = logical_line_starts(file.ast, file.lines, asserts)
    fixes = _fixes(file, asserts, anchors) if file.fixing else [DEFERRED] * len(asserts)
    return [
        file.finding(code, file.ast_span(node), message, fix, anchor)
        for (node, message), anchor, fix in zip(found, anchors, fixes, strict=True)
    ]


def _fixes(file: PythonFile, asserts: list[ast.Assert], anchors: list[int]) -> list[Fix]:
    from hardkit.domain.asserts.fix import assert_fixes  # LibCST: only when fixing

    return assert_fixes(file, asserts, anchors)
