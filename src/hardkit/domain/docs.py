"""A rule's documentation as Markdown: the single source for ``hardkit rule`` and the docs site."""

from __future__ import annotations

from typing import Any

from hardkit.domain.rule import Rule


def rule_markdown(rule: Rule[Any]) -> str:
    fix = "No fix."
    if rule.fixable:
        fix = "Fix is always available." if rule.fix_always else "Fix is sometimes available."
    severity = rule.severity.value
    parts = [f"# {rule.name} ({rule.code})\n", f"{rule.summary}. Severity: {severity}. {fix}\n"]
    for title, body in rule.doc.sections():
        if body.strip():
            parts.append(f"## {title}\n\n{body.strip()}\n")
    return "\n".join(parts)
