"""On generated modules, HK101 checked without LibCST reports what it reports with it."""

from __future__ import annotations

import ast

import hypothesmith
import libcst
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tests.hk101_modes import hk101_modes

# Generated modules are mostly noise; seed them with security asserts in awkward places.
_HOOKS = st.sampled_from(
    [
        "def f(user):\n    assert user.is_staff\n",
        "def f(user):\n    x = 1; assert user.is_admin\n",
        "def f(user):\n    if user: \\\n        assert user.is_admin\n",
        "def view(request):\n    if a: b = 1; assert request.user.is_staff\n",
    ]
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node()), _HOOKS, st.booleans())
@example(  # a lone CR after a backslash: tokenize counted lines apart from the parser
    "try:\n pass\nfinally:\n pass\nclass A:\\\r\\\n\n pass\nclass A:\n pass\n",
    "def f(user):\n    assert user.is_staff\n",
    False,
)
def test_checked_and_fixing_findings_agree(module: str, hook: str, hook_first: bool) -> None:
    source = hook + module if hook_first else module.rstrip("\n") + "\n" + hook
    try:
        ast.parse(source)
        libcst.parse_module(source)
    except (SyntaxError, ValueError, RecursionError, libcst.ParserSyntaxError):
        assume(False)
    checked, fixing = hk101_modes(source)
    assert checked == fixing
