"""The HK101/HK104 fix finds an assert's line from ``ast`` and the tokens of that line
(``holders.py``) exactly as LibCST's whole-module tree does (``tests/hk101_oracle.py``):
the statements it shares, its indentation, the step a new block takes, a suite's lead and
the line's ending; and the first line of its logical line (``logical_lines.py``, where
``noqa`` may sit). Fixes are then built on that line alone (issue 19)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from hardkit.domain.asserts.holders import Owners, holder_of
from hardkit.domain.asserts.logical_lines import logical_line_starts
from hardkit.domain.registry import rules_by_code
from hardkit.domain.sources import PythonFile
from tests.hk1_paths import python_file
from tests.hk101_oracle import libcst_anchors, libcst_holders
from tests.unit.test_hk1_positions import HK101_CASES, PY311_SYNTAX
from tests.unit.test_hk101_check_without_libcst import ANCHORS

DATA = Path(__file__).parents[1] / "data"


def _asserts(text: str) -> tuple[PythonFile, list[ast.Assert], list[int]]:
    file = python_file(text)
    asserts = sorted(
        (n for n in ast.walk(file.ast) if isinstance(n, ast.Assert)),
        key=lambda n: (n.lineno, n.col_offset),
    )
    return file, asserts, logical_line_starts(file.ast, file.lines, asserts)


def ast_holders(text: str) -> list[object]:
    file, asserts, starts = _asserts(text)
    owners = Owners(file.ast)
    return [
        holder_of(file, owners, node, start) for node, start in zip(asserts, starts, strict=True)
    ]


def ast_anchors(text: str) -> list[int]:
    """Where ``noqa`` may sit for each assert (``logical_lines.py``)."""
    return _asserts(text)[2]


def _sources() -> list[str]:
    sources = [source for source, _ in (*ANCHORS, *HK101_CASES)]
    for code in ("HK101", "HK104"):
        sources.extend(example.source for example in rules_by_code()[code].examples)
    for path in sorted(DATA.rglob("*.py.txt")):
        data = path.read_bytes()
        sources.append(data.decode("latin-1" if b"coding: latin-1" in data else "utf-8-sig"))
    sources += [
        "def f(user):\n    assert user.is_admin, 'a\u2028b\x0cc'  # \x1c \x85\n",
        "def f(user):\n    if user: assert (user.is_admin  # \u2028\n        or x), '\x0c'\n",
    ]
    crlf = [s.replace("\n", "\r\n") for s in sources[: len(ANCHORS)]]
    lone_cr = [s.replace("\n", "\r") for s in sources[: len(ANCHORS)]]
    return sources + crlf + lone_cr


SOURCES = _sources()


@pytest.mark.parametrize("source", SOURCES, ids=range(len(SOURCES)))
def test_holders_match_libcst(source: str) -> None:
    if sys.version_info < (3, 11) and any(syntax in source for syntax in PY311_SYNTAX):
        pytest.skip("Python 3.11 syntax, which this interpreter's ast rejects")
    assert ast_holders(source) == libcst_holders(source)
    assert ast_anchors(source) == libcst_anchors(source)


@pytest.mark.parametrize(
    ("source", "unit"),
    [
        ("x = 1\nif a:\n\tpass\nassert t\n", "\t"),  # the first indented block's step
        ("assert t\n", "    "),  # none at all: four spaces
        ("def f():\n  if a:\n      assert t\n", "    "),  # the innermost block's own step
        ("def f(x):\n  match x:\n      case _: assert t\n", "    "),  # a case under match
        ("if a:\n  pass\nelif b: assert t\n", "  "),  # elif: the module's step
        ("def f():\n   try:\n    pass\n   except E: assert t\n", "   "),  # except: try's
    ],
)
def test_the_step_a_new_block_takes(source: str, unit: str) -> None:
    holders = ast_holders(source)
    assert [h.unit for h in holders] == [unit]
    assert holders == libcst_holders(source)
