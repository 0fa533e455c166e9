"""``hardkit doctor`` on small repositories built in temporary directories."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from hardkit.domain.registry import rules_by_code
from hardkit.entrypoints.cli import main
from tests.helpers import write

PYPROJECT = """\
[project]
name = "my-project"
version = "0.1.0"
dependencies = ["fastapi"]

[project.optional-dependencies]
test = ["pytest>=8", "pytest-cov"]

[dependency-groups]
dev = ["pytest_xdist>=3", {include-group = "test"}]

[tool.uv]
dev-dependencies = ["Pytest.Randomly"]

[tool.hatch.envs.bench]
extra-dependencies = ["pytest-benchmark[histogram]>=4 ; python_version >= '3.12'"]

[tool.poetry.group.props.dependencies]
hypothesis = "^6"

[tool.ruff]
extend = "hardkit-ruff.toml"

[tool.pyright]
extends = "hardkit-pyright.json"

[tool.mutmut]
paths_to_mutate = ["src/my_project/domain/"]
"""
MAKEFILE = """\
.PHONY: check lint format-check typecheck test
check: lint format-check typecheck test
lint:
\truff check src tests
format-check:
\truff format --check src tests
typecheck:
\tpyright src
test:
\tpytest -x --cov=src --cov-report=term-missing
\ttouch ran-the-tests
"""
WORKFLOW = """\
name: CI
on:
  push:
  pull_request:
jobs:
  test:
    strategy:
      matrix:
        os: [ubuntu-latest, "${{ inputs.extra-os }}"]
        python-version: [3.10, "3.12"]
        include:
          - os: macos-latest
            python-version: "3.13"
    runs-on: ${{ matrix.os }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.python-version }}
      - run: make check
"""
PRE_COMMIT = """\
repos:
  - repo: https://github.com/hardkit/hardkit
    rev: v0.1.0
    hooks:
      - id: hardkit
"""
APPENDIX_A: dict[str, str | bytes] = {
    "pyproject.toml": PYPROJECT,
    "uv.lock": "version = 1\n",
    "Makefile": MAKEFILE,
    ".github/workflows/ci.yml": WORKFLOW,
    ".pre-commit-config.yaml": PRE_COMMIT,
    "src/my_project/__init__.py": "",
    "src/my_project/__main__.py": "",
    "src/my_project/domain/__init__.py": "",
    "src/my_project/adapters/__init__.py": "",
    "src/my_project/service/__init__.py": "",
    "src/my_project/entrypoints/__init__.py": "",
    "tests/unit/test_model.py": "",
    "tests/integration/test_api.py": "",
    "tests/property/test_prices.py": "",
    "perf/test_bench_pricing.py": "",
    "docs/index.md": "# my-project\n",
}


def doctor(
    capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, dict[str, Any], dict[str, dict[str, str]]]:
    code = main(["doctor", *argv, "--output-format", "json"])
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return code, document, {item["id"]: item for item in document["items"]}


def test_a_repository_following_appendix_a_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, APPENDIX_A)
    code, document, items = doctor(capsys, str(tmp_path))
    assert code == 0
    assert document["version"] == 1
    assert document["ok"] is True
    assert document["summary"] == {
        "passed": 20,
        "failed": 0,
        "required_failed": 0,
        "not_applicable": 1,
    }
    assert items["dockerfile-hardening"]["status"] == "not-applicable"
    assert items["ci-python-matrix"]["detail"] == "Python 3.10, 3.12, 3.13"  # 3.10 is not 3.1
    assert items["ci-os-matrix"]["detail"] == "macos-latest, ubuntu-latest"
    assert items["pytest-plugins"]["status"] == "pass"
    assert items["hypothesis"]["status"] == "pass"


def test_the_layers_item_reads_the_configured_aliases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {k: v for k, v in APPENDIX_A.items() if "/entrypoints/" not in k}
    files["src/my_project/api/__init__.py"] = ""
    write(tmp_path, files)
    assert doctor(capsys, str(tmp_path))[2]["layers"]["detail"] == (
        "src/my_project/ lacks entrypoints/"
    )
    pyproject = (
        files["pyproject.toml"]
        + '\n[tool.hardkit.layers]\nextend-aliases = { api = "entrypoints" }\n'
    )
    write(tmp_path, {"pyproject.toml": pyproject})
    item = doctor(capsys, str(tmp_path))[2]["layers"]
    assert (item["status"], item["detail"]) == (
        "pass",
        "src/my_project/: domain/ adapters/ service/ api/",
    )


def test_doctor_runs_nothing_and_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path, {**APPENDIX_A, "Dockerfile": "FROM python:3.13-slim\n"})
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    main(["doctor", str(tmp_path)])
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_an_empty_directory_fails_the_required_items(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, document, items = doctor(capsys, str(tmp_path))
    assert code == 1
    assert document["ok"] is False
    assert document["summary"]["required_failed"] == 10
    assert items["src-package"] == {
        "id": "src-package",
        "section": "A.1",
        "title": "src/ package",
        "level": "required",
        "status": "fail",
        "detail": "no src/<package>/ directory",
        "advice": "put the code in src/<package>/ with an __init__.py (the src layout)",
        "docs": "https://github.com/hardkit/hardkit/blob/main/docs/doctor.md#src-package",
    }


def test_only_recommended_items_failing_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {k: v for k, v in APPENDIX_A.items() if not k.startswith(("perf/", "docs/"))}
    write(tmp_path, files)
    code, document, items = doctor(capsys, str(tmp_path))
    assert (code, document["ok"]) == (0, True)
    assert (items["perf-suite"]["status"], items["docs"]["status"]) == ("fail", "fail")


def test_a_path_that_is_not_a_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {"file.txt": ""})
    assert main(["doctor", str(tmp_path / "file.txt")]) == 2
    assert capsys.readouterr().err == f"hardkit: error: {tmp_path / 'file.txt'}: not a directory\n"
    assert main(["doctor", str(tmp_path / "missing")]) == 2
    assert "no such directory" in capsys.readouterr().err


def test_the_current_directory_is_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, APPENDIX_A)
    monkeypatch.chdir(tmp_path)
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "hardkit doctor: .\n"
        "against the hardening checklist: "
        "https://github.com/hardkit/hardkit/blob/main/docs/checklist.md\n"
        "\nA.1 Project layout\n"
    )
    assert "  \u2713 src/ package         required     src/my_project/ with __init__.py\n" in out
    assert out.endswith("\n20 passed, 0 failed (0 required), 1 not applicable\n")


def test_text_output_falls_back_to_ascii(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["doctor", str(tmp_path)]) == 1
    stdout.flush()
    out = raw.getvalue().decode("ascii")
    assert "  no uv.lock" in out
    assert "-> run `uv lock` and commit uv.lock" in out


def test_yaml_and_json_variants(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        tmp_path,
        {
            "pyrightconfig.json": (
                '{\n  // pyright accepts comments\n  "typeCheckingMode": "strict",\n}\n'
            ),
            ".github/workflows/a.yaml": (
                "on: push\njobs:\n  t:\n    runs-on: macos-14\n    steps:\n"
                "      - uses: actions/setup-python@v5\n        with:\n"
                "          python-version: |\n            3.12\n            3.13\n"
                "      - run: uv run make -k check\n"
            ),
            ".github/workflows/broken.yml": "jobs: [\n",
            ".pre-commit-config.yaml": "repos: {\n",
        },
    )
    _, _, items = doctor(capsys, str(tmp_path))
    assert items["pyright-strict"]["detail"] == 'pyrightconfig.json: typeCheckingMode = "strict"'
    assert items["ci-workflow"]["detail"] == ".github/workflows/a.yaml"
    assert items["ci-python-matrix"]["detail"] == "Python 3.12, 3.13"
    assert items["ci-os-matrix"]["detail"] == "CI runs on macos-14; missing ubuntu"
    assert items["ci-make-check"]["detail"] == ".github/workflows/a.yaml runs make check"
    assert items["pre-commit"]["detail"].startswith(".pre-commit-config.yaml: not valid YAML")


def test_an_unreadable_pyproject_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {"pyproject.toml": "[project\n"})
    code, _, items = doctor(capsys, str(tmp_path))
    assert code == 1
    assert items["ruff"]["detail"].startswith(
        "no [tool.ruff] and no ruff.toml (pyproject.toml unreadable: "
    )


def test_a_gitignored_dockerfile_is_not_the_repositorys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {".gitignore": "scratch/\n", "scratch/Dockerfile": "FROM python\n"})
    _, _, items = doctor(capsys, str(tmp_path))
    assert items["dockerfile-hardening"]["status"] == "not-applicable"


def test_a_bad_hardkit_configuration_fails_the_dockerfile_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path,
        {"pyproject.toml": "[tool.hardkit]\nno-such-key = 1\n", "Dockerfile": "FROM scratch\n"},
    )
    code, _, items = doctor(capsys, str(tmp_path))
    assert code == 1
    assert items["dockerfile-hardening"]["status"] == "fail"
    assert "no-such-key" in items["dockerfile-hardening"]["detail"]


def test_dockerfiles_go_through_the_hk3_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {"Dockerfile": "FROM python:3.13\nCMD python -m app\n"})
    _, _, items = doctor(capsys, str(tmp_path))
    item = items["dockerfile-hardening"]
    if not any(code.startswith("HK3") for code in rules_by_code()):
        assert item["detail"] == "Dockerfile: no findings (this hardkit has no HK3xx rules)"
        return
    assert item["status"] == "fail"
    assert "HK301" in item["detail"]  # a tag, no digest
    assert item["advice"].startswith("run `hardkit check --select HK3 Dockerfile`")


def test_exponential_yaml_aliases_do_not_hang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laughs = "".join(f"  l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}]\n" for i in range(1, 40))
    workflow = (
        f"x:\n  l0: &l0 ['3.12']\n{laughs}"
        "jobs:\n  t:\n    strategy:\n      matrix:\n"
        "        os: [ubuntu-latest]\n"
        "        python-version: *l39\n"
        "    runs-on: macos-latest\n"
    )
    write(tmp_path, {".github/workflows/ci.yml": workflow})
    _, _, items = doctor(capsys, str(tmp_path))
    assert items["ci-os-matrix"]["detail"] == "macos-latest, ubuntu-latest"
    # nested deeper than any real matrix: not read (and not walked 3**39 times)
    assert items["ci-python-matrix"]["detail"] == (
        "CI tests no literal Python versions; missing 3.12, 3.13"
    )
