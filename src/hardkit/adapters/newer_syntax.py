"""Files written for a newer Python than the one running hardkit (DESIGN §1, HK001).

A pre-commit hook environment is often older than the project it checks: Python 3.10
refuses ``class Box[T]: ...`` although the project runs on 3.13. When the running
``ast`` refuses a file, LibCST's grammar (which knows Python up to 3.14) reads it, and
the rules get the ``ast`` tree of a *downgrade* of the text: the same file with each
construct this Python does not know rewritten, in place, into one it does.

The downgrade never moves anything: every line keeps its line breaks and its length in
UTF-8 bytes (the unit of ``ast`` columns), so every node the rules see sits exactly
where it sits in the file, and findings, suppression comments and fixes (built on
LibCST's tree of the original text) stay right. What it writes, by construct:

* a type-parameter list (PEP 695, 3.12) becomes blanks (``class Box   :``), or parentheses
  round blanks for a class without bases (so the list may span lines); on 3.12 only the
  defaults (PEP 696, 3.13) are blanked;
* ``type X[T] = v`` (3.12) becomes the annotated assignment ``_:  X(   ) = v``;
* ``except A, B:`` (PEP 758, 3.14) becomes ``except A| B:``, and the tree is given back
  the tuple 3.14 builds;
* a t-string (PEP 750, 3.14) becomes an f-string (``t`` -> ``f`` in its prefix);
* an f-string this Python cannot read (PEP 701, 3.12: nested same quotes, backslashes,
  comments or line breaks in a replacement field) becomes a parenthesised tuple of its
  replacement fields' expressions (``(  x["a"],  )``), given back to the tree as an
  f-string of those expressions;
* ``except*`` (3.11) loses its star on 3.10, as do starred subscripts and ``*args: *Ts``.

What is blanked is not seen by the rules (a type parameter's bound, an f-string's
literal text); none of it can hold a statement. A file the running ``ast`` still refuses
after the downgrade is a syntax error (HK001, reported with CPython's own message).

LibCST's native parser crashes (stack overflow) or takes minutes on some deeply nested
input that CPython refuses outright; the files CPython accepts are kept below that by
CPython's own limits, but a file it refused has not been through them. So deeper
brackets than any CPython accepts end it here, and where the process can fork safely
(POSIX, no other thread) LibCST reads the file in a child process with a time limit:
a crash or a hang there is the file's HK001, never the run's end.
"""

from __future__ import annotations

import ast
import functools
import os
import sys

from hardkit.domain.values import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable

    from hardkit.adapters.downgrade import Plan

# CPython's tokenizer refuses more than 200 nested brackets (every version): deeper text
# is no Python's, and LibCST's recursion would overflow on it.
_MAX_BRACKETS = 200
# LibCST reads ~100 kB/s even on unusual valid code; its pathological cases take minutes.
_SECONDS = 10.0
_BYTES_PER_SECOND = 20_000


class Downgraded(NamedTuple):
    """The ``ast`` tree of a downgraded file, the text it was parsed from, and the text
    to give LibCST for the file's concrete tree (what fixes are built on)."""

    tree: ast.Module
    text: str
    cst_text: str


def parse_newer_syntax(text: str, path: str) -> Downgraded | None:
    """The tree of ``text`` when LibCST accepts it and its downgrade parses; else None."""
    if _too_deep(text):
        return None
    plan = _isolated(_plan, text, _SECONDS + len(text) / _BYTES_PER_SECOND)
    if plan is None:
        return None
    try:
        module = ast.parse(plan.text, filename=path)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    _repair(module, plan)
    return Downgraded(module, plan.text, plan.cst_text)


def _plan(text: str) -> Plan | None:
    from hardkit.adapters.downgrade import plan_downgrade

    try:
        return plan_downgrade(text)
    except Exception:  # noqa: BLE001 - LibCST refusing (or failing) in any way is a refusal
        return None


def _too_deep(text: str) -> bool:
    depth = 0
    for char in text:
        if char in "([{":
            depth += 1
            if depth > _MAX_BRACKETS:
                return True
        elif char in ")]}":
            depth = max(depth - 1, 0)
    return False


def _isolated(work: Callable[[str], Plan | None], text: str, seconds: float) -> Plan | None:
    """``work(text)`` in a forked child that may crash or overrun (None then); in this
    process where forking is unsafe (other threads may hold locks) or impossible."""
    threads = sys.modules.get("threading")
    if not hasattr(os, "fork") or (threads is not None and threads.active_count() > 1):
        return work(text)
    import pickle
    import select
    import signal
    import time

    import libcst  # noqa: F401  # pyright: ignore[reportUnusedImport] - once here, not in each child

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's exits
        os.close(read_end)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # a crash report is not the run's output
        if "faulthandler" in sys.modules:  # it writes to its own copy of stderr
            sys.modules["faulthandler"].disable()
        signal.alarm(int(seconds) + 1)  # outlives a killed parent by no more than this
        try:
            os.write(write_end, pickle.dumps(work(text)))  # a pipe write: retried by os
        finally:
            os._exit(0)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    try:
        while (left := deadline - time.monotonic()) > 0 and select.select([read_end], [], [], left)[
            0
        ]:
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        else:
            os.kill(pid, signal.SIGKILL)
            chunks = []
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)
    return pickle.loads(b"".join(chunks)) if chunks else None  # noqa: S301 - our own child


# -- the tree, given back what the newer Python builds -----------------------------


def _repair(module: ast.Module, plan: Plan) -> None:
    if not plan.tuples and not plan.handlers:
        return
    handlers = dict(plan.handlers)
    for node in ast.walk(module):
        if isinstance(node, ast.ExceptHandler):
            _repair_handler(node, handlers)
        for name, value in ast.iter_fields(node):
            if isinstance(value, ast.Tuple):
                setattr(node, name, _as_fstring(value, plan.tuples))
            elif isinstance(value, list):
                items: list[object] = value  # pyright: ignore[reportUnknownVariableType]
                for index, item in enumerate(items):
                    if isinstance(item, ast.Tuple):
                        items[index] = _as_fstring(item, plan.tuples)


def _as_fstring(node: ast.Tuple, tuples: frozenset[tuple[int, int]]) -> ast.expr:
    """The tuple ``(  x, y,)`` that stands for ``f"{x}...{y}"`` as that f-string's node."""
    if (node.lineno, node.col_offset) not in tuples:
        return node
    values: list[ast.expr] = []
    for element in node.elts:  # an f-string nested right in a field is one too
        value = _as_fstring(element, tuples) if isinstance(element, ast.Tuple) else element
        field = ast.FormattedValue(value=value, conversion=-1, format_spec=None)
        values.append(ast.copy_location(field, element))
    return ast.copy_location(ast.JoinedStr(values=values), node)


def _repair_handler(
    handler: ast.ExceptHandler, handlers: dict[tuple[int, int], frozenset[tuple[int, int]]]
) -> None:
    """``A| B| C | D`` back into the tuple ``A, B, C | D``: the operands of the chain
    of ``|``, grouped by where the handler's elements start."""
    starts = handlers.get((handler.lineno, handler.col_offset))
    kind = handler.type
    if starts is None or kind is None:
        return
    parsed = kind
    operands: list[ast.expr] = []
    while isinstance(kind, ast.BinOp) and isinstance(kind.op, ast.BitOr):
        operands.insert(0, kind.right)
        kind = kind.left
    operands.insert(0, kind)
    groups: list[list[ast.expr]] = []
    for operand in operands:
        if (operand.lineno, operand.col_offset) in starts:
            groups.append([operand])
        elif groups:
            groups[-1].append(operand)
    if len(groups) != len(starts):
        return  # an element that binds more loosely than ``|``: left as parsed
    elements = [functools.reduce(_bit_or, group) for group in groups]
    handler.type = ast.copy_location(ast.Tuple(elts=elements, ctx=ast.Load()), parsed)


def _bit_or(left: ast.expr, right: ast.expr) -> ast.expr:
    node = ast.copy_location(ast.BinOp(left=left, op=ast.BitOr(), right=right), left)
    node.end_lineno, node.end_col_offset = right.end_lineno, right.end_col_offset
    return node
