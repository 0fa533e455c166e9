"""Findings on asserts (HK101, HK104): positions and ``noqa`` anchors from ``ast``, and the
fix's edits built only when fixing (LibCST), ``DEFERRED`` otherwise: a check never loads
LibCST."""

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
    fixes = _fixes(file, asserts) if file.fixing else [DEFERRED] * len(asserts)
    return [
        file.finding(code, file.ast_span(node), message, fix, anchor)
        for (node, message), anchor, fix in zip(found, anchors, fixes, strict=True)
    ]


def _fixes(file: PythonFile, asserts: list[ast.Assert]) -> list[Fix]:
    import libcst as cst

    from hardkit.domain.asserts.fix import assert_fix
    from hardkit.domain.asserts.libcst_checks import sites

    tree = file.cst
    by_start = {
        tree.span(site.node)[:2]: site
        for site in sites(tree.module)
        if isinstance(site.node, cst.Assert)
    }
    fixes: list[Fix] = []
    for node in asserts:
        site = by_start[file.ast_span(node)[:2]]
        if not isinstance(site.node, cst.Assert):
            raise TypeError("the site of an assert holds an assert")
        fixes.append(assert_fix(file, site.node, site))
    return fixes
