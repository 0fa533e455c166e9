"""``hardkit doctor``: read a repository, check its Dockerfiles, judge it against the checklist.

Static only: files are read, the Dockerfiles go through the ordinary ``hardkit check``
engine with the HK3xx rules selected, and nothing of the project's own is run.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hardkit.adapters.config_loader import LoadedConfig
from hardkit.adapters.discovery import discover
from hardkit.adapters.repo_facts import read_repo_facts
from hardkit.domain.config import Config, ConfigError
from hardkit.domain.doctor.facts import DockerFinding, DockerReport
from hardkit.domain.doctor.scorecard import diagnose
from hardkit.domain.doctor.verdicts import Scorecard
from hardkit.domain.registry import rules_by_code
from hardkit.domain.rule import FileKind
from hardkit.service.session import CheckOptions, check, load_config

DOCKERFILE_RULES = "HK3"
PARSE_ERROR = "HK001"


def run_doctor(root: Path) -> Scorecard:
    """The scorecard of the repository at ``root`` (an existing directory)."""
    root = root.resolve()
    facts = read_repo_facts(root)
    layers = _configuration(root)[0].config.layers  # the layers the HK2xx rules read
    return diagnose(replace(facts, docker=check_dockerfiles(root), layers=layers))


def _configuration(root: Path) -> tuple[LoadedConfig, str | None]:
    """The configuration ``hardkit check ROOT`` would use, and its problem if it has one."""
    try:
        return load_config((root,), None, root), None
    except ConfigError as exc:
        return LoadedConfig(Config(), root, None), "; ".join(exc.problems)


def _dockerfiles(root: Path) -> tuple[tuple[Path, ...], str | None]:
    """The Dockerfiles ``hardkit check ROOT`` would check, and a configuration problem."""
    loaded, problem = _configuration(root)
    found = discover([root], loaded.root, loaded.config.all_excludes)
    paths = tuple(c.path for c in found.files if c.kind is FileKind.DOCKERFILE)
    return paths, problem


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check_dockerfiles(root: Path) -> DockerReport:
    """Run the HK3xx rules over the repository's Dockerfiles (A.6)."""
    paths, problem = _dockerfiles(root)
    shown = tuple(_display(p, root) for p in paths)
    rules = tuple(sorted(c for c in rules_by_code() if c.startswith(DOCKERFILE_RULES)))
    if not paths or problem is not None or not rules:
        return DockerReport(shown, rules, problem=problem)
    options = CheckOptions(paths=paths, select=[DOCKERFILE_RULES, PARSE_ERROR], use_cache=False)
    try:
        report = check(options, cwd=root)
    except ConfigError as exc:
        return DockerReport(shown, rules, problem="; ".join(exc.problems))
    findings = tuple(DockerFinding(f.code, f.path, f.line) for f in report.findings)
    errors = "; ".join(f"{e.path}: {e.message}" for e in report.errors)
    return DockerReport(shown, rules, findings, problem=errors or None)
