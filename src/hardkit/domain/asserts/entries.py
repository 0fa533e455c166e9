"""Entry points that serve a remote caller outside classic web views: chat-bot commands,
RPC methods (decorated, or listed in a module's method table), websocket and socket
handlers, GraphQL resolvers (issue 15). What such a function is given was chosen by
whoever is at the other end."""

from __future__ import annotations

import ast

from hardkit.domain.asserts.shapes import (
    Function,
    decorator_name,
    dotted_words,
    name_of,
    parameters,
)
from hardkit.domain.asserts.words import word_set, words_of

# Objects whose ``command``/``message_handler`` decorators register a chat-bot command:
# discord.py's ``commands``, ``bot``, ``tree``, ``app_commands``; aiogram's ``dp``, ``router``.
_BOT_OBJECTS = word_set("commands bot client tree app_commands cog dp dispatcher router slash")
# Decorator words of an RPC method: ``@dispatcher.add_method``, ``@jsonrpc.method``.
_RPC_WORDS = word_set("rpc jsonrpc xmlrpc dispatcher remote expose exposed")
_RPC_NAMES = word_set("method add_method rpc_method register_function register_method")
# Classes whose public methods a remote caller invokes, when they take the caller.
_SERVICE_CLASSES = word_set("api rpc service server endpoint")
# ``context`` and ``client`` are too often a template's context or an HTTP client.
_CALLER_PARAMETERS = word_set("session caller peer sender principal requester")
# Parameters of a connection handler: ``async def handler(websocket)``, ``(reader, writer)``.
SOCKETS = word_set("websocket ws socket sock reader")
_GRAPHQL = word_set("strawberry graphene mutation subscription query resolver field")
# Module-level tables that register handlers: ``methods = {"transfer": transfer}``.
_TABLES = word_set("methods handlers commands routes dispatch rpc api registry table")


def remote(function: Function, cls: ast.ClassDef | None, registered: frozenset[str]) -> bool:
    """Does a remote caller invoke ``function`` and choose its arguments?"""
    given = [p for p in parameters(function) if p not in {"self", "cls"}]
    return (
        _command(function, given)
        or _rpc(function, cls, registered, given)
        or _socket(function, given)
        or _resolver(function, given)
    )


def _command(function: Function, parameters: list[str]) -> bool:
    for decorator in function.decorator_list:
        node = decorator.func if isinstance(decorator, ast.Call) else decorator
        words = set(words_of(name_of(node) or ""))
        base = node.value if isinstance(node, ast.Attribute) else None
        owner: set[str] = set(words_of(name_of(base) or "")) if base is not None else set()
        if words & {"command", "handler", "message"} and owner & _BOT_OBJECTS:
            return True
    if parameters[:2] == ["update", "context"]:  # python-telegram-bot's handlers
        return True
    words = words_of(function.name)
    return words[:1] in {("cmd",), ("command",)} and bool(_CALLER_PARAMETERS & {*parameters})


def _rpc(
    function: Function, cls: ast.ClassDef | None, registered: frozenset[str], parameters: list[str]
) -> bool:
    if function.name in registered:
        return True
    for decorator in function.decorator_list:
        node = decorator.func if isinstance(decorator, ast.Call) else decorator
        if name_of(node) in _RPC_NAMES or _RPC_WORDS.intersection(dotted_words(node)):
            return True
    if cls is None or function.name.startswith("_"):
        return False
    kind = words_of(cls.name)[-1:]
    if kind == ("servicer",):  # gRPC: ``def GetNote(self, request, context)``
        return True
    callers = _CALLER_PARAMETERS & {*parameters}
    return bool(kind) and kind[0] in _SERVICE_CLASSES and bool(callers)


def _socket(function: Function, parameters: list[str]) -> bool:
    given = set(parameters)
    if given & {"websocket", "ws"} or {"reader", "writer"} <= given:
        return True
    return "sid" in given and words_of(function.name)[:1] == ("on",)  # python-socketio


def _resolver(function: Function, parameters: list[str]) -> bool:
    if "info" not in parameters:
        return False
    if function.name.startswith(("resolve_", "mutate")):
        return True
    return any(_GRAPHQL.intersection(dotted_words(d)) for d in function.decorator_list)


# A table filled by the module's own decorator: ``_METHODS[name] = func`` (plugin
# registries, ``REGISTRY``/``PLUGINS``, are not callers' entry points).
_DISPATCH_TABLES = _TABLES - word_set("api registry table")


def registered(module: ast.Module) -> frozenset[str]:
    """Functions a module lists in a handler table (``methods = {"echo": echo}``),
    registers by call (``dispatcher.add_method(transfer)``, ``server.register_function(f)``)
    or decorates with its own registering decorator (``@method("admin.vm.List")`` that
    stores the function in ``_METHODS``)."""
    found: set[str] = set()
    decorators = _registering_decorators(module)
    for node in ast.walk(module) if decorators else ():
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            decorator_name(d) in decorators for d in node.decorator_list
        ):
            found.add(node.name)
    for node in module.body:
        value: ast.expr | None = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            named = name_of(target) or ""
            if isinstance(value, ast.Dict) and _TABLES.intersection(words_of(named)):
                found.update(v.id for v in value.values if isinstance(v, ast.Name))
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            call = node.value
            if name_of(call.func) in _RPC_NAMES and call.args:
                found.update(a.id for a in call.args[:1] if isinstance(a, ast.Name))
    return frozenset(found)


def _registering_decorators(module: ast.Module) -> frozenset[str]:
    """The module's functions that store what they decorate in a dispatch table:
    ``def register(func): _handlers[func.__name__] = func``, or a decorator factory whose
    inner function does."""
    tables = {
        name
        for node in module.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if (name := name_of(target)) and _DISPATCH_TABLES.intersection(words_of(name))
    }
    if not tables:
        return frozenset()
    found: set[str] = set()
    for node in module.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        # The decorator's own parameters, and those of a function it defines inside.
        given = {a.arg for a in node.args.args}
        inner = [n for n in node.body if isinstance(n, ast.FunctionDef)]
        given.update(a.arg for n in inner for a in n.args.args)
        if any(_stores(statement, tables, given) for statement in ast.walk(node)):
            found.add(node.name)
    return frozenset(found)


def _stores(node: ast.AST, tables: set[str], given: set[str]) -> bool:
    """``_handlers[name] = func`` or ``_METHODS[name] = (func, flag)`` with ``func`` given."""
    if not isinstance(node, ast.Assign):
        return False
    for target in node.targets:
        if isinstance(target, ast.Subscript) and name_of(target.value) in tables:
            return any(isinstance(n, ast.Name) and n.id in given for n in ast.walk(node.value))
    return False
