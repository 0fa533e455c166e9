"""SARIF 2.1.0: rules in ``tool.driver.rules``, one result per finding.

File names become URIs (RFC 3986): a path relative to the working directory is a
relative reference resolved against ``%SRCROOT%``, an absolute one a ``file:`` URI.
Every byte of a name but the unreserved characters and ``/`` is percent-encoded (UTF-8):
a space, ``#``, ``?``, ``%``, a colon (which would read as a scheme in a first segment),
a control character, any non-ASCII letter. The other formats show the plain path.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from hardkit import __version__
from hardkit.adapters.reporters import ReportView

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
_DRIVE = re.compile(r"[A-Za-z]:/")  # an absolute Windows path, as the report shows it


def artifact_location(path: str) -> dict[str, str]:
    """The ``artifactLocation`` of a report path (``/``-separated, as the report shows it)."""
    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe="/")}
    if _DRIVE.match(path):
        return {"uri": f"file:///{path[:2]}" + quote(path[2:], safe="/")}
    return {"uri": quote(path, safe="/"), "uriBaseId": SOURCE_ROOT}


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
                            "artifactLocation": artifact_location(f.path),
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
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(e.path)}}],
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
