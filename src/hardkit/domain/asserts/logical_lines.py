"""The first line of the logical line holding a statement: where ``# noqa`` may also sit.

A statement's logical line starts on the statement's own first line, unless the statement
follows another one after ``;`` (``x = 1; assert token``) or sits in a one-line suite
(``if user: assert user.is_admin``, ``else: assert token``), possibly across backslash
continuations. LibCST calls that line the start of the ``SimpleStatementLine`` or of the
compound statement or clause; ``ast`` has no node for ``else:`` or ``finally:``, so the
line is read from the tokens, and only over the innermost compound statement holding
the statement (a logical line always starts there): cheap even in a large file.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Sequence

_NESTING_FIELDS = ("body", "handlers", "cases", "orelse", "finalbody")
_NOT_CODE = frozenset(
    {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
)


def logical_line_starts(
    module: ast.Module, lines: list[str], statements: Sequence[ast.stmt]
) -> list[int]:
    """The 1-based line where the logical line holding each of ``statements`` starts.

    ``lines`` are the module's physical lines, line endings kept (``PythonFile.lines``).
    """
    holders = _holders(module)
    read: dict[tuple[int, int], list[int]] = {}  # statements in one holder: read it once
    return [_start(holders.get(id(s)), lines, s, read) for s in statements]


def _start(
    holder: ast.stmt | None,
    lines: list[str],
    statement: ast.stmt,
    read: dict[tuple[int, int], list[int]],
) -> int:
    if holder is None:  # a statement of the module itself: read from the top
        first, last = 1, len(lines)
    else:
        decorators: list[ast.expr] = getattr(holder, "decorator_list", [])
        first = min([holder.lineno, *(d.lineno for d in decorators)])
        last = holder.end_lineno or len(lines)
    starts = read.get((first, last))
    if starts is None:
        starts = read[first, last] = _starts("".join(lines[first - 1 : last]))
    before = [line for line in starts if line <= statement.lineno - first + 1]
    return first - 1 + before[-1] if before else statement.lineno


def _holders(module: ast.Module) -> dict[int, ast.stmt]:
    """The innermost compound statement holding each statement (by ``id``)."""
    out: dict[int, ast.stmt] = {}
    stack: list[tuple[list[ast.AST], ast.stmt | None]] = [(list(module.body), None)]
    while stack:
        body, holder = stack.pop()
        for node in body:
            if holder is not None:
                out[id(node)] = holder
            inner = node if isinstance(node, ast.stmt) else holder  # a handler or a case
            for field in _NESTING_FIELDS:
                children = getattr(node, field, None)
                if isinstance(children, list) and children:
                    stack.append((children, inner))  # pyright: ignore[reportUnknownArgumentType]
    return out


def _starts(text: str) -> list[int]:
    """The lines (1-based, in ``text``) where a logical line starts."""
    starts: list[int] = []
    expecting = True
    # CPython's parser ends a line at a lone CR too (old Mac line endings); ``tokenize``
    # reads lines at LF only, and after ``\`` + CR it loses count. One LF per line end
    # keeps every line number the parser gave ``ast``.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.NEWLINE:
                expecting = True
            elif token.type not in _NOT_CODE and expecting:
                starts.append(token.start[0])
                expecting = False
    except (tokenize.TokenError, SyntaxError):
        pass  # the text parsed already; keep what was read before a tokenizer quirk
    return starts
