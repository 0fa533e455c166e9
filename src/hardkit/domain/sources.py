"""The parsed files rules look at. Parsing itself is injected by the adapters."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable

from hardkit.domain.findings import Finding, Fix, Span, finding_at
from hardkit.domain.project import ProjectLayout
from hardkit.domain.values import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import ast  # imported when a tree is built: a hook that parses nothing never loads it

    import libcst

    from hardkit.domain.config import Config


_PHYSICAL_LINE = r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z"  # compiled on first use


class CstTree(Protocol):
    """A LibCST module with positions resolved (built by ``adapters.libcst_parser``)."""

    @property
    def module(self) -> libcst.Module: ...

    def span(self, node: libcst.CSTNode) -> Span: ...

    def code_for(self, node: libcst.CSTNode) -> str: ...


class NewerSyntax(Protocol):
    """A file the running ``ast`` refused but a newer grammar (LibCST's) accepts: the
    ``ast`` tree of its position-preserving downgrade (``adapters.newer_syntax``), the
    downgraded text, and the text to give LibCST (the file's, same positions)."""

    @property
    def tree(self) -> ast.Module: ...

    @property
    def text(self) -> str: ...

    @property
    def cst_text(self) -> str: ...


class PythonFile:
    """One Python source file as rules see it: text, path, and lazily parsed trees.

    ``ast`` is cheap (CPython's own parser) and suits screening; ``cst`` (LibCST) is
    what rules report and fix on, and is built only when a rule asks for it. A file
    CPython cannot parse is HK001 and nothing else: ``syntax_failure`` says why, once a
    parse was tried (``check_syntax`` tries the cheapest way when no rule needed a tree).

    Valid code is never HK001: a file the running ``ast`` refuses is read with
    ``newer_syntax`` (LibCST's grammar, which knows newer Pythons); when that accepts it,
    ``ast`` is the tree of a downgrade of the text that keeps every node's line and
    column, and ``ast_text`` is that text (tokenize it, not ``text``, to walk the same
    tokens ``ast`` saw). Otherwise ``ast_text`` is ``text``.
    """

    def __init__(
        self,
        path: str,
        text: str,
        config: Config,
        *,
        is_test: bool,
        cst_parser: Callable[[str], CstTree],
        newer_syntax: Callable[[str, str], NewerSyntax | None] | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.config = config
        self.is_test = is_test
        self._cst_parser = cst_parser
        self._newer_syntax = newer_syntax
        self.ast_text = text
        self._cst_text = text
        # The run's layered packages (HK2xx): file-system knowledge the service supplies.
        self.layout = ProjectLayout()
        self.syntax_failure: ParseFailure | None = None  # set when CPython's parser refused
        # Whether fix edits are wanted now (``--fix``, ``--diff``); otherwise a rule may
        # report a fixable finding with ``findings.DEFERRED`` instead of building them.
        self.fixing = False

    @functools.cached_property
    def ast(self) -> ast.Module:
        import ast

        try:
            return ast.parse(self.text, filename=self.path)
        except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
            refusal = exc
        newer = None
        if isinstance(refusal, SyntaxError) and self._newer_syntax is not None:
            newer = self._newer_syntax(self.text, self.path)
        if newer is None:
            self.syntax_failure = _parse_failure(refusal)  # CPython's message is the clearer
            raise refusal
        self.ast_text, self._cst_text = newer.text, newer.cst_text
        return newer.tree

    @functools.cached_property
    def cst(self) -> CstTree:
        self.ast  # noqa: B018 - CPython's verdict first: a file it refuses is HK001 as such
        return self._cst_parser(self._cst_text)

    def cst_of(self, text: str) -> CstTree:
        """A piece of this file's text (a statement, say) parsed by LibCST, with positions
        relative to the piece: what a fix rewrites, without a tree of the whole module."""
        return self._cst_parser(text)

    def check_syntax(self) -> ParseFailure | None:
        """Why CPython cannot parse the file (HK001), or None.

        When no rule needed the tree, the symbol-table pass checks the syntax without
        building Python objects for every node (~40% cheaper); only a file it refuses is
        parsed again by ``ast.parse``, whose verdict (and message) is the one reported:
        the symbol table refuses a few files ``ast.parse`` accepts, never the reverse.
        """
        parsed = "ast" in self.__dict__ or self.syntax_failure is not None
        if not parsed and not _symbol_table_accepts(self.text, self.path):
            with contextlib.suppress(SyntaxError, ValueError, MemoryError, RecursionError):
                self.ast  # noqa: B018 - the parse is the point
        return self.syntax_failure

    @functools.cached_property
    def lines(self) -> list[str]:
        return physical_lines(self.text)

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        for text in self.lines:
            starts.append(starts[-1] + len(text))
        return starts

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based line and column."""
        return self._line_starts[line - 1] + column - 1

    def finding(
        self, code: str, span: Span, message: str, fix: Fix | None = None, anchor_line: int = 0
    ) -> Finding:
        return finding_at(code, self.path, span, message, fix=fix, anchor_line=anchor_line)

    def ast_span(self, node: ast.stmt | ast.expr) -> Span:
        """The character span of an ``ast`` node (``ast`` columns count UTF-8 bytes)."""
        end_line = node.end_lineno or node.lineno
        end_col = node.end_col_offset if node.end_col_offset is not None else node.col_offset
        return Span(
            node.lineno,
            self._char_column(node.lineno, node.col_offset) + 1,
            end_line,
            self._char_column(end_line, end_col) + 1,
        )

    def _char_column(self, line: int, byte_column: int) -> int:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return len(text.encode("utf-8")[:byte_column].decode("utf-8", errors="ignore"))


def physical_lines(text: str) -> list[str]:
    r"""The lines of ``text`` with their endings, split only at ``\n``, ``\r\n`` and ``\r``.

    That is where the tokenizer, ``ast``, LibCST and BuildKit end a line; ``str.splitlines``
    would also split at ``\f``, ``\x1c``-``\x1e``, ``\x85``, ``\u2028``... and shift positions.
    """
    return re.findall(_PHYSICAL_LINE, text)


def _parse_failure(exc: Exception) -> ParseFailure:
    if isinstance(exc, SyntaxError):
        return ParseFailure(f"syntax error: {exc.msg}", exc.lineno or 1, exc.offset or 1)
    return ParseFailure(f"cannot parse: {exc}")


def _symbol_table_accepts(text: str, path: str) -> bool:
    """Whether CPython's parser and symbol-table pass accept the module (no AST objects)."""
    import importlib

    build: Callable[[str, str, str], object]
    try:  # the built-in behind ``symtable.symtable``: that module costs more than a parse
        build = importlib.import_module("_symtable").symtable
    except ImportError:  # pragma: no cover - other interpreters
        from symtable import symtable as build
    try:
        build(text, path, "exec")
    except Exception:  # noqa: BLE001 - any refusal sends the file to ``ast.parse``
        return False
    return True


class ParseFailure(Exception):
    """A parser rejected the text; becomes an HK001 finding at ``line``:``column``."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = max(line, 1)
        self.column = max(column, 1)


class CheckUnavailable(Exception):
    """This installation cannot check the file at all (a parser with no wheel for the
    platform); becomes an error entry for that file, not a finding."""


def comments_by_line(text: str) -> dict[int, str]:
    """Every ``#`` comment of a Python source, by 1-based line (strings never match)."""
    import io
    import tokenize

    out: dict[int, str] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                out[token.start[0]] = token.string
    except (tokenize.TokenError, SyntaxError):
        pass  # the file parsed already; keep what was read before a tokenizer quirk
    return out
