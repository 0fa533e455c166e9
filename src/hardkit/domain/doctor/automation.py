"""A.3 ``make check``, A.4 the CI matrix, A.6 the Dockerfiles' HK3xx findings."""

from __future__ import annotations

import re
from collections import Counter

from hardkit.domain.doctor.facts import MakeTarget, RepoFacts
from hardkit.domain.doctor.makefile import reachable
from hardkit.domain.doctor.verdicts import Verdict, failed, not_applicable, passed, plural

# What ``make check`` must cover: a target of that name, or a recipe running the tool.
CHECK_STEPS: tuple[tuple[str, frozenset[str], re.Pattern[str]], ...] = (
    ("lint", frozenset({"lint"}), re.compile(r"\bruff\s+check\b|\bflake8\b|\bpylint\b")),
    (
        "format-check",
        frozenset({"format-check", "fmt-check", "check-format"}),
        re.compile(r"\bruff\s+format\b.*--check|\bblack\b.*--check"),
    ),
    (
        "typecheck",
        frozenset({"typecheck", "type-check", "types"}),
        re.compile(r"\b(?:based)?pyright\b|\bmypy\b"),
    ),
    ("test", frozenset({"test", "tests"}), re.compile(r"\bpytest\b")),
)
CI_PYTHONS: tuple[str, ...] = ("3.12", "3.13")
CI_SYSTEMS: tuple[str, ...] = ("ubuntu", "macos")
_MAKE_CHECK = re.compile(r"(?:\$\(MAKE\)|(?<![\w/.-])make)(?:\s+-\S+)*\s+check\b")


def _covers(
    step: tuple[str, frozenset[str], re.Pattern[str]], targets: tuple[MakeTarget, ...]
) -> bool:
    _, names, tool = step
    return any(t.name in names or any(tool.search(line) for line in t.recipe) for t in targets)


def judge_make_check(facts: RepoFacts) -> Verdict:
    makefile = facts.makefile
    if makefile is None:
        return failed("no Makefile")
    if makefile.target("check") is None:
        return failed(f"{makefile.path} has no check target")
    targets = reachable(makefile, "check")
    missing = [step[0] for step in CHECK_STEPS if not _covers(step, targets)]
    if missing:
        return failed(f"make check does not run {', '.join(missing)}")
    return passed("make check runs " + ", ".join(step[0] for step in CHECK_STEPS))


def judge_ci_workflow(facts: RepoFacts) -> Verdict:
    readable = [w.path for w in facts.workflows if w.problem is None]
    if readable:
        return passed(", ".join(readable))
    broken = next((w for w in facts.workflows if w.problem is not None), None)
    if broken is not None:
        return failed(f"{broken.path}: {broken.problem}")
    return failed("no .github/workflows/*.yml")


def _version_covers(version: str, wanted: str) -> bool:
    return version == wanted or version.startswith((wanted + ".", wanted + "-"))


def judge_ci_pythons(facts: RepoFacts) -> Verdict:
    if not facts.workflows:
        return failed("no CI workflow")
    versions = sorted({v for w in facts.workflows for v in w.python_versions})
    missing = [p for p in CI_PYTHONS if not any(_version_covers(v, p) for v in versions)]
    shown = ", ".join(versions) if versions else "no literal Python versions"
    if missing:
        return failed(f"CI tests {shown}; missing {', '.join(missing)}")
    return passed(f"Python {shown}")


def judge_ci_systems(facts: RepoFacts) -> Verdict:
    if not facts.workflows:
        return failed("no CI workflow")
    runners = sorted({r for w in facts.workflows for r in w.runners})
    missing = [s for s in CI_SYSTEMS if not any(r.startswith(s) for r in runners)]
    shown = ", ".join(runners) if runners else "no literal runners"
    if missing:
        return failed(f"CI runs on {shown}; missing {', '.join(missing)}")
    return passed(shown)


def judge_ci_make_check(facts: RepoFacts) -> Verdict:
    if not facts.workflows:
        return failed("no CI workflow")
    for workflow in facts.workflows:
        if any(_MAKE_CHECK.search(command) for command in workflow.commands):
            return passed(f"{workflow.path} runs make check")
    return failed("no workflow step runs make check")


def judge_dockerfiles(facts: RepoFacts) -> Verdict:
    docker = facts.docker
    if not docker.dockerfiles:
        return not_applicable("no Dockerfile")
    files = _files(docker.dockerfiles)
    if docker.problem is not None:
        return failed(f"{files}: not checked: {docker.problem}")
    if not docker.rules:
        return passed(f"{files}: no findings (this hardkit has no HK3xx rules)")
    if not docker.findings:
        return passed(f"{files}: no HK3xx findings")
    counts = Counter(f.code for f in docker.findings)
    codes = ", ".join(c if n == 1 else f"{c} x{n}" for c, n in sorted(counts.items()))
    command = "hardkit check --select HK3 " + " ".join(docker.dockerfiles)
    return failed(
        f"{files}: {plural(len(docker.findings), 'finding')} ({codes})",
        advice=f"run `{command}` and follow each rule's fix (hardkit rule CODE)",
    )


def _files(paths: tuple[str, ...]) -> str:
    return paths[0] if len(paths) == 1 else f"{len(paths)} Dockerfiles"
