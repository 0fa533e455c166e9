"""Suppression comments: ``# noqa: HK101, HK203`` (Python) and
``# hardkit ignore=HK301,HK304`` (Dockerfiles).

A bare ``# noqa`` names no code, so it suppresses no HK rule: hardkit's findings are
security findings, and a blanket ``noqa`` written for another linter must not hide them.
"""

from __future__ import annotations

import re

from hardkit.domain.findings import Finding
from hardkit.domain.values import Protocol

# Patterns as text, compiled (and cached by ``re``) on first use: a clean file never
# needs them, and the case-insensitive ones cost ~1 ms each to compile.
_NOQA = r"#\s*noqa\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)"
_DOCKER_IGNORE = r"^\s*#\s*hardkit\s+ignore\s*=\s*(?P<codes>HK[0-9]+(?:\s*,\s*HK[0-9]+)*)\s*$"
_CODE = r"[A-Za-z]+[0-9]+"


def noqa_codes(comment: str) -> frozenset[str]:
    """Codes named by a ``# noqa: ...`` comment (upper-cased); empty for a bare ``# noqa``."""
    found: set[str] = set()
    for match in re.finditer(_NOQA, comment, re.IGNORECASE):
        found.update(code.upper() for code in re.findall(_CODE, match.group("codes")))
    return frozenset(found)


def dockerfile_ignore_codes(line: str) -> frozenset[str]:
    """Codes named by a ``# hardkit ignore=HK301,HK304`` comment line; empty otherwise."""
    match = re.match(_DOCKER_IGNORE, line, re.IGNORECASE)
    if match is None:
        return frozenset()
    return frozenset(code.upper() for code in re.findall(_CODE, match.group("codes")))


def names_code(codes: frozenset[str], code: str) -> bool:
    """Whether a suppression naming ``codes`` covers ``code`` (exact codes only, like ruff)."""
    return code in codes


UNSUPPRESSIBLE_ATTEMPT = "HK002"


class CommentReader(Protocol):
    """Where the suppression comments of one file are, and what they name."""

    def codes(self, line: int) -> frozenset[str]: ...

    def column(self, line: int) -> int: ...

    def lines_for(self, finding: Finding) -> tuple[int, ...]: ...


def apply_suppressions(
    findings: list[Finding],
    comments: CommentReader,
    per_file_off: tuple[str, ...],
    unsuppressible: tuple[str, ...],
) -> list[Finding]:
    """Drop suppressed findings. An unsuppressible one stays, and every attempt to
    suppress it becomes an HK002 finding of its own (which nothing can suppress)."""
    kept: list[Finding] = []
    for finding in findings:
        protected = any(finding.code.startswith(p) for p in unsuppressible)
        by_config = any(finding.code.startswith(p) for p in per_file_off)
        by_comment = [
            line
            for line in comments.lines_for(finding)
            if names_code(comments.codes(line), finding.code)
        ]
        if finding.code == UNSUPPRESSIBLE_ATTEMPT or not (by_config or by_comment):
            kept.append(finding)
        elif protected:
            kept.append(finding)
            kept.extend(_attempts(finding, comments, by_config, by_comment))
    return kept


def _attempts(
    finding: Finding, comments: CommentReader, by_config: bool, by_comment: list[int]
) -> list[Finding]:
    code = finding.code
    out: list[Finding] = []
    if by_config:
        message = f"per-file-ignores cannot suppress {code}: it is listed in `unsuppressible`"
        out.append(finding._replace(code=UNSUPPRESSIBLE_ATTEMPT, message=message, fix=None))
    for line in sorted(set(by_comment)):
        column = comments.column(line)
        message = f"this comment cannot suppress {code}: it is listed in `unsuppressible`"
        out.append(
            Finding(UNSUPPRESSIBLE_ATTEMPT, finding.path, line, column, line, column, message)
        )
    return out
