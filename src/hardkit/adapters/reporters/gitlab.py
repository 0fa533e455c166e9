"""GitLab Code Quality: a JSON list of issues (``artifacts:reports:codequality``).

Each issue has the fields GitLab documents for the report: ``description``,
``check_name``, ``fingerprint``, ``severity`` and ``location.path`` with
``location.lines.begin``. The fingerprint is how GitLab tells a new issue from an old
one between two pipelines, so it must not change when lines move: it is the finding's
stable identity (the baseline's: file, rule, the flagged source normalised, and which
of identical statements it is), given by the service. Files that could not be checked
are issues too, on their first line.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hardkit.adapters.reporters import ReportView

# GitLab's scale: info, minor, major, critical, blocker.
_SEVERITY = {"error": "major", "warning": "minor"}
CANNOT_CHECK = "hardkit-file-error"


def _fallback_id(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _issue(
    check_name: str, description: str, fingerprint: str, severity: str, path: str, line: int
) -> dict[str, Any]:
    return {
        "description": description,
        "check_name": check_name,
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {"path": path, "lines": {"begin": line}},
    }


def render_gitlab(view: ReportView) -> str:
    ids = view.finding_ids or ("",) * len(view.findings)
    issues: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for finding, known in zip(view.findings, ids, strict=True):
        rule = view.rules.get(finding.code)
        severity = _SEVERITY[rule.severity.value] if rule is not None else "major"
        if not known:  # no source at hand (hardkit audit): the message names the thing
            key = f"{finding.code}\0{finding.path}\0{finding.message}"
            seen[key] = seen.get(key, -1) + 1
            known = _fallback_id(key, str(seen[key]))
        description = f"{finding.code} {finding.message}"
        issues.append(
            _issue(finding.code, description, known, severity, finding.path, finding.line)
        )
    for error in view.errors:
        mark = _fallback_id(CANNOT_CHECK, error.path, error.message)
        issues.append(_issue(CANNOT_CHECK, error.message, mark, "critical", error.path, 1))
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
