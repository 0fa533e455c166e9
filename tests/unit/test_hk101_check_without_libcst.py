"""A check reports HK101 from ``ast``, without LibCST; fixing uses LibCST. Both
report the same findings: span, message and the line a ``# noqa`` may also sit on.
``make corpus-diff`` compares them on real projects as well."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hardkit.domain.registry import rules_by_code
from tests.helpers import run_probe, write
from tests.hk101_modes import hk101_modes
from tests.unit.test_hk1_positions import HK101_CASES, PY311_SYNTAX, WORDS

# Where the statement's logical line starts elsewhere than on the assert's own line.
ANCHORS: list[tuple[str, list[int]]] = [
    ("x = 1; assert token\n", [1]),
    ("x = (1,\n     2); assert token\n", [1]),
    ("x = 1; \\\n    assert token\n", [1]),
    ("x = 1; y = 2; \\\n  \\\n  assert token; assert admin\n", [1, 1]),
    ("if user: assert token\n", [1]),
    ("if user: \\\n    assert token\n", [1]),
    ("if (user and\n        ok): assert token\n", [1]),
    ("if a:\n    pass\nelse: assert token\n", [3]),
    ("if a:\n    pass\nelif b: x = 1; assert token\n", [3]),
    ("if a:\n    pass\nelse \\\n: assert token\n", [3]),
    ("while a: pass\nelse: x = (1,\n  2); assert token\n", [2]),
    (
        "try:\n    pass\nexcept E: assert token\nelse: assert admin\nfinally: assert secret\n",
        [3, 4, 5],
    ),
    ("try:\n    pass\nexcept* E: assert token\n", [3]),
    ("match x:\n    # c\n    case 1: assert token\n    case _: pass; assert admin\n", [3, 4]),
    ("@dec\n# c\ndef f(): assert token\n", [3]),
    ("@dec(\n  1)\nasync def f(): assert token\n", [3]),
    ("class C:\n    # lead\n    x = 1; assert token\n", [3]),
    ("def f(request):\n    if a:  # note: \\\n        assert token\n", [3]),
    ("def f(request):\n    s = '#'; \\\n        assert token\n", [2]),
    ("def f():\n    x = '''\n;'''; assert token\n", [2]),
    ("def f():\n    if a: b = [\n        1,\n    ]; assert token\n", [2]),
    (
        "with a: assert token\nfor x in y: assert admin\n"
        "async def g():\n    async with a: assert t.token\n",
        [1, 2, 4],
    ),
    ("x = 1\r\nif a: \\\r\n  assert token\r\n", [2]),
    # lone CRs end lines for the parser (found by test_hk101_modes_generated.py)
    ("try:\n pass\nfinally:\n pass\nclass A:\\\r\\\n\n pass\nassert token\n", [9]),
    ("x = 1\rif a: \\\r  assert token\r", [2]),
    ("\x0cif a:\n\x0c    x = 1;\\\n    assert token\n", [2]),
]


def _skip_newer_syntax(source: str) -> None:
    if sys.version_info < (3, 11) and any(syntax in source for syntax in PY311_SYNTAX):
        pytest.skip("Python 3.11 syntax, which this interpreter's ast rejects")


@pytest.mark.parametrize(("source", "anchors"), ANCHORS)
def test_anchor_lines_match_libcst(source: str, anchors: list[int]) -> None:
    _skip_newer_syntax(source)
    checked, fixing = hk101_modes(source, WORDS)
    assert [f.anchor_line for f in fixing] == anchors
    assert checked == fixing


@pytest.mark.parametrize(("source", "expected"), HK101_CASES)
def test_position_cases_agree(source: str, expected: list[tuple[int, int]]) -> None:
    _skip_newer_syntax(source)
    checked, fixing = hk101_modes(source, WORDS)
    assert [(f.line, f.column) for f in fixing] == expected
    assert checked == fixing


def test_every_hk101_example_agrees() -> None:
    for example in rules_by_code()["HK101"].examples:
        checked, fixing = hk101_modes(example.source, dict(example.config) or None)
        assert checked == fixing, example.source


def test_a_check_never_imports_libcst(tmp_path: Path) -> None:
    """The hook's common case: a file with a security assert, checked (not fixed)."""
    write(
        tmp_path, {"pyproject.toml": "", "app/views.py": "def f(user):\n    assert user.is_admin\n"}
    )
    probe = (
        "import sys\n"
        "from hardkit.entrypoints.cli import main\n"
        "code = main(['check', '--no-cache', 'app/views.py'])\n"
        "print(code, 'libcst' in sys.modules)\n"
    )
    stdout = run_probe(probe, cwd=tmp_path)
    assert "app/views.py:2:5: HK101 [*]" in stdout
    assert stdout.splitlines()[-1] == "1 False"
