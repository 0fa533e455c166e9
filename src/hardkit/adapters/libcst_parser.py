"""LibCST parsing with positions. Imported only when a rule asks for a concrete tree:
``import libcst`` alone costs more than a whole clean-file run."""

from __future__ import annotations

import libcst
from libcst.metadata import MetadataWrapper, PositionProvider

from hardkit.domain.sources import ParseFailure, Span


class LibcstTree:
    """A parsed module and its node positions (1-based lines, 1-based character columns)."""

    def __init__(self, text: str) -> None:
        try:
            module = libcst.parse_module(text)
        except libcst.ParserSyntaxError as exc:
            raise ParseFailure(
                f"LibCST cannot parse this file: {exc.message}", exc.raw_line, exc.raw_column + 1
            ) from None
        self._wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        self._positions = self._wrapper.resolve(PositionProvider)

    @property
    def module(self) -> libcst.Module:
        return self._wrapper.module

    def span(self, node: libcst.CSTNode) -> Span:
        code_range = self._positions[node]
        return Span(
            code_range.start.line,
            code_range.start.column + 1,
            code_range.end.line,
            code_range.end.column + 1,
        )

    def code_for(self, node: libcst.CSTNode) -> str:
        return self._wrapper.module.code_for_node(node)


def parse_cst(text: str) -> LibcstTree:
    return LibcstTree(text)
