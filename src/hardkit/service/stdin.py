"""Checking source that is not on disk: an editor's buffer, read from stdin as if it
were the file ``path`` (``hardkit check --stdin-filename NAME -``).

The name decides everything a path decides — the kind of file, the configuration, the
project key that ``per-file-ignores``, ``test-paths`` and the layers see — and the run
is the one-file check (no cache, no whole-project HK204). With ``fix``, the fixed
source comes back as bytes in the buffer's own encoding, for the caller to print.
"""

from __future__ import annotations

from pathlib import Path

from hardkit.adapters.discovery import Candidate, project_key
from hardkit.adapters.source import DecodeError
from hardkit.domain.baseline import BaselineEntry, apply_baseline
from hardkit.domain.globs import matches_any
from hardkit.domain.kinds import kind_of
from hardkit.domain.values import NamedTuple
from hardkit.service.analyse import Analysis, Settings, analyse, decode
from hardkit.service.check import (
    NOTHING_TO_CHECK,
    CheckReport,
    display_path,
    siblings_of,
    unified_diff,
)
from hardkit.service.layers import with_layout


class SourceRequest(NamedTuple):
    path: Path  # absolute: where the buffer's file would be
    data: bytes
    settings: Settings
    root: Path
    cwd: Path
    fix: bool = False
    diff: bool = False
    baseline: tuple[BaselineEntry, ...] | None = None


class SourceReport(NamedTuple):
    report: CheckReport
    fixed: bytes | None  # with ``fix``: the whole source, fixed (or as it came)


def check_source(request: SourceRequest) -> SourceReport:
    report = CheckReport(files_checked=0)
    shown = display_path(request.path, request.cwd)
    kind = kind_of(request.path.name)
    key = project_key(request.path, request.root)
    unchanged = request.data if request.fix else None
    if kind is None or matches_any(request.settings.config.all_excludes, key):
        why = "" if kind is None else " (excluded by the configuration)"
        report.warnings.append(f"{NOTHING_TO_CHECK} {shown}{why}")
        return SourceReport(report, unchanged)
    report.files_checked = 1
    candidate = Candidate(str(request.path), key, kind)
    settings = with_layout(request.settings, [candidate], request.root)
    analysis = analyse(key, kind, request.data, settings, siblings_of(candidate, request.root))
    fixed = unchanged
    if (request.fix or request.diff) and any(f.fixable for f in analysis.findings):
        analysis, fixed = _fix(request, candidate, settings, analysis, report)
    findings = analysis.findings
    if request.baseline is not None and findings:
        lines = {key: analysis.source.text.splitlines() if analysis.source else []}
        match = apply_baseline(findings, lines, request.baseline)
        findings = match.kept
        report.baseline_hidden, report.baseline_stale = match.hidden, match.stale
    report.findings.extend(f._replace(path=shown) for f in findings)
    report.findings.sort(key=lambda finding: finding.sort_key())
    report.errors.extend(e._replace(path=shown) for e in analysis.errors)
    return SourceReport(report, fixed)


def _fix(
    request: SourceRequest,
    candidate: Candidate,
    settings: Settings,
    analysis: Analysis,
    report: CheckReport,
) -> tuple[Analysis, bytes | None]:
    """The analysis after fixing, and the fixed bytes (``fix``); ``diff`` only records."""
    from hardkit.service.fix import fix_source

    unchanged = request.data if request.fix else None
    try:
        source = decode(candidate.kind, request.data)
    except DecodeError:
        return analysis, unchanged
    outcome = fix_source(
        candidate.key, candidate.kind, source, settings, siblings_of(candidate, request.root)
    )
    if outcome.text == source.text:
        return outcome.analysis, unchanged
    report.fixes_applied += outcome.applied
    if request.diff:
        report.diffs.append(unified_diff(source.text, outcome.text, candidate.key))
        return analysis, None
    return outcome.analysis, source.encode(outcome.text)
