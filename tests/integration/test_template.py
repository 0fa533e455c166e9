"""hardkit's project template: what ``hardkit new`` makes passes the hardening checklist.

Fast and offline: projects are made with ``--no-lock`` (the template's ``uv lock`` task
needs the package index), so the doctor's uv.lock item is the one left; the network
tests of ``test_template_build.py`` (``make template-check``) lock one, install it and
run its ``make check``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest

import hardkit
from hardkit.domain.doctor.verdicts import Status
from hardkit.entrypoints.cli import main
from hardkit.service.doctor import run_doctor

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = Path(hardkit.__file__).resolve().parent / "template"
LONGEST = {  # the longest names the questions accept: formatting must not depend on them
    "project_name": "a" * 10 + "-" + "b" * 29,
    "package_name": "c" * 30,
    "description": "A description that runs past any line length" + ", and on" * 20,
}
VARIANTS: dict[str, dict[str, object]] = {
    "defaults": {},
    "longest-names": LONGEST,
    "cli-without-docker": {"web_framework": "none", "docker": False},
    "longest-cli-on-3.13-and-3.14": {
        **LONGEST,
        "web_framework": "none",
        "python_versions": ["3.13", "3.14"],
    },
    "only-3.14": {"python_versions": ["3.14"]},
}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, **GIT_ENV},
    )
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done


def _render(destination: Path, answers: dict[str, object]) -> Path:
    from copier import run_copy

    run_copy(str(TEMPLATE), destination, data=answers, defaults=True, skip_tasks=True, quiet=True)
    return destination


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def test_hardkit_new_writes_the_template_and_records_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    svc = tmp_path / "svc"

    assert main(["new", str(svc), "--name", "acme-orders", "--defaults", "--no-lock"]) == 0

    out = capsys.readouterr().out.lstrip("\n")  # copier's own blank lines come first
    assert out == f"hardkit: created {svc}\nhardkit: run `uv lock` in {svc} before `uv sync`\n"
    answers = (svc / ".copier-answers.yml").read_text(encoding="utf-8")
    assert f"_commit: v{hardkit.__version__}\n_src_path: https://github.com/hardkit/hardkit\n" in (
        answers
    )
    assert "project_name: acme-orders\n" in answers
    assert (svc / "src" / "acme_orders" / "domain" / "pricing.py").is_file()


@pytest.mark.parametrize("answers", VARIANTS.values(), ids=VARIANTS.keys())
def test_doctor_hardkit_check_and_ruff_pass(
    tmp_path: Path, answers: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    project = _render(tmp_path / "svc", answers)

    verdicts = {r.item.id: (r.status, r.verdict.detail) for r in run_doctor(project).results}
    assert verdicts.pop("uv-lock") == (Status.FAILED, "no uv.lock")  # the task's, skipped
    docker = verdicts.pop("dockerfile-hardening")
    wanted = Status.PASSED if answers.get("docker", True) else Status.NOT_APPLICABLE
    assert docker[0] is wanted, docker
    failing = {item for item, v in verdicts.items() if v[0] is not Status.PASSED}
    versions = cast("list[str]", answers.get("python_versions", ["3.12"]))
    # The checklist's matrix starts at 3.12: the doctor holds a project to it.
    assert failing == ({"ci-python-matrix"} if "3.12" not in versions else set())

    assert main(["check", "--no-cache", str(project)]) == 0
    assert capsys.readouterr().out == "All checks passed!\n"
    ruff = (sys.executable, "-m", "ruff")
    _run(*ruff, "check", "--no-cache", ".", cwd=project)
    _run(*ruff, "format", "--check", "--no-cache", ".", cwd=project)


def test_the_template_carries_the_presets_and_hooks_of_this_hardkit() -> None:
    from hardkit.adapters.precommit_yaml import add_hooks
    from hardkit.domain.presets.shipped import (
        HOOKS_REPOSITORY,
        INIT_HOOK_IDS,
        shipped_presets,
    )

    project = TEMPLATE / "project"
    for name, text in shipped_presets(hardkit.__version__).items():
        assert (project / name).read_text(encoding="utf-8") == text, "run `make docs-gen`"
    hooks = (project / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    rev = f"v{hardkit.__version__}"
    assert f"- repo: {HOOKS_REPOSITORY}\n    rev: {rev}\n" in hooks
    assert add_hooks(hooks, HOOKS_REPOSITORY, rev, INIT_HOOK_IDS).text == hooks  # init: no-op


def test_both_copier_files_ask_the_same_questions() -> None:
    package = (TEMPLATE / "copier.yml").read_text(encoding="utf-8")
    repository = (ROOT / "copier.yml").read_text(encoding="utf-8")
    assert "_subdirectory: project\n---\n!include questions.yml\n" in package
    assert (
        "_subdirectory: src/hardkit/template/project\n---\n"
        "!include src/hardkit/template/questions.yml\n"
    ) in repository


def _template_repository(path: Path, edit: Callable[[Path], None] | None = None) -> Path:
    """A git repository laid out like hardkit's, holding its template (edited by ``edit``)."""
    path.mkdir(exist_ok=True)
    shutil.copy2(ROOT / "copier.yml", path / "copier.yml")
    target = path / "src" / "hardkit" / "template"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(TEMPLATE, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    if edit is not None:
        edit(target / "project")
    if not (path / ".git").exists():
        _run("git", "init", "-q", "-b", "main", cwd=path)
    _run("git", "add", "-A", cwd=path)
    _run("git", "commit", "-q", "--allow-empty", "-m", "template", cwd=path)
    return path


def _copier(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return _run(sys.executable, "-m", "copier", *args, cwd=cwd)


def test_copier_copy_of_the_repository_gives_the_same_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = _template_repository(tmp_path / "hardkit")
    _run("git", "tag", f"v{hardkit.__version__}", cwd=repository)
    _copier(
        "copy", "--trust", "--skip-tasks", "--defaults", "--data", "project_name=acme-orders",
        str(repository), "copied", cwd=tmp_path,
    )  # fmt: skip
    new = ["new", str(tmp_path / "new"), "--name", "acme-orders", "--defaults", "--no-lock"]
    assert main(new) == 0
    capsys.readouterr()

    copied, made = _files(tmp_path / "copied"), _files(tmp_path / "new")
    source = f"_src_path: {repository.as_posix()}\n".encode()
    assert source in copied[".copier-answers.yml"]
    copied[".copier-answers.yml"] = copied[".copier-answers.yml"].replace(
        source, b"_src_path: https://github.com/hardkit/hardkit\n"
    )
    assert sorted(copied) == sorted(made)
    assert [name for name in copied if copied[name] != made[name]] == []


def _older(project: Path) -> None:
    """The template as it might have been a release earlier: no gc-stats recipe yet,
    and no Rust step for free-threaded Python in CI."""
    makefile = project / "Makefile.jinja"
    text = makefile.read_text(encoding="utf-8")
    start = text.index('# "What\'s the GC doing?"')
    end = text.index("clean:")
    makefile.write_text(text[:start] + text[end:], encoding="utf-8")
    ci = project / ".github" / "workflows" / "ci.yml.jinja"
    text = ci.read_text(encoding="utf-8")
    start = text.index("      # Some dependencies publish no wheels")
    end = text.index("      - name: Install")
    ci.write_text(text[:start] + text[end:], encoding="utf-8")


@pytest.mark.slow
def test_copier_update_from_an_older_template_applies_cleanly(tmp_path: Path) -> None:
    repository = _template_repository(tmp_path / "hardkit", edit=_older)
    _run("git", "tag", "v0.0.1", cwd=repository)
    _copier(
        "copy", "--trust", "--skip-tasks", "--defaults", "--data", "project_name=acme-orders",
        str(repository), "svc", cwd=tmp_path,
    )  # fmt: skip
    project = tmp_path / "svc"
    assert "gc-stats:" not in (project / "Makefile").read_text(encoding="utf-8")
    _run("git", "init", "-q", "-b", "main", cwd=project)
    readme = project / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nOur own notes.\n", "utf-8")
    (project / "src" / "acme_orders" / "domain" / "refunds.py").write_text('"""Ours."""\n')
    _run("git", "add", "-A", cwd=project)
    _run("git", "commit", "-q", "-m", "the service, with our changes", cwd=project)

    _template_repository(repository)  # the template as it is now
    _run("git", "tag", "v0.0.2", cwd=repository)
    _copier("update", "--trust", "--skip-tasks", "--defaults", cwd=project)

    updated = _files(project)
    fresh = _files(_render(tmp_path / "fresh", {"project_name": "acme-orders"}))
    assert b"\ngc-stats:\n" in updated["Makefile"]
    assert updated["README.md"] == fresh["README.md"] + b"\nOur own notes.\n"
    assert "src/acme_orders/domain/refunds.py" in updated
    assert b"_commit: v0.0.2\n" in updated[".copier-answers.yml"]
    kept = ("README.md", ".copier-answers.yml")  # ours, and where the template came from
    differing = [n for n in fresh if n not in kept and updated.get(n) != fresh[n]]
    assert differing == []
    leftovers = [n for n in updated if n.endswith(".rej") or b"<<<<<<<" in updated[n]]
    assert leftovers == []


def test_a_failing_lock_keeps_the_project_and_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import copier
    from copier.errors import TaskError

    real_copy = copier.run_copy

    def copy_then_fail_the_task(*args: Any, **options: Any) -> None:
        real_copy(*args, **{**options, "skip_tasks": True})
        raise TaskError.from_process(subprocess.CompletedProcess(["uv", "lock"], 2))

    monkeypatch.setattr(copier, "run_copy", copy_then_fail_the_task)
    svc = tmp_path / "svc"

    assert main(["new", str(svc), "--defaults"]) == 1

    assert capsys.readouterr().err.splitlines()[-2:] == [
        "hardkit: error: `uv lock` failed (exit status 2)",
        f"hardkit: the project is in {svc}; run `uv lock` there once the problem is fixed",
    ]
    assert (svc / "pyproject.toml").is_file()
    assert "project_name: svc\n" in (svc / ".copier-answers.yml").read_text(encoding="utf-8")


def test_a_directory_that_is_not_empty_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "keep.txt").write_text("mine\n", encoding="utf-8")

    assert main(["new", str(tmp_path), "--defaults", "--no-lock"]) == 2

    assert capsys.readouterr().err == (
        f"hardkit: error: {tmp_path}: not empty; hardkit new only writes into a new or "
        "empty directory\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_an_invalid_name_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    svc = tmp_path / "svc"

    assert main(["new", str(svc), "--name", "Acme Orders", "--defaults", "--no-lock"]) == 2

    err = capsys.readouterr().err
    assert err.startswith("hardkit: error: Validation error for question 'project_name': ")
    assert err.count("\n") == 1
    assert not svc.exists()


def test_without_copier_one_line_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "copier", None)  # import copier raises ImportError

    assert main(["new", str(tmp_path / "svc"), "--defaults", "--no-lock"]) == 2

    assert capsys.readouterr().err == (
        "hardkit: error: hardkit new needs copier: install hardkit with its 'new' extra "
        "(uv tool install 'hardkit[new]', or pip install 'hardkit[new]')\n"
    )


def test_without_uv_the_lock_cannot_be_made_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    assert main(["new", str(tmp_path / "svc"), "--defaults"]) == 2

    assert capsys.readouterr().err == (
        "hardkit: error: hardkit new needs uv on PATH to lock the project (or pass --no-lock)\n"
    )
    assert not (tmp_path / "svc").exists()
