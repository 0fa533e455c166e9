"""The imports of one Python file, as written: what the layering rules and the import
graph (HK204) are built from.

Every ``import`` and ``from ... import`` counts wherever it sits: at module level,
inside functions and classes, under ``if TYPE_CHECKING:`` or in a ``try``; a record
says whether it is type-only (under ``if TYPE_CHECKING:``), which couples the layers but
does no I/O at run time. Records hold the statement's own character span and are
independent of any configuration, so they can be cached by the file's content alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.sources import PythonFile, Span
from hardkit.domain.values import TYPE_CHECKING, NamedTuple, cast

if TYPE_CHECKING:
    import ast  # imported where a tree is walked: a hook that parses nothing never loads it

# The fields of a statement (or except handler / match case) that hold nested statements.
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


class ImportRecord(NamedTuple):
    """One imported name of one import statement.

    ``import a.b`` gives ``(level=0, module="a.b", name=None)``; ``from ..x import y``
    gives ``(level=2, module="x", name="y")``; ``from . import y`` has ``module=""``.
    """

    level: int
    module: str
    name: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    type_checking: bool = False  # under ``if TYPE_CHECKING:``: never imported at run time

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)

    @property
    def written(self) -> str:
        """The import as the source spells it, for messages: ``..adapters.repo``."""
        return "." * self.level + self.module


def imports_of(file: PythonFile) -> tuple[ImportRecord, ...]:
    """Every import of ``file``, in source order (the file must have parsed)."""
    records: list[ImportRecord] = []
    for node, type_only in _import_statements(file.ast):
        span = file.ast_span(node)
        for module, level, name in _names(node):
            records.append(
                ImportRecord(
                    level,
                    module,
                    name,
                    span.line,
                    span.column,
                    span.end_line,
                    span.end_column,
                    type_only,
                )
            )
    records.sort(key=lambda r: (r.line, r.column))
    return tuple(records)


def _names(node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, int, str | None]]:
    import ast

    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, 0, None
        return
    for alias in node.names:
        yield node.module or "", node.level or 0, alias.name


def _import_statements(tree: ast.Module) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Import statements at any depth, each with whether it sits in a type-checking-only
    block; only statements are visited (imports cannot sit in expressions), iteratively so
    that deep nesting costs no recursion."""
    import ast

    stack: list[tuple[object, bool]] = [(n, False) for n in reversed(tree.body)]
    while stack:
        node, type_only = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, type_only
            continue
        guarded = _type_checking_branch(node) if isinstance(node, ast.If) else None
        for field in _BLOCKS:
            children: object = getattr(node, field, None)
            if isinstance(children, list):
                flag = type_only or field == guarded
                items = cast("list[object]", children)
                stack.extend((child, flag) for child in reversed(items))


def _type_checking_branch(node: ast.If) -> str | None:
    """Which branch of ``if TYPE_CHECKING:`` (or ``if not TYPE_CHECKING:``) only a type
    checker sees: ``body``, ``orelse``, or None for any other condition."""
    import ast

    test, branch = node.test, "body"
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test, branch = test.operand, "orelse"
    name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
    return branch if name == "TYPE_CHECKING" else None
