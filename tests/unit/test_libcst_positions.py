"""The one-pass positions of ``adapters.libcst_parser`` are LibCST's ``PositionProvider``
ranges, node for node: every reported line and column, and every fix offset, rests on them."""

from __future__ import annotations

from pathlib import Path

import libcst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from hardkit.adapters.libcst_parser import node_positions, parse_cst
from hardkit.domain.registry import all_rules
from hardkit.domain.rule import FileKind

SNIPPETS = [
    "",
    "\n",
    "x = 1",  # no trailing newline
    "# only a comment",
    "\n\n# c\n\n",
    "x = 1\r\ny = 2\r\n",
    "x = 1\ry = (\r 2)\r",
    "x = 1\r\ny = 2\nz = 3\r",  # mixed endings
    "if x:\n\tassert token\n\tif y:\n\t\tz = 1\n",
    "\x0cdef f():\n    \x0c\n    return 1\n",
    "x = '''a\nb\r\nc'''\ny = f'{a!r:>{b}}' 'x'\n",
    "x = 1 + \\\n    2\n",
    "@a.b(c)\n@d\nclass C(B, metaclass=M):\n    '''doc'''\n\n"
    "    def f(self, /, a, *b, c=1, **d) -> None: ...\n",
    "async def f():\n    async with a as (b, c): await d\n    async for x in y: pass\n",
    "match p:\n    case {'a': 1, **r} | [1, *_] if r: pass\n    case C(x=1): pass\n",
    "try:\n    pass\nexcept* (A, B) as e:\n    raise\nelse:\n    pass\nfinally:\n    del x\n",
    "x: int = (yield)\nlambda *, k=1: (k, [i for i in k if i], {i: j for i, j in k})\n",
    "assert (a and\n        b), (  # why\n    'msg')\n",
    "a; b ;c;\nif x: y; z  # c\nwhile 0: pass\n",
    "global a\nnonlocal_ = 1\nprint(*a, **b)\nx[1:2, ::3] = ~y ** -z @ w\n",
    "é = 'ü'; ß = é\n",
]


def expected_positions(module: libcst.Module) -> dict[libcst.CSTNode, tuple[int, int, int, int]]:
    ranges = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return {
        node: (r.start.line, r.start.column, r.end.line, r.end.column) for node, r in ranges.items()
    }


def _assert_same(source: str) -> None:
    module = libcst.parse_module(source)
    assert node_positions(module) == expected_positions(module)


def _example_sources() -> list[str]:
    sources: list[str] = []
    for rule in all_rules():
        if rule.kind is not FileKind.PYTHON:
            continue
        for example in rule.examples:
            sources.append(example.source)
            sources.extend(s for p, s in example.files.items() if p.endswith(".py"))
            if example.fixed is not None:
                sources.append(example.fixed)
    return sources


@pytest.mark.parametrize("source", SNIPPETS, ids=range(len(SNIPPETS)))
def test_positions_match_position_provider_on_awkward_snippets(source: str) -> None:
    _assert_same(source)


def test_positions_match_position_provider_on_every_rule_example() -> None:
    sources = _example_sources()
    assert len(sources) > 100
    for source in sources:
        _assert_same(source)


@pytest.mark.parametrize(
    "name",
    [
        "domain/asserts/holders.py",
        "domain/asserts/fix.py",
        "adapters/source.py",
        "domain/rule.py",
    ],
)
def test_positions_match_position_provider_on_hardkit_modules(name: str) -> None:
    # (real projects: ``make corpus-diff`` compares the two on Django, SQLAlchemy and more)
    _assert_same((Path(__file__).resolve().parents[2] / "src" / "hardkit" / name).read_text())


def test_tree_spans_are_one_based_and_computed_once() -> None:
    tree = parse_cst("def f(token):\n    assert token\n")
    function = tree.module.body[0]
    assert isinstance(function, libcst.FunctionDef)
    line = function.body.body[0]
    assert isinstance(line, libcst.SimpleStatementLine)
    assert tree.span(line.body[0]) == (2, 5, 2, 17)
    assert tree.span(function.name) == (1, 5, 1, 6)
