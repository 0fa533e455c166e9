"""HK102's search on ``ast``: ``if __debug__:`` blocks that refuse something or make a
security check of the kinds HK101 knows (``decision.py``)."""

from __future__ import annotations

import ast

from hardkit.domain.asserts import credentials, principals
from hardkit.domain.asserts.context import sites
from hardkit.domain.asserts.security_words import DEBUG_NAME, Vocabulary
from hardkit.domain.asserts.shapes import expressions, identifiers


def is_debug_condition(test: ast.expr) -> bool:
    """``__debug__``, or an ``and`` with ``__debug__`` among its operands."""
    if isinstance(test, ast.Name):
        return test.id == DEBUG_NAME
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(is_debug_condition(value) for value in test.values)
    return False


def debug_blocks(module: ast.Module, vocab: Vocabulary) -> list[ast.If]:
    """The ``if __debug__`` blocks HK102 reports, in source order."""
    found: list[ast.If] = []
    for site in sites(module, ast.If):
        node = site.node
        if isinstance(node, ast.If) and is_debug_condition(node.test) and _guards(node, vocab):
            found.append(node)
    return found


def _guards(node: ast.If, vocab: Vocabulary) -> bool:
    body = ast.Module(body=node.body, type_ignores=[])
    if any(isinstance(n, ast.Raise) for n in ast.walk(body)):
        return True
    if vocab.mentions(identifiers(body)):
        return True
    return any(_checks(expression) for expression in expressions(body))


def _checks(node: ast.expr) -> bool:
    return (
        principals.permission_check(node)
        or principals.ownership_check(node)
        or principals.authentication_check(node)
        or credentials.credential_call(node)
        or credentials.credential_comparison(node, set())
    )
