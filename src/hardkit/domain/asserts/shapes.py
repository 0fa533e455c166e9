"""Shapes of ``ast`` expressions the HK1xx signals share: names of things, constants,
configuration, and the narrowing forms a type checker reads (issue 15)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from hardkit.domain.asserts.words import CONFIG_OBJECTS, words_of

_NARROWING_CALLS = frozenset({"isinstance", "issubclass", "hasattr", "callable"})
# Calls whose first string argument is a key: ``request.headers.get("X-Signature")``.
_KEYED_CALLS = frozenset({"get", "pop", "getlist", "setdefault", "get_argument", "get_cookie"})


def name_of(node: ast.expr) -> str | None:
    """The identifier a node ends with: ``b`` for ``a.b``, ``f`` for ``a.f(x)``, ``a`` for
    ``a[0]``."""
    if isinstance(node, ast.Call):
        return name_of(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Subscript):
        return name_of(node.value)
    return None


def receiver(node: ast.expr) -> ast.expr | None:
    """``a.b`` for ``a.b.f(x)`` and ``a.b.c``; None for a plain name or call of one."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, (ast.Attribute, ast.Subscript)):
        return node.value
    return None


def string_key(node: ast.Subscript) -> str | None:
    key = node.slice
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    return None


def is_constant(node: ast.expr) -> bool:
    """A literal, or a name written as a constant (``MAX_SIZE``, ``settings.API_TOKEN``)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(is_constant(e) for e in node.elts)
    name = name_of(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
    return name is not None and name.isupper() and any(c.isalpha() for c in name)


def is_config(node: ast.expr) -> bool:
    """Read from configuration: ``settings.X``, ``app.config["X"]``, ``os.environ[...]``."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        inner = node.func if isinstance(node, ast.Call) else node.value
        name = name_of(node)
        if name is not None and name in CONFIG_OBJECTS:
            return True
        node = inner
    return isinstance(node, ast.Name) and node.id in CONFIG_OBJECTS


def expressions(node: ast.AST) -> Iterator[ast.expr]:
    """The expressions under ``node``, itself included (``ast.walk`` order)."""
    for child in ast.walk(node):
        if isinstance(child, ast.expr):
            yield child


def identifiers(node: ast.AST) -> Iterator[str]:
    """Every name, attribute, keyword and string key (``x["key"]``, ``x.get("key")``)
    under ``node``."""
    for child in ast.walk(node):
        yield from _own_identifiers(child)


def _own_identifiers(child: ast.AST) -> Iterator[str]:
    if isinstance(child, ast.Name):
        yield child.id
    elif isinstance(child, ast.Attribute):
        yield child.attr
    elif isinstance(child, (ast.keyword, ast.arg)) and child.arg is not None:
        yield child.arg  # keyword arguments, lambda parameters
    elif isinstance(child, ast.Subscript):
        key = string_key(child)
        if key is not None:
            yield key
    elif isinstance(child, ast.Call):
        yield from _call_key(child)


def _call_key(node: ast.Call) -> Iterator[str]:
    name = name_of(node.func)
    index = 1 if name == "getattr" else 0 if name in _KEYED_CALLS else -1
    if 0 <= index < len(node.args):
        key = node.args[index]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            yield key.value


def words_in(node: ast.AST, *, calls: bool = True) -> set[str]:
    """The words of every identifier under ``node``, constants' names left out; with
    ``calls=False``, the names of called functions too (``inspect.signature(f)`` holds no
    signature, ``hmac.new(key, body).hexdigest()`` holds ``key`` and ``body``)."""
    skipped: set[int] = set()
    if not calls:
        skipped = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    found: set[str] = set()
    for child in ast.walk(node):
        if id(child) in skipped:
            if isinstance(child, ast.Attribute):
                found.update(words_in(child.value, calls=False))
            continue
        for identifier in _own_identifiers(child):
            if not identifier.isupper():
                found.update(words_of(identifier))
    return found


Function = ast.FunctionDef | ast.AsyncFunctionDef


def decorator_name(node: ast.expr) -> str:
    """``login_required`` for ``@login_required`` and ``@login_required(...)``."""
    return name_of(node.func if isinstance(node, ast.Call) else node) or ""


def dotted_words(node: ast.expr) -> set[str]:
    """Every word of a dotted name, calls looked through: ``{"jsonrpc", "method"}`` for
    ``@jsonrpc.method("x")``."""
    found: set[str] = set()
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            found.update(words_of(node.attr))
            node = node.value
        else:
            if isinstance(node, ast.Name):
                found.update(words_of(node.id))
            return found


def parameters(function: Function) -> list[str]:
    """A function's parameter names, in order, ``*args`` and ``**kwargs`` included."""
    args = function.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return [a.arg for a in every if a is not None]


def negated_nodes(test: ast.expr) -> set[int]:
    """The ids of the nodes under a ``not``: ``assert not acl.is_authorized(...)``."""
    return {
        id(inner)
        for node in ast.walk(test)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
        for inner in ast.walk(node.operand)
    }


def is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def is_narrowing(test: ast.expr) -> bool:
    """What a type checker narrows on, and nothing else: ``x is not None``, ``isinstance``,
    ``hasattr``, ``callable``, ``type(x) is T``, the truthiness of a plain object (``assert
    form.user``), and ``and`` of these."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return all(is_narrowing(value) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _is_type_test(test.operand)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        if isinstance(test.ops[0], (ast.Is, ast.IsNot)):
            return is_none(test.comparators[0]) or _is_type_call(test.left)
        if isinstance(test.ops[0], (ast.Eq, ast.NotEq)):
            return _is_type_call(test.left)
        return False
    return _is_type_test(test) or is_plain_object(test)


def _is_type_test(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and name_of(node.func) in _NARROWING_CALLS


def _is_type_call(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type"


def is_plain_object(node: ast.expr) -> bool:
    """A name, attribute or subscript chain without calls: ``form.user``, ``key``."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute) and _is_predicate_name(node.attr):
            return False
        node = node.value
    return isinstance(node, ast.Name)


def _is_predicate_name(name: str) -> bool:
    """``is_staff``, ``has_usable_password``, ``can_edit``: a yes/no fact, not an object."""
    words = words_of(name)
    return bool(words) and words[0] in {"is", "has", "can", "allow", "allowed"}


def source_of(lines: list[str], node: ast.expr, limit: int = 60) -> str:
    """The node's source on one line (``lines`` hold line endings), cut at ``limit``."""
    end_line = node.end_lineno or node.lineno
    start, end = node.col_offset, node.end_col_offset or node.col_offset
    chunk = [line.encode("utf-8") for line in lines[node.lineno - 1 : end_line]]
    if not chunk:
        return ""
    if len(chunk) == 1:
        chunk[0] = chunk[0][start:end]
    else:
        chunk[0], chunk[-1] = chunk[0][start:], chunk[-1][:end]
    text = " ".join(b.decode("utf-8", errors="replace").strip() for b in chunk)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
