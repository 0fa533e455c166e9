"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=HK101::…``."""

from __future__ import annotations

from hardkit.adapters.reporters import ReportView


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(view: ReportView) -> str:
    lines: list[str] = []
    for f in view.findings:
        rule = view.rules.get(f.code)
        level = "warning" if rule is not None and rule.severity.value == "warning" else "error"
        props = (
            f"file={_prop(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_prop(f.code)}"
        )
        lines.append(f"::{level} {props}::{_data(f'{f.code} {f.message}')}")
    lines.extend(
        f"::error file={_prop(e.path)},title=hardkit::{_data(e.message)}" for e in view.errors
    )
    return "\n".join(lines) + "\n" if lines else ""
