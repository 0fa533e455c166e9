"""The HK101 fix: ``assert COND, MSG`` becomes ``if not COND: raise AssertionError(MSG)``.

Built as text edits on the original source: every character outside the rewritten
statement stays as it was, and the condition and message are copied verbatim (their
comments, line breaks and string prefixes included). Imports LibCST at the top; import
this module only from inside a rule's ``check``.
"""

from __future__ import annotations

import libcst as cst

from hardkit.domain.asserts.libcst_checks import Site
from hardkit.domain.findings import Edit, Fix
from hardkit.domain.sources import PythonFile

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


def _range(file: PythonFile, node: cst.BaseExpression) -> tuple[int, int]:
    """Character offsets of the node, its own parentheses included."""
    tree = file.cst
    first = tree.span(node.lpar[0] if node.lpar else node)
    last = tree.span(node.rpar[-1] if node.rpar else node)
    return file.offset(first.line, first.column), file.offset(last.end_line, last.end_column)


def _text(file: PythonFile, node: cst.BaseExpression) -> str:
    """The node's source exactly as written, its own parentheses included.

    Sliced from the file rather than regenerated: LibCST re-indents continuation lines
    relative to their block, which is not how they were written.
    """
    start, end = _range(file, node)
    return file.text[start:end]


def _inverted(file: PythonFile, test: cst.BaseExpression) -> str | None:
    """``x is None`` for ``not x is not None`` (and ``in``/``not in``), else None.

    Identity and membership negate exactly: ``a not in b`` is ``not (a in b)`` by
    definition, exceptions included. ``==``/``<`` are left alone (``__ne__`` is not
    ``not __eq__``).
    """
    if not isinstance(test, cst.Comparison) or test.lpar or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    operator = next((op for kind, op in _INVERSE if isinstance(target.operator, kind)), None)
    left, right = _range(file, test.left), _range(file, target.comparator)
    between = file.text[left[1] : right[0]]
    if operator is None or "\n" in between or "\r" in between:
        return None  # a backslash continuation around the operator: keep it as written
    return f"{file.text[left[0] : left[1]]} {operator} {file.text[right[0] : right[1]]}"


def _header(file: PythonFile, test: cst.BaseExpression) -> str:
    negated = isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not)
    if isinstance(test, cst.UnaryOperation) and negated and not test.lpar:
        # ``assert not x`` refuses when x is true: ``if x:`` (x's truth is tested once either way)
        return f"if {_text(file, test.expression)}:"
    inverted = _inverted(file, test)
    if inverted is not None:
        return f"if {inverted}:"
    code = _text(file, test)
    if isinstance(test, _LOOSE) and not test.lpar:
        return f"if not ({code}):"
    return f"if not {code}:"


def _raise(file: PythonFile, node: cst.Assert, exception: str) -> str:
    message = node.msg
    if message is None:
        return f"raise {exception}"
    code = _text(file, message)
    if len(message.lpar) == 1 and not isinstance(message, _KEEP_PARENS):
        code = code[1:-1]  # the call's parentheses take over; inner comments stay
    return f"raise {exception}({code})"


def converted(file: PythonFile, node: cst.Assert, site: Site, indent: str, newline: str) -> str:
    """The ``if``/``raise`` replacing ``node`` on a line indented by ``indent``."""
    exception, unit = file.config.assert_fix_exception, site.unit
    header, body = _header(file, node.test), _raise(file, node, exception)
    return f"{header}{newline}{indent}{unit}{body}"


def assert_fix(file: PythonFile, node: cst.Assert, site: Site) -> Fix:
    """Rewrite the line (or one-line suite) holding ``node`` with the assert converted."""
    tree = file.cst
    holder = site.holder
    if holder is None:
        raise ValueError("an assert is always held by a line or a one-line suite")
    unit = site.unit
    # The line's own ending: a file with mixed endings keeps each line's.
    newline = holder.trailing_whitespace.newline.value or tree.module.default_newline
    first, last = tree.span(holder.body[0]), tree.span(holder.body[-1])
    start = file.offset(first.line, first.column)
    end = file.offset(last.end_line, last.end_column) + _semicolon_length(holder.body[-1])
    indent = site.indent if isinstance(holder, cst.SimpleStatementLine) else site.indent + unit
    parts = [
        converted(file, node, site, indent, newline)
        if statement is node
        else _without_semicolon(file, statement)
        for statement in holder.body
    ]
    body = (newline + indent).join(parts)
    if isinstance(holder, cst.SimpleStatementLine):
        return Fix((Edit(start, end, body),))
    # ``if x: assert y`` -> the suite becomes an indented block; its comment stays up top.
    trailing = holder.trailing_whitespace
    comment = trailing.comment.value if trailing.comment is not None else ""
    tail = trailing.whitespace.value + comment
    lead = len(holder.leading_whitespace.value)
    content = (tail if comment else "") + newline + indent + body
    return Fix((Edit(start - lead, end + _gap(holder.body[-1]) + len(tail), content),))


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


def _without_semicolon(file: PythonFile, statement: cst.BaseSmallStatement) -> str:
    span = file.cst.span(statement)
    start = file.offset(span.line, span.column)
    return file.text[start : file.offset(span.end_line, span.end_column)]
