"""The HK1xx checks on LibCST trees: where each statement sits, and what a condition names.

Imports LibCST at the top, so rule modules import this module only inside ``check``:
LibCST costs more to import than a whole clean-file run (DESIGN §7).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from hardkit.domain.asserts.security_words import (
    DEBUG_NAME,
    ConditionFacts,
    Vocabulary,
    handler_parameters,
    is_security_assert,
)
from hardkit.domain.values import cast

# LibCST spells these as names; CPython's ``ast`` as constants (never identifiers).
_CONSTANT_NAMES = frozenset({"True", "False", "None"})
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
    handlers: tuple[frozenset[str], ...]
    holder: Holder | None
    anchor: cst.CSTNode
    unit: str  # one indentation step as the innermost block writes it


@dataclass(frozen=True)
class _Context:
    indent: str
    handlers: tuple[frozenset[str], ...]
    unit: str


def sites(module: cst.Module) -> Iterator[Site]:
    """Every statement and clause of ``module`` in source order."""
    default = _written(module.default_indent)
    yield from _block(module.body, _Context("", (), default), default)


def _written(indent: str) -> str:
    """An indentation step as new lines write it: without form feeds, which the
    tokenizer accepts in indentation but which reset its column count (``\f pass``)."""
    return indent.replace("\f", "")


def _block(body: Sequence[cst.BaseStatement], ctx: _Context, default: str) -> Iterator[Site]:
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                yield Site(small, ctx.indent, ctx.handlers, statement, statement, ctx.unit)
        else:
            yield from _compound(statement, ctx, default)


def _compound(node: cst.CSTNode, ctx: _Context, default: str) -> Iterator[Site]:
    yield Site(node, ctx.indent, ctx.handlers, None, node, ctx.unit)
    inner = ctx
    if isinstance(node, cst.FunctionDef):
        params = handler_parameters(map(_last_name, node.decorators), _params(node.params))
        inner = _Context(ctx.indent, (*ctx.handlers, params), ctx.unit) if params else ctx
    for part in _parts(node):
        if isinstance(part, cst.IndentedBlock):
            step = _written(part.indent) if part.indent is not None else default
            yield from _block(
                part.body, _Context(inner.indent + step, inner.handlers, step), default
            )
        elif isinstance(part, cst.SimpleStatementSuite):
            for small in part.body:
                yield Site(small, inner.indent, inner.handlers, part, node, inner.unit)
        elif isinstance(part, cst.MatchCase) and isinstance(node, cst.Match):
            # cases are indented under ``match`` without a block of their own
            step = _written(node.indent) if node.indent is not None else default
            yield from _compound(part, _Context(ctx.indent + step, ctx.handlers, step), default)
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


def _last_name(decorator: cst.Decorator) -> str | None:
    node = decorator.decorator
    if isinstance(node, cst.Call):
        node = node.func
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return node.value if isinstance(node, cst.Name) else None


def _params(params: cst.Parameters) -> list[str]:
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    every += [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
    return [p.name.value for p in every]


def string_key(node: cst.Subscript) -> str | None:
    """The key of ``x["key"]`` (one string element, no trailing comma, no star)."""
    if len(node.slice) != 1:
        return None
    element = node.slice[0]
    index = element.slice
    if element.comma is not cst.MaybeSentinel.DEFAULT or not isinstance(index, cst.Index):
        return None
    if index.star is not None or not isinstance(index.value, cst.BaseString):
        return None
    value = _string_value(index.value)
    return value if isinstance(value, str) else None


def _string_value(node: cst.BaseString) -> str | bytes | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return node.evaluated_value
    return None  # an f-string is never a fixed key


class _FactsCollector:
    def __init__(self) -> None:
        self.identifiers: set[str] = set()
        self.keys: set[str] = set()
        self.names: set[str] = set()

    def collect(self, node: cst.CSTNode) -> None:
        if isinstance(node, cst.Name):
            if node.value not in _CONSTANT_NAMES:
                self.identifiers.add(node.value)
                self.names.add(node.value)
            return
        if isinstance(node, cst.Attribute):
            self.identifiers.add(node.attr.value)
            self.collect(node.value)
            return
        if isinstance(node, cst.Arg) and node.keyword is not None:
            self.identifiers.add(node.keyword.value)
            self.collect(node.value)
            return
        if isinstance(node, cst.Param):
            self.identifiers.add(node.name.value)
            if node.default is not None:
                self.collect(node.default)
            return
        if isinstance(node, cst.Subscript):
            key = string_key(node)
            if key is not None:
                self.keys.add(key)
        for child in node.children:
            self.collect(child)


def condition_facts(condition: cst.BaseExpression) -> ConditionFacts:
    collector = _FactsCollector()
    collector.collect(condition)
    return ConditionFacts(
        frozenset(collector.identifiers), frozenset(collector.keys), frozenset(collector.names)
    )


def security_asserts(module: cst.Module, vocab: Vocabulary) -> Iterator[tuple[cst.Assert, Site]]:
    """The asserts HK101 reports, with where they sit."""
    for site in sites(module):
        node = site.node
        if isinstance(node, cst.Assert) and is_security_assert(
            condition_facts(node.test), site.handlers, vocab
        ):
            yield node, site


# -- HK102 -------------------------------------------------------------------------------


def is_debug_condition(test: cst.BaseExpression) -> bool:
    if isinstance(test, cst.Name):
        return test.value == DEBUG_NAME
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return is_debug_condition(test.left) or is_debug_condition(test.right)
    return False


class _BlockScan(cst.CSTVisitor):
    def __init__(self) -> None:
        self.raises = False
        self.identifiers: list[str] = []

    def visit_Raise(self, node: cst.Raise) -> None:
        self.raises = True

    def visit_Name(self, node: cst.Name) -> None:
        if node.value not in _CONSTANT_NAMES:
            self.identifiers.append(node.value)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        key = string_key(node)
        if key is not None:
            self.identifiers.append(key)


def debug_blocks(module: cst.Module, vocab: Vocabulary) -> Iterator[cst.If]:
    """The ``if __debug__`` blocks HK102 reports."""
    for site in sites(module):
        node = site.node
        if isinstance(node, cst.If) and is_debug_condition(node.test):
            scan = _BlockScan()
            node.body.visit(scan)
            if scan.raises or vocab.mentions(scan.identifiers):
                yield node
