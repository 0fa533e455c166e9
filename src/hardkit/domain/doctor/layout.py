"""A.1: the ``src/`` package, its layers, the test suites, ``perf/`` and ``docs/``."""

from __future__ import annotations

import re

from hardkit.domain.config import DEFAULT_LAYER_ALIASES, DEFAULT_LAYER_ORDER
from hardkit.domain.doctor.facts import Package, RepoFacts
from hardkit.domain.doctor.verdicts import Verdict, failed, passed

# Innermost first: the order A.1 lists them in.
LAYERS: tuple[str, ...] = tuple(reversed(DEFAULT_LAYER_ORDER))


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def main_package(facts: RepoFacts) -> Package | None:
    """The package the scorecard judges: a layered one, else the project's, else the first."""
    packages = [p for p in facts.packages if p.is_package]
    layered = [p for p in packages if layer_entry(p, "domain") is not None]
    named = [
        p
        for p in packages
        if facts.project_name and _normalise(p.name) == _normalise(facts.project_name)
    ]
    for choice in (layered, named, packages):
        if choice:
            return choice[0]
    return None


def layer_entry(package: Package, layer: str) -> str | None:
    """The entry of ``package`` that holds ``layer`` (``services/``, ``domain.py``), if any."""
    names = (layer, *(alias for alias, target in DEFAULT_LAYER_ALIASES if target == layer))
    for name in names:
        for entry in (f"{name}/", f"{name}.py"):
            if package.has(entry):
                return entry
    return None


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
    found = {layer: layer_entry(package, layer) for layer in LAYERS}
    missing = [f"{layer}/" for layer, entry in found.items() if entry is None]
    if missing:
        return failed(f"src/{package.name}/ lacks {', '.join(missing)}")
    return passed(f"src/{package.name}/: " + " ".join(str(e) for e in found.values()))


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
