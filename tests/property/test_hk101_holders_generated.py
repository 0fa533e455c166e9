"""On generated modules, the fix's view of each assert's line (``ast`` and one line's
tokens) is LibCST's whole-module view (``tests/hk101_oracle.py``)."""

from __future__ import annotations

import ast

import hypothesmith
import libcst
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.hk101_oracle import libcst_anchors, libcst_holders
from tests.unit.test_hk101_holders import ast_anchors, ast_holders

# Generated modules are mostly noise; seed them with asserts in awkward places.
_HOOKS = st.sampled_from(
    [
        "x = 1; assert t  # c\n",
        "if u: \\\n    assert u.is_admin\n",
        "\x0cif a:\n\x0c    x = 1;\\\n    assert t\n",
        "try: assert x\nexcept E: assert y\nelse: assert z\nfinally: assert w\n",
        "match q:\n  case 1: assert a; b()\n  case _:\n      assert c\n",
        "class A:\n\tdef f(self):\n\t\tif x: assert y\n\t\telif z: assert w  # k\n",
    ]
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node()),
    _HOOKS,
    st.booleans(),
    st.sampled_from(["\n", "\r\n"]),
)
def test_holders_match_libcst_on_generated_modules(
    module: str, hook: str, hook_first: bool, newline: str
) -> None:
    source = hook + module if hook_first else module.rstrip("\n") + "\n" + hook
    if newline != "\n":
        source = source.replace("\r\n", "\n").replace("\n", newline)
    try:
        ast.parse(source)
        libcst.parse_module(source)
    except (SyntaxError, ValueError, RecursionError, libcst.ParserSyntaxError):
        assume(False)
    assert ast_holders(source) == libcst_holders(source)
    assert ast_anchors(source) == libcst_anchors(source)
