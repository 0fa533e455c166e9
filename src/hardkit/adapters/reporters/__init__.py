"""Reporters serialise a finished run; they decide nothing about findings."""

from __future__ import annotations

from collections.abc import Mapping

from hardkit.domain.findings import FileError, Finding
from hardkit.domain.rule import Rule
from hardkit.domain.values import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any

FORMATS = ("text", "json", "sarif", "github", "gitlab")
STATISTICS_FORMATS = ("text", "json")  # --statistics changes these; the others have no place


class ReportView(NamedTuple):
    findings: tuple[Finding, ...]
    errors: tuple[FileError, ...] = ()
    fixes_applied: int = 0
    fix_mode: bool = False
    statistics: bool = False
    quiet: bool = False
    baseline_hidden: int = 0
    baseline_stale: int = 0
    color: bool = False
    catalogue: Mapping[str, Rule[Any]] | None = None  # default: every registered rule
    # Each finding's stable identity (parallel to ``findings``), from the service; the
    # gitlab report's fingerprints. Empty: derived from code, path and message.
    finding_ids: tuple[str, ...] = ()

    @property
    def rules(self) -> Mapping[str, Rule[Any]]:
        if self.catalogue is not None:
            return self.catalogue
        from hardkit.domain.registry import rules_by_code  # every rule module: only when asked

        return rules_by_code()


class Statistic(NamedTuple):
    code: str
    name: str
    total: int  # findings of this rule
    fixable: bool  # at least one of them is


def statistics(view: ReportView) -> list[Statistic]:
    """Findings counted per rule, most frequent first (``--statistics``)."""
    counts: dict[str, int] = {}
    fixable: set[str] = set()
    for finding in view.findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
        if finding.fixable:
            fixable.add(finding.code)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [Statistic(code, _name(view, code), count, code in fixable) for code, count in ordered]


def _name(view: ReportView, code: str) -> str:
    rule = view.rules.get(code)
    return rule.name if rule else ""


def render(output_format: str, view: ReportView) -> str:
    if output_format == "json":
        from hardkit.adapters.reporters.json_report import render_json

        return render_json(view)
    if output_format == "sarif":
        from hardkit.adapters.reporters.sarif import render_sarif

        return render_sarif(view)
    if output_format == "gitlab":
        from hardkit.adapters.reporters.gitlab import render_gitlab

        return render_gitlab(view)
    if output_format == "github":
        from hardkit.adapters.reporters.github import render_github

        return render_github(view)
    from hardkit.adapters.reporters.text import render_text

    return render_text(view)
