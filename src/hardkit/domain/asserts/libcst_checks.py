"""Where each statement of a LibCST tree sits: what the HK101 fix needs to rewrite one.

Imports LibCST at the top, so rule modules import this module only when fixing: LibCST
costs more to import than a whole clean-file run (DESIGN §7).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from hardkit.domain.values import cast

_CLAUSES = (cst.If, cst.Else, cst.ExceptHandler, cst.ExceptStarHandler, cst.Finally, cst.MatchCase)

Holder = cst.SimpleStatementLine | cst.SimpleStatementSuite


@dataclass(frozen=True)
class Site:
    """A statement, and the facts about its position that rules and fixes need.

    ``indent`` is the absolute indentation of the block the statement's logical line
    belongs to (for a one-line suite, the block of the compound statement owning it).
    ``holder`` is the line or one-line suite holding a small statement (None for a
    compound statement); ``anchor`` is the statement whose first line may carry ``noqa``.
    """

    node: cst.CSTNode
    indent: str
    holder: Holder | None
    anchor: cst.CSTNode
    unit: str  # one indentation step as the innermost block writes it


@dataclass(frozen=True)
class _Context:
    indent: str
    unit: str


def sites(module: cst.Module) -> Iterator[Site]:
    """Every statement and clause of ``module`` in source order."""
    default = _written(module.default_indent)
    yield from _block(module.body, _Context("", default), default)


def _written(indent: str) -> str:
    """An indentation step as new lines write it: without form feeds, which the
    tokenizer accepts in indentation but which reset its column count (``\f pass``)."""
    return indent.replace("\f", "")


def _block(body: Sequence[cst.BaseStatement], ctx: _Context, default: str) -> Iterator[Site]:
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                yield Site(small, ctx.indent, statement, statement, ctx.unit)
        else:
            yield from _compound(statement, ctx, default)


def _compound(node: cst.CSTNode, ctx: _Context, default: str) -> Iterator[Site]:
    yield Site(node, ctx.indent, None, node, ctx.unit)
    inner = ctx
    for part in _parts(node):
        if isinstance(part, cst.IndentedBlock):
            step = _written(part.indent) if part.indent is not None else default
            yield from _block(part.body, _Context(inner.indent + step, step), default)
        elif isinstance(part, cst.SimpleStatementSuite):
            for small in part.body:
                yield Site(small, inner.indent, part, node, inner.unit)
        elif isinstance(part, cst.MatchCase) and isinstance(node, cst.Match):
            # cases are indented under ``match`` without a block of their own
            step = _written(node.indent) if node.indent is not None else default
            yield from _compound(part, _Context(ctx.indent + step, step), default)
        else:
            yield from _compound(part, ctx, default)


def _parts(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """A compound statement's (or clause's) suites and clauses, in source order."""
    for field in ("body", "handlers", "cases", "orelse", "finalbody"):
        value: object = getattr(node, field, None)
        items = cast("Sequence[object]", value) if isinstance(value, (list, tuple)) else (value,)
        for item in items:
            if isinstance(item, (cst.BaseSuite, *_CLAUSES)):
                yield item
