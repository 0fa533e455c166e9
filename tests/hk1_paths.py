"""The two implementations of HK101/HK102 side by side: the ``ast`` screen and the LibCST check.

The screen must report exactly what LibCST reports, or it would hide findings (or build
LibCST for nothing). Tests compare the positions each path finds.
"""

from __future__ import annotations

from typing import Any

from hardkit.adapters.libcst_parser import parse_cst
from hardkit.domain.asserts import ast_screen, libcst_checks
from hardkit.domain.asserts.security_words import vocabulary
from hardkit.domain.config import Config, config_from_table
from hardkit.domain.sources import PythonFile

Positions = list[tuple[int, int]]


def python_file(text: str, table: dict[str, Any] | None = None) -> PythonFile:
    config: Config = config_from_table(table or {}, "test")
    return PythonFile("mod.py", text, config, is_test=False, cst_parser=parse_cst)


def hk101_paths(file: PythonFile) -> tuple[Positions, Positions]:
    vocab = vocabulary(file.config.security_names)
    screened = [file.ast_span(node)[:2] for node in ast_screen.security_asserts(file.ast, vocab)]
    tree = file.cst
    checked = [
        tree.span(node)[:2] for node, _ in libcst_checks.security_asserts(tree.module, vocab)
    ]
    return screened, checked


def hk102_paths(file: PythonFile) -> tuple[Positions, Positions]:
    vocab = vocabulary(file.config.security_names)
    screened = [file.ast_span(node)[:2] for node in ast_screen.debug_blocks(file.ast, vocab)]
    tree = file.cst
    checked = [tree.span(node)[:2] for node in libcst_checks.debug_blocks(tree.module, vocab)]
    return screened, checked
