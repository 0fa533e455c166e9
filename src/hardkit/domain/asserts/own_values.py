"""Asserts on values the function produced itself (issue 15): nothing another party chose
is checked, so ``python -O`` lets nothing in. A token it issued a line above, a file name
it drew at random, an object it fetched with the owner as the filter and compares with
that owner, a record it just assigned, a function's ``inspect.signature``."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from hardkit.domain.asserts.shapes import is_constant, name_of
from hardkit.domain.asserts.words import CLOCK_CALLS, word_set, words_of

Function = ast.FunctionDef | ast.AsyncFunctionDef

# Calls that draw a value no one else chose: ``uuid4()``, ``secrets.token_hex()``.
_FRESH = word_set(
    "uuid4 uuid1 token_hex token_urlsafe token_bytes urandom randint randbelow randrange "
    "getrandbits choice"
)
# First words of a function that makes a value: ``issue_token``, ``make_hash``, ``sign``.
_MAKERS = word_set("issue make create generate gen sign encode mint build render")
_MAKER_PREFIXES = frozenset((w,) for w in _MAKERS)
_CONVERSIONS = word_set("int str bytes float")
_INTROSPECTION = word_set("signature getfullargspec getargspec getcallargs")


def own(test: ast.expr, function: Function, origins: Mapping[str, ast.expr], line: int) -> bool:
    """Does ``test`` only check what the function produced itself?"""
    return (
        _introspects(test, origins)
        or any(_fresh(leaf, origins) for leaf in _leaves(test))
        or _all_made(test, function, origins)
        or _derived_from_other(test, origins)
        or _just_assigned(test, function, line)
    )


def _leaves(node: ast.AST) -> list[ast.Name]:
    callees = {
        id(n)
        for child in ast.walk(node)
        if isinstance(child, ast.Call)
        for n in ast.walk(child.func)
        if isinstance(n, ast.Name)
    }
    return [n for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) not in callees]


def _calls(node: ast.AST) -> list[str]:
    return [name_of(n.func) or "" for n in ast.walk(node) if isinstance(n, ast.Call)]


def _introspects(test: ast.expr, origins: Mapping[str, ast.expr]) -> bool:
    """``sig = inspect.signature(fn); assert len(sig.parameters) == 2``: a function's
    signature, a developer's contract."""
    if _INTROSPECTION.intersection(_calls(test)):
        return True
    for leaf in _leaves(test):
        origin = origins.get(leaf.id)
        if origin is not None and _INTROSPECTION.intersection(_calls(origin)):
            return True
    return any(isinstance(n, ast.Attribute) and n.attr == "__code__" for n in ast.walk(test))


def _fresh(leaf: ast.Name, origins: Mapping[str, ast.expr], depth: int = 0) -> bool:
    """Drawn at random here: ``name = uuid4().hex + ext``, ``nonce = token_hex(16)``."""
    origin = origins.get(leaf.id)
    if origin is None or depth > 4:
        return False
    if _FRESH.intersection(_calls(origin)):
        return True
    return isinstance(origin, ast.Name) and _fresh(origin, origins, depth + 1)


def _made(node: ast.expr, origins: Mapping[str, ast.expr], depth: int = 0) -> bool:
    if depth > 4:
        return False
    if isinstance(node, ast.Name):
        origin = origins.get(node.id)
        return origin is not None and _made(origin, origins, depth + 1)
    if isinstance(node, (ast.Dict, ast.List, ast.Set, ast.Tuple)):
        return True  # a literal built here
    if isinstance(node, ast.Call):
        name = name_of(node.func) or ""
        if name in CLOCK_CALLS or words_of(name)[:1] in _MAKER_PREFIXES:
            return True
        if name in _CONVERSIONS and len(node.args) == 1:
            return _made(node.args[0], origins, depth + 1)
    return False


def _all_made(test: ast.expr, function: Function, origins: Mapping[str, ast.expr]) -> bool:
    """Every local the test reads was made here, and no parameter is read: ``token =
    issue_token(user); assert verify(token)``, ``encoded = make_hash(pw); assert
    encoded.startswith("pbkdf2$")``."""
    args = function.args
    parameters = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    leaves = [n for n in _leaves(test) if not is_constant(n)]
    if any(n.id in parameters and n.id not in origins for n in leaves):
        return False
    local = [n for n in leaves if n.id in origins]
    return bool(local) and all(_made(n, origins) for n in local)


def _derived_from_other(test: ast.expr, origins: Mapping[str, ast.expr]) -> bool:
    """One side was made here from the other: ``cart, _ = get_or_create(owner=request.user)``
    then ``cart.owner == request.user``; ``roles = set(user.roles) | extra`` then
    ``set(user.roles) <= roles``; ``reply = message.upper()`` then ``len(reply) ==
    len(message)``; ``user = users_by_key[key]`` then ``user.api_key == key``. Not what an
    awaited call brought back: a remote server's reply to ``make_event(room_id)`` is its."""
    if not isinstance(test, ast.Compare):
        return False
    operands = [_unwrapped(o) for o in (test.left, *test.comparators)]
    for side in operands:
        for leaf in _leaves(side):
            origin = origins.get(leaf.id)
            if origin is None or isinstance(origin, ast.Await):
                continue
            sources = {ast.dump(n) for n in _sources(origin, side)}
            others = (o for o in operands if o is not side and not is_constant(o))
            if any(ast.dump(o) in sources for o in others):
                return True
    return False


def _sources(origin: ast.expr, side: ast.expr) -> list[ast.expr]:
    """What ``origin`` was made from, as far as the function itself made it."""
    field = side.attr if isinstance(side, ast.Attribute) else None
    found: list[ast.expr] = []
    for node in ast.walk(origin):
        if isinstance(node, ast.Call) and field is not None:
            for k in node.keywords:  # owner=request.user
                found += _subtree(k.value) if k.arg == field else []
    if isinstance(origin, (ast.BinOp, ast.BoolOp)):
        found += [n for n in ast.walk(origin) if isinstance(n, ast.expr)]
    elif isinstance(origin, ast.Subscript):
        found.append(origin.slice)
    elif isinstance(origin, ast.Call):
        target = origin.func.value if isinstance(origin.func, ast.Attribute) else None
        if target is not None:
            found.append(target)  # ``message.upper()``
        if words_of(name_of(origin.func) or "")[:1] in _MAKER_PREFIXES:
            found += [n for arg in origin.args for n in _subtree(arg)]  # sign(str(user.id))
    return found


def _subtree(node: ast.expr) -> list[ast.expr]:
    return [n for n in ast.walk(node) if isinstance(n, ast.expr)]


def _unwrapped(node: ast.expr) -> ast.expr:
    """``len(reply)`` compared as ``reply``: a property of a value made from the other."""
    if isinstance(node, ast.Call) and name_of(node.func) in _PROPERTIES and len(node.args) == 1:
        return node.args[0]
    return node


_PROPERTIES = word_set("len int str float set list sorted")


def _just_assigned(test: ast.expr, function: Function, line: int) -> bool:
    """``request.user.api_key = key`` ... ``assert request.user.api_key == key``."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    pair = {ast.dump(test.left), ast.dump(test.comparators[0])}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and node.lineno < line and len(node.targets) == 1:
            target = node.targets[0]
            same = {ast.dump(target), ast.dump(node.value)} == pair
            if isinstance(target, ast.Attribute) and same:
                return True
    return False
