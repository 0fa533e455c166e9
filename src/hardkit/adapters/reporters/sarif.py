"""SARIF 2.1.0: rules in ``tool.driver.rules``, one result per finding."""

from __future__ import annotations

import json
from typing import Any

from hardkit import __version__
from hardkit.adapters.reporters import ReportView

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule_entry(rule: Any) -> dict[str, Any]:
    help_text = "\n\n".join(f"## {title}\n\n{body}" for title, body in rule.doc.sections() if body)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.what_it_does},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {"fixable": rule.fixable, "tags": ["security", "hardening"]},
    }


def render_sarif(view: ReportView) -> str:
    codes = sorted(view.rules)
    index = {code: i for i, code in enumerate(codes)}
    results: list[dict[str, Any]] = []
    for f in view.findings:
        rule = view.rules.get(f.code)
        results.append(
            {
                "ruleId": f.code,
                **({"ruleIndex": index[f.code]} if f.code in index else {}),
                "level": rule.severity.value if rule else "error",
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": f.end_column,
                            },
                        }
                    }
                ],
            }
        )
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": e.path}}}],
        }
        for e in view.errors
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "hardkit",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_entry(view.rules[c]) for c in codes],
            }
        },
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "results": results,
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
