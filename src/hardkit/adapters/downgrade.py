"""The downgrade: a file in newer Python syntax, rewritten in place into text the running
``ast`` reads, with every node where it was (``newer_syntax`` says why and what).

Edits are collected bottom-up (``leave_``) over LibCST's tree: an outer construct that
blanks a region overrides what was written inside it, and an f-string is judged with the
strings nested in its fields already rewritten. Every edit keeps line breaks and each
character's UTF-8 length (``ast`` columns count bytes). Imports LibCST at the top.
"""

from __future__ import annotations

import ast
import sys
import warnings
from collections.abc import Sequence

import libcst as cst

from hardkit.adapters.libcst_parser import LibcstTree
from hardkit.domain.sources import ParseFailure, physical_lines
from hardkit.domain.values import NamedTuple

_VERSION = sys.version_info[:2]
_BREAKS = "\r\n"
# What may follow a replacement field's expression: ``=``, ``!r``, ``:spec`` or ``}``.
_FIELD_TAIL = "=!:}"

_String = cst.FormattedString | cst.TemplatedString
_Field = cst.FormattedStringExpression | cst.TemplatedStringExpression


class Plan(NamedTuple):
    """A downgrade, as plain values (it may cross a process boundary): the downgraded
    text, the text LibCST read (the file's, or with t-string prefixes spelled ``f``), and
    where the tree needs repairs: the tuples that stand for f-strings and the PEP 758
    handlers (with where each of their elements starts), as (line, UTF-8 column)."""

    text: str
    cst_text: str
    tuples: frozenset[tuple[int, int]]
    handlers: tuple[tuple[tuple[int, int], frozenset[tuple[int, int]]], ...]


def plan_downgrade(text: str) -> Plan:
    """Raises when LibCST refuses the text or it cannot be downgraded in place."""
    text, tree = _libcst_tree(text)
    downgrade = _Downgrade(text, tree)
    tree.module.visit(downgrade)
    return downgrade.plan()


class _Unsupported(Exception):
    """The text cannot be downgraded without moving something: a syntax error it stays."""


def _libcst_tree(text: str) -> tuple[str, LibcstTree]:
    """The text LibCST read and its tree. LibCST 1.9 refuses the prefix ``tr`` (not
    ``rt``) and fails on t-strings concatenated with t-strings; where it fails, it reads
    the text with every t-string prefix spelled as an f-string's, same length (the
    downgrade does that anyway, and fixes copy their text from the file, not the tree)."""
    try:
        return text, LibcstTree(text)
    except (ParseFailure, cst.CSTLogicError, cst.CSTValidationError):
        spelled = _t_prefixes_as_f(text)
        if spelled == text:
            raise
    return spelled, LibcstTree(spelled)


def _t_prefixes_as_f(text: str) -> str:
    """``text`` with each t-string prefix (a name ``t``, ``rt`` or ``tr`` in any case,
    right before a string) spelled with ``f``. This Python's tokenizer reads a t-string
    as such a name and a string."""
    import io
    import tokenize

    out = list(text)
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
    previous: tokenize.TokenInfo | None = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if (
                previous is not None
                and token.type == tokenize.STRING
                and previous.type == tokenize.NAME
                and previous.string.lower() in ("t", "rt", "tr")
                and previous.end == token.start
            ):
                line, column = previous.start
                for offset in range(
                    starts[line - 1] + column, starts[line - 1] + column + len(previous.string)
                ):
                    if out[offset] in "tT":
                        out[offset] = "f" if out[offset] == "t" else "F"
            previous = token
    except (tokenize.TokenError, SyntaxError):
        pass
    return "".join(out)


class _Downgrade(cst.CSTVisitor):
    """Collects the edits and the repairs the tree will need."""

    def __init__(self, text: str, tree: LibcstTree) -> None:
        super().__init__()
        self._text = text
        self._tree = tree
        self._out = list(text)  # one entry per character of the original: offsets hold
        self._lines = physical_lines(text)
        self._starts = [0]
        for line in self._lines:
            self._starts.append(self._starts[-1] + len(line))
        self._stack: list[cst.CSTNode] = []
        self._unreadable: set[_String] = set()  # strings this Python's ast refuses
        self._tuples: set[tuple[int, int]] = set()  # (line, byte column) of f-string tuples
        # PEP 758 handlers, by position: where each of their elements starts
        self._handlers: dict[tuple[int, int], frozenset[tuple[int, int]]] = {}

    def plan(self) -> Plan:
        handlers = tuple(self._handlers.items())
        return Plan("".join(self._out), self._text, frozenset(self._tuples), handlers)

    # -- positions ---------------------------------------------------------------

    def _range(self, node: cst.CSTNode) -> tuple[int, int]:
        """Character offsets of ``node``, its own parentheses included."""
        first: cst.CSTNode = node
        last: cst.CSTNode = node
        lpar: Sequence[cst.LeftParen] = getattr(node, "lpar", ())
        rpar: Sequence[cst.RightParen] = getattr(node, "rpar", ())
        if lpar:
            first = lpar[0]
        if rpar:
            last = rpar[-1]
        start, end = self._tree.span(first), self._tree.span(last)
        return self._offset(start.line, start.column), self._offset(end.end_line, end.end_column)

    def _start(self, node: cst.CSTNode) -> int:
        """Where ``ast`` starts the node: its own parentheses left out."""
        span = self._tree.span(node)
        return self._offset(span.line, span.column)

    def _offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    def _position(self, offset: int) -> tuple[int, int]:
        """(line, UTF-8 byte column) of a character offset: where ``ast`` puts a node."""
        line = _bisect(self._starts, offset)
        before = self._text[self._starts[line - 1] : offset]
        return line, len(before.encode("utf-8"))

    # -- edits (each keeps line breaks and UTF-8 lengths) ------------------------

    def _put(self, offset: int, char: str) -> None:
        """``char`` (ASCII) at ``offset``, padded to the replaced character's length."""
        width = len(self._text[offset].encode("utf-8"))
        self._out[offset] = " " * (width - 1) + char

    def _blank(self, start: int, end: int) -> None:
        for offset in range(start, end):
            if self._text[offset] not in _BREAKS:
                self._put(offset, " ")

    def _blank_joined(self, start: int, end: int) -> None:
        """Blank ``[start, end)`` outside brackets: its line breaks become backslash
        continuations (an empty line cannot carry one)."""
        self._blank(start, end)
        for offset in range(start, end):
            if self._text[offset] in _BREAKS and self._text[offset - 1] not in _BREAKS:
                self._put(offset - 1, "\\")
            elif self._text[offset] == "\n" and self._text[offset - 1] == "\r":
                continue
            elif self._text[offset] in _BREAKS:
                raise _Unsupported

    # -- the visitor --------------------------------------------------------------

    def on_visit(self, node: cst.CSTNode) -> bool:
        self._stack.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        self._stack.pop()

    def _parent(self) -> cst.CSTNode | None:
        return self._stack[-2] if len(self._stack) > 1 else None

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        params = original_node.type_parameters
        if params is None:
            return
        if _VERSION >= (3, 12):
            self._blank_defaults(params)
            return
        start, end = self._range(params)
        if isinstance(original_node.lpar, cst.MaybeSentinel):
            self._blank(start, end)  # ``class Box( ):``: its lines may break in brackets
            self._put(start, "(")
            self._put(end - 1, ")")
        else:
            self._blank_joined(start, end)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        params = original_node.type_parameters
        if params is None:
            return
        if _VERSION >= (3, 12):
            self._blank_defaults(params)
        else:
            self._blank_joined(*self._range(params))

    def leave_TypeAlias(self, original_node: cst.TypeAlias) -> None:
        params = original_node.type_parameters
        if _VERSION >= (3, 12):
            if params is not None:
                self._blank_defaults(params)
            return
        start = self._range(original_node)[0]
        for offset, char in enumerate("_:  "):  # ``type`` -> ``_:  ``: an annotation
            self._put(start + offset, char)
        if params is not None:  # ``X[T]`` -> ``X( )``, a call: lines may break in it
            first, last = self._range(params)
            self._blank(first, last)
            self._put(first, "(")
            self._put(last - 1, ")")

    def _blank_defaults(self, params: cst.TypeParameters) -> None:
        if _VERSION >= (3, 13):
            return
        for param in params.params:
            if param.default is not None and isinstance(param.equal, cst.AssignEqual):
                self._blank(self._range(param.equal)[0], self._range(param.default)[1])

    def leave_ExceptHandler(self, original_node: cst.ExceptHandler) -> None:
        self._except_tuple(original_node)

    def leave_ExceptStarHandler(self, original_node: cst.ExceptStarHandler) -> None:
        self._except_tuple(original_node)
        if _VERSION < (3, 11):  # ``except*`` -> ``except ``: an ordinary handler
            start = self._range(original_node)[0] + len("except")
            star = self._text.index("*", start)
            self._put(star, " ")

    def _except_tuple(self, handler: cst.ExceptHandler | cst.ExceptStarHandler) -> None:
        kind = handler.type
        if _VERSION >= (3, 14) or not isinstance(kind, cst.Tuple) or kind.lpar:
            return
        for element in kind.elements:
            if isinstance(element.comma, cst.Comma):
                comma = self._range(element.comma)[0]
                last = element is kind.elements[-1]
                self._put(comma, " " if last else "|")
        starts = frozenset(self._position(self._start(e.value)) for e in kind.elements)
        self._handlers[self._position(self._range(handler)[0])] = starts

    def leave_Index(self, original_node: cst.Index) -> None:
        if _VERSION < (3, 11) and original_node.star is not None:
            self._put(self._range(original_node)[0], " ")  # ``a[*b]`` -> ``a[ b]``

    def leave_Annotation(self, original_node: cst.Annotation) -> None:
        starred = original_node.annotation
        if _VERSION < (3, 11) and isinstance(starred, cst.StarredElement):
            start = self._range(starred)[0]
            self._put(self._text.index("*", start), " ")  # ``*args: *Ts`` -> ``*args:  Ts``

    # -- strings ------------------------------------------------------------------

    def leave_TemplatedString(self, original_node: cst.TemplatedString) -> None:
        start = self._range(original_node)[0]
        for offset in range(start, start + len(original_node.prefix)):
            if self._text[offset] in "tT":
                self._put(offset, "f" if self._text[offset] == "t" else "F")
        self._judge(original_node)

    def leave_FormattedString(self, original_node: cst.FormattedString) -> None:
        self._judge(original_node)

    def _judge(self, node: _String) -> None:
        """Note an f-string this Python cannot read; rewrite it where it stands alone."""
        if _VERSION >= (3, 12) and not isinstance(node, cst.TemplatedString):
            return
        start, end = self._range(node)
        try:
            with warnings.catch_warnings():  # the file's own parse would warn of its escapes
                warnings.simplefilter("ignore")
                ast.parse(f"({''.join(self._out[start:end])}\n)", mode="eval")
        except (SyntaxError, ValueError):
            self._unreadable.add(node)
        else:
            return
        if not isinstance(self._parent(), cst.ConcatenatedString):
            self._as_tuple((node,))

    def leave_ConcatenatedString(self, original_node: cst.ConcatenatedString) -> None:
        if isinstance(self._parent(), cst.ConcatenatedString):
            return  # the outermost concatenation is rewritten as a whole
        parts = _concatenated(original_node)
        if any(part in self._unreadable for part in parts):
            self._as_tuple(parts)

    def _as_tuple(self, parts: Sequence[cst.BaseString]) -> None:
        """Every part blanked but its replacement fields' expressions, each followed by a
        comma; the first character becomes ``(``, the last ``)``."""
        first, last = self._range(parts[0])[0], self._range(parts[-1])[1]
        for part in parts:
            start, end = self._range(part)
            keep: list[tuple[int, int]] = []
            if isinstance(part, cst.FormattedString | cst.TemplatedString):
                for field in _fields(part.parts):
                    self._keep_field(field, keep)
            self._blank_outside(start, end, keep)
        self._put(first, "(")
        self._put(last - 1, ")")
        self._tuples.add(self._position(first))

    def _keep_field(self, field: _Field, keep: list[tuple[int, int]]) -> None:
        start = self._range(field)[0] + 1  # after ``{``
        tail = self._field_tail(self._range(field.expression)[1])
        keep.append((start, tail))
        self._put(tail, ",")
        keep.append((tail, tail + 1))
        for inner in _fields(field.format_spec or ()):
            self._keep_field(inner, keep)

    def _field_tail(self, offset: int) -> int:
        """Where a replacement field's expression and the space after it end."""
        text = self._text
        while offset < len(text) and text[offset] not in _FIELD_TAIL:
            if text[offset] == "#":
                while text[offset] not in _BREAKS:
                    offset += 1
            elif text[offset] in " \t\f\\\r\n":
                offset += 1
            else:
                raise _Unsupported
        if offset >= len(text):
            raise _Unsupported
        return offset

    def _blank_outside(self, start: int, end: int, keep: list[tuple[int, int]]) -> None:
        for first, last in sorted(keep):
            self._blank(start, first)
            start = max(start, last)
        self._blank(start, end)


def _concatenated(node: cst.ConcatenatedString) -> list[cst.BaseString]:
    parts: list[cst.BaseString] = []
    for side in (node.left, node.right):
        if isinstance(side, cst.ConcatenatedString):
            parts.extend(_concatenated(side))
        else:
            parts.append(side)
    return parts


def _fields(parts: Sequence[cst.CSTNode]) -> list[_Field]:
    return [
        p
        for p in parts
        if isinstance(p, cst.FormattedStringExpression | cst.TemplatedStringExpression)
    ]


def _bisect(starts: list[int], offset: int) -> int:
    """The 1-based line holding ``offset`` (``starts``: each line's first offset)."""
    import bisect

    return bisect.bisect_right(starts, offset)
