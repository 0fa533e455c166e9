"""Checking syntax on demand reports exactly what parsing every file first reports.

The engine builds a Python file's ``ast`` only when a rule needs the tree; the other files
get the symbol-table syntax check. On the rule examples, on broken variants of them and
on the cases where the symbol table and ``ast.parse`` disagree, the results (findings,
HK001 messages and positions, errors) are those of the parse-first reference.
``make corpus-diff`` does the same on real projects.
"""

from __future__ import annotations

import random

import pytest

from hardkit.domain.config import Config
from hardkit.domain.registry import all_rules
from hardkit.domain.rule import FileKind
from hardkit.domain.sources import PythonFile
from hardkit.service import analyse as engine
from hardkit.service.analyse import Settings, analyse
from tests.syntax_paths import LAYOUT, SETTINGS, both_paths, mutations


def _python_sources() -> list[str]:
    sources: list[str] = []
    for rule in all_rules():
        if rule.kind in (FileKind.PYTHON, None):
            for example in rule.examples:
                sources.append(example.source)
                sources.extend(s for p, s in example.files.items() if p.endswith(".py"))
    return sources


SOURCES = _python_sources()
KEYS = ("src/orders/domain/model.py", "app/views.py", "tests/test_views.py")

# The symbol table (or the compiler) refuses these; ``ast.parse`` accepts them: no HK001.
SYMBOL_TABLE_ONLY = [
    "nonlocal token\n",
    "def f(a, a):\n    pass\n",
    "from __future__ import braces\n",
    "from __future__ import no_such_feature\n",
    "def f():\n    global x\n    x = 1\n    nonlocal y\n",
    "class C:\n    nonlocal x\n",
    "def f(token):\n    global token\n",
    "assert token\nnonlocal token\n",  # HK101 too
    "async def f():\n    yield from x\n",  # the compiler refuses it; ast.parse does not
]
# Both refuse these, with ``ast.parse``'s message reported.
BROKEN = [
    "def f(:\n",
    "x = (1,\n",
    "if x:\npass\n",
    "if x:\n\tpass\n        pass\n",
    "assert token,\n",
    "import os\nos.environ['PYTHONHASHSEED'] = \n",
    "x = " + "(" * 250 + ")" * 250 + "\n",
    "x = " + "-" * 5000 + "1\n",
    "x = f'{'\n",
    "print 'hello'\n",
]


@pytest.mark.parametrize("key", KEYS)
def test_rule_examples_agree(key: str) -> None:
    for source in SOURCES:
        fast, reference = both_paths(key, source.encode())
        assert fast == reference, source


@pytest.mark.parametrize("source", SYMBOL_TABLE_ONLY + BROKEN)
def test_where_the_two_parsers_differ_or_refuse(source: str) -> None:
    for key in KEYS:
        fast, reference = both_paths(key, source.encode())
        assert fast == reference


def test_symbol_table_only_refusals_are_not_syntax_errors() -> None:
    for source in SYMBOL_TABLE_ONLY:
        fast, _ = both_paths("app/views.py", source.encode())
        assert not [f for f in fast.findings if f.code == "HK001"], source


def _refused(source: str) -> bool:
    """Whether this interpreter's ``ast.parse`` refuses ``source``, which decides HK001:
    3.10 and 3.13 parse a 5,000-deep unary chain that 3.11 and 3.12 refuse."""
    import ast

    try:
        ast.parse(source)
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        return True
    return False


def test_broken_files_are_hk001_only() -> None:
    for source in BROKEN:
        module = source + "assert token\n"
        if not _refused(module):
            continue
        fast, _ = both_paths("src/orders/domain/model.py", module.encode())
        assert [f.code for f in fast.findings] == ["HK001"], source


def test_broken_variants_of_every_example_agree() -> None:
    rng = random.Random(8)  # fixed: the same variants on every run
    compared = 0
    for source in SOURCES:
        for variant in mutations(source, rng, 6):
            for key in KEYS[:2]:
                fast, reference = both_paths(key, variant.encode())
                assert fast == reference, variant
                compared += 1
    assert compared > 1000


def test_a_clean_file_no_rule_reads_is_never_parsed_into_objects() -> None:
    """No rule needs the tree of a plain file outside the layers: only the syntax check."""
    file = PythonFile("app/plain.py", "x = 1\n", Config(), is_test=False, cst_parser=_no_cst)
    assert file.check_syntax() is None
    assert "ast" not in file.__dict__
    broken = PythonFile("app/plain.py", "x = (\n", Config(), is_test=False, cst_parser=_no_cst)
    failure = broken.check_syntax()
    assert failure is not None
    assert str(failure).startswith("syntax error: ")


def test_hk001_alone_selected_still_reports_syntax_errors() -> None:
    settings = Settings(Config(), frozenset({"HK001"}))
    result = analyse("app/x.py", FileKind.PYTHON, b"def f(:\n", settings).result
    assert [(f.code, f.line) for f in result.findings] == [("HK001", 1)]
    assert SETTINGS.codes > settings.codes


def _no_cst(text: str) -> object:
    raise AssertionError("no LibCST here")


# -- the screen before any parse (DESIGN §7: ruff's way) ----------------------------------


def _never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any parse of the file (the symbol table or ``ast``) fails the test."""
    from hardkit.domain import sources

    def refuse(*_: object) -> bool:
        raise AssertionError("parsed")

    monkeypatch.setattr(sources, "_symbol_table_accepts", refuse)
    monkeypatch.setattr(sources.PythonFile, "ast", property(refuse))


@pytest.mark.parametrize(
    ("key", "source"),
    [
        ("app/views.py", "def handler(request:\n    return request\n"),
        ("app/views.py", "import os\ndef f(:\n"),  # imports matter in layered packages only
        ("tests/test_views.py", "def test_it(:\n    assert ok\n"),  # no HK1xx rule in tests
        ("src/orders/domain/test_model.py", "import os\nx = (\n"),  # nor HK2xx
        ("src/orders/domain/model.py", "x = (\n"),  # layered, but no import nor I/O call
    ],
)
def test_a_file_no_selected_rule_looks_at_is_not_parsed(
    monkeypatch: pytest.MonkeyPatch, key: str, source: str
) -> None:
    _never_parsed(monkeypatch)
    result = analyse(key, FileKind.PYTHON, source.encode(), SETTINGS).result
    assert (result.findings, result.errors) == ((), ())


@pytest.mark.parametrize(
    ("key", "source", "position"),
    [
        ("app/views.py", "def handler(request:\n    assert request.user\n", (1, 12)),
        ("app/views.py", "if __debug__:\n    x = (\n", (2, 9)),
        ("app/views.py", "x = (  # PYTHONHASHSEED\n", (1, 5)),
        ("src/orders/domain/model.py", "import os\ndef f(:\n", (2, 7)),
        ("src/orders/domain/model.py", "from x import (\n", (1, 15)),  # layered: imports
    ],
)
def test_a_file_some_rule_looks_at_is_parsed_and_hk001_is_exact(
    key: str, source: str, position: tuple[int, int]
) -> None:
    import ast

    with pytest.raises(SyntaxError) as refused:
        ast.parse(source)
    result = analyse(key, FileKind.PYTHON, source.encode(), SETTINGS).result
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("HK001", *position, f"syntax error: {refused.value.msg}")
    ]


def test_an_undecodable_file_is_hk001_whatever_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _never_parsed(monkeypatch)
    result = analyse("app/views.py", FileKind.PYTHON, b"x = '\xff'\n", SETTINGS).result
    assert [(f.code, f.line) for f in result.findings] == [("HK001", 1)]


def test_rules_that_skip_test_code_report_nothing_there() -> None:
    """The engine gives ``SKIPS_TEST_CODE`` rules no test file: each must say nothing on
    one anyway, or the skip would hide findings."""
    from hardkit.domain.registry import SKIPS_TEST_CODE, rules_by_code

    checked = 0
    for code in sorted(SKIPS_TEST_CODE):
        for example in rules_by_code()[code].examples:
            if example.is_valid:
                continue
            file = PythonFile(
                "tests/test_example.py",
                example.source,
                Config(),
                is_test=True,
                cst_parser=engine._cst_parser,
            )
            file.layout = LAYOUT
            assert list(rules_by_code()[code].check(file)) == [], (code, example.source)
            checked += 1
    assert checked > 20


def test_what_the_parent_screens_out_is_what_a_worker_would_report() -> None:
    """``screened_out`` (run in the parent of a worker pool) returns a result only for a
    file no rule needs to parse, and then the very result ``analyse`` gives."""
    from hardkit.service.analyse import screened_out

    cases = {
        "app/views.py": "def handler(request:\n    return request\n",
        "app/models.py": "x = 1\n",
        "app/admin.py": "def f(user):\n    assert user.is_admin\n",
        "tests/test_views.py": "def test_it():\n    assert ok\n",
        "src/orders/domain/model.py": "import socket\n",
    }
    kept = {}
    for key, source in cases.items():
        cheap = screened_out(key, FileKind.PYTHON, source.encode(), SETTINGS)
        full = analyse(key, FileKind.PYTHON, source.encode(), SETTINGS).result
        if cheap is not None:
            assert cheap.result == full
            kept[key] = full.findings
    assert sorted(kept) == ["app/models.py", "app/views.py", "tests/test_views.py"]
    assert screened_out("app/x.py", FileKind.PYTHON, b"x = (\n", SETTINGS_HK001_ONLY) is None


SETTINGS_HK001_ONLY = Settings(Config(), frozenset({"HK001"}))


def test_a_file_is_tokenized_for_comments_only_when_a_finding_s_line_holds_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Suppression comments are looked for on the findings' lines: a line without ``#``
    holds none, so a large module with plain findings is never tokenized whole."""
    tokenized: list[int] = []
    real = engine.comments_by_line

    def counting(text: str) -> dict[int, str]:
        tokenized.append(1)
        return real(text)

    monkeypatch.setattr(engine, "comments_by_line", counting)
    plain = "def view(request, user):\n    assert user.is_admin\n# a comment elsewhere\n"
    result = analyse("app/views.py", FileKind.PYTHON, plain.encode(), SETTINGS).result
    assert [(f.code, f.line) for f in result.findings] == [("HK101", 2)]
    assert tokenized == []
    noqa = "def view(request, user):\n    assert user.is_admin  # noqa: HK101\n"
    result = analyse("app/views.py", FileKind.PYTHON, noqa.encode(), SETTINGS).result
    assert result.findings == ()
    assert tokenized == [1]


def test_the_collector_is_paused_for_a_file_and_left_as_it_was() -> None:
    import gc

    source = b"def view(request, user):\n    assert user.is_admin\n"
    assert gc.isenabled()
    analyse("app/views.py", FileKind.PYTHON, source, SETTINGS)
    assert gc.isenabled()
    gc.disable()
    try:
        analyse("app/views.py", FileKind.PYTHON, source, SETTINGS)
        assert not gc.isenabled()
    finally:
        gc.enable()
