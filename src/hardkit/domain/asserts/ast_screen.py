"""The HK1xx screens on CPython's ``ast`` (already parsed for every file, ~9x cheaper than LibCST).

Each screen computes exactly what the LibCST check reports, on the ``ast`` tree: a file
the screen passes cannot hold a finding, so LibCST is built only for files that do.
``tests/unit/test_hk1_screens.py`` holds the two implementations to the same answers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from hardkit.domain.asserts.security_words import (
    DEBUG_NAME,
    ConditionFacts,
    Vocabulary,
    handler_parameters,
    is_security_assert,
)

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
Handlers = tuple[frozenset[str], ...]


def _fields(kind: type[ast.AST]) -> tuple[str, ...]:
    return tuple(
        f for f in ("body", "handlers", "cases", "orelse", "finalbody") if f in kind._fields
    )


def _nesting() -> dict[type[ast.AST], tuple[str, ...]]:
    """Statements (and clauses) holding statements, and the fields that hold them."""
    kinds: list[type[ast.AST]] = [
        ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor,
        ast.While, ast.With, ast.AsyncWith, ast.Try, ast.ExceptHandler, ast.Match, ast.match_case,
    ]  # fmt: skip
    try_star: object = getattr(ast, "TryStar", None)  # Python 3.11+
    if isinstance(try_star, type) and issubclass(try_star, ast.AST):
        kinds.append(try_star)
    return {kind: _fields(kind) for kind in kinds}


_NESTING = _nesting()


def _statements(module: ast.Module, wanted: type[ast.AST]) -> list[tuple[ast.AST, Handlers]]:
    """The ``wanted`` statements in source order, with the parameter sets of their enclosing
    request handlers. Visits statements only, never expressions: this runs on every file
    that mentions ``assert``, so it is kept to a flat loop."""
    found: list[tuple[ast.AST, Handlers]] = []
    stack: list[tuple[list[ast.AST], Handlers]] = [(list(module.body), ())]
    while stack:
        body, handlers = stack.pop()
        for node in body:
            if isinstance(node, wanted):
                found.append((node, handlers))
            fields = _NESTING.get(type(node))
            if fields is None:
                continue
            inner = handlers
            if isinstance(node, _FUNCTIONS):
                params = handler_parameters(map(_last_name, node.decorator_list), _params(node))
                inner = (*handlers, params) if params else handlers
            stack.extend((getattr(node, field), inner) for field in fields)
    found.sort(key=lambda item: _position(item[0]))
    return found


def _position(node: ast.AST) -> tuple[int, int]:
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


def _last_name(decorator: ast.expr) -> str | None:
    if isinstance(decorator, ast.Call):
        decorator = decorator.func
    if isinstance(decorator, ast.Attribute):
        return decorator.attr
    return decorator.id if isinstance(decorator, ast.Name) else None


def _params(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    args = function.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return [a.arg for a in every if a is not None]


def _string_key(node: ast.Subscript) -> str | None:
    key = node.slice
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    return None


def condition_facts(condition: ast.expr) -> ConditionFacts:
    identifiers: set[str] = set()
    keys: set[str] = set()
    names: set[str] = set()
    for node in ast.walk(condition):
        if isinstance(node, ast.Name):
            identifiers.add(node.id)
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            identifiers.add(node.attr)
        elif isinstance(node, (ast.keyword, ast.arg)):
            if node.arg is not None:
                identifiers.add(node.arg)
        elif isinstance(node, ast.Subscript):
            key = _string_key(node)
            if key is not None:
                keys.add(key)
    return ConditionFacts(frozenset(identifiers), frozenset(keys), frozenset(names))


def security_asserts(module: ast.Module, vocab: Vocabulary) -> list[ast.Assert]:
    """The asserts HK101 reports, in source order."""
    return [
        node
        for node, handlers in _statements(module, ast.Assert)
        if isinstance(node, ast.Assert)
        and is_security_assert(condition_facts(node.test), handlers, vocab)
    ]


# -- HK102 -------------------------------------------------------------------------------


def is_debug_condition(test: ast.expr) -> bool:
    """``__debug__``, or an ``and`` with ``__debug__`` among its operands."""
    if isinstance(test, ast.Name):
        return test.id == DEBUG_NAME
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(is_debug_condition(value) for value in test.values)
    return False


def _identifiers(node: ast.AST) -> Iterator[str]:
    """Every identifier a block mentions, as LibCST would spell its ``Name`` nodes."""
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            yield child.id
        elif isinstance(child, ast.Subscript):
            key = _string_key(child)
            if key is not None:
                yield key
        yield from _declared_names(child)


def _declared_names(node: ast.AST) -> Iterator[str]:
    for field in ("attr", "arg", "name", "asname", "rest"):
        value = getattr(node, field, None)
        if isinstance(value, str):
            yield from value.split(".") if isinstance(node, ast.alias) else (value,)
    if isinstance(node, ast.ImportFrom) and node.module:
        yield from node.module.split(".")
    for field in ("names", "kwd_attrs"):
        values = getattr(node, field, ())
        yield from (v for v in values if isinstance(v, str))


def _guards(node: ast.If, vocab: Vocabulary) -> bool:
    if any(isinstance(n, ast.Raise) for statement in node.body for n in ast.walk(statement)):
        return True
    return any(vocab.mentions(_identifiers(statement)) for statement in node.body)


def debug_blocks(module: ast.Module, vocab: Vocabulary) -> list[ast.If]:
    """The ``if __debug__`` blocks HK102 reports, in source order."""
    return [
        node
        for node, _ in _statements(module, ast.If)
        if isinstance(node, ast.If) and is_debug_condition(node.test) and _guards(node, vocab)
    ]
