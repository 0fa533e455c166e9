"""A security check that changes nothing: it repeats a decorator, mixin, dependency or an
earlier ``if``, or a lookup right after it fails anyway (issue 15)."""

from __future__ import annotations

import ast

from hardkit.domain.asserts.context import Facts
from hardkit.domain.asserts.reasons import AUTHENTICATION, PERMISSION, Reason
from hardkit.domain.asserts.shapes import name_of
from hardkit.domain.asserts.words import words_of


def redundant(reason: Reason, test: ast.expr, facts: Facts, line: int) -> bool:
    """The check repeats a decorator, mixin, dependency or an earlier ``if``."""
    if _repeats_guard(test, facts.guards(line)):
        return True
    enforced = facts.enforced
    if reason.kind == AUTHENTICATION:
        attribute = name_of(reason.node)
        return "login" in enforced and (attribute != "is_active" or "active" in enforced)
    if reason.kind == PERMISSION:
        flag = name_of(reason.node) or ""
        if f"right:{flag}" in enforced:
            return True  # ``@commands.has_permissions(ban_members=True)`` named this right
        if "staff" in flag:
            return "staff" in enforced
        if "superuser" in flag:
            return "superuser" in enforced
        words = set(words_of(flag))
        if words & {"admin", "administrator"}:
            return bool(enforced & {"admin", "superuser"})
        if words & {"role", "roles"}:
            return "role" in enforced
        return "perm" in flag and "permission" in enforced
    return False


def looked_up_after(test: ast.expr, function: ast.AST, line: int) -> bool:
    """``assert key in table`` followed by ``table[key]``: without the assert the lookup
    fails anyway (a KeyError instead of an AssertionError), nothing gets through."""
    if not (
        isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In)
    ):
        return False
    key, table = ast.dump(test.left), ast.dump(test.comparators[0])
    return any(
        isinstance(n, ast.Subscript)
        and n.lineno > line
        and ast.dump(n.slice) == key
        and ast.dump(n.value) == table
        for n in ast.walk(function)
    )


def _repeats_guard(test: ast.expr, guards: list[ast.expr]) -> bool:
    wanted = _atoms(test)
    return bool(wanted) and any(wanted <= _atoms(guard) for guard in guards)


def _atoms(test: ast.expr) -> set[str]:
    """The tests an ``and``/``or``/``not`` combines, negation forgotten (``a != b`` is
    ``a == b``): an assert restating an earlier ``if`` has the same atoms."""
    if isinstance(test, ast.BoolOp):
        return {a for value in test.values for a in _atoms(value)}
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _atoms(test.operand)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        op = _NEGATED.get(type(test.ops[0]), type(test.ops[0]))
        return {f"{ast.dump(test.left)} {op.__name__} {ast.dump(test.comparators[0])}"}
    return {ast.dump(test)}


_NEGATED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.NotEq: ast.Eq,
    ast.IsNot: ast.Is,
    ast.NotIn: ast.In,
    ast.GtE: ast.Lt,
    ast.LtE: ast.Gt,
}
