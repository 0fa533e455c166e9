"""The scorecard's items, in the order of the hardening checklist, and ``diagnose``."""

from __future__ import annotations

from hardkit.domain.doctor import automation, layout, tooling
from hardkit.domain.doctor.facts import RepoFacts
from hardkit.domain.doctor.verdicts import Item, Level, Scorecard, evaluate

REQ, REC = Level.REQUIRED, Level.RECOMMENDED

ITEMS: tuple[Item, ...] = (
    Item(
        "src-package", "A.1", "src/ package", REQ,
        "put the code in src/<package>/ with an __init__.py (the src layout)",
        layout.judge_src_package,
    ),
    Item(
        "main-module", "A.1", "__main__.py", REC,
        "add src/<package>/__main__.py so `python -m <package>` starts the program",
        layout.judge_main_module,
    ),
    Item(
        "layers", "A.1", "layers", REQ,
        "split the package into domain/ (pure), adapters/, service/ and entrypoints/",
        layout.judge_layers,
    ),
    Item(
        "unit-tests", "A.1", "tests/unit", REQ,
        "put fast tests of the domain in tests/unit/",
        layout.judge_unit_tests,
    ),
    Item(
        "integration-tests", "A.1", "tests/integration", REC,
        "put tests that use real files, processes or services in tests/integration/",
        layout.judge_integration_tests,
    ),
    Item(
        "property-tests", "A.1", "tests/property", REC,
        "put hypothesis property tests in tests/property/",
        layout.judge_property_tests,
    ),
    Item(
        "perf-suite", "A.1", "perf/", REC,
        "add pytest-benchmark suites under perf/ (`make bench`)",
        layout.judge_perf,
    ),
    Item(
        "docs", "A.1", "docs/", REC,
        "write the documentation under docs/ (mkdocs-material + mkdocstrings)",
        layout.judge_docs,
    ),
    Item(
        "uv-lock", "A.2", "uv.lock", REQ,
        "run `uv lock` and commit uv.lock",
        tooling.judge_uv_lock,
    ),
    Item(
        "ruff", "A.2", "ruff", REQ,
        'configure ruff: [tool.ruff] extend = "hardkit-ruff.toml" (`hardkit init`)',
        tooling.judge_ruff,
    ),
    Item(
        "pyright-strict", "A.2", "pyright strict", REQ,
        'set [tool.pyright] extends = "hardkit-pyright.json" or typeCheckingMode = "strict"',
        tooling.judge_pyright_strict,
    ),
    Item(
        "pytest-plugins", "A.2", "pytest plugins", REC,
        "uv add --dev pytest pytest-cov pytest-xdist pytest-randomly pytest-benchmark",
        tooling.judge_pytest_plugins,
    ),
    Item(
        "hypothesis", "A.2", "hypothesis", REC,
        "uv add --dev hypothesis, then write property tests in tests/property/",
        tooling.judge_hypothesis,
    ),
    Item(
        "mutmut", "A.2", "mutmut", REC,
        "uv add --dev mutmut and add a [tool.mutmut] table (paths_to_mutate, tests_dir)",
        tooling.judge_mutmut,
    ),
    Item(
        "pre-commit", "A.2", "pre-commit", REQ,
        "add hardkit's hooks to .pre-commit-config.yaml (`hardkit init` does it)",
        tooling.judge_pre_commit,
    ),
    Item(
        "make-check", "A.3", "make check", REQ,
        "add `check: lint format-check typecheck test` to the Makefile",
        automation.judge_make_check,
    ),
    Item(
        "ci-workflow", "A.4", "CI workflow", REQ,
        "add .github/workflows/ci.yml running `make check`",
        automation.judge_ci_workflow,
    ),
    Item(
        "ci-python-matrix", "A.4", "Python matrix", REQ,
        'list "3.12" and "3.13" in the workflow\'s strategy.matrix.python-version',
        automation.judge_ci_pythons,
    ),
    Item(
        "ci-os-matrix", "A.4", "OS matrix", REC,
        "run the matrix on ubuntu-latest and macos-latest (strategy.matrix.os)",
        automation.judge_ci_systems,
    ),
    Item(
        "ci-make-check", "A.4", "CI runs make check", REC,
        "make a CI step run `make check`: the same gate as on a laptop",
        automation.judge_ci_make_check,
    ),
    Item(
        "dockerfile-hardening", "A.6", "Dockerfiles (HK3xx)", REQ,
        "run `hardkit check` on the Dockerfiles and follow each rule's fix",
        automation.judge_dockerfiles,
    ),
)  # fmt: skip


def diagnose(facts: RepoFacts) -> Scorecard:
    return evaluate(ITEMS, facts)
