"""CI, releases and local interpreters: the workflow holds the A.4 matrix, the recipes in
the docs work on real hardkit output, the version has one source, ``make test-all``
finds interpreters the way it says."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from hardkit import __version__
from tests.helpers import write
from tests.integration.test_gitlab_report import CODE_QUALITY_SCHEMA

ROOT = Path(__file__).resolve().parents[2]
SEMVER = r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?"


def _workflow() -> dict[Any, Any]:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _requires_python_floor() -> str:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^requires-python = ">=(\d+\.\d+)"$', pyproject, re.MULTILINE)
    assert match, "requires-python must be a '>=X.Y' floor"
    return match.group(1)


def test_workflow_runs_make_check_on_the_a4_matrix() -> None:
    check = _workflow()["jobs"]["check"]
    matrix = check["strategy"]["matrix"]
    assert matrix["python"] == ["3.12", "3.13", "3.13t", "3.14"]
    assert matrix["os"] == ["ubuntu-latest", "macos-latest"]
    assert check["strategy"]["fail-fast"] is False
    setup = next(s for s in check["steps"] if s.get("uses", "").startswith("astral-sh/setup-uv"))
    assert setup["with"]["python-version"] == "${{ matrix.python }}"
    assert "make check" in _runs(check)


def test_workflow_tests_the_oldest_supported_python() -> None:
    oldest = _workflow()["jobs"]["oldest"]
    setup = next(s for s in oldest["steps"] if s.get("uses", "").startswith("astral-sh/setup-uv"))
    assert setup["with"]["python-version"] == _requires_python_floor()
    assert "make test" in _runs(oldest)


def test_workflow_archives_bench_without_failing_and_runs_mutmut_weekly() -> None:
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["schedule"][0]["cron"]
    bench = workflow["jobs"]["bench"]
    step = next(s for s in bench["steps"] if "make bench" in s.get("run", ""))
    assert step["continue-on-error"] is True
    upload = next(s for s in bench["steps"] if s.get("uses", "").startswith("actions/upload-"))
    assert upload["with"]["path"] == "perf/results/"
    mutmut = workflow["jobs"]["mutmut"]
    assert "schedule" in mutmut["if"]
    assert "mutmut run --max-children 4" in _runs(mutmut)


def test_project_files_name_no_package_registry_host() -> None:
    hosts = re.compile(r"pypi\.org|pythonhosted\.org|npmjs\.(org|com)|test\.pypi")
    files = [
        ROOT / ".github" / "workflows" / "ci.yml",
        ROOT / ".github" / "workflows" / "release.yml",
        ROOT / "mkdocs.yml",
        ROOT / "noxfile.py",
        ROOT / "CHANGELOG.md",
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "scripts").glob("*.py"),
    ]
    named = [str(f.relative_to(ROOT)) for f in files if hosts.search(f.read_text("utf-8"))]
    assert named == []


def test_version_has_one_source_and_is_semver() -> None:
    assert re.fullmatch(SEMVER, __version__)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert '[tool.hatch.version]\npath = "src/hardkit/__init__.py"' in pyproject
    assert not re.search(r"^version = ", pyproject, re.MULTILINE)


def test_changelog_keeps_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "Keep a Changelog" in text
    assert "Semantic Versioning" in text
    headings = re.findall(r"^## \[(.+?)\](.*)$", text, re.MULTILINE)
    assert headings[0][0] == "Unreleased"
    released = headings[1:]
    for version, rest in released:
        assert re.fullmatch(SEMVER, version), version
        assert re.fullmatch(r" - \d{4}-\d{2}-\d{2}", rest), f"{version}: '## [X.Y.Z] - date'"
    versions = [tuple(int(n) for n in v.split("-")[0].split(".")) for v, _ in released]
    assert versions == sorted(versions, reverse=True)
    if released and released[0][0] != __version__:
        assert f"To be released as {__version__}" in text


def _gitlab_script() -> list[str]:
    page = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    recipe = page.split('```yaml title=".gitlab-ci.yml"\n', 1)[1].split("\n```", 1)[0]
    job = yaml.safe_load(recipe)["hardkit"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    return job["script"]


def test_gitlab_recipe_writes_a_code_quality_report_from_real_findings(tmp_path: Path) -> None:
    """The recipe's own step, run as written (hardkit is the one under test), and its
    report validated against the fields GitLab documents (test_gitlab_report.py)."""
    write(tmp_path, {"app/views.py": "def delete(user):\n    assert user.is_admin\n"})
    step = next(s for s in _gitlab_script() if "--output-format gitlab" in s)
    command, _, target = step.partition(" > ")
    argv = command.split()
    assert argv[:2] == ["hardkit", "check"]
    report = subprocess.run(
        [sys.executable, "-m", "hardkit", *argv[1:]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert target == "gl-code-quality-report.json"
    issues = json.loads(report.stdout)
    jsonschema.validate(issues, CODE_QUALITY_SCHEMA)
    assert [(i["check_name"], i["location"]) for i in issues] == [
        ("HK101", {"path": "app/views.py", "lines": {"begin": 2}})
    ]
    assert "python - <<" not in "\n".join(_gitlab_script()), "no conversion script"


def test_github_recipe_uploads_sarif_and_annotates() -> None:
    page = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    recipe = page.split('```yaml title=".github/workflows/hardkit.yml"\n', 1)[1]
    steps = yaml.safe_load(recipe.split("\n```", 1)[0])["jobs"]["hardkit"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "hardkit check --output-format github" in runs
    assert "hardkit check --output-format sarif --exit-zero > hardkit.sarif" in runs
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "hardkit.sarif"


def _noxfile() -> Any:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("noxfile")


def _fake_python(path: Path, prints: str, status: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho {prints}\nexit {status}\n", encoding="utf-8")
    path.chmod(0o755)


def test_test_all_takes_the_newest_working_pyenv_install_then_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    noxfile = _noxfile()
    root, bin_dir = tmp_path / "pyenv", tmp_path / "bin"
    _fake_python(root / "versions" / "3.99.2" / "bin" / "python3.99", "3.99")
    _fake_python(root / "versions" / "3.99.10" / "bin" / "python3.99", "3.99")
    _fake_python(root / "versions" / "3.98.1" / "bin" / "python3.98", "3.98", status=127)
    _fake_python(bin_dir / "python3.98", "3.98")  # a shim that fails loses to a working one
    _fake_python(bin_dir / "python3.97t", "3.97")  # reports a GIL build: not 3.97t
    monkeypatch.setenv("PYENV_ROOT", str(root))
    monkeypatch.setenv("PATH", str(bin_dir))

    assert noxfile.find_interpreter("3.99") == root / "versions" / "3.99.10" / "bin" / "python3.99"
    assert noxfile.find_interpreter("3.98") == bin_dir / "python3.98"
    assert noxfile.find_interpreter("3.97t") is None
    assert noxfile.find_interpreter("3.96") is None


def test_test_all_recognises_the_running_interpreter_and_covers_requires_python() -> None:
    noxfile = _noxfile()
    gil_disabled = getattr(sys, "_is_gil_enabled", lambda: True)() is False
    version = f"{sys.version_info.major}.{sys.version_info.minor}{'t' if gil_disabled else ''}"
    assert noxfile._reports(Path(sys.executable), version)
    assert not noxfile._reports(Path(sys.executable), "2.7")
    assert noxfile.SUPPORTED[0] == _requires_python_floor()
