"""Running ``hardkit init`` and ``hardkit sync``: plan, show or write, and say what happened.

Each run returns the lines for stdout and stderr and a status in ruff's convention:
0 done (or nothing to do), 1 something is left for the user (a conflict, a preset out of
date under ``--check``), 2 a file could not be read or parsed (then nothing is written).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from hardkit.service.file_plan import FilePlan
from hardkit.service.presets import managed_presets, plan_init, plan_sync

OK, LEFT_TO_DO, ERROR = 0, 1, 2


class RunResult(NamedTuple):
    out: list[str]
    err: list[str]
    status: int


def _errors(plan: FilePlan) -> RunResult:
    unique = dict.fromkeys(plan.errors)  # two steps may trip over the same file
    return RunResult([], [f"hardkit: error: {e} (nothing was changed)" for e in unique], ERROR)


# What a plan's summaries say they did, and what --dry-run says instead: nothing was.
_WOULD = {
    "wrote": "would write",
    "rewrote": "would rewrite",
    "created": "would create",
    "added": "would add",
}


def _would(summary: str) -> str:
    verb, _, rest = summary.partition(" ")
    return f"{_WOULD[verb]} {rest}" if verb in _WOULD else summary


def _changed(plan: FilePlan, dry_run: bool) -> list[str]:
    verb = "would change" if dry_run else "changed"
    said = _would if dry_run else str
    lines = [f"{d.name}: {said(summary)}" for d in plan.changes for summary in d.summaries]
    if dry_run:
        lines = [plan.diff().rstrip("\n"), *lines] if plan.changes else lines
    count = len(plan.changes)
    if count:
        lines.append(f"hardkit {verb} {count} file{'s' if count != 1 else ''}.")
    return lines


def run_init(root: Path, version: str, *, dry_run: bool = False) -> RunResult:
    plan = plan_init(root, version)
    if plan.errors:
        return _errors(plan)
    if not dry_run:
        plan.apply()
    out = _changed(plan, dry_run)
    out += plan.notes
    out += plan.conflicts
    if not plan.changes and not plan.conflicts:
        out.append("hardkit is set up here: nothing to change.")
    return RunResult(out, [], LEFT_TO_DO if plan.conflicts else OK)


def run_sync(root: Path, version: str, *, check: bool = False) -> RunResult:
    if check:
        return _check(root)
    plan = plan_sync(root, version)
    if plan.errors:
        return _errors(plan)
    plan.apply()
    out = _changed(plan, dry_run=False)
    changed = {d.name for d in plan.changes}
    out += [f"{n}: up to date" for n in managed_presets(plan) if n not in changed]
    return RunResult(out, [], OK)


def _check(root: Path) -> RunResult:
    """Presets present, current and extended: HK401-HK403 (and HK001) on the root's
    configuration files, with the project's own hardkit settings."""
    from hardkit.domain.kinds import CONFIG_NAMES
    from hardkit.service.session import CheckOptions, check

    plan = FilePlan(root)
    out = [
        f"{n}: missing; `hardkit sync` writes it"
        for n in managed_presets(plan)
        if not plan.exists(n)
    ]
    files = tuple(root / n for n in sorted(CONFIG_NAMES) if (root / n).is_file())
    if files:
        options = CheckOptions(paths=files, select=["HK4", "HK001"])
        report = check(options, cwd=root)
        out += [f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in report.findings]
        out += [f"{e.path}: {e.message}" for e in report.errors]
    if out:
        out.append("Run `hardkit sync` to rewrite the presets, `hardkit init` to wire them in.")
        return RunResult(out, [], LEFT_TO_DO)
    return RunResult(["The presets are present, current and extended."], [], OK)
