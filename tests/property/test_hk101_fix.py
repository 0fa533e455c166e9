"""The HK101 fix keeps behaviour: generated conditions, every statement position.

For a generated boolean condition over a handful of names, the fixed function returns
the same value or raises the same exception with the same message as the original
(run normally), and keeps refusing when compiled with ``optimize=2`` (``python -O``),
where the original assert has vanished. The test harness executes the generated test
code in-process; hardkit itself never executes code it checks.
"""

from __future__ import annotations

import ast
import itertools
import warnings
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hardkit.adapters.source import SourceText
from hardkit.domain.config import config_from_table
from hardkit.domain.rule import FileKind
from hardkit.service.analyse import Settings, analyse_source
from hardkit.service.fix import fix_source

NAMES = ("a", "b", "token")
# The generated names are configured security names: every condition naming one is a
# security check, whatever its shape (the fix, not the decision, is under test).
_SETTINGS = Settings(
    config_from_table({"security-names": list(NAMES)}, "test"), frozenset({"HK101", "HK001"})
)

# Precedence levels: a child binding more loosely than its slot needs parentheses.
IFEXP, OR, AND, NOT, COMPARE, ATOM = range(1, 7)


@dataclass(frozen=True)
class Expr:
    text: str
    level: int


def _wrap(expr: Expr, needed: int, extra: bool) -> str:
    return f"({expr.text})" if expr.level < needed or extra else expr.text


LEAVES = st.sampled_from(
    [*NAMES, "0", "1", "None", "'raise'", "check(a)", "token.ok", "(w := b)", "[a, b]"]
)


def _extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    paren = st.booleans()

    def unary(e: Expr, p: bool) -> Expr:
        return Expr(f"not {_wrap(e, NOT, p)}", NOT)

    def binary(op: str, level: int) -> Any:
        def build(x: Expr, y: Expr, p: bool, q: bool) -> Expr:
            return Expr(f"{_wrap(x, level, p)} {op} {_wrap(y, level + 1, q)}", level)

        return st.builds(build, children, children, paren, paren)

    def ifexp(x: Expr, c: Expr, y: Expr, p: bool) -> Expr:
        return Expr(f"{_wrap(x, OR, p)} if {_wrap(c, OR, p)} else {_wrap(y, IFEXP, p)}", IFEXP)

    def walrus(x: Expr) -> Expr:
        return Expr(f"(w := {x.text})", ATOM)

    return st.one_of(
        st.builds(unary, children, paren),
        binary("and", AND),
        binary("or", OR),
        binary("==", COMPARE).map(lambda e: Expr(e.text, COMPARE)),
        binary("<", COMPARE).map(lambda e: Expr(e.text, COMPARE)),
        binary("is", COMPARE).map(lambda e: Expr(e.text, COMPARE)),
        binary("is not", COMPARE).map(lambda e: Expr(e.text, COMPARE)),
        binary("in", COMPARE).map(lambda e: Expr(e.text, COMPARE)),
        binary("not in", COMPARE).map(lambda e: Expr(e.text, COMPARE)),
        st.builds(ifexp, children, children, children, paren),
        st.builds(walrus, children),
    )


CONDITIONS = st.recursive(LEAVES.map(lambda t: Expr(t, ATOM)), _extend, max_leaves=6)
MESSAGES = st.sampled_from(["", ", 'denied'", ", f'denied {a!r} {token!r}'", ", note(log, b)"])
POSITIONS = st.sampled_from(
    [
        "    {stmt}\n",
        "    if True: {stmt}\n",
        "    x = 1; {stmt}; y = 2\n",
        "    if not log:\n        pass\n    else: {stmt}  # why\n",
        "    for _ in range(1): {stmt}\n",
        "    with nullcontext(): x = 0; {stmt}\n",
        "    while True: {stmt}; break\n",
        "    assert (\n        token is token  # same\n    ); {stmt}\n",
    ]
)

PRELUDE = """\
from contextlib import nullcontext


class Boom:
    def __bool__(self):
        raise ValueError("boom")

    def __eq__(self, other):
        raise KeyError("eq")

    __hash__ = object.__hash__

    def __repr__(self):
        return "Boom()"


class Token:
    ok = True

    def __repr__(self):
        return "Token()"


def check(value):
    if value == "raise":
        raise PermissionError("checked")
    return bool(value)


def note(log, value):
    log.append(value)
    return f"noted {value!r}"


"""

# "Boom" and "Token" stand for instances of the generated module's own classes.
VALUES: tuple[Any, ...] = (0, 1, None, "", "raise", "Token", "Boom")


def _module(condition: str, message: str, position: str, newline: str) -> str:
    body = position.format(stmt=f"assert {condition}{message}")
    function = f"def handler(request, a, b, token, log):\n{body}    return locals().get('w')\n"
    return (PRELUDE + function).replace("\n", newline)


def _outcomes(source: str, optimize: int) -> list[Any]:
    namespace: dict[str, Any] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)  # ``x is 1`` is generated on purpose
        code = compile(source, "<generated>", "exec", optimize=optimize)
    exec(code, namespace)
    instances = {name: namespace[name]() for name in ("Boom", "Token")}
    results: list[Any] = []
    for args in itertools.product(VALUES, repeat=len(NAMES)):
        log: list[Any] = []
        real = [instances.get(value, value) if isinstance(value, str) else value for value in args]
        try:
            results.append(("returned", repr(namespace["handler"](None, *real, log)), repr(log)))
        except Exception as exc:  # noqa: BLE001 - comparing whatever the code raises
            results.append(("raised", type(exc).__name__, str(exc), repr(log)))
    return results


def _fix(source: str) -> str:
    outcome = fix_source("app/views.py", FileKind.PYTHON, SourceText(source, "utf-8"), _SETTINGS)
    assert outcome.analysis.errors == []
    return outcome.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CONDITIONS, MESSAGES, POSITIONS, st.sampled_from(["\n", "\r\n"]))
def test_fixed_code_behaves_like_the_assert_and_still_refuses_under_O(
    condition: Expr, message: str, position: str, newline: str
) -> None:
    # ``assert 0 and 0`` or ``assert (w := 0)`` names no configured word: not reported.
    tree = ast.parse(condition.text, mode="eval")
    named = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assume(bool(named.intersection(NAMES)))
    source = _module(condition.text, message, position, newline)
    fixed = _fix(source)
    assert "assert" not in fixed.split("def handler", 1)[1]
    if newline == "\r\n":
        assert "\n" not in fixed.replace("\r\n", ""), "every line ending stays CRLF"
    else:
        assert "\r" not in fixed
    original = _outcomes(source, optimize=0)
    assert _outcomes(fixed, optimize=0) == original
    assert _outcomes(fixed, optimize=2) == original  # -O no longer removes the check
    assert _fix(fixed) == fixed  # idempotent
    again = analyse_source("app/views.py", FileKind.PYTHON, SourceText(fixed, "utf-8"), _SETTINGS)
    assert [f.code for f in again.findings] == []
