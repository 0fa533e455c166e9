"""The HK101/HK104 fix: ``assert COND, MSG`` becomes ``if not COND: raise AssertionError(MSG)``.

Built as text edits on the original source: every character outside the rewritten
statement stays as it was, and the condition and message are copied verbatim (their
comments, line breaks and string prefixes included). Only the assert's own logical line
is parsed with LibCST (``holders.py`` finds it from ``ast`` and tokens): the cost of a fix
is the statement's, not the module's. Imports LibCST at the top; import this module only
when fixing.
"""

from __future__ import annotations

import ast

import libcst as cst

from hardkit.domain.asserts.holders import Holder, Owners, holder_of
from hardkit.domain.findings import Edit, Fix
from hardkit.domain.sources import CstTree, PythonFile, physical_lines

# Conditions that bind more loosely than ``not`` (or may not follow it unparenthesised).
_LOOSE = (cst.BooleanOperation, cst.IfExp, cst.Lambda, cst.NamedExpr)
# Comparison operators whose negation is another operator, exactly.
_INVERSE: tuple[tuple[type[cst.BaseCompOp], str], ...] = (
    (cst.IsNot, "is"),
    (cst.Is, "is not"),
    (cst.NotIn, "in"),
    (cst.In, "not in"),
)
# Messages whose own parentheses are part of what they are.
_KEEP_PARENS = (cst.Tuple, cst.GeneratorExp, cst.Yield, cst.NamedExpr)


class _Piece:
    """The logical line holding the assert, parsed on its own: positions in it, and the
    text of its nodes as written (sliced, never regenerated: LibCST re-indents
    continuation lines relative to their block, which is not how they were written)."""

    def __init__(self, text: str, tree: CstTree) -> None:
        self.text = text
        self.tree = tree
        starts = [0]
        for line in physical_lines(text):  # not splitlines: \f, \x1c, \u2028 end no line
            starts.append(starts[-1] + len(line))
        self._starts = starts

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    def range(self, node: cst.CSTNode) -> tuple[int, int]:
        """Offsets of the node in the piece, its own parentheses included."""
        lpar: list[cst.LeftParen] = list(getattr(node, "lpar", ()))
        rpar: list[cst.RightParen] = list(getattr(node, "rpar", ()))
        first = self.tree.span(lpar[0] if lpar else node)
        last = self.tree.span(rpar[-1] if rpar else node)
        return self.offset(first.line, first.column), self.offset(last.end_line, last.end_column)

    def source(self, node: cst.CSTNode) -> str:
        start, end = self.range(node)
        return self.text[start:end]


def _inverted(piece: _Piece, test: cst.BaseExpression) -> str | None:
    """``x is None`` for ``not x is not None`` (and ``in``/``not in``), else None.

    Identity and membership negate exactly: ``a not in b`` is ``not (a in b)`` by
    definition, exceptions included. ``==``/``<`` are left alone (``__ne__`` is not
    ``not __eq__``).
    """
    if not isinstance(test, cst.Comparison) or test.lpar or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    operator = next((op for kind, op in _INVERSE if isinstance(target.operator, kind)), None)
    left, right = piece.range(test.left), piece.range(target.comparator)
    between = piece.text[left[1] : right[0]]
    if operator is None or "\n" in between or "\r" in between:
        return None  # a backslash continuation around the operator: keep it as written
    return f"{piece.text[left[0] : left[1]]} {operator} {piece.text[right[0] : right[1]]}"


def _header(piece: _Piece, test: cst.BaseExpression) -> str:
    negated = isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not)
    if isinstance(test, cst.UnaryOperation) and negated and not test.lpar:
        # ``assert not x`` refuses when x is true: ``if x:`` (x's truth is tested once either way)
        return f"if {piece.source(test.expression)}:"
    inverted = _inverted(piece, test)
    if inverted is not None:
        return f"if {inverted}:"
    code = piece.source(test)
    if isinstance(test, _LOOSE) and not test.lpar:
        return f"if not ({code}):"
    return f"if not {code}:"


def _raise(piece: _Piece, node: cst.Assert, exception: str) -> str:
    message = node.msg
    if message is None:
        return f"raise {exception}"
    code = piece.source(message)
    if len(message.lpar) == 1 and not isinstance(message, _KEEP_PARENS):
        code = code[1:-1]  # the call's parentheses take over; inner comments stay
    return f"raise {exception}({code})"


def assert_fixes(file: PythonFile, asserts: list[ast.Assert], starts: list[int]) -> list[Fix]:
    """The fix of each assert; ``starts`` are the first lines of their logical lines."""
    owners = Owners(file.ast)
    return [
        assert_fix(file, holder_of(file, owners, node, start), file.config.assert_fix_exception)
        for node, start in zip(asserts, starts, strict=True)
    ]


def assert_fix(file: PythonFile, holder: Holder, exception: str) -> Fix:
    """Rewrite the line (or one-line suite) ``holder`` with its assert converted."""
    piece = _Piece(
        file.text[holder.start : holder.end], file.cst_of(file.text[holder.start : holder.end])
    )
    line = piece.tree.module.body[0]
    if not isinstance(line, cst.SimpleStatementLine):
        raise TypeError("a logical line of small statements parses as one statement line")
    node = line.body[holder.position]
    if not isinstance(node, cst.Assert):
        raise TypeError("the holder's statement at the assert's index is the assert")
    indent = holder.indent + holder.unit if holder.suite else holder.indent
    first, last = piece.tree.span(line.body[0]), piece.tree.span(line.body[-1])
    start = piece.offset(first.line, first.column)
    end = piece.offset(last.end_line, last.end_column) + _semicolon_length(line.body[-1])
    parts = [
        f"{_header(piece, node.test)}{holder.newline}{indent}{holder.unit}"
        f"{_raise(piece, node, exception)}"
        if statement is node
        else piece.source(statement)
        for statement in line.body
    ]
    body = (holder.newline + indent).join(parts)
    if not holder.suite:
        return Fix((Edit(holder.start + start, holder.start + end, body),))
    # ``if x: assert y`` -> the suite becomes an indented block; its comment stays up top.
    trailing = line.trailing_whitespace
    comment = trailing.comment.value if trailing.comment is not None else ""
    tail = trailing.whitespace.value + comment
    content = (tail if comment else "") + holder.newline + indent + body
    stop = holder.start + end + _gap(line.body[-1]) + len(tail)
    return Fix((Edit(holder.start + start - len(holder.lead), stop, content),))


def _semicolon_length(statement: cst.BaseSmallStatement) -> int:
    """The length of a trailing ``;`` and the space before it (the space after stays)."""
    semicolon = statement.semicolon
    if isinstance(semicolon, cst.Semicolon):
        return len(_whitespace(semicolon.whitespace_before)) + 1
    return 0


def _gap(statement: cst.BaseSmallStatement) -> int:
    semicolon = statement.semicolon
    if isinstance(semicolon, cst.Semicolon):
        return len(_whitespace(semicolon.whitespace_after))
    return 0


def _whitespace(node: cst.BaseParenthesizableWhitespace) -> str:
    return node.value if isinstance(node, cst.SimpleWhitespace) else ""
