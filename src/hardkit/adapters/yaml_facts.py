"""Reading the YAML files ``hardkit doctor`` looks at: CI workflows and the pre-commit config.

Loaded with PyYAML's ``BaseLoader``: every scalar stays a string, so ``3.10`` is not
the float ``3.1`` and the ``on:`` key is not ``True``. Nothing in the files is run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from hardkit.domain.doctor.facts import PreCommitConfig, Workflow

PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"
WORKFLOWS_DIR = ".github/workflows"
_PYTHON_KEY = re.compile(r"python|^py(?:thon)?[-_]?(?:version|ver)?s?$", re.IGNORECASE)
_RUNNER_KEY = re.compile(r"(?:^|[-_])(?:os|runner|runs-on|platform)s?$", re.IGNORECASE)


class YamlProblem(Exception):
    pass


def load_yaml(text: str) -> object:
    import yaml  # only doctor needs a YAML parser

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    try:
        return cast("object", yaml.load(text, Loader=loader))  # noqa: S506 - BaseLoader builds only str, list and dict
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise YamlProblem(f"not valid YAML{where}") from None


def _mapping(value: object) -> dict[str, object]:
    return cast("dict[str, object]", value) if isinstance(value, dict) else {}


def _sequence(value: object) -> list[object]:
    return cast("list[object]", value) if isinstance(value, list) else []


def _scalars(value: object, depth: int = 4) -> Iterator[str]:
    """The strings in ``value``, down to ``depth`` levels: matrix values are shallow, and
    YAML aliases can make a structure exponentially large."""
    if isinstance(value, str):
        yield value
    if depth == 0:
        return
    for item in _sequence(value):
        yield from _scalars(item, depth - 1)
    for item in _mapping(value).values():
        yield from _scalars(item, depth - 1)


def _literal(values: Iterator[str]) -> list[str]:
    return [v.strip() for v in values if v.strip() and "${{" not in v]


def read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise YamlProblem("not valid UTF-8") from None
    except OSError as exc:
        raise YamlProblem(f"cannot read: {exc.strerror or exc}") from None


def read_pre_commit(root: Path) -> PreCommitConfig | None:
    path = root / PRE_COMMIT_CONFIG
    if not path.is_file():
        return None
    try:
        data = load_yaml(read_text(path))
    except YamlProblem as exc:
        return PreCommitConfig(PRE_COMMIT_CONFIG, problem=str(exc))
    repos = [_mapping(r) for r in _sequence(_mapping(data).get("repos"))]
    urls = [r["repo"] for r in repos if isinstance(r.get("repo"), str)]
    hooks = [_mapping(h) for r in repos for h in _sequence(r.get("hooks"))]
    ids = [h["id"] for h in hooks if isinstance(h.get("id"), str)]
    return PreCommitConfig(
        PRE_COMMIT_CONFIG, tuple(cast("list[str]", urls)), tuple(cast("list[str]", ids))
    )


def read_workflows(root: Path) -> tuple[Workflow, ...]:
    directory = root / WORKFLOWS_DIR
    if not directory.is_dir():
        return ()
    paths = sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    return tuple(_workflow(f"{WORKFLOWS_DIR}/{p.name}", p) for p in paths)


@dataclass
class _Matrix:
    pythons: list[str] = field(default_factory=list[str])
    runners: list[str] = field(default_factory=list[str])
    commands: list[str] = field(default_factory=list[str])


def _workflow(key: str, path: Path) -> Workflow:
    try:
        data = load_yaml(read_text(path))
    except YamlProblem as exc:
        return Workflow(key, problem=str(exc))
    found = _Matrix()
    for job in _mapping(_mapping(data).get("jobs")).values():
        _read_job(_mapping(job), found)
    return Workflow(
        key,
        tuple(dict.fromkeys(found.pythons)),
        tuple(dict.fromkeys(found.runners)),
        tuple(found.commands),
    )


def _read_job(job: dict[str, object], found: _Matrix) -> None:
    matrix = _mapping(_mapping(job.get("strategy")).get("matrix"))
    axes = [(k, v) for k, v in matrix.items() if k not in ("include", "exclude")]
    axes.extend(
        pair for entry in _sequence(matrix.get("include")) for pair in _mapping(entry).items()
    )
    for name, value in axes:
        if _PYTHON_KEY.search(name):
            found.pythons.extend(_literal(_scalars(value)))
        elif _RUNNER_KEY.search(name):
            found.runners.extend(_literal(_scalars(value)))
    found.runners.extend(_literal(_scalars(job.get("runs-on"))))
    for step in map(_mapping, _sequence(job.get("steps"))):
        run = step.get("run")
        if isinstance(run, str):
            found.commands.append(run)
        version = _mapping(step.get("with")).get("python-version")
        if isinstance(version, str) and "${{" not in version:
            found.pythons.extend(version.split())
