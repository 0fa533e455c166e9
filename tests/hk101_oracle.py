"""What LibCST's whole-module tree says about each assert's line: the oracle the HK101 fix's
``holders.py`` (``ast`` + the tokens of one logical line) is held to.

Before issue 19 the fix located asserts on a LibCST tree of the whole module; this is that
walk, kept as the reference: the statement line or one-line suite holding each assert,
the absolute indentation of its block (``IndentedBlock.indent`` steps, form feeds dropped),
one indentation step as the innermost block writes it (``Module.default_indent`` at the
top), the text between a suite's colon and its first statement, and the line's ending.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import libcst as cst

from hardkit.adapters.libcst_parser import parse_cst
from hardkit.domain.asserts.holders import Holder
from hardkit.domain.sources import physical_lines

_CLAUSES = (cst.If, cst.Else, cst.ExceptHandler, cst.ExceptStarHandler, cst.Finally, cst.MatchCase)
_Holder = cst.SimpleStatementLine | cst.SimpleStatementSuite


@dataclass(frozen=True)
class _Site:
    node: cst.BaseSmallStatement
    indent: str
    holder: _Holder
    unit: str
    anchor: cst.CSTNode  # the line, or the compound statement or clause of a suite


def _written(indent: str) -> str:
    return indent.replace("\f", "")


def _sites(module: cst.Module) -> Iterator[_Site]:
    default = _written(module.default_indent)
    yield from _block(module.body, "", default, default)


def _block(body: Sequence[Any], indent: str, unit: str, default: str) -> Iterator[_Site]:
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                yield _Site(small, indent, statement, unit, statement)
        else:
            yield from _compound(statement, indent, unit, default)


def _compound(node: cst.CSTNode, indent: str, unit: str, default: str) -> Iterator[_Site]:
    for part in _parts(node):
        if isinstance(part, cst.IndentedBlock):
            step = _written(part.indent) if part.indent is not None else default
            yield from _block(part.body, indent + step, step, default)
        elif isinstance(part, cst.SimpleStatementSuite):
            for small in part.body:
                yield _Site(small, indent, part, unit, node)
        elif isinstance(part, cst.MatchCase) and isinstance(node, cst.Match):
            step = _written(node.indent) if node.indent is not None else default
            yield from _compound(part, indent + step, step, default)
        else:
            yield from _compound(part, indent, unit, default)


def _parts(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    for field in ("body", "handlers", "cases", "orelse", "finalbody"):
        value: Any = getattr(node, field, None)
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, (cst.BaseSuite, *_CLAUSES)):
                yield item


def libcst_anchors(text: str) -> list[int]:
    """The first line of each assert's logical line (where ``noqa`` may sit), in order."""
    tree = parse_cst(text)
    return [
        tree.span(site.anchor).line
        for site in _sites(tree.module)
        if isinstance(site.node, cst.Assert)
    ]


def libcst_holders(text: str) -> list[Holder]:
    """A ``Holder`` per assert of ``text``, in source order, as LibCST's tree gives it."""
    tree = parse_cst(text)
    starts = [0]
    for line in physical_lines(text):
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    found: list[Holder] = []
    for site in _sites(tree.module):
        if not isinstance(site.node, cst.Assert):
            continue
        holder = site.holder
        first, last = tree.span(holder.body[0]), tree.span(holder.body[-1])
        start = offset(first.line, first.column)
        ending = holder.trailing_whitespace.newline.value or tree.module.default_newline
        suite = isinstance(holder, cst.SimpleStatementSuite)
        lead = (
            holder.leading_whitespace.value if isinstance(holder, cst.SimpleStatementSuite) else ""
        )
        end = _line_end(text, offset(last.end_line, last.end_column))
        position = list(holder.body).index(site.node)
        found.append(Holder(start, end, suite, lead, site.indent, site.unit, position, ending))
    return found


def _line_end(text: str, offset: int) -> int:
    """The offset after the line ending that follows ``offset`` (or the text's end)."""
    for index in range(offset, len(text)):
        if text[index] == "\n":
            return index + 1
        if text[index] == "\r":
            return index + 2 if text[index + 1 : index + 2] == "\n" else index + 1
    return len(text)
