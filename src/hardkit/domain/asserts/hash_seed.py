"""HK103's search on ``ast``: code that fixes or removes ``PYTHONHASHSEED``.

Each change is reported with the statement holding it (its logical line may carry
``noqa``); ``ast`` positions only, so a file with no change never loads LibCST. Only the
expressions on lines naming the key's tail (``_TAIL``) are walked: the cost of a large
module is its statements', not its expressions'.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Iterator

from hardkit.domain.asserts.security_words import HASH_SEED
from hardkit.domain.asserts.shapes import name_of
from hardkit.domain.values import NamedTuple, cast

# The end of ``PYTHONHASHSEED``: a line holding the key holds this, even when the string
# is split in two (``"PYTHONHASH" "SEED"``).
_TAIL = HASH_SEED[-4:]
_SETTERS = frozenset({"setdefault", "putenv"})
_REMOVERS = frozenset({"pop", "unsetenv"})
# Fields of a compound statement that hold statements, not expressions of its own.
_BODIES = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})


class SeedChange(NamedTuple):
    node: ast.expr | ast.keyword  # what to point at: the subscript, the call, the key
    statement: ast.stmt  # the statement holding it (its logical line may carry ``noqa``)
    removes: bool


def _is_seed(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value == HASH_SEED


def _is_random(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value == "random"


def _seed_subscripts(target: ast.expr) -> Iterator[ast.Subscript]:
    if isinstance(target, ast.Subscript) and _is_seed(target.slice):
        yield target
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _seed_subscripts(element)
    elif isinstance(target, ast.Starred):
        yield from _seed_subscripts(target.value)


def seed_changes(module: ast.Module, lines: list[str]) -> list[SeedChange]:
    """The changes in ``module``; ``lines`` are its physical lines."""
    hits = [number for number, text in enumerate(lines, 1) if _TAIL in text]
    changes: list[SeedChange] = []
    stack: list[ast.stmt] = list(reversed(module.body))
    while stack:
        statement = stack.pop()
        if _mentions(statement, hits):
            changes.extend(_in_statement(statement, hits))
        stack.extend(reversed(list(_inner_statements(statement))))
    return changes


def _mentions(node: ast.AST, hits: list[int]) -> bool:
    """Whether a line of ``node`` names the key's tail (the key, however its string is split)."""
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    first: int = min([getattr(node, "lineno", 0), *(d.lineno for d in decorators)])
    last: int = getattr(node, "end_lineno", None) or first
    index = bisect.bisect_left(hits, first)
    return index < len(hits) and hits[index] <= last


def _inner_statements(statement: ast.stmt) -> Iterator[ast.stmt]:
    for field in _BODIES:
        for item in getattr(statement, field, ()):
            if isinstance(item, ast.stmt):
                yield item
            elif isinstance(item, (ast.ExceptHandler, ast.match_case)):
                yield from item.body


def _own_expressions(statement: ast.stmt) -> Iterator[ast.AST]:
    """The expressions of a statement itself, not of the statements it holds."""
    for field, value in ast.iter_fields(statement):
        if field in _BODIES and field != "cases":
            continue
        items = cast("list[object]", value) if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, ast.match_case):
                yield item.pattern
                if item.guard is not None:
                    yield item.guard
            elif isinstance(item, ast.AST) and not isinstance(item, ast.stmt):
                yield item


def _in_statement(statement: ast.stmt, hits: list[int]) -> Iterator[SeedChange]:
    yield from _assignments(statement)
    for root in _own_expressions(statement):
        if not _mentions(root, hits) and hasattr(root, "lineno"):
            continue
        for node in ast.walk(root):
            if isinstance(node, ast.Call):
                yield from _call(node, statement)
            elif isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if _is_seed(key) and key is not None and not _is_random(value):
                        yield SeedChange(key, statement, removes=False)


def _assignments(statement: ast.stmt) -> Iterator[SeedChange]:
    if isinstance(statement, ast.Assign):
        fixed_random = len(statement.targets) == 1 and _is_random(statement.value)
        for target in statement.targets:
            for subscript in _seed_subscripts(target):
                if not (fixed_random and target is subscript):
                    yield SeedChange(subscript, statement, removes=False)
    elif isinstance(statement, ast.AnnAssign):
        if not _is_random(statement.value):
            for subscript in _seed_subscripts(statement.target):
                yield SeedChange(subscript, statement, removes=False)
    elif isinstance(statement, ast.AugAssign):
        for subscript in _seed_subscripts(statement.target):
            yield SeedChange(subscript, statement, removes=False)
    elif isinstance(statement, ast.Delete):
        for target in statement.targets:
            for subscript in _seed_subscripts(target):
                yield SeedChange(subscript, statement, removes=True)


def _call(node: ast.Call, statement: ast.stmt) -> Iterator[SeedChange]:
    name = name_of(node.func)
    positional = [arg for arg in node.args if not isinstance(arg, ast.Starred)]
    if positional and _is_seed(positional[0]):
        value = positional[1] if len(positional) > 1 else None
        if name in _REMOVERS:
            yield SeedChange(node, statement, removes=True)
        elif name in _SETTERS and not _is_random(value):
            yield SeedChange(node, statement, removes=False)
    for keyword in node.keywords:
        if keyword.arg == HASH_SEED and not _is_random(keyword.value):
            yield SeedChange(keyword, statement, removes=False)
