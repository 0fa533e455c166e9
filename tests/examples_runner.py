"""Running a rule's own examples through the real engine (discovery, parse, suppression, fix)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hardkit.domain.config import config_from_table
from hardkit.domain.registry import rules_by_code
from hardkit.domain.rule import Example, FileKind, Rule
from hardkit.service.analyse import Settings
from hardkit.service.check import CheckRequest, run_check
from tests.helpers import write

DEFAULT_PATHS = {
    None: "example.py",
    FileKind.PYTHON: "example.py",
    FileKind.DOCKERFILE: "Dockerfile",
    FileKind.CONFIG: "pyproject.toml",
    FileKind.LOCK: "uv.lock",
}


@dataclass
class ExampleRun:
    positions: list[tuple[int, int]]
    parse_errors: list[str]
    fixed: str | None


def example_path(rule: Rule[Any], example: Example) -> str:
    return example.path or DEFAULT_PATHS[rule.kind]


def run_example(rule: Rule[Any], example: Example, root: Path) -> ExampleRun:
    if rule.kind is FileKind.LOCK:
        return run_audit_example(rule, example, root)
    path = example_path(rule, example)
    write(root, {**example.files, path: example.source})
    config = config_from_table(dict(example.config), "example")
    # Engine-produced rules (HK001, HK002) are about other rules' findings: enable them all.
    engine_rule = rule.kind is None
    codes = set(rules_by_code()) if engine_rule else {rule.code, "HK001"}
    settings = Settings(config, frozenset(codes))

    def run(fix: bool) -> Any:
        request = CheckRequest(
            paths=(root,), settings=settings, root=root, cwd=root, fix=fix, use_cache=False, jobs=1
        )
        return run_check(request)

    report = run(fix=False)
    mine = [f for f in report.findings if f.path == path and f.code == rule.code]
    parse_errors = [
        f"{f.path}:{f.line}:{f.column}: {f.message}"
        for f in report.findings
        if f.code == "HK001" and not engine_rule
    ]
    parse_errors += [f"{e.path}: {e.message}" for e in report.errors]
    fixed = None
    if example.fixed is not None:
        run(fix=True)
        fixed = (root / path).read_bytes().decode("utf-8")
    return ExampleRun([(f.line, f.column) for f in mine], parse_errors, fixed)


def run_audit_example(rule: Rule[Any], example: Example, root: Path) -> ExampleRun:
    """Lock-file rules (HK501) are what ``hardkit audit`` reports: the example runs through
    the real audit service, with the pip-audit output it records (its ``pip-audit.json``
    file) standing in for a pip-audit run, so the examples need no network."""
    import tomlkit

    from hardkit.adapters.pip_audit import parse_report
    from hardkit.domain.supply_chain.hk501_vulnerable_dependency import PIP_AUDIT_OUTPUT
    from hardkit.service.audit import AuditOptions, run_audit

    path = example_path(rule, example)
    files = {name: text for name, text in example.files.items() if name != PIP_AUDIT_OUTPUT}
    write(root, {**files, path: example.source})
    if example.config:
        write(root, {"hardkit.toml": tomlkit.dumps(dict(example.config))})
    recorded = parse_report(example.files[PIP_AUDIT_OUTPUT])
    result = run_audit(AuditOptions(locks=(root / path,)), lambda pins: recorded, root)
    mine = [f for f in result.findings if f.path == path and f.code == rule.code]
    parse_errors = [
        f"{f.path}:{f.line}:{f.column}: {f.message}" for f in result.findings if f.code == "HK001"
    ]
    parse_errors += [f"{e.path}: {e.message}" for e in result.errors]
    return ExampleRun([(f.line, f.column) for f in mine], parse_errors, None)
