"""Applying and recording baselines over a finished check."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from hardkit.adapters.baseline_file import write_baseline
from hardkit.adapters.source import DecodeError
from hardkit.domain.baseline import (
    BaselineEntry,
    BaselineMatch,
    apply_baseline,
    entries_for,
    stable_ids,
)
from hardkit.domain.findings import Finding
from hardkit.domain.rule import FileKind


class _Candidate(Protocol):
    @property
    def path(self) -> Path: ...
    @property
    def kind(self) -> FileKind: ...


def _lines_of(
    findings: list[Finding], candidates: Mapping[str, _Candidate]
) -> dict[str, list[str]]:
    """The text lines of every file that has findings (read again: the cache keeps no text)."""
    from hardkit.service.analyse import decode

    out: dict[str, list[str]] = {}
    for key in {f.path for f in findings}:
        candidate = candidates.get(key)
        if candidate is None:
            continue
        try:
            out[key] = decode(candidate.kind, candidate.path.read_bytes()).text.splitlines()
        except (OSError, DecodeError):
            out[key] = []
    return out


def record_baseline(
    path: Path, findings: list[Finding], candidates: Mapping[str, _Candidate]
) -> int:
    entries = entries_for(findings, _lines_of(findings, candidates))
    write_baseline(path, entries)
    return len(entries)


def filter_baseline(
    entries: tuple[BaselineEntry, ...],
    findings: list[Finding],
    candidates: Mapping[str, _Candidate],
) -> BaselineMatch:
    return apply_baseline(findings, _lines_of(findings, candidates), entries)


def finding_ids(findings: list[Finding], candidates: Mapping[str, _Candidate]) -> list[str]:
    """The stable identity of each finding (``stable_ids``), in the order given."""
    return stable_ids(findings, _lines_of(findings, candidates))
