"""Untrusted input and the checks made on it: request data, a handler's parameters, RPC
arguments (``untrusted_*``), uploaded files and archive members; path traversal guards
(issue 15's untrusted-input kind)."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from hardkit.domain.asserts.principals import is_request_object
from hardkit.domain.asserts.shapes import (
    expressions,
    is_config,
    is_constant,
    is_none,
    name_of,
    receiver,
)
from hardkit.domain.asserts.words import (
    ARCHIVE_LISTINGS,
    REQUEST_DATA,
    REQUEST_READERS,
    RPC_ARGUMENTS,
    word_set,
    words_of,
)

# Methods that test a string's or a member's form: ``x.isdigit()``, ``info.isfile()``.
_FORM_TESTS = word_set(
    "isdigit isdecimal isnumeric isalnum isalpha isascii isidentifier islower isupper "
    "startswith endswith isfile isdir issym islnk isreg is_absolute is_relative_to "
    "match fullmatch"
)
# Functions that test what they are given: ``re.fullmatch(p, x)``, ``all(... for c in x)``.
_TESTS = word_set(
    "match fullmatch search isabs all any fnmatch is_safe_url "
    "url_has_allowed_host_and_scheme ip_address ip_network"
)
# Conversions that keep a value untrusted: ``int(request.args["n"])``.
_CONVERSIONS = word_set(
    "int float str bytes len Path PurePath basename normpath abspath realpath join "
    "decode strip lower upper split resolve unquote set list tuple sorted dict"
)
# Attributes holding what a sender chose: a file's name, a Django form's cleaned data.
_SENT = frozenset({"filename", "arcname", "cleaned_data"})
_RESOLVERS = frozenset({"realpath", "abspath", "normpath", "resolve", "absolute"})
_CONTAINMENT = frozenset({"commonpath", "commonprefix", "is_relative_to"})
_METHOD_GUARDS = frozenset({"startswith", "is_relative_to", "is_absolute"})


class Inputs:
    """What is untrusted around one assert: the parameters of the request handler holding
    it, whether that handler is an RPC method (``self.arg``), and the values of local names
    (``name = request.args["name"]``; a loop over ``archive.namelist()``)."""

    def __init__(
        self, parameters: frozenset[str], *, rpc: bool, origins: Mapping[str, ast.expr]
    ) -> None:
        self.parameters = parameters
        self.rpc = rpc
        self.origins = origins

    def untrusted(self, node: ast.expr, depth: int = 0) -> bool:
        if depth > 8:
            return False
        if isinstance(node, ast.Name):
            return self._name(node.id, depth)
        if isinstance(node, ast.Attribute):
            return self._attribute(node, depth)
        if isinstance(node, ast.Subscript):
            return self.untrusted(node.value, depth + 1)
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        if isinstance(node, ast.BinOp):
            return self.untrusted(node.left, depth + 1) or self.untrusted(node.right, depth + 1)
        if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
            return any(self.untrusted(g.iter, depth + 1) for g in node.generators)
        return False

    def _name(self, name: str, depth: int) -> bool:
        if name in self.parameters or "untrusted" in words_of(name):
            return True
        origin = self.origins.get(name)
        return origin is not None and self.untrusted(origin, depth + 1)

    def _attribute(self, node: ast.Attribute, depth: int) -> bool:
        if "untrusted" in words_of(node.attr) or node.attr in _SENT:
            return True
        if node.attr in REQUEST_DATA and is_request_object(node.value):
            return True
        base = node.value
        if self.rpc and isinstance(base, ast.Name) and base.id == "self":
            return node.attr in RPC_ARGUMENTS
        return self.untrusted(base, depth + 1)

    def _call(self, node: ast.Call, depth: int) -> bool:
        name = name_of(node.func)
        if name in REQUEST_READERS or name in ARCHIVE_LISTINGS:
            return True
        target = receiver(node)
        if target is not None and self.untrusted(target, depth + 1):
            return True
        if name in _CONVERSIONS:
            return any(self.untrusted(arg, depth + 1) for arg in node.args)
        return False


def input_check(test: ast.expr, inputs: Inputs) -> ast.expr | None:
    """The part of ``test`` that checks an untrusted value's form, size or membership."""
    for node in expressions(test):
        if isinstance(node, ast.Compare) and _compares_input(node, inputs):
            return node
        if isinstance(node, ast.Call) and _tests_input(node, inputs):
            return node
        if _negates_input(node, inputs):  # "must be empty": ``assert not self.arg``
            return node
    return None


def _negates_input(node: ast.expr, inputs: Inputs) -> bool:
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.Not)
        and inputs.untrusted(node.operand)
    )


def _compares_input(node: ast.Compare, inputs: Inputs) -> bool:
    if all(isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops):
        return False
    operands = [node.left, *node.comparators]
    return any(inputs.untrusted(o) for o in operands if not is_none(o))


def _tests_input(node: ast.Call, inputs: Inputs) -> bool:
    name = name_of(node.func)
    target = receiver(node)
    if name in _FORM_TESTS and target is not None and inputs.untrusted(target):
        return True
    words = words_of(name or "")
    tests = (
        name in _TESTS
        or words[:1] == ("validate",)
        or words[:2] in {("is", "valid"), ("is", "safe")}
    )
    if not tests:
        return False
    for arg in node.args:
        generators = arg.generators if isinstance(arg, ast.GeneratorExp) else []
        if inputs.untrusted(arg) or any(inputs.untrusted(g.iter) for g in generators):
            return True
    return False


def traversal_guard(test: ast.expr, origins: Mapping[str, ast.expr]) -> ast.expr | None:
    """A path traversal guard: ``".." not in name``, ``not os.path.isabs(p)``,
    ``os.path.commonpath([p, root]) == root``, ``p.is_relative_to(root)``,
    ``realpath(p).startswith(root)``, ``is_safe_path(p)``."""
    for node in expressions(test):
        if isinstance(node, ast.Compare) and _dot_dot(node):
            return node
        if isinstance(node, ast.Call) and _path_guard(node, origins):
            return node
    return None


def _dot_dot(node: ast.Compare) -> bool:
    left = node.left
    literal = isinstance(left, ast.Constant) and isinstance(left.value, str) and ".." in left.value
    return (
        literal and isinstance(node.ops[0], (ast.In, ast.NotIn)) and not _fixed(node.comparators[0])
    )


def _path_guard(node: ast.Call, origins: Mapping[str, ast.expr]) -> bool:
    name = name_of(node.func) or ""
    subject = [*node.args, *(k.value for k in node.keywords)]
    target = receiver(node)
    if name in _METHOD_GUARDS and target is not None:
        subject.append(target)  # ``p.is_relative_to(root)``: p is tested too
    if all(_fixed(a) for a in subject):
        return False  # a constant or configured path: a developer's contract
    words = set(words_of(name))
    if name in {"isabs", "is_absolute"} or name in _CONTAINMENT:
        return True
    if ("safe" in words and words & {"path", "join", "filename"}) or words & {"subpath", "within"}:
        return True
    return name == "startswith" and target is not None and _resolved(target, origins)


def _resolved(node: ast.expr, origins: Mapping[str, ast.expr], depth: int = 0) -> bool:
    if isinstance(node, ast.Name) and depth < 4:
        origin = origins.get(node.id)
        return origin is not None and _resolved(origin, origins, depth + 1)
    while isinstance(node, ast.Call):
        if name_of(node.func) in _RESOLVERS:
            return True
        target = receiver(node)
        if target is None:
            return any(_resolved(a, origins, depth + 1) for a in node.args)
        node = target
    return False


def _fixed(node: ast.expr) -> bool:
    return is_constant(node) or is_config(node)
