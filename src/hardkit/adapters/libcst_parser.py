"""LibCST parsing with positions. Imported only when a rule asks for a concrete tree:
``import libcst`` alone costs more than a whole clean-file run.

Positions are LibCST's own ``PositionProvider`` ranges (syntactic: leading and trailing
whitespace a node owns is left out), computed by one code-generation pass that records
plain tuples, and only when a rule first asks for a span. ``MetadataWrapper`` computes
the same ranges at about five times the cost (a visitor pass besides the code
generation, and two frozen dataclasses per node); ``tests/unit/test_libcst_positions.py``
holds the two to the same answers on every node.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator

import libcst
from libcst._nodes.internal import CodegenState  # the code-generation protocol of CSTNode

from hardkit.domain.sources import ParseFailure, Span

# A node's range: start line, start column, end line, end column (1-based lines,
# 0-based character columns, as LibCST counts them).
_Range = tuple[int, int, int, int]


class LibcstTree:
    """A parsed module and its node positions (1-based lines, 1-based character columns)."""

    def __init__(self, text: str) -> None:
        try:
            self._module = libcst.parse_module(text)
        except libcst.ParserSyntaxError as exc:
            raise ParseFailure(
                f"LibCST cannot parse this file: {exc.message}", exc.raw_line, exc.raw_column + 1
            ) from None
        self._positions: dict[libcst.CSTNode, _Range] | None = None

    @property
    def module(self) -> libcst.Module:
        return self._module

    def span(self, node: libcst.CSTNode) -> Span:
        if self._positions is None:
            self._positions = node_positions(self._module)
        line, column, end_line, end_column = self._positions[node]
        return Span(line, column + 1, end_line, end_column + 1)

    def code_for(self, node: libcst.CSTNode) -> str:
        return self._module.code_for_node(node)


def parse_cst(text: str) -> LibcstTree:
    return LibcstTree(text)


def node_positions(module: libcst.Module) -> dict[libcst.CSTNode, _Range]:
    """Every node's ``PositionProvider`` range, from one code-generation pass."""
    state = _PositionState(module.default_indent, module.default_newline)
    module._codegen(state)  # pyright: ignore[reportPrivateUsage] - as PositionProvider does
    return state.ranges


class _PositionState(CodegenState):
    """``PositionProvidingCodegenState`` recording tuples (libcst/metadata/position_provider.py).

    Nodes that mark their syntactic extent (``record_syntactic_position``) get that
    range; every other node gets the range of all the code it generated.
    """

    __slots__ = ("_starts", "column", "line", "ranges")

    def __init__(self, default_indent: str, default_newline: str) -> None:
        super().__init__(default_indent=default_indent, default_newline=default_newline)
        self.line = 1
        self.column = 0
        self._starts: list[tuple[int, int]] = []
        self.ranges: dict[libcst.CSTNode, _Range] = {}

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        for token in self.indent_tokens:
            self._advance(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self._advance(value)

    def _advance(self, value: str) -> None:
        if "\n" not in value and "\r" not in value:
            self.column += len(value)
            return
        # \r\n, \r and \n each end a line
        lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.line += len(lines) - 1
        self.column = len(lines[-1])

    def before_codegen(self, node: libcst.CSTNode) -> None:
        self._starts.append((self.line, self.column))

    def after_codegen(self, node: libcst.CSTNode) -> None:
        line, column = self._starts.pop()
        if node not in self.ranges:  # a syntactic range recorded already wins
            self.ranges[node] = (line, column, self.line, self.column)

    @contextlib.contextmanager
    def record_syntactic_position(
        self,
        node: libcst.CSTNode,
        *,
        start_node: libcst.CSTNode | None = None,
        end_node: libcst.CSTNode | None = None,
    ) -> Generator[None]:
        line, column = self.line, self.column
        # No `finally`: when code generation fails (a RecursionError on a deeply nested
        # module), end_node has no range, and a KeyError holding a CST node that cannot
        # even be repr'd would replace the error the engine knows how to report.
        yield
        end_line, end_column = self.line, self.column
        if start_node is not None:
            line, column = self.ranges[start_node][:2]
        if end_node is not None:
            end_line, end_column = self.ranges[end_node][2:]
        self.ranges[node] = (line, column, end_line, end_column)
