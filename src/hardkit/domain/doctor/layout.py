"""A.1: the ``src/`` package, its layers, the test suites, ``perf/`` and ``docs/``."""

from __future__ import annotations

import re

from hardkit.domain.config import LayerPolicy
from hardkit.domain.doctor.facts import Package, RepoFacts
from hardkit.domain.doctor.verdicts import Verdict, failed, passed


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def main_package(facts: RepoFacts) -> Package | None:
    """The package the scorecard judges: a layered one, else the project's, else the first."""
    packages = [p for p in facts.packages if p.is_package]
    layered = [p for p in packages if facts.layers.is_layered(package_layers(p, facts.layers))]
    named = [
        p
        for p in packages
        if facts.project_name and _normalise(p.name) == _normalise(facts.project_name)
    ]
    for choice in (layered, named, packages):
        if choice:
            return choice[0]
    return None


def package_layers(package: Package, policy: LayerPolicy) -> dict[str, str]:
    """The layers ``package`` holds, each with its entry (``services/``, ``domain.py``), by
    the rules' own reading of directory and module names (``[tool.hardkit.layers]``)."""
    names: dict[str, str] = {}
    for entry in sorted(package.entries):
        name = entry[:-1] if entry.endswith("/") else entry.removesuffix(".py")
        if entry.endswith("/") or entry.endswith(".py"):
            names.setdefault(name, entry)
    return {layer: names[name] for layer, name in policy.layers_among(names).items()}


def judge_src_package(facts: RepoFacts) -> Verdict:
    package = main_package(facts)
    if package is not None:
        others = sum(1 for p in facts.packages if p.is_package) - 1
        more = f" (and {others} more)" if others else ""
        return passed(f"src/{package.name}/ with __init__.py{more}")
    if facts.packages:
        return failed(f"src/{facts.packages[0].name}/ has no __init__.py")
    return failed("no src/<package>/ directory")


def judge_main_module(facts: RepoFacts) -> Verdict:
    package = main_package(facts)
    if package is None:
        return failed("no src/<package>/ to look in")
    if package.has("__main__.py"):
        return passed(f"src/{package.name}/__main__.py")
    return failed(f"src/{package.name}/ has no __main__.py")


def judge_layers(facts: RepoFacts) -> Verdict:
    package = main_package(facts)
    if package is None:
        return failed("no src/<package>/ to look in")
    policy = facts.layers
    present = package_layers(package, policy)
    innermost_first = tuple(reversed(policy.order))
    missing = [f"{layer}/" for layer in innermost_first if layer not in present]
    if missing:
        return failed(f"src/{package.name}/ lacks {', '.join(missing)}")
    return passed(f"src/{package.name}/: " + " ".join(present[layer] for layer in innermost_first))


def _test_suite(facts: RepoFacts, path: str) -> Verdict:
    directory = facts.directory(path)
    if directory is None:
        return failed(f"no {path}/")
    if directory.test_files == 0:
        return failed(f"{path}/ has no test_*.py files")
    return passed(f"{path}/ has test files")


def judge_unit_tests(facts: RepoFacts) -> Verdict:
    return _test_suite(facts, "tests/unit")


def judge_integration_tests(facts: RepoFacts) -> Verdict:
    return _test_suite(facts, "tests/integration")


def judge_property_tests(facts: RepoFacts) -> Verdict:
    return _test_suite(facts, "tests/property")


def judge_perf(facts: RepoFacts) -> Verdict:
    directory = facts.directory("perf")
    if directory is None:
        return failed("no perf/")
    if directory.python_files == 0:
        return failed("perf/ has no Python benchmark files")
    return passed("perf/ has Python files")


def judge_docs(facts: RepoFacts) -> Verdict:
    directory = facts.directory("docs")
    if directory is None or directory.files == 0:
        return failed("no docs/" if directory is None else "docs/ is empty")
    return passed("docs/ has files")
