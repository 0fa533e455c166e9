"""The imports of one Python file, as written: what the layering rules and the import
graph (HK204) are built from.

Every ``import`` and ``from ... import`` counts wherever it sits: at module level,
inside functions and classes, under ``if TYPE_CHECKING:`` or in a ``try``. Records hold
the statement's own character span and are independent of any configuration, so they
can be cached by the file's content alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.layering.modules import absolute_module, dotted_prefixes
from hardkit.domain.project import ModuleName
from hardkit.domain.sources import PythonFile, Span
from hardkit.domain.values import TYPE_CHECKING, NamedTuple

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

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)

    def candidates(self, importer: ModuleName) -> tuple[str, ...] | None:
        """The absolute module names this import may refer to, most specific first:
        ``from a.b import c`` may load module ``a.b.c`` or take the name ``c`` from
        ``a.b``. None when a relative import climbs above the top-level package."""
        base = absolute_module(self.level, self.module, importer)
        if base is None:
            return None
        if self.name is None or self.name == "*":
            return dotted_prefixes(base) if base else ()
        return dotted_prefixes(f"{base}.{self.name}" if base else self.name)

    @property
    def written(self) -> str:
        """The import as the source spells it, for messages: ``..adapters.repo``."""
        return "." * self.level + self.module


def imports_of(file: PythonFile) -> tuple[ImportRecord, ...]:
    """Every import of ``file``, in source order (the file must have parsed)."""
    records: list[ImportRecord] = []
    for node in _import_statements(file.ast):
        span = file.ast_span(node)
        for module, level, name in _names(node):
            records.append(
                ImportRecord(
                    level, module, name, span.line, span.column, span.end_line, span.end_column
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


def _import_statements(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements at any depth; only statements are visited (imports cannot sit in
    expressions), iteratively so that deep nesting costs no recursion."""
    import ast

    stack: list[object] = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        for field in _BLOCKS:
            children: object = getattr(node, field, None)
            if isinstance(children, list):
                stack.extend(reversed(children))  # pyright: ignore[reportUnknownArgumentType]
