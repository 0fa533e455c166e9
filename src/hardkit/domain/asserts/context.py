"""Where each assert (or ``if``) sits: its enclosing functions and class, the ``try``
blocks around it, and, per function, what HK101's decision reads from the surroundings —
request handler or not, what its decorators and base classes already enforce, the values
of local names, the ``if … : return`` checks made earlier (issue 15)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from hardkit.domain.asserts.entries import remote
from hardkit.domain.asserts.shapes import (
    Function,
    decorator_name,
    dotted_words,
    name_of,
    parameters,
)
from hardkit.domain.asserts.words import (
    CURRENT_USER_WORDS,
    DISPATCH_VERBS,
    HANDLER_METHODS,
    LOGIN_WORDS,
    MESSAGE_NOUNS,
    MESSAGE_PARAMETERS,
    NOT_INPUT,
    RECEIVER_VERBS,
    RECEIVER_WORDS,
    REQUIRED_WORDS,
    ROUTE_DECORATORS,
    VIEW_BASES,
    VIEW_MODULES,
    words_of,
)
from hardkit.domain.values import NamedTuple

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_BODIES = ("body", "handlers", "orelse", "finalbody", "cases")
_RPC = frozenset({"rpc", "jsonrpc", "xmlrpc", "api", "remote", "expose", "exposed"})
_EXITS = (ast.Return, ast.Raise, ast.Continue, ast.Break)
# Functions that check what they are given: ``validate_tag(tag)``, Django's ``clean_email``.
_VALIDATORS = frozenset({"validate", "sanitize", "sanitise", "clean"})


class Site(NamedTuple):
    """One statement and what encloses it, innermost last."""

    node: ast.AST  # a statement (the module itself while walking)
    functions: tuple[Function, ...]
    classes: tuple[ast.ClassDef | None, ...]  # the class directly holding each function
    tries: tuple[ast.Try, ...]  # ``try`` blocks of the innermost function with it in the body


def sites(module: ast.Module, wanted: type[ast.stmt]) -> list[Site]:
    """Every ``wanted`` statement of the module in source order, with its surroundings."""
    found: list[Site] = []
    _walk(module.body, Site(module, (), (), ()), wanted, found)
    found.sort(key=_position)
    return found


def _position(site: Site) -> tuple[int, int]:
    return getattr(site.node, "lineno", 0), getattr(site.node, "col_offset", 0)


def _walk(body: list[ast.stmt], outer: Site, wanted: type[ast.stmt], found: list[Site]) -> None:
    for node in body:
        if isinstance(node, wanted):
            found.append(outer._replace(node=node))
        if isinstance(node, _FUNCTIONS):
            holder = outer.node if isinstance(outer.node, ast.ClassDef) else None
            inner = Site(node, (*outer.functions, node), (*outer.classes, holder), ())
            _walk(node.body, inner, wanted, found)
        elif isinstance(node, ast.ClassDef):
            _walk(node.body, Site(node, outer.functions, outer.classes, ()), wanted, found)
        else:
            for field, statements in _blocks(node):
                tries = (*outer.tries, node) if field == "body" and _is_try(node) else outer.tries
                _walk(statements, outer._replace(tries=tries), wanted, found)


def _is_try(node: ast.stmt) -> bool:
    return isinstance(node, ast.Try) or type(node).__name__ == "TryStar"


def _blocks(node: ast.AST) -> Iterator[tuple[str, list[ast.stmt]]]:
    for field in _BODIES:
        value: object = getattr(node, field, None)
        if not isinstance(value, list):
            continue
        for item in value:  # pyright: ignore[reportUnknownVariableType]
            if isinstance(item, ast.stmt):
                yield field, value  # pyright: ignore[reportUnknownArgumentType]
                break
            if isinstance(item, (ast.ExceptHandler, ast.match_case)):
                yield field, item.body


def catches_assertion_error(node: ast.Try) -> ast.ExceptHandler | None:
    """The handler of ``node`` naming ``AssertionError`` (alone or in a tuple)."""
    for handler in node.handlers:
        kinds = handler.type
        names = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds] if kinds else []
        if any(name_of(kind) == "AssertionError" for kind in names):
            return handler
    return None


class Facts:
    """What one function's surroundings say, worked out on first use."""

    def __init__(self, site: Site, path: str, registered: frozenset[str] = frozenset()) -> None:
        self.function = site.functions[-1]
        self.cls = site.classes[-1]
        self.outer = site.functions[:-1]
        self.path = path
        self.decorators = [decorator_name(d) for d in self.function.decorator_list]
        self.parameters = parameters(self.function)
        self.routed = self._is_routed()
        self.handler = self.routed or self._is_view_function()
        self.rpc = _is_rpc(self.function) or (
            self.cls is not None and (_serves_rpc(self.cls) or self.function.name in registered)
        )
        # a bot command, RPC method, socket handler or resolver: its caller chose its arguments
        self.remote = remote(self.function, self.cls, registered)
        self.validator = bool(_VALIDATORS.intersection(words_of(self.function.name)[:1]))
        self.receiver = _receives(self.function.name)
        self.enforced = _enforced(self.function, self.cls, self.outer)
        self._fetches: bool | None = None
        self._moves_money: bool | None = None
        self._assignments: list[tuple[int, str, ast.expr]] | None = None
        self._guards: list[tuple[int, ast.expr]] | None = None

    def _is_routed(self) -> bool:
        """Routed to by a decorator (``@app.post``), a view class's ``get``/``post``, or
        the wrapper a view decorator puts around a view (``@functools.wraps(view)``)."""
        if ROUTE_DECORATORS.intersection(self.decorators) or "wraps" in self.decorators:
            return True
        if self.cls is None:
            return False
        bases = {w for b in self.cls.bases for w in words_of(name_of(b) or "")}
        return self.function.name.lower() in HANDLER_METHODS and bool(VIEW_BASES & bases)

    def _is_view_function(self) -> bool:
        """Django's way: a public function of a views module taking ``request`` first."""
        if self.cls is not None or self.function.name.startswith("_"):
            return False
        first = self.parameters[0] if self.parameters else ""
        if first not in {"request", "req"}:
            return False
        module = set(words_of(self.path.replace("/", " ").removesuffix(".py")))
        return bool(VIEW_MODULES.intersection(module)) or _answers(self.function)

    @property
    def takes_request(self) -> bool:
        """Given the request: ``def my_orders(request)``, in any module."""
        return any(p in {"request", "req"} for p in self.parameters[:2])

    @property
    def fetches(self) -> bool:
        if self._fetches is None:
            from hardkit.domain.asserts.integrity import fetches

            self._fetches = fetches(self.function)
        return self._fetches

    @property
    def moves_money(self) -> bool:
        if self._moves_money is None:
            from hardkit.domain.asserts.integrity import moves_money

            self._moves_money = moves_money(self.function)
        return self._moves_money

    def input_parameters(self) -> frozenset[str]:
        """What the handler was sent (or the validator was given to check, or the receiver
        of a message or upload was handed: ``on_message(self, client, msg)``)."""
        uploads = frozenset(_uploads(self.function))
        if self.validator:
            return frozenset(p for p in self.parameters if p not in NOT_INPUT)
        if not self.handler and not self.remote:
            if not self.receiver:
                return uploads
            return uploads | frozenset(
                p for p in self.parameters if MESSAGE_PARAMETERS.intersection(words_of(p))
            )
        injected = {a.arg for a, d in _defaults(self.function) if _is_injected(d)}
        sent = (p for p in self.parameters if p not in NOT_INPUT and p not in injected)
        return uploads | frozenset(sent)

    def origins(self, line: int) -> dict[str, ast.expr]:
        """Local names and the value last given to them before ``line``."""
        if self._assignments is None:
            self._assignments = sorted(_assignments(self.function), key=lambda a: a[0])
        return {name: value for at, name, value in self._assignments if at < line}

    def guards(self, line: int) -> list[ast.expr]:
        """Tests of earlier ``if`` statements whose body leaves (returns, raises)."""
        if self._guards is None:
            self._guards = list(_guards(self.function))
        return [test for end, test in self._guards if end < line]


# Types of an uploaded file: FastAPI's ``UploadFile``, Werkzeug's ``FileStorage``, Django's.
_UPLOAD_TYPES = frozenset(
    {"UploadFile", "FileStorage", "UploadedFile", "InMemoryUploadedFile", "TemporaryUploadedFile"}
)


def _uploads(function: Function) -> Iterator[str]:
    """Parameters annotated as an uploaded file: ``async def store(file: UploadFile)``."""
    args = function.args
    for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
        if arg.annotation is not None and name_of(arg.annotation) in _UPLOAD_TYPES:
            yield arg.arg


_RESPONSES = frozenset({"response", "render", "redirect", "jsonify"})


def _answers(function: Function) -> bool:
    """Returns a response: ``return JsonResponse(...)``, ``render(...)``, ``redirect(...)``."""
    for node in ast.walk(function):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call):
            words = words_of(name_of(node.value.func) or "")
            if _RESPONSES.intersection(words):
                return True
    return False


def _receives(name: str) -> bool:
    """``handle_message``, ``on_webhook``, ``receive_order``, ``save_upload``: an entry point
    (public), not a step inside one (``_process_received_pdu``)."""
    if name.startswith("_"):
        return False
    words = words_of(name)
    if RECEIVER_VERBS.intersection(words[:1]) or RECEIVER_WORDS.intersection(words):
        return True
    if DISPATCH_VERBS.intersection(words[:1]):
        return len(words) == 1 or bool(MESSAGE_NOUNS.intersection(words[1:]))
    return False


def _is_rpc(function: Function) -> bool:
    """A method an RPC caller invokes: ``@api.method(...)``, ``@jsonrpc.method``, or one
    taking ``untrusted_*`` arguments."""
    if any(_RPC.intersection(dotted_words(d)) for d in function.decorator_list):
        return True
    return any("untrusted" in words_of(p) for p in parameters(function))


def _serves_rpc(cls: ast.ClassDef) -> bool:
    """A class with RPC methods: its helpers read the same ``self.arg``."""
    return any(isinstance(n, _FUNCTIONS) and _is_rpc(n) for n in cls.body)


def _defaults(function: Function) -> Iterator[tuple[ast.arg, ast.expr]]:
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    yield from zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True)
    yield from ((a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d)


def _is_injected(default: ast.expr) -> bool:
    """``Depends(get_db)``, ``Security(current_user)``: given by the framework, not sent."""
    return isinstance(default, ast.Call) and name_of(default.func) in {"Depends", "Security"}


def _assignments(function: Function) -> Iterator[tuple[int, str, ast.expr]]:
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                yield node.lineno, target.id, node.value
            elif isinstance(target, ast.Tuple):  # ``cart, _ = get_or_create(owner=user)``
                for item in target.elts:
                    if isinstance(item, ast.Name):
                        yield node.lineno, item.id, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            if isinstance(node.target, ast.Name):
                yield node.lineno, node.target.id, node.value
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            target, value = node.target, node.iter
            if isinstance(target, ast.Name):
                yield getattr(node, "lineno", value.lineno), target.id, value
        elif isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name):
            expr = node.context_expr
            yield expr.lineno, node.optional_vars.id, expr


def _guards(function: Function) -> Iterator[tuple[int, ast.expr]]:
    for node in ast.walk(function):
        if isinstance(node, ast.If) and node.body and _leaves(node.body[-1]):
            yield node.end_lineno or node.lineno, node.test


def _leaves(statement: ast.stmt) -> bool:
    if isinstance(statement, _EXITS):
        return True
    call = statement.value if isinstance(statement, ast.Expr) else None
    return isinstance(call, ast.Call) and name_of(call.func) in {"abort", "exit", "deny"}


def _enforced(
    function: Function, cls: ast.ClassDef | None, outer: tuple[Function, ...]
) -> set[str]:
    """What the decorators (of the function, its enclosing functions and its class), the
    class's bases and ``permission_classes``, and injected dependencies already enforce:
    ``login``, ``active``, ``staff``, ``superuser``, ``permission``."""
    found: set[str] = set()
    for node in (*outer, function):
        for decorator in node.decorator_list:
            found |= _enforces(decorator)
        for _, default in _defaults(node):
            if _is_injected(default) and isinstance(default, ast.Call) and default.args:
                found |= _dependency(default.args[0])
    if cls is not None:
        for node in [*cls.decorator_list, *cls.bases, *_permission_classes(cls)]:
            found |= _enforces(node)
    return found


def _enforces(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Call) and name_of(node.func) == "method_decorator" and node.args:
        return _enforces(node.args[0])
    if isinstance(node, ast.Call) and name_of(node.func) == "permission_classes":
        listed = [e for a in node.args if isinstance(a, (ast.List, ast.Tuple)) for e in a.elts]
        return {kind for e in listed for kind in _enforces(e)}
    words = dotted_words(node.func if isinstance(node, ast.Call) else node)
    found: set[str] = set()
    if words & {"staff"} or {"is", "admin", "user"} <= words:  # DRF's IsAdminUser: is_staff
        found.add("staff")
    if words & {"superuser", "admin"} and words & (REQUIRED_WORDS | {"is"}):
        found |= {"superuser", "admin"} if "admin" in words else {"superuser"}
    if words & {"role", "roles"} and words & (REQUIRED_WORDS | {"accepted"}):
        found.add("role")
    if words & {"permission", "permissions", "perm", "perms"} and words & REQUIRED_WORDS:
        found.add("permission")
    if "has" in words and isinstance(node, ast.Call):
        # discord.py's checks: ``@commands.has_permissions(ban_members=True)`` enforces
        # exactly the rights it names; ``@commands.has_role("mod")`` a role.
        if words & {"permissions", "permission"}:
            found |= {f"right:{k.arg}" for k in node.keywords if k.arg is not None}
        if words & {"role", "roles"}:
            found.add("role")
    if (
        words & LOGIN_WORDS and words & (REQUIRED_WORDS | {"is", "only"})
    ) or "authenticated" in words:
        found.add("login")
    return found | ({"login"} if found else set())


def _dependency(node: ast.expr) -> set[str]:
    words = dotted_words(node)
    found = _enforces(node)
    if "user" in words and CURRENT_USER_WORDS.intersection(words):
        found.add("login")
        if "active" in words:
            found.add("active")
    return found


def _permission_classes(cls: ast.ClassDef) -> Iterator[ast.expr]:
    for statement in cls.body:
        if isinstance(statement, ast.Assign):
            names = [name_of(t) for t in statement.targets]
            value = statement.value
            if "permission_classes" in names and isinstance(value, (ast.List, ast.Tuple)):
                yield from value.elts
