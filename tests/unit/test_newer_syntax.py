"""Valid newer syntax is never HK001 (DESIGN §1): a file written for Python 3.11-3.14,
checked on an older interpreter, is read with LibCST's grammar and checked like any
other file; its findings sit where they sit in the file, and fixes apply to its text.

These tests pass on every interpreter (``make test-all``): on an older one they go
through the downgrade (``adapters.newer_syntax``), on a new enough one through ``ast``
itself, with the same findings either way.
"""

from __future__ import annotations

import ast
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import libcst as cst
import pytest

from hardkit.adapters import newer_syntax
from hardkit.adapters.downgrade import Plan
from hardkit.adapters.libcst_parser import LibcstTree
from hardkit.adapters.newer_syntax import Downgraded, parse_newer_syntax
from hardkit.adapters.source import SourceText
from hardkit.domain.config import Config
from hardkit.domain.layering.modules import LAYER_RULES
from hardkit.domain.registry import rule_codes
from hardkit.domain.rule import FileKind
from hardkit.domain.sources import physical_lines
from hardkit.service.analyse import Settings, analyse
from hardkit.service.fix import fix_source
from tests.helpers import run_hardkit, write
from tests.syntax_paths import LAYOUT

SETTINGS = Settings(Config(), frozenset(rule_codes()))
# HK001 alone: every Python file is parsed, whatever its text (with every rule selected, a
# file none of them looks at is not: ``test_syntax_on_demand``).
SYNTAX_ONLY = Settings(Config(), frozenset({"HK001"}))
VIEW = "def view(request):\n    assert request.user.is_staff\n"  # HK101 at (n, 5)
SEED = 'import os\nos.environ["PYTHONHASHSEED"] = "0"\n'  # HK103 at (n, 1)

# (id, source, findings): each source is valid on the Python its id names, and on none
# older than 3.10 knows it.
CASES: list[tuple[str, str, list[tuple[str, int, int]]]] = [
    ("pep695-class", "class Box[T]:\n    pass\n" + VIEW, [("HK101", 4, 5)]),
    (
        "pep695-class-bases",
        "class Box[T: int, *Ts, **P](Base, metaclass=M):\n    x: T\n" + VIEW,
        [("HK101", 4, 5)],
    ),
    (
        "pep695-class-lines",
        "class Box[\n    T: (int, str),  # bound\n    U,\n]:\n    pass\n" + VIEW,
        [("HK101", 7, 5)],
    ),
    (
        "pep695-class-lines-bases",
        "class Box[\n    T,\n    U,\n](Base):\n    pass\n" + VIEW,
        [("HK101", 7, 5)],
    ),
    (
        "pep695-def",
        "def first[T](items: list[T]) -> T:\n    return items[0]\n" + VIEW,
        [("HK101", 4, 5)],
    ),
    (
        "pep695-def-lines",
        "def first[\n    T: int\n](items: list[T]) -> T:\n"
        "    assert items[0].owner == request.user\n" + VIEW,
        [("HK101", 4, 5), ("HK101", 6, 5)],
    ),
    (
        "pep695-method",
        "class A:\n    def view[T](self, request: T):\n        assert request.user.is_staff\n",
        [("HK101", 3, 9)],
    ),
    ("pep695-type", "type Alias = dict[str, int]\n" + VIEW, [("HK101", 3, 5)]),
    ("pep695-type-params", "type Pair[K, V: int] = tuple[K, V]\n" + VIEW, [("HK101", 3, 5)]),
    (
        "pep695-type-lines",
        "type Json = (\n    dict[str, 'Json']\n    | list['Json']\n)\n" + VIEW,
        [("HK101", 6, 5)],
    ),
    ("pep695-type-in-suite", "if True: type A = int; x = 1\n" + VIEW, [("HK101", 3, 5)]),
    ("pep695-type-soft-keyword", "type = 1\ntype(x)\ntype X = int\n" + VIEW, [("HK101", 5, 5)]),
    (
        "pep696-defaults",
        "class A[T = int, *Ts = *tuple[int], **P = [int]]:\n    pass\n" + VIEW,
        [("HK101", 4, 5)],
    ),
    ("pep696-def", "def f[T: str = str](x: T) -> T:\n    return x\n" + VIEW, [("HK101", 4, 5)]),
    ("pep696-type", "type A[T = int] = list[T]\n" + VIEW, [("HK101", 3, 5)]),
    (
        "pep758",
        "def view(request):\n    try:\n        pass\n    except ValueError, TypeError:\n"
        "        pass\n    assert request.user.is_staff\n",
        [("HK101", 6, 5)],
    ),
    (
        "pep758-star",
        "try:\n    pass\nexcept* ValueError, TypeError:\n    pass\n" + VIEW,
        [("HK101", 6, 5)],
    ),
    (
        "pep758-three",
        "try:\n    pass\nexcept a.B, C[0], D | E:\n    pass\n" + VIEW,
        [("HK101", 6, 5)],
    ),
    (
        "pep750",
        "def view(request):\n    x = t'hello {request.user!r:>{width}}'\n"
        "    assert request.user.is_staff\n",
        [("HK101", 3, 5)],
    ),
    ("pep750-concat", "x = (t'a {b}'\n     T'c' rt'{d}' tr'{e}')\n" + VIEW, [("HK101", 4, 5)]),
    ("pep750-raw", "x = Rt'\\d{x}' + tr'{y}'\n" + VIEW, [("HK101", 3, 5)]),
    ("pep750-unicode", "x = t'héllo {name}'; y = 1\n" + VIEW, [("HK101", 3, 5)]),
    (
        "pep701-quotes",
        'def view(request):\n    assert request.user.has_perm(f"app.{request.GET["perm"]}")\n',
        [("HK101", 2, 5)],
    ),
    ("pep701-nested", 'x = f"{f"{f"{y}"}"}"\n' + VIEW, [("HK101", 3, 5)]),
    ("pep701-backslash", "x = f\"{'\\n'.join(lines)}\"\n" + VIEW, [("HK101", 3, 5)]),
    ("pep701-comment", "x = f'''{\n    a  # the first\n    + b\n}'''\n" + VIEW, [("HK101", 6, 5)]),
    ("pep701-lines", "x = f'{a +\n      b}'\n" + VIEW, [("HK101", 4, 5)]),
    ("pep701-spec", 'x = f"{a["k"]!r:>{w["n"]}.{p}} and {b = }"\n' + VIEW, [("HK101", 3, 5)]),
    ("pep701-concat", 'x = "é" f"{a["k"]}" "tail" f"{b}"\n' + VIEW, [("HK101", 3, 5)]),
    (
        "pep701-unicode",
        'def view(request):\n    x = f"ü{a["ß"]}ü"; assert request.user.is_staff\n',
        [("HK101", 2, 24)],
    ),
    (
        "pep701-in-assert-message",
        "def view(request):\n"
        '    assert request.user.is_staff, f"{request.user["name"]} is no admin"\n',
        [("HK101", 2, 5)],
    ),
    (
        "pep701-seed",
        'import os\nos.environ[f"{"PYTHONHASHSEED"}"] = "0"\nos.environ["PYTHONHASHSEED"] = "0"\n',
        [("HK103", 3, 1)],
    ),
    ("pep654", "try:\n    pass\nexcept* ValueError:\n    pass\n" + VIEW, [("HK101", 6, 5)]),
    ("pep646-subscript", "x: Array[*Shape]\ny = a[*b, c]\n" + VIEW, [("HK101", 4, 5)]),
    ("pep646-annotation", "def f(*args: *Ts) -> None:\n    pass\n" + SEED, [("HK103", 4, 1)]),
    (
        "crlf",
        "class Box[\r\n    T,\r\n](Base):\r\n    pass\r\n" + VIEW.replace("\n", "\r\n"),
        [("HK101", 6, 5)],
    ),
    (
        "all-together",
        'type A[T = int] = list[T]\nclass B[T](A[T]):\n    x = t\'{f"{y["z"]}"}\'\n'
        + "try:\n    pass\nexcept E, F:\n    pass\n"
        + VIEW,
        [("HK101", 9, 5)],
    ),
]


def _ids(cases: list[tuple[str, str, list[tuple[str, int, int]]]]) -> list[str]:
    return [case[0] for case in cases]


def _refused_here(source: str) -> bool:
    try:
        ast.parse(source)
    except SyntaxError:
        return True
    return False


def test_the_cases_hold_newer_syntax() -> None:
    """Every case is something 3.10's parser refuses (checked where it runs)."""
    if sys.version_info[:2] != (3, 10):
        pytest.skip("checked on Python 3.10")
    assert [name for name, source, _ in CASES if not _refused_here(source)] == []


@pytest.mark.parametrize(("name", "source", "expected"), CASES, ids=_ids(CASES))
def test_checked_like_any_other_file(
    name: str, source: str, expected: list[tuple[str, int, int]]
) -> None:
    del name
    result = analyse("app/views.py", FileKind.PYTHON, source.encode(), SETTINGS).result
    assert [(f.code, f.line, f.column) for f in result.findings] == expected
    assert result.errors == ()


@pytest.mark.parametrize(("name", "source", "expected"), CASES, ids=_ids(CASES))
def test_the_downgrade_moves_nothing(name: str, source: str, expected: object) -> None:
    """Same lines, same line breaks, same UTF-8 length per line; every name ``ast`` sees
    is where LibCST sees it in the original text."""
    del name, expected
    if not _refused_here(source):
        pytest.skip("this Python reads the file itself")
    downgraded = parse_newer_syntax(source, "x.py")
    assert downgraded is not None
    old, new = physical_lines(source), physical_lines(downgraded.text)
    assert [len(line.encode()) for line in new] == [len(line.encode()) for line in old]
    assert [line[len(line.rstrip("\r\n")) :] for line in new] == [
        line[len(line.rstrip("\r\n")) :] for line in old
    ]
    assert _ast_names(downgraded.tree, old) <= _cst_names(_cst_of(downgraded))


def test_all_of_it_in_one_file() -> None:
    """Every case, one after the other: each keeps its findings, shifted by the lines
    before it (the constructs rewrite nothing of their neighbours)."""
    sources: list[str] = []
    expected: list[tuple[str, int, int]] = []
    for _, source, findings in CASES:
        before = sum(len(physical_lines(s)) for s in sources)
        sources.append(source)
        expected += [(code, line + before, column) for code, line, column in findings]
    text = "".join(sources)
    result = analyse("app/views.py", FileKind.PYTHON, text.encode(), SETTINGS).result
    assert [(f.code, f.line, f.column) for f in result.findings] == expected
    if _refused_here(text):
        downgraded = parse_newer_syntax(text, "x.py")
        assert downgraded is not None
        assert _ast_names(downgraded.tree, physical_lines(text)) <= _cst_names(_cst_of(downgraded))


def test_suppression_comments_are_read() -> None:
    source = (
        "class Box[T]:\n    pass\n\ndef view(request):\n"
        '    assert request.user.is_staff, f"{request.user["name"]}"  # noqa: HK101\n'
        "    assert request.user.is_superuser  # noqa: HK101\n"
        "    assert request.user.is_staff\n"
    )
    result = analyse("app/views.py", FileKind.PYTHON, source.encode(), SETTINGS).result
    assert [(f.code, f.line, f.column) for f in result.findings] == [("HK101", 7, 5)]


def _ast_names(tree: ast.Module, lines: list[str]) -> set[tuple[str, int, int]]:
    def column(line: int, byte: int) -> int:
        return len(lines[line - 1].encode()[:byte].decode()) + 1

    return {
        (node.id, node.lineno, column(node.lineno, node.col_offset))
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id != "_"  # ``_`` stands in for ``type``
    }


def _cst_of(downgraded: Downgraded) -> LibcstTree:
    return LibcstTree(downgraded.cst_text)


def _cst_names(tree: LibcstTree) -> set[tuple[str, int, int]]:
    names: set[tuple[str, int, int]] = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            span = tree.span(node)
            names.add((node.value, span.line, span.column))

    tree.module.visit(Names())
    return names


def test_the_tree_is_given_back_what_newer_pythons_build() -> None:
    source = "try:\n    pass\nexcept a.B, C, D | E:\n    pass\nx = f'{a +\n b}{c!r}'\n"
    if not _refused_here(source):
        pytest.skip("this Python reads the file itself")
    downgraded = parse_newer_syntax(source, "x.py")
    assert downgraded is not None
    handler = downgraded.tree.body[0].handlers[0]  # type: ignore[attr-defined]
    assert isinstance(handler.type, ast.Tuple)
    assert [ast.unparse(e) for e in handler.type.elts] == ["a.B", "C", "D | E"]
    assert (handler.type.col_offset, handler.type.end_col_offset) == (7, 20)
    value = downgraded.tree.body[1].value  # type: ignore[attr-defined]
    assert isinstance(value, ast.JoinedStr)
    assert [ast.unparse(v.value) for v in value.values] == ["a + b", "c"]


FIXES = [
    (
        "class Box[T]:\n    pass\n\ndef view(request):\n"
        "    assert request.user.is_staff, f'{request.user[\"n\"]}'\n",
        "class Box[T]:\n    pass\n\ndef view(request):\n    if not request.user.is_staff:\n"
        "        raise AssertionError(f'{request.user[\"n\"]}')\n",
    ),
    (
        "type A = int\ndef view(request):\n    try:\n        x = t'{request}'\n"
        "    except ValueError, TypeError:\n        pass\n"
        "    assert request.user.is_staff  # check\n",
        "type A = int\ndef view(request):\n    try:\n        x = t'{request}'\n"
        "    except ValueError, TypeError:\n        pass\n    if not request.user.is_staff:\n"
        "        raise AssertionError  # check\n",
    ),
    (
        'def view(request):\n    x = f"ü{a["ß"]}ü"; assert request.user.is_staff\n',
        'def view(request):\n    x = f"ü{a["ß"]}ü"\n    if not request.user.is_staff:\n'
        "        raise AssertionError\n",
    ),
]


@pytest.mark.parametrize(("source", "fixed"), FIXES)
def test_fixes_apply_to_the_original_text(source: str, fixed: str) -> None:
    outcome = fix_source("app/views.py", FileKind.PYTHON, SourceText(source, "utf-8"), SETTINGS)
    assert outcome.text == fixed
    assert outcome.analysis.errors == []
    assert [f.code for f in outcome.analysis.findings] == []


# Syntax errors stay syntax errors, with CPython's message and position.
BROKEN = [
    "class Box[T]:\n    x = (\n",
    "type X = \n",
    "x = t'{'\n",
    "def f[T](x:\n    pass\n",
    "try:\n    pass\nexcept A, B as e:\n    pass\n",  # PEP 758 keeps parentheses with ``as``
    "class Box[T]:\n    pass\nprint 'x'\n",
    "class Box[\n\n    T,\n](Base):\n    pass\n",  # valid, but an empty line cannot be joined
]


@pytest.mark.parametrize("source", BROKEN)
def test_what_no_grammar_reads_is_hk001(source: str) -> None:
    if not _refused_here(source):
        pytest.skip("valid here")
    try:
        ast.parse(source)
    except SyntaxError as exc:
        expected = (f"syntax error: {exc.msg}", exc.lineno, exc.offset)
    result = analyse("app/views.py", FileKind.PYTHON, source.encode(), SYNTAX_ONLY).result
    assert [(f.code, f.message, f.line, f.column) for f in result.findings] == [
        ("HK001", *expected)
    ]


def test_layering_rules_read_newer_syntax() -> None:
    settings = Settings(Config(), frozenset(LAYER_RULES), LAYOUT)
    source = (
        "import requests\n\nclass Repo[T]:\n    def get(self) -> T:\n"
        "        return open(t'{self}')\n"
    )
    result = analyse(
        "src/orders/domain/model.py", FileKind.PYTHON, source.encode(), settings
    ).result
    assert [(f.code, f.line, f.column) for f in result.findings] == [
        ("HK202", 1, 1),
        ("HK203", 5, 16),
    ]


def test_the_cli_checks_and_fixes_newer_syntax(tmp_path: Path) -> None:
    source = "class Box[T]:\n    pass\n\ndef view(request):\n    assert request.user.is_staff\n"
    write(tmp_path, {"app/views.py": source})
    done = run_hardkit("check", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0].startswith("app/views.py:5:5: HK101 ")
    done = run_hardkit("check", "--no-cache", "--fix", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "app/views.py").read_text() == source.replace(
        "    assert request.user.is_staff\n",
        "    if not request.user.is_staff:\n        raise AssertionError\n",
    )


def _crash(text: str) -> Plan | None:
    del text
    os.kill(os.getpid(), signal.SIGSEGV)
    return None


def _hang(text: str) -> Plan | None:
    del text
    time.sleep(60)
    return None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="isolation needs fork")
@pytest.mark.parametrize("work", [_crash, _hang])
def test_libcst_crashing_or_hanging_ends_only_its_file(work: Callable[[str], Plan | None]) -> None:
    """LibCST overflows its stack or runs for minutes on some deep input CPython refuses;
    the child that reads the file goes, the run stays."""
    started = time.monotonic()
    assert newer_syntax._isolated(work, "x = 1\n", 1.0) is None
    assert time.monotonic() - started < 30


@pytest.mark.skipif(not hasattr(os, "fork"), reason="isolation needs fork")
def test_the_child_sends_its_plan() -> None:
    source = "x = t'{a}'\n" + "y = 1\n" * 20000  # a plan larger than a pipe's buffer
    plan = newer_syntax._isolated(newer_syntax._plan, source, 60.0)
    assert plan is not None
    assert plan.text.startswith("x = f'{a}'\n")
    assert len(plan.text) == len(source)


def test_deeper_brackets_than_any_python_reads_are_hk001() -> None:
    source = "class Box[T]:\n    pass\nx = " + "(" * 3000 + ")" * 3000 + "\n"
    result = analyse("app/views.py", FileKind.PYTHON, source.encode(), SYNTAX_ONLY).result
    assert [f.code for f in result.findings] == ["HK001"]
