"""Findings, fixes and per-file results: the values every layer passes around."""

from __future__ import annotations

import enum

from hardkit.domain.values import NamedTuple


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` (character offsets) with ``content``."""

    start: int
    end: int
    content: str


class Fix(NamedTuple):
    """A safe fix: non-overlapping edits applied together."""

    edits: tuple[Edit, ...]


# A fix that exists but whose edits were not built: a check only says "fixable", and a
# rule whose edits are costly (HK101 needs LibCST) builds them only when fixing
# (``PythonFile.fixing``). ``apply_fixes`` skips it: the fix loop asks for the real edits.
DEFERRED = Fix(())


class Finding(NamedTuple):
    """One problem in one file. ``line``/``column`` are 1-based, columns count characters.

    ``anchor_line`` is the first line of the flagged statement (or instruction), where a
    suppression comment may also sit; it defaults to ``line``.
    """

    code: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: Fix | None = None
    anchor_line: int = 0

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    @property
    def suppression_lines(self) -> tuple[int, ...]:
        if self.anchor_line and self.anchor_line != self.line:
            return (self.line, self.anchor_line)
        return (self.line,)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


class FileError(NamedTuple):
    """A file that could not be checked at all (unreadable, vanished, a dangling link)."""

    path: str
    message: str


class FileResult(NamedTuple):
    """What checking one file produced."""

    path: str
    findings: tuple[Finding, ...] = ()
    errors: tuple[FileError, ...] = ()
    # Other project files the result depends on (a Dockerfile's entrypoint script), with
    # the signature of their state when read: a cached result is valid while they match.
    reads: tuple[tuple[str, str], ...] = ()


class Span(NamedTuple):
    """A 1-based, character-column range."""

    line: int
    column: int
    end_line: int
    end_column: int


def finding_at(
    code: str,
    path: str,
    span: Span,
    message: str,
    *,
    fix: Fix | None = None,
    anchor_line: int = 0,
) -> Finding:
    """A finding covering ``span``; ``anchor_line`` is where a suppression comment may sit."""
    return Finding(
        code,
        path,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        message,
        fix,
        anchor_line,
    )
