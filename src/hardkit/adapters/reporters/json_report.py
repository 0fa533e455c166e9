"""The JSON report of DESIGN §3: one object, ``version`` 1 (``statistics`` added with
``--statistics``: count per rule)."""

from __future__ import annotations

import json
from typing import Any

from hardkit.adapters.reporters import ReportView, statistics

JSON_VERSION = 1


def render_json(view: ReportView) -> str:
    findings: list[dict[str, Any]] = []
    for f in view.findings:
        rule = view.rules.get(f.code)
        findings.append(
            {
                "code": f.code,
                "name": rule.name if rule else "",
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "end_line": f.end_line,
                "end_column": f.end_column,
                "severity": rule.severity.value if rule else "error",
                "message": f.message,
                "fixable": f.fixable,
            }
        )
    errors = [{"path": e.path, "message": e.message} for e in view.errors]
    document: dict[str, Any] = {"version": JSON_VERSION, "findings": findings, "errors": errors}
    if view.statistics:  # added beside the findings: a reader of version 1 is unaffected
        document["statistics"] = [
            {"code": s.code, "name": s.name, "count": s.total, "fixable": s.fixable}
            for s in statistics(view)
        ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
