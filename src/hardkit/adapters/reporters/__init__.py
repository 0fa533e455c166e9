"""Reporters serialise a finished run; they decide nothing about findings."""

from __future__ import annotations

from collections.abc import Mapping

from hardkit.domain.findings import FileError, Finding
from hardkit.domain.rule import Rule
from hardkit.domain.values import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any

FORMATS = ("text", "json", "sarif", "github")


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

    @property
    def rules(self) -> Mapping[str, Rule[Any]]:
        if self.catalogue is not None:
            return self.catalogue
        from hardkit.domain.registry import rules_by_code  # every rule module: only when asked

        return rules_by_code()


def render(output_format: str, view: ReportView) -> str:
    if output_format == "json":
        from hardkit.adapters.reporters.json_report import render_json

        return render_json(view)
    if output_format == "sarif":
        from hardkit.adapters.reporters.sarif import render_sarif

        return render_sarif(view)
    if output_format == "github":
        from hardkit.adapters.reporters.github import render_github

        return render_github(view)
    from hardkit.adapters.reporters.text import render_text

    return render_text(view)
