"""The doctor's verdicts, judged on small in-memory facts about a repository."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from hardkit.domain.config import LayerPolicy, config_from_table
from hardkit.domain.doctor.facts import (
    Directory,
    DockerFinding,
    DockerReport,
    MakeTarget,
    Package,
    PreCommitConfig,
    PyrightSettings,
    RepoFacts,
    Workflow,
)
from hardkit.domain.doctor.makefile import parse_makefile, reachable
from hardkit.domain.doctor.scorecard import ITEMS, diagnose
from hardkit.domain.doctor.verdicts import Status

DOCS = Path(__file__).parents[2] / "docs" / "doctor.md"
LAYERED = frozenset(
    {"__init__.py", "__main__.py", "domain/", "adapters/", "service/", "entrypoints/"}
)
A3_MAKEFILE = """\
check: lint format-check typecheck test
lint:
\truff check src tests
format-check:
\truff format --check src tests
typecheck:
\tpyright src
test:
\tpytest -x --cov=src --cov-report=term-missing
"""
GOOD = RepoFacts(
    project_name="my-project",
    packages=(Package("my_project", LAYERED),),
    directories=(
        Directory("tests/unit", 1, 1, 1),
        Directory("tests/integration", 1, 1, 1),
        Directory("tests/property", 1, 1, 1),
        Directory("perf", 1, 1, 1),
        Directory("docs", 1),
    ),
    has_uv_lock=True,
    ruff_config="pyproject.toml [tool.ruff]",
    pyright=PyrightSettings("pyproject.toml [tool.pyright]", extends="hardkit-pyright.json"),
    dependencies=frozenset(
        {"pytest", "pytest-cov", "pytest-xdist", "pytest-randomly", "pytest-benchmark"}
        | {"hypothesis", "mutmut"}
    ),
    mutmut_config="pyproject.toml [tool.mutmut]",
    pre_commit=PreCommitConfig(
        ".pre-commit-config.yaml", ("https://github.com/acme/hardkit",), ("hardkit",)
    ),
    makefile=parse_makefile("Makefile", A3_MAKEFILE),
    workflows=(
        Workflow(
            ".github/workflows/ci.yml",
            ("3.12", "3.13"),
            ("ubuntu-latest", "macos-latest"),
            ("make check",),
        ),
    ),
    docker=DockerReport(("Dockerfile",), ("HK301", "HK307")),
)


def verdict(facts: RepoFacts, item_id: str) -> tuple[Status, str]:
    result = next(r for r in diagnose(facts).results if r.item.id == item_id)
    return result.status, result.verdict.detail


def test_a_repository_following_appendix_a_passes_every_item() -> None:
    card = diagnose(GOOD)
    assert [(r.item.id, r.status) for r in card.results if r.status is not Status.PASSED] == []
    assert card.ok


def test_items_are_unique_and_in_the_order_of_the_appendix() -> None:
    ids = [item.id for item in ITEMS]
    assert len(ids) == len(set(ids))
    assert [item.section for item in ITEMS] == sorted(item.section for item in ITEMS)
    for item in ITEMS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item.id), item.id
        assert (
            item.docs_url
            == f"https://github.com/hardkit/hardkit/blob/main/docs/doctor.md#{item.id}"
        )
        assert "\n" not in item.advice


def test_every_item_has_its_section_in_the_docs_page() -> None:
    headings = re.findall(r"^### (\S+)$", DOCS.read_text(encoding="utf-8"), re.MULTILINE)
    assert headings == [item.id for item in ITEMS]


# -- A.1 layout ------------------------------------------------------------------------


def test_no_src_directory() -> None:
    facts = replace(GOOD, packages=())
    assert verdict(facts, "src-package") == (Status.FAILED, "no src/<package>/ directory")
    assert verdict(facts, "layers") == (Status.FAILED, "no src/<package>/ to look in")
    assert verdict(facts, "main-module")[0] is Status.FAILED


def test_a_src_directory_without_init_is_not_a_package() -> None:
    facts = replace(GOOD, packages=(Package("my_project", LAYERED - {"__init__.py"}),))
    assert verdict(facts, "src-package") == (Status.FAILED, "src/my_project/ has no __init__.py")


def test_the_layered_package_is_the_one_judged() -> None:
    plain = Package("aaa_helpers", frozenset({"__init__.py"}))
    facts = replace(GOOD, packages=(plain, *GOOD.packages))
    assert verdict(facts, "src-package") == (
        Status.PASSED,
        "src/my_project/ with __init__.py (and 1 more)",
    )
    assert verdict(facts, "layers")[0] is Status.PASSED


def test_without_layers_the_package_named_like_the_project_is_judged() -> None:
    other = Package("aaa", frozenset({"__init__.py", "__main__.py"}))
    mine = Package("my_project", frozenset({"__init__.py"}))
    facts = replace(GOOD, packages=(other, mine))
    assert verdict(facts, "main-module") == (Status.FAILED, "src/my_project/ has no __main__.py")


def test_missing_layers_are_named() -> None:
    entries = frozenset({"__init__.py", "domain/", "adapters.py"})
    facts = replace(GOOD, packages=(Package("app", entries),))
    assert verdict(facts, "layers") == (Status.FAILED, "src/app/ lacks service/, entrypoints/")


def test_layer_aliases_and_single_module_layers_count() -> None:
    entries = frozenset({"__init__.py", "domain.py", "adapters/", "service_layer/", "entrypoint/"})
    facts = replace(GOOD, packages=(Package("app", entries),))
    assert verdict(facts, "layers") == (
        Status.PASSED,
        "src/app/: domain.py adapters/ service_layer/ entrypoint/",
    )
    services = replace(GOOD, packages=(Package("app", LAYERED - {"service/"} | {"services/"}),))
    assert verdict(services, "layers")[0] is Status.PASSED


def test_the_clean_architecture_names_are_layers() -> None:
    entries = frozenset(
        {"__init__.py", "domain/", "infrastructure/", "application/", "presentation/"}
    )
    facts = replace(GOOD, packages=(Package("app", entries),))
    assert verdict(facts, "layers") == (
        Status.PASSED,
        "src/app/: domain/ infrastructure/ application/ presentation/",
    )


def test_a_lone_domain_folder_does_not_make_the_package_judged() -> None:
    features = Package("aaa", frozenset({"__init__.py", "domain/", "db/", "server/"}))
    facts = replace(GOOD, project_name="other", packages=(features, *GOOD.packages))
    assert verdict(facts, "layers")[1].startswith("src/my_project/: ")


def test_the_configured_layers_and_aliases_are_the_ones_judged() -> None:
    config = config_from_table(
        {"layers": {"extend-aliases": {"gateways": "adapters", "api": "entrypoints"}}}, "x"
    )
    entries = frozenset({"__init__.py", "domain/", "gateways/", "services/", "api/"})
    facts = replace(GOOD, packages=(Package("app", entries),), layers=config.layers)
    assert verdict(facts, "layers") == (Status.PASSED, "src/app/: domain/ gateways/ services/ api/")
    assert verdict(replace(facts, layers=LayerPolicy()), "layers") == (
        Status.FAILED,
        "src/app/ lacks adapters/, entrypoints/",
    )
    custom = config_from_table({"layers": {"order": ["api", "core"]}}, "x").layers
    core = Package("app", frozenset({"__init__.py", "core/", "api/"}))
    assert verdict(replace(GOOD, packages=(core,), layers=custom), "layers") == (
        Status.PASSED,
        "src/app/: core/ api/",
    )


@pytest.mark.parametrize(
    ("item_id", "path"),
    [
        ("unit-tests", "tests/unit"),
        ("integration-tests", "tests/integration"),
        ("property-tests", "tests/property"),
    ],
)
def test_a_test_suite_needs_test_files(item_id: str, path: str) -> None:
    others = tuple(d for d in GOOD.directories if d.path != path)
    assert verdict(replace(GOOD, directories=others), item_id) == (Status.FAILED, f"no {path}/")
    empty = replace(GOOD, directories=(*others, Directory(path, 1, 0, 0)))
    assert verdict(empty, item_id) == (Status.FAILED, f"{path}/ has no test_*.py files")


def test_perf_and_docs_need_content() -> None:
    facts = replace(GOOD, directories=(Directory("perf", 1, 0, 0), Directory("docs", 0)))
    assert verdict(facts, "perf-suite") == (Status.FAILED, "perf/ has no Python benchmark files")
    assert verdict(facts, "docs") == (Status.FAILED, "docs/ is empty")
    assert verdict(replace(GOOD, directories=()), "docs") == (Status.FAILED, "no docs/")


# -- A.2 tooling -----------------------------------------------------------------------


def test_uv_lock_and_ruff() -> None:
    facts = replace(GOOD, has_uv_lock=False, ruff_config=None)
    assert verdict(facts, "uv-lock") == (Status.FAILED, "no uv.lock")
    assert verdict(facts, "ruff") == (Status.FAILED, "no [tool.ruff] and no ruff.toml")
    assert verdict(replace(GOOD, ruff_config="ruff.toml"), "ruff") == (Status.PASSED, "ruff.toml")


def test_an_unreadable_pyproject_is_named_in_what_it_hides() -> None:
    facts = replace(GOOD, ruff_config=None, pyproject_problem="pyproject.toml unreadable: x")
    assert verdict(facts, "ruff") == (
        Status.FAILED,
        "no [tool.ruff] and no ruff.toml (pyproject.toml unreadable: x)",
    )


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (PyrightSettings(), (Status.FAILED, "no pyright configuration")),
        (
            PyrightSettings("pyrightconfig.json", mode="strict"),
            (Status.PASSED, 'pyrightconfig.json: typeCheckingMode = "strict"'),
        ),
        (
            PyrightSettings("pyrightconfig.json", mode="basic", extends="hardkit-pyright.json"),
            (Status.FAILED, 'pyrightconfig.json: typeCheckingMode is "basic"'),
        ),
        (
            PyrightSettings("pyproject.toml [tool.pyright]", extends="./hardkit-pyright.json"),
            (Status.PASSED, "pyproject.toml [tool.pyright]: extends ./hardkit-pyright.json"),
        ),
        (
            PyrightSettings("pyproject.toml [tool.pyright]", extends="base.json"),
            (
                Status.FAILED,
                "pyproject.toml [tool.pyright]: typeCheckingMode not set "
                "(pyright's default is standard)",
            ),
        ),
        (
            PyrightSettings("pyrightconfig.json", problem="pyrightconfig.json: bad JSON"),
            (Status.FAILED, "pyrightconfig.json: bad JSON"),
        ),
    ],
)
def test_pyright_strict(settings: PyrightSettings, expected: tuple[Status, str]) -> None:
    assert verdict(replace(GOOD, pyright=settings), "pyright-strict") == expected


def test_missing_pytest_plugins_are_named_with_the_command_to_add_them() -> None:
    facts = replace(GOOD, dependencies=frozenset({"pytest", "pytest-cov"}))
    card = diagnose(facts)
    result = next(r for r in card.results if r.item.id == "pytest-plugins")
    assert result.verdict.detail == "not declared: pytest-xdist, pytest-randomly, pytest-benchmark"
    assert result.advice == "uv add --dev pytest-xdist pytest-randomly pytest-benchmark"
    assert card.ok  # recommended only


def test_hypothesis_and_mutmut() -> None:
    facts = replace(GOOD, dependencies=frozenset({"mutmut"}), mutmut_config=None)
    assert verdict(facts, "hypothesis") == (Status.FAILED, "hypothesis not declared")
    assert verdict(facts, "mutmut") == (Status.FAILED, "mutmut declared but not configured")
    assert verdict(replace(facts, dependencies=frozenset()), "mutmut") == (
        Status.FAILED,
        "no [tool.mutmut]",
    )


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (None, (Status.FAILED, "no .pre-commit-config.yaml")),
        (
            PreCommitConfig(
                ".pre-commit-config.yaml",
                ("https://github.com/astral-sh/ruff-pre-commit",),
                ("ruff",),
            ),
            (Status.FAILED, ".pre-commit-config.yaml does not run hardkit"),
        ),
        (
            PreCommitConfig(
                ".pre-commit-config.yaml", ("https://github.com/acme/hardkit.git/",), ("lint",)
            ),
            (Status.PASSED, ".pre-commit-config.yaml: the hardkit repository"),
        ),
        (
            PreCommitConfig(
                ".pre-commit-config.yaml", ("https://github.com/acme/not-hardkit",), ()
            ),
            (Status.FAILED, ".pre-commit-config.yaml does not run hardkit"),
        ),
        (
            PreCommitConfig(".pre-commit-config.yaml", ("local",), ("hardkit", "hardkit-presets")),
            (Status.PASSED, ".pre-commit-config.yaml: hardkit, hardkit-presets"),
        ),
        (
            PreCommitConfig(".pre-commit-config.yaml", problem="not valid YAML (line 3)"),
            (Status.FAILED, ".pre-commit-config.yaml: not valid YAML (line 3)"),
        ),
    ],
)
def test_pre_commit_runs_hardkit(
    config: PreCommitConfig | None, expected: tuple[Status, str]
) -> None:
    assert verdict(replace(GOOD, pre_commit=config), "pre-commit") == expected


# -- A.3 make check --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (Status.FAILED, "Makefile has no check target")),
        (
            "check: lint test\nlint:\n\truff check .\ntest:\n\tpytest\n",
            (Status.FAILED, "make check does not run format-check, typecheck"),
        ),
        (
            # recipes instead of named targets, one of them through a nested make
            "check:\n\truff check .\n\truff format --check .\n\t$(MAKE) types-and-tests\n"
            "types-and-tests:\n\tmypy src\n\tpython -m pytest -q\n",
            (Status.PASSED, "make check runs lint, format-check, typecheck, test"),
        ),
        (
            # a variable assignment and a target-specific variable are not rules
            "CHECK := lint\ncheck: PYTEST_ADDOPTS = -x\ncheck: lint format-check \\\n"
            "  typecheck test\nlint format-check typecheck test:\n\t@echo $@\n",
            (Status.PASSED, "make check runs lint, format-check, typecheck, test"),
        ),
    ],
)
def test_make_check(text: str, expected: tuple[Status, str]) -> None:
    facts = replace(GOOD, makefile=parse_makefile("Makefile", text))
    assert verdict(facts, "make-check") == expected


def test_no_makefile() -> None:
    assert verdict(replace(GOOD, makefile=None), "make-check") == (Status.FAILED, "no Makefile")


def test_makefile_reader() -> None:
    makefile = parse_makefile(
        "Makefile",
        "# comment\nUV ?= uv\n.PHONY: check\ncheck: lint ; echo inline\n\t@echo done\n\n"
        "lint: | order-only\n\truff check src # shell comment\nifeq ($(CI),1)\nendif\n"
        "check: test\n",
    )
    assert makefile.targets == (
        MakeTarget("check", ("lint", "test"), ("echo inline", "@echo done")),
        MakeTarget("lint", ("order-only",), ("ruff check src # shell comment",)),
    )
    assert [t.name for t in reachable(makefile, "check")] == ["check", "lint"]


# -- A.4 CI ----------------------------------------------------------------------------


def test_no_workflow_fails_every_ci_item() -> None:
    card = diagnose(replace(GOOD, workflows=()))
    ci = [(r.item.id, r.status, r.verdict.detail) for r in card.results if r.item.section == "A.4"]
    assert ci == [
        ("ci-workflow", Status.FAILED, "no .github/workflows/*.yml"),
        ("ci-python-matrix", Status.FAILED, "no CI workflow"),
        ("ci-os-matrix", Status.FAILED, "no CI workflow"),
        ("ci-make-check", Status.FAILED, "no CI workflow"),
    ]


def test_python_and_os_matrices_name_what_is_missing() -> None:
    workflow = Workflow("w.yml", ("3.11", "3.12.4"), ("ubuntu-22.04",), ("uv run pytest",))
    facts = replace(GOOD, workflows=(workflow,))
    assert verdict(facts, "ci-python-matrix") == (
        Status.FAILED,
        "CI tests 3.11, 3.12.4; missing 3.13",
    )
    assert verdict(facts, "ci-os-matrix") == (
        Status.FAILED,
        "CI runs on ubuntu-22.04; missing macos",
    )
    assert verdict(facts, "ci-make-check") == (Status.FAILED, "no workflow step runs make check")


def test_versions_across_workflows_count_but_3_13t_is_not_3_13() -> None:
    facts = replace(
        GOOD,
        workflows=(Workflow("a.yml", ("3.12",)), Workflow("b.yml", ("3.13t", "3.13-dev"))),
    )
    assert verdict(facts, "ci-python-matrix") == (Status.PASSED, "Python 3.12, 3.13-dev, 3.13t")
    only_t = replace(GOOD, workflows=(Workflow("a.yml", ("3.12", "3.13t")),))
    assert verdict(only_t, "ci-python-matrix")[0] is Status.FAILED


def test_an_unreadable_workflow_is_reported() -> None:
    facts = replace(GOOD, workflows=(Workflow("w.yml", problem="not valid YAML (line 2)"),))
    assert verdict(facts, "ci-workflow") == (Status.FAILED, "w.yml: not valid YAML (line 2)")


# -- A.6 Dockerfiles -------------------------------------------------------------------


def test_without_a_dockerfile_the_item_does_not_apply_and_does_not_fail() -> None:
    card = diagnose(replace(GOOD, docker=DockerReport()))
    result = next(r for r in card.results if r.item.id == "dockerfile-hardening")
    assert (result.status, result.verdict.detail) == (Status.NOT_APPLICABLE, "no Dockerfile")
    assert card.ok


def test_dockerfile_findings_fail_a_required_item() -> None:
    findings = (
        DockerFinding("HK301", "Dockerfile", 1),
        DockerFinding("HK301", "Dockerfile", 5),
        DockerFinding("HK307", "Dockerfile", 5),
    )
    facts = replace(GOOD, docker=DockerReport(("Dockerfile",), ("HK301", "HK307"), findings))
    card = diagnose(facts)
    result = next(r for r in card.results if r.item.id == "dockerfile-hardening")
    assert result.verdict.detail == "Dockerfile: 3 findings (HK301 x2, HK307)"
    assert result.advice.startswith("run `hardkit check --select HK3 Dockerfile`")
    assert not card.ok


def test_dockerfiles_without_hk3_rules_report_no_findings() -> None:
    facts = replace(GOOD, docker=DockerReport(("Dockerfile", "deploy/api.Dockerfile")))
    assert verdict(facts, "dockerfile-hardening") == (
        Status.PASSED,
        "2 Dockerfiles: no findings (this hardkit has no HK3xx rules)",
    )


def test_a_check_problem_fails_the_item() -> None:
    facts = replace(GOOD, docker=DockerReport(("Dockerfile",), ("HK301",), problem="bad config"))
    assert verdict(facts, "dockerfile-hardening") == (
        Status.FAILED,
        "Dockerfile: not checked: bad config",
    )


# -- the scorecard ---------------------------------------------------------------------


def test_only_required_failures_make_the_scorecard_fail() -> None:
    card = diagnose(replace(GOOD, directories=GOOD.directories[:1], has_uv_lock=False))
    assert [r.item.id for r in card.required_failures] == ["uv-lock"]
    assert card.count(Status.FAILED) == 5  # uv-lock, integration, property, perf, docs
    assert not card.ok
