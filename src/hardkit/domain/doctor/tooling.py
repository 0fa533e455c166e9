"""A.2: uv lock, ruff, strict pyright, the pytest plugins, hypothesis, mutmut, pre-commit."""

from __future__ import annotations

from hardkit.domain.doctor.facts import RepoFacts
from hardkit.domain.doctor.verdicts import Verdict, failed, passed

PYTEST_PLUGINS: tuple[str, ...] = (
    "pytest",
    "pytest-cov",
    "pytest-xdist",
    "pytest-randomly",
    "pytest-benchmark",
)
PYRIGHT_PRESET = "hardkit-pyright.json"


def judge_uv_lock(facts: RepoFacts) -> Verdict:
    return passed("uv.lock") if facts.has_uv_lock else failed("no uv.lock")


def judge_ruff(facts: RepoFacts) -> Verdict:
    if facts.ruff_config is None:
        return failed(_unless_broken(facts, "no [tool.ruff] and no ruff.toml"))
    return passed(facts.ruff_config)


def judge_pyright_strict(facts: RepoFacts) -> Verdict:
    settings = facts.pyright
    if settings.problem is not None:
        return failed(settings.problem)
    if settings.source is None:
        return failed(_unless_broken(facts, "no pyright configuration"))
    if settings.mode is not None:
        if settings.mode == "strict":
            return passed(f'{settings.source}: typeCheckingMode = "strict"')
        return failed(f'{settings.source}: typeCheckingMode is "{settings.mode}"')
    if settings.extends is not None and settings.extends.endswith(PYRIGHT_PRESET):
        return passed(f"{settings.source}: extends {settings.extends}")
    return failed(f"{settings.source}: typeCheckingMode not set (pyright's default is standard)")


def judge_pytest_plugins(facts: RepoFacts) -> Verdict:
    missing = [name for name in PYTEST_PLUGINS if name not in facts.dependencies]
    if missing:
        return failed(
            _unless_broken(facts, "not declared: " + ", ".join(missing)),
            advice=f"uv add --dev {' '.join(missing)}",
        )
    return passed(", ".join(PYTEST_PLUGINS))


def judge_hypothesis(facts: RepoFacts) -> Verdict:
    if "hypothesis" in facts.dependencies:
        return passed("hypothesis declared")
    return failed(_unless_broken(facts, "hypothesis not declared"))


def judge_mutmut(facts: RepoFacts) -> Verdict:
    if facts.mutmut_config is not None:
        return passed(facts.mutmut_config)
    if "mutmut" in facts.dependencies:
        return failed("mutmut declared but not configured")
    return failed(_unless_broken(facts, "no [tool.mutmut]"))


def judge_pre_commit(facts: RepoFacts) -> Verdict:
    config = facts.pre_commit
    if config is None:
        return failed("no .pre-commit-config.yaml")
    if config.problem is not None:
        return failed(f"{config.path}: {config.problem}")
    hooks = [h for h in config.hook_ids if h.startswith("hardkit")]
    repos = [r for r in config.repos if _is_hardkit_repo(r)]
    if hooks or repos:
        shown = ", ".join(hooks) if hooks else "the hardkit repository"
        return passed(f"{config.path}: {shown}")
    return failed(f"{config.path} does not run hardkit")


def _is_hardkit_repo(url: str) -> bool:
    url = url.rstrip("/")
    url = url.removesuffix(".git")
    return url.endswith("/hardkit")


def _unless_broken(facts: RepoFacts, detail: str) -> str:
    """``detail``, or the reason pyproject.toml could not be read when it could not."""
    problem = facts.pyproject_problem
    return f"{detail} ({problem})" if problem else detail
