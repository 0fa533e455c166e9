"""How many workers a web server is told to start, as a function of the CPU count: read
from shell words (``-w $(( 2 * $(nproc) + 1 ))``, ``WEB_CONCURRENCY=$(nproc)``) and from
a gunicorn configuration module (``workers = multiprocessing.cpu_count() * 2 + 1``).

Nothing is run: the expression is evaluated with the CPU count set to 8 and to 16, and
the workers added per CPU between the two is what is judged. An expression hardkit cannot
read (a variable it does not know, a call it does not model) is no finding.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping, Sequence

from hardkit.domain.docker.servers import WORKER_OPTIONS
from hardkit.domain.values import NamedTuple

_CPU_COMMAND = re.compile(
    r"\$\(\s*(?:nproc(?:\s+--all)?|getconf\s+_?NPROCESSORS_ONLN|grep\s+-c\s+\^?processor\s+/proc/cpuinfo)"
    r"\s*\)|`\s*nproc(?:\s+--all)?\s*`"
)
_PYTHON_CPU = re.compile(r"\$\(\s*python3?\s+-c\s+(['\"])(?P<code>.*?)\1\s*\)", re.DOTALL)
_ARITHMETIC = re.compile(r"\$\(\((?P<expr>[^()]*(?:\([^()]*\)[^()]*)*)\)\)")
_VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?::?[-=](?P<default>[^}]*))?\}|\$(?P<bare>\w+)")
_SAFE = re.compile(r"[0-9+\-*/%() \t]*\Z")
_SAMPLES = (8, 16)


class PerCpu(NamedTuple):
    """Workers at 8 and at 16 CPUs, and how that was read."""

    at_8: float
    at_16: float

    @property
    def per_cpu(self) -> float:
        return (self.at_16 - self.at_8) / (_SAMPLES[1] - _SAMPLES[0])

    @property
    def more_than_one(self) -> bool:
        return self.per_cpu > 1


# -- shell -------------------------------------------------------------------------------


def shell_value(text: str, variables: Mapping[str, str], depth: int = 0) -> PerCpu | None:
    """A shell word's value as a function of the CPU count; None when it does not depend
    on it or cannot be read."""
    values = [_shell_at(text, n, variables, depth) for n in _SAMPLES]
    if values[0] is None or values[1] is None or values[0] == values[1]:
        return None
    return PerCpu(values[0], values[1])


def _shell_at(text: str, n: int, variables: Mapping[str, str], depth: int) -> float | None:
    if depth > 5:
        return None
    text = _CPU_COMMAND.sub(str(n), text.strip().strip("'\""))
    text = _PYTHON_CPU.sub(lambda m: _python_code_at(m.group("code"), n), text)

    def variable(match: re.Match[str]) -> str:
        name = match.group("name") or match.group("bare")
        value = variables.get(name)
        if value is None:
            value = match.group("default")
        if value is None:
            return "?"
        inner = _shell_at(value, n, variables, depth + 1)
        return "?" if inner is None else _number(inner)

    text = _VARIABLE.sub(variable, text)
    while True:
        match = _ARITHMETIC.search(text)
        if match is None:
            break
        value = _arithmetic(match.group("expr"))
        text = (
            text[: match.start()] + ("?" if value is None else _number(value)) + text[match.end() :]
        )
    return _arithmetic(text)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _arithmetic(expression: str) -> float | None:
    if not expression.strip() or not _SAFE.match(expression):
        return None
    try:
        tree = ast.parse(expression.strip().replace("/", "//"), mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return None
    value = _evaluate(tree.body, {}, 0)
    return value if isinstance(value, (int, float)) else None


def _python_code_at(code: str, n: int) -> str:
    """``$(python -c "import os; print(os.cpu_count() * 2 + 1)")`` at ``n`` CPUs."""
    match = re.search(r"print\((?P<expr>.*)\)", code, re.DOTALL)
    if match is None:
        return "?"
    try:
        tree = ast.parse(match.group("expr").strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return "?"
    value = _evaluate(tree.body, {}, n)
    return _number(value) if isinstance(value, (int, float)) else "?"


def worker_words(words: Sequence[str], server_at: int) -> str | None:
    """The worker count given to the server whose name is ``words[server_at]``."""
    server = words[server_at].rsplit("/", 1)[-1]
    options = WORKER_OPTIONS.get(server, ())
    for i in range(server_at + 1, len(words)):
        word = words[i]
        for option in options:
            if word == option and i + 1 < len(words):
                return words[i + 1]
            if word.startswith(option + "="):
                return word[len(option) + 1 :]
            if option == "-w" and word.startswith("-w") and len(word) > 2:
                return word[2:]
    return None


def shell_words(command: str) -> list[str]:
    """Split a command line at spaces outside quotes, ``$(...)``, ``$((...))`` and
    ``${...}``: a worker expression stays one word."""
    words: list[str] = []
    current: list[str] = []
    depth, quote = 0, ""
    i = 0
    while i < len(command):
        ch = command[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "$" and command[i + 1 : i + 2] in ("(", "{"):
            depth += 1
            current.append(ch + command[i + 1])
            i += 2
            continue
        elif ch in "({" and depth:
            depth += 1
        elif ch in ")}" and depth:
            depth -= 1
        elif ch.isspace() and not depth:
            if current:
                words.append("".join(current))
                current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    if current:
        words.append("".join(current))
    return words


# -- Python (a gunicorn configuration module) ------------------------------------------


class Assignment(NamedTuple):
    node: ast.stmt
    value: PerCpu


def module_workers(tree: ast.Module) -> Assignment | None:
    """The ``workers = ...`` a gunicorn configuration module ends with, when it depends on
    the CPU count (module-level statements followed as Python would, ``if`` included)."""
    found = [_run_module(tree.body, n) for n in _SAMPLES]
    first, second = found
    if first is None or second is None or first[1] is None or second[1] is None:
        return None
    if first[1] == second[1]:
        return None
    return Assignment(first[0], PerCpu(first[1], second[1]))


def _run_module(body: Sequence[ast.stmt], n: int) -> tuple[ast.stmt, float | None] | None:
    names: dict[str, object] = {}
    last: list[tuple[ast.stmt, float | None]] = []

    def run(statements: Sequence[ast.stmt]) -> None:
        for statement in statements:
            if isinstance(statement, ast.If):
                test = _evaluate(statement.test, names, n)
                if test is not UNKNOWN:
                    run(statement.body if test else statement.orelse)
            elif isinstance(statement, ast.Assign):
                _assign(statement, statement.targets, statement.value)
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                _assign(statement, [statement.target], statement.value)

    def _assign(statement: ast.stmt, targets: list[ast.expr], expression: ast.expr) -> None:
        value = _evaluate(expression, names, n)
        for target in targets:
            if isinstance(target, ast.Name):
                names[target.id] = value
                if target.id == "workers":
                    number = value if isinstance(value, (int, float)) else None
                    last.append((statement, number))

    run(body)
    return last[-1] if last else None


UNKNOWN = object()  # what hardkit cannot tell (None is Python's None: an unset variable)
_CPU_CALLS = frozenset({"cpu_count", "process_cpu_count"})
_GETENV = frozenset({"getenv", "get"})
_OPERATIONS: dict[type, Callable[[float, float], float]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.FloorDiv: lambda a, b: a // b if b else 0,
    ast.Div: lambda a, b: a / b if b else 0,
    ast.Mod: lambda a, b: a % b if b else 0,
}


def _evaluate(node: ast.expr, names: Mapping[str, object], n: int) -> object:
    """A constant expression with the CPU count ``n``; ``UNKNOWN`` when hardkit cannot
    tell."""
    if isinstance(node, ast.Constant):
        value = node.value
        return value if value is None or isinstance(value, (int, float, str)) else UNKNOWN
    if isinstance(node, ast.Name):
        return names.get(node.id, UNKNOWN)
    if isinstance(node, ast.BinOp):
        left, right = _evaluate(node.left, names, n), _evaluate(node.right, names, n)
        operation = _OPERATIONS.get(type(node.op))
        numbers = isinstance(left, (int, float)) and isinstance(right, (int, float))
        return operation(left, right) if operation and numbers else UNKNOWN  # type: ignore[arg-type]
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, names, n)
        if isinstance(node.op, ast.Not) and value is not UNKNOWN:
            return not value
        if isinstance(node.op, ast.USub) and isinstance(value, (int, float)):
            return -value
        return UNKNOWN
    if isinstance(node, ast.BoolOp):
        values = [_evaluate(v, names, n) for v in node.values]
        if UNKNOWN in values:
            return UNKNOWN
        wanted = isinstance(node.op, ast.Or)  # `or` stops at a true value, `and` at a false one
        return next((v for v in values if bool(v) is wanted), values[-1])
    if isinstance(node, ast.Call):
        return _call(node, names, n)
    return UNKNOWN


def _call(node: ast.Call, names: Mapping[str, object], n: int) -> object:
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    args = [_evaluate(a, names, n) for a in node.args]
    if name in _CPU_CALLS:
        return n if n else UNKNOWN
    if name in _GETENV and isinstance(function, ast.Attribute):
        return args[1] if len(args) > 1 else None  # the default: the variable is unset
    if name in ("int", "float") and len(args) == 1:
        try:
            return (int if name == "int" else float)(args[0])  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return UNKNOWN
    if name in ("max", "min") and args and all(isinstance(a, (int, float)) for a in args):
        return (max if name == "max" else min)(args)  # type: ignore[type-var]
    if name == "round" and args and isinstance(args[0], (int, float)):
        return round(args[0])
    return UNKNOWN
