"""The first line of the logical line holding a statement: where ``# noqa`` may also sit.

A statement's logical line starts on the statement's own first line, unless the statement
follows another one after ``;`` (``x = 1; assert token``) or sits in a one-line suite
(``if user: assert user.is_admin``, ``else: assert token``), possibly across backslash
continuations. ``ast`` has no node for ``else:`` or ``finally:``, so the answer is read
from the text next to the statement, never from the whole module (issue 19): the
characters between it and the statement before it in its block (only ``;``, blanks,
comments and line breaks can be there), or, for the first statement of a block, the
tokens of the clause header above it.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator, Sequence

_NOT_CODE = frozenset(
    {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
)
_BODIES = ("body", "orelse", "finalbody")
# (the list holding a statement, its index there, the node holding the list, the field)
_Place = tuple[list[ast.stmt], int, ast.AST, str]


def logical_line_starts(
    module: ast.Module, lines: list[str], statements: Sequence[ast.stmt]
) -> list[int]:
    """The 1-based line where the logical line holding each of ``statements`` starts.

    ``lines`` are the module's physical lines, line endings kept (``PythonFile.lines``).
    """
    places = _places(module)
    return [_start(places, lines, statement) for statement in statements]


def _places(module: ast.Module) -> dict[int, _Place]:
    out: dict[int, _Place] = {}
    stack: list[ast.AST] = [module]
    while stack:
        node = stack.pop()
        for field, statements, holder in _blocks(node):
            for index, statement in enumerate(statements):
                out[id(statement)] = (statements, index, holder, field)
                stack.append(statement)
    return out


def _blocks(node: ast.AST) -> Iterator[tuple[str, list[ast.stmt], ast.AST]]:
    for field in _BODIES:
        statements: object = getattr(node, field, None)
        if isinstance(statements, list) and statements:
            yield field, statements, node  # pyright: ignore[reportUnknownArgumentType]
    for clause in [*getattr(node, "handlers", ()), *getattr(node, "cases", ())]:
        if isinstance(clause, (ast.ExceptHandler, ast.match_case)):
            yield "body", clause.body, clause


def _start(places: dict[int, _Place], lines: list[str], statement: ast.stmt) -> int:
    while True:
        place = places.get(id(statement))
        if place is None:
            return statement.lineno
        statements, index, holder, field = place
        if index == 0:
            return _first_start(lines, statement, holder, field)
        before = statements[index - 1]
        if not _same_logical_line(lines, before, statement):
            return statement.lineno
        statement = before


def _same_logical_line(lines: list[str], before: ast.stmt, statement: ast.stmt) -> bool:
    """Whether only ``;``, blanks and backslash continuations separate the statements."""
    line = before.end_lineno or before.lineno
    column = _char_column(lines, line, before.end_col_offset or 0)
    end = (statement.lineno, _char_column(lines, statement.lineno, statement.col_offset))
    while (line, column) < end:
        text = lines[line - 1]
        char = text[column] if column < len(text) else "\n"
        if char == "\\":
            line, column = line + 1, 0  # a continuation: the backslash ends its line
        elif char in "\r\n#":
            return False  # a line break (a comment runs to one): a NEWLINE token
        else:
            column += 1  # blanks, form feeds, ``;``
    return True


def _char_column(lines: list[str], line: int, byte_column: int) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return len(text.encode("utf-8")[:byte_column].decode("utf-8", errors="ignore"))


def _first_start(lines: list[str], statement: ast.stmt, holder: ast.AST, field: str) -> int:
    """The first statement of a block: on its own line, or in a one-line suite whose
    logical line starts with the clause header. Reads the header's tokens only."""
    if isinstance(holder, ast.Module):
        return statement.lineno
    first = _header_line(holder, field)
    text = "".join(lines[first - 1 : statement.lineno])
    starts = [first - 1 + start for start in _starts(text)]
    before = [line for line in starts if line <= statement.lineno]
    return before[-1] if before else statement.lineno


def _header_line(holder: ast.AST, field: str) -> int:
    """A line at or before the clause header above a block, after the block before it:
    ``else:`` and ``finally:`` have no node, their header follows the previous part."""
    if isinstance(holder, ast.match_case):
        return holder.pattern.lineno
    if field == "body":
        line: int = getattr(holder, "lineno", 1)
        return line
    parts: list[list[ast.stmt]] = [getattr(holder, "body", [])]
    handlers: list[ast.ExceptHandler] = list(getattr(holder, "handlers", []))
    parts += [h.body for h in handlers]
    if field == "finalbody":
        parts.append(getattr(holder, "orelse", []))
    last = max((p[-1] for p in parts if p), key=lambda s: s.end_lineno or s.lineno)
    return (last.end_lineno or last.lineno) + 1


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
