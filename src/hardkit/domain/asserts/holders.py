"""Where an assert sits, as its fix needs it, from ``ast`` and the tokens of one logical
line (issue 19): the small statements sharing its line (``a(); assert b``) or its
one-line suite (``if x: assert y``), the text they span, and the indentation a new block
there is written with. The fix then parses only that text with LibCST, never the module:
its cost is the statement's, whatever the file's size.

``tests/unit/test_hk101_holders.py`` holds the results to what LibCST's whole-module tree
gives (``IndentedBlock.indent``, ``Module.default_indent``, ``TrailingWhitespace``).
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator

from hardkit.domain.sources import PythonFile
from hardkit.domain.values import NamedTuple

_BODIES = ("body", "orelse", "finalbody")
_NOT_CODE = frozenset(
    {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
)
_FALLBACK_INDENT = "    "  # LibCST's, for a module without an indented block


class Holder(NamedTuple):
    """The small statements on an assert's logical line, and how to write a block there.

    ``start``/``end``: character offsets of the first statement and of the end of the
    line (its newline included). ``lead``: for a one-line suite (``suite``), the text
    between the header's colon and the first statement. ``indent``: the indentation new
    lines of a simple statement line get (a suite's new block adds ``unit``). ``position``:
    the assert's place among them. ``newline``: the line's own ending.
    """

    start: int
    end: int
    suite: bool
    lead: str
    indent: str
    unit: str
    position: int
    newline: str


class Owners:
    """Which statement list (and which node) holds each statement of a module."""

    def __init__(self, module: ast.Module) -> None:
        self.lists: dict[int, tuple[ast.AST, list[ast.stmt]]] = {}
        self.parents: dict[int, ast.AST] = {}
        self._walk(module)
        self._default: str | None = None

    def _walk(self, root: ast.AST) -> None:
        stack = [root]
        while stack:
            node = stack.pop()
            for statements, holder in _blocks(node):
                self.parents[id(holder)] = node
                for statement in statements:
                    self.lists[id(statement)] = (holder, statements)
                    stack.append(statement)

    def default_indent(self, file: PythonFile) -> str:
        """LibCST's ``Module.default_indent``: the relative indentation of the first
        indented block (the first INDENT token), or four spaces."""
        if self._default is None:
            self._default = _first_indent(file.text)
        return self._default


def _blocks(node: ast.AST) -> Iterator[tuple[list[ast.stmt], ast.AST]]:
    """The statement lists directly under ``node``, with the node holding each: the
    statement itself, or its ``except`` handler or ``case``."""
    for field in _BODIES:
        statements: object = getattr(node, field, None)
        if isinstance(statements, list) and statements:
            yield statements, node  # pyright: ignore[reportUnknownArgumentType]
    for clause in [*getattr(node, "handlers", ()), *getattr(node, "cases", ())]:
        if isinstance(clause, (ast.ExceptHandler, ast.match_case)):
            yield clause.body, clause


def _first_indent(text: str) -> str:
    readline = io.StringIO(_one_newline(text)).readline
    try:
        for token in tokenize.generate_tokens(readline):
            if token.type == tokenize.INDENT:  # the first goes from column 0
                return _written(token.string)
    except (tokenize.TokenError, SyntaxError):
        pass
    return _FALLBACK_INDENT


def _indent_column(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\f"))


def _one_newline(text: str) -> str:
    """One LF per line end: the parser ends lines at a lone CR too, ``tokenize`` does not."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _written(indent: str) -> str:
    """Indentation as new lines write it: without form feeds (``\\f`` resets the
    tokenizer's column count, so copying it would not indent)."""
    return indent.replace("\f", "")


def _indent_of(file: PythonFile, line: int) -> str:
    text = file.lines[line - 1] if 0 < line <= len(file.lines) else ""
    return text[: _indent_column(text)]


def holder_of(file: PythonFile, owners: Owners, node: ast.stmt, start_line: int) -> Holder:
    """``node``'s holder; ``start_line`` is the first line of its logical line."""
    tokens = _logical_line(file, start_line)
    owner, statements = owners.lists[id(node)]
    newline_token = tokens[-1]
    first_code = next(t for t in tokens if t.type not in _NOT_CODE)
    line_end = (newline_token.start[0] + start_line - 1, newline_token.start[1] + 1)
    line_start = (start_line, first_code.start[1] + 1)
    shared = [s for s in statements if line_start <= file.ast_span(s)[:2] < line_end]
    first = file.ast_span(shared[0])
    suite = first[:2] != line_start
    start = file.offset(first.line, first.column)
    lead = _lead(file, tokens, start_line, first[:2]) if suite else ""
    indent = _written(_indent_of(file, start_line))
    unit = _suite_unit(file, owners, owner) if suite else _block_unit(file, owners, owner, indent)
    end, newline = _line_end(file, line_end, newline_token)
    return Holder(start, end, suite, lead, indent, unit, shared.index(node), newline)


def _logical_line(file: PythonFile, start_line: int) -> list[tokenize.TokenInfo]:
    """The tokens of the logical line starting at ``start_line``, its NEWLINE last (the
    lines after it are never read)."""
    every = file.lines
    lines = (_one_newline(every[i]) for i in range(start_line - 1, len(every)))
    tokens: list[tokenize.TokenInfo] = []
    for token in tokenize.generate_tokens(lambda: next(lines, "")):
        tokens.append(token)
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            break
    return tokens


def _lead(
    file: PythonFile, tokens: list[tokenize.TokenInfo], start_line: int, first: tuple[int, int]
) -> str:
    """The text between a one-line suite's colon and its first statement."""
    before = [t for t in tokens if (t.start[0] + start_line - 1, t.start[1] + 1) < first]
    colon = before[-1]
    line, column = colon.end[0] + start_line - 1, colon.end[1] + 1
    return file.text[file.offset(line, column) : file.offset(*first)]


def _line_end(
    file: PythonFile, line_end: tuple[int, int], newline: tokenize.TokenInfo
) -> tuple[int, str]:
    """The offset after the logical line's ending, and the ending (the file's first one
    for a last line without any)."""
    line, column = line_end
    text = file.lines[line - 1] if line <= len(file.lines) else ""
    ending = text[len(text.rstrip("\r\n")) :] if newline.type == tokenize.NEWLINE else ""
    end = file.offset(line, column) + len(ending) if line <= len(file.lines) else len(file.text)
    if ending:
        return end, ending
    first = next((t[len(t.rstrip("\r\n")) :] for t in file.lines if t.endswith(("\n", "\r"))), "")
    return end, first or "\n"


def _block_unit(file: PythonFile, owners: Owners, owner: ast.AST, indent: str) -> str:
    """One step of the block a statement line is in: its indentation past its header's."""
    if isinstance(owner, ast.Module):
        return owners.default_indent(file)
    header = _written(_indent_of(file, _header_line(owner)))
    return indent[len(header) :] if indent.startswith(header) else indent


def _suite_unit(file: PythonFile, owners: Owners, owner: ast.AST) -> str:
    """The step of a one-line suite's new block: that of the block its compound statement
    sits in (``elif``, ``else``, ``except`` and ``finally`` belong to the statement they
    continue); a ``case``'s is the ``case``'s own step under its ``match``."""
    if isinstance(owner, ast.match_case):
        match = owners.parents[id(owner)]
        header = _written(_indent_of(file, _header_line(match)))
        own = _written(_indent_of(file, _header_line(owner)))
        return own[len(header) :] if own.startswith(header) else own
    statement = _continued(file, owners, owner)
    holder, _ = owners.lists.get(id(statement), (None, None))
    if holder is None or isinstance(holder, ast.Module):
        return owners.default_indent(file)
    indent = _written(_indent_of(file, _header_line(statement)))
    return _block_unit(file, owners, holder, indent)


def _continued(file: PythonFile, owners: Owners, node: ast.AST) -> ast.AST:
    """The statement an ``except`` clause or an ``elif`` chain belongs to."""
    while True:
        if isinstance(node, ast.ExceptHandler):
            node = owners.parents[id(node)]
        elif isinstance(node, ast.If) and _is_elif(file, owners, node):
            node = owners.lists[id(node)][0]
        else:
            return node


def _is_elif(file: PythonFile, owners: Owners, node: ast.If) -> bool:
    found = owners.lists.get(id(node))
    if found is None:
        return False
    holder, statements = found
    if not isinstance(holder, ast.If) or holder.orelse is not statements or len(statements) != 1:
        return False
    span = file.ast_span(node)
    return file.lines[span.line - 1][span.column - 1 :].startswith("elif")


def _header_line(node: ast.AST) -> int:
    if isinstance(node, ast.match_case):
        return node.pattern.lineno
    line: int = getattr(node, "lineno", 1)
    return line
