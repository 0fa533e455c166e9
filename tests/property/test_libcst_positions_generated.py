"""The one-pass LibCST positions equal ``PositionProvider``'s on generated modules."""

from __future__ import annotations

import hypothesmith
import libcst
from hypothesis import HealthCheck, assume, given, settings

from hardkit.adapters.libcst_parser import node_positions
from tests.unit.test_libcst_positions import expected_positions


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
@given(hypothesmith.from_grammar() | hypothesmith.from_node())
def test_positions_match_position_provider_on_generated_modules(source: str) -> None:
    try:
        module = libcst.parse_module(source)
    except (libcst.ParserSyntaxError, RecursionError):
        assume(False)
        return
    assert node_positions(module) == expected_positions(module)
