"""Baselines: record today's findings, then report only new ones.

A finding is matched by its rule, its file and the normalised source of the flagged
lines — not by line number — plus an occurrence index among identical statements in
that file. Lines moving, or edits elsewhere in the file, keep the match; editing the
flagged statement itself, or adding a second identical one, makes a new finding.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from hardkit.domain.findings import Finding

BASELINE_VERSION = 1
_SPACE = re.compile(r"\s+")


class BaselineEntry(NamedTuple):
    path: str
    code: str
    fingerprint: str
    occurrence: int
    line: int = 0  # for people reading the file; never used to match
    message: str = ""

    @property
    def identity(self) -> tuple[str, str, str, int]:
        return (self.path, self.code, self.fingerprint, self.occurrence)


def normalised_source(lines: list[str], finding: Finding) -> str:
    """The flagged lines with all whitespace runs collapsed."""
    flagged = lines[finding.line - 1 : max(finding.end_line, finding.line)]
    return _SPACE.sub(" ", " ".join(flagged)).strip()


def fingerprint(code: str, path: str, source: str) -> str:
    return hashlib.sha256(f"{code}\0{path}\0{source}".encode()).hexdigest()[:20]


def entries_for(findings: Iterable[Finding], lines_of: dict[str, list[str]]) -> list[BaselineEntry]:
    """One entry per finding, numbering identical statements of a file in source order."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out: list[BaselineEntry] = []
    for finding in sorted(findings, key=Finding.sort_key):
        source = normalised_source(lines_of.get(finding.path, []), finding)
        mark = fingerprint(finding.code, finding.path, source)
        key = (finding.path, finding.code, mark)
        out.append(
            BaselineEntry(
                finding.path, finding.code, mark, seen[key], finding.line, finding.message
            )
        )
        seen[key] += 1
    return out


def stable_ids(findings: Iterable[Finding], lines_of: dict[str, list[str]]) -> list[str]:
    """An identity per finding, in the order given, that stays the same across runs and
    when lines move: the baseline's (file, rule, normalised flagged source, occurrence),
    hashed (32 hex digits; what a GitLab Code Quality ``fingerprint`` needs)."""
    given = list(findings)
    order = sorted(range(len(given)), key=lambda i: given[i].sort_key())
    entries = entries_for([given[i] for i in order], lines_of)
    ids = [""] * len(given)
    for index, entry in zip(order, entries, strict=True):
        identity = "\0".join((entry.path, entry.code, entry.fingerprint, str(entry.occurrence)))
        ids[index] = hashlib.sha256(identity.encode()).hexdigest()[:32]
    return ids


class BaselineMatch(NamedTuple):
    kept: list[Finding]
    hidden: int
    stale: int  # entries that no longer match any finding


def apply_baseline(
    findings: list[Finding], lines_of: dict[str, list[str]], baseline: Iterable[BaselineEntry]
) -> BaselineMatch:
    recorded = {entry.identity for entry in baseline}
    ordered = sorted(findings, key=Finding.sort_key)
    entries = entries_for(ordered, lines_of)
    kept = [f for f, e in zip(ordered, entries, strict=True) if e.identity not in recorded]
    matched = {e.identity for e in entries} & recorded
    return BaselineMatch(kept, len(ordered) - len(kept), len(recorded - matched))
