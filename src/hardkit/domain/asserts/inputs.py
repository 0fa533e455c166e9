"""Untrusted input and the checks made on it: request data, a handler's parameters, RPC
arguments (``untrusted_*``), uploaded files and archive members; path traversal guards
(issue 15's untrusted-input kind)."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from hardkit.domain.asserts.entries import SOCKETS
from hardkit.domain.asserts.principals import is_request_object
from hardkit.domain.asserts.shapes import (
    expressions,
    is_config,
    is_constant,
    is_none,
    name_of,
    negated_nodes,
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
# Conversions and decoders that keep a value untrusted: ``int(request.args["n"])``,
# ``json.loads(request.body)``, ``urlparse(url)``, ``ip_address(host)``.
_CONVERSIONS = word_set(
    "int float str bytes len Path PurePath basename normpath abspath realpath join "
    "decode strip lower upper split resolve unquote set list tuple sorted dict "
    "loads load parse_qs parse_qsl b64decode urlsafe_b64decode unquote_plus literal_eval "
    "safe_load urlparse urlsplit ip_address ip_network gethostbyname getaddrinfo "
    "secure_filename splitext model_validate parse_obj what from_buffer from_file guess_type "
    "from_bytes unpack unpack_from sum max min abs ZipFile TarFile is_zipfile"
)
# What a connection handler reads from its socket: ``await ws.recv()``.
_RECEIVES = word_set(
    "recv recv_json receive receive_json receive_text receive_bytes readexactly readline "
    "readuntil read iter_json iter_text iter_bytes recvfrom"
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
        if isinstance(node, ast.Await):
            return self.untrusted(node.value, depth + 1)
        if isinstance(node, ast.BinOp):
            return self.untrusted(node.left, depth + 1) or self.untrusted(node.right, depth + 1)
        if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
            return any(self.untrusted(g.iter, depth + 1) for g in node.generators)
        return False

    def _name(self, name: str, depth: int) -> bool:
        if name in SOCKETS and name in self.parameters:
            return depth > 0  # what ``async for msg in ws`` yields; ``ws`` itself is ours
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
        if isinstance(base, ast.Name) and base.id in SOCKETS:
            return False  # ``ws.rooms``, ``ws.closed``: the server's own state of it
        if self.rpc and isinstance(base, ast.Name) and base.id == "self":
            return node.attr in RPC_ARGUMENTS
        return self.untrusted(base, depth + 1)

    def _call(self, node: ast.Call, depth: int) -> bool:
        name = name_of(node.func)
        target = receiver(node)
        if name in ARCHIVE_LISTINGS and target is not None and self._written(target):
            return False  # the members of an archive this function writes
        if name in REQUEST_READERS or name in ARCHIVE_LISTINGS:
            return True
        if isinstance(target, ast.Name) and target.id in SOCKETS:
            return name in _RECEIVES and target.id in self.parameters
        if name in REQUEST_DATA and target is not None and is_request_object(target):
            return True  # Starlette's ``await request.form()``, ``request.json()``
        if target is not None and self.untrusted(target, depth + 1):
            return True
        if name in _CONVERSIONS:
            return any(self.untrusted(arg, depth + 1) for arg in node.args)
        return False

    def _written(self, node: ast.expr) -> bool:
        """An archive opened for writing: ``ZipFile(target, "w")``."""
        if isinstance(node, ast.Name):
            origin = self.origins.get(node.id)
            node = origin if origin is not None else node
        if not isinstance(node, ast.Call):
            return False
        modes = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "mode")]
        return any(
            isinstance(m, ast.Constant) and isinstance(m.value, str) and m.value[:1] in "wax"
            for m in modes
        )


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
    negated = negated_nodes(test)
    for node in expressions(test):
        if isinstance(node, ast.Compare) and _dot_dot(node):
            return node
        if isinstance(node, ast.Call) and _path_guard(node, origins, id(node) in negated):
            return node
    return None


def _dot_dot(node: ast.Compare) -> bool:
    left = node.left
    literal = isinstance(left, ast.Constant) and isinstance(left.value, str) and ".." in left.value
    return (
        literal and isinstance(node.ops[0], (ast.In, ast.NotIn)) and not _fixed(node.comparators[0])
    )


def _path_guard(node: ast.Call, origins: Mapping[str, ast.expr], negated: bool) -> bool:
    name = name_of(node.func) or ""
    if name in {"isabs", "is_absolute"} and not negated:
        return False  # requiring an absolute path is a contract: nothing escapes by it
    subject = [*node.args, *(k.value for k in node.keywords)]
    target = receiver(node)
    if name in _METHOD_GUARDS and target is not None:
        subject.append(target)  # ``p.is_relative_to(root)``: p is tested too
    if all(_fixed(a) or _own(a, origins) for a in subject):
        return False  # a constant, configured or own path: a developer's contract
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


def _own(node: ast.expr, origins: Mapping[str, ast.expr], depth: int = 0) -> bool:
    """A value the program holds itself: ``self.location``, or built only from such values
    and constants (``os.path.join(self.root, "cache")``)."""
    if depth > 6:
        return False
    if _fixed(node):
        return True
    if isinstance(node, ast.Attribute):
        base = node.value
        return (isinstance(base, ast.Name) and base.id == "self") or _own(base, origins, depth + 1)
    if isinstance(node, ast.Name):
        origin = origins.get(node.id)
        return origin is not None and _own(origin, origins, depth + 1)
    if isinstance(node, ast.Call):
        parts = [*node.args, *(k.value for k in node.keywords)]
        target = receiver(node)
        if target is not None and not isinstance(node.func, ast.Name):
            parts.append(target)
        return bool(parts) and all(_own(p, origins, depth + 1) for p in parts)
    if isinstance(node, ast.BinOp):
        return _own(node.left, origins, depth + 1) and _own(node.right, origins, depth + 1)
    if isinstance(node, ast.JoinedStr):
        return all(_own(v, origins, depth + 1) for v in node.values)
    if isinstance(node, ast.FormattedValue):
        return _own(node.value, origins, depth + 1)
    return False


# -- server-side request forgery ----------------------------------------------------------

# Properties of an address that a guard refuses: ``not ip.is_private``.
_INTERNAL = frozenset(
    {"is_private", "is_loopback", "is_link_local", "is_reserved", "is_multicast",
     "is_unspecified", "is_site_local"}
)  # fmt: skip
_URL_PARTS = frozenset({"hostname", "netloc", "host", "scheme", "port"})
_PARSERS = frozenset({"urlparse", "urlsplit", "url_parse", "URL", "urlparse_cached"})


def network_guard(
    test: ast.expr, origins: Mapping[str, ast.expr], *, fetches: bool
) -> ast.expr | None:
    """A guard against server-side request forgery: ``not ip_address(host).is_private``,
    ``ip.is_global`` on an address the program did not choose itself; or, in a function that
    fetches, the scheme or host of a URL it did not choose (``urlparse(url).hostname not in
    BLOCKED``)."""
    negated = negated_nodes(test)
    for node in expressions(test):
        if not isinstance(node, ast.Attribute):
            continue
        refused = node.attr in _INTERNAL and id(node) in negated
        guarded = (refused or node.attr == "is_global") and _address(node.value, origins)
        if guarded and not _own(node.value, origins):
            return node
    if not fetches:
        return None
    for node in expressions(test):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                if _url_part(operand, origins) and not _own(operand, origins):
                    return node
    return None


def _address(node: ast.expr, origins: Mapping[str, ast.expr]) -> bool:
    if isinstance(node, ast.Name) and node.id in origins:
        node = origins[node.id]
    return isinstance(node, ast.Call) and name_of(node.func) in {"ip_address", "ip_network"}


def _url_part(node: ast.expr, origins: Mapping[str, ast.expr]) -> bool:
    if isinstance(node, ast.Name) and node.id in origins:
        node = origins[node.id]
    if not (isinstance(node, ast.Attribute) and node.attr in _URL_PARTS):
        return False
    base = node.value
    if isinstance(base, ast.Name) and base.id in origins:
        base = origins[base.id]
    return isinstance(base, ast.Call) and name_of(base.func) in _PARSERS
