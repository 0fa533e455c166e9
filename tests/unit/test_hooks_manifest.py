""".pre-commit-hooks.yaml: what each hook runs, on which files, and that every hook is
documented. (The hooks under the real clients: tests/integration/test_hook_clients.py.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from hardkit.domain.kinds import kind_of
from hardkit.entrypoints.cli import main
from tests.helpers import write

ROOT = Path(__file__).resolve().parents[2]
HOOKS: list[dict[str, Any]] = cast(
    "list[dict[str, Any]]",
    yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")),
)
BY_ID = {hook["id"]: hook for hook in HOOKS}
REPOSITORY_LEVEL = ("hardkit-presets", "hardkit-layers", "hardkit-audit")


def _matches(hook: dict[str, Any], path: str) -> bool:
    """pre-commit's own test: ``re.search`` of ``files`` (and not ``exclude``)."""
    included = re.search(hook.get("files", ""), path) is not None
    excluded = "exclude" in hook and re.search(hook["exclude"], path) is not None
    return included and not excluded


def test_the_five_hooks() -> None:
    assert list(BY_ID) == [
        "hardkit",
        "hardkit-fix",
        "hardkit-presets",
        "hardkit-layers",
        "hardkit-audit",
    ]


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
def test_every_hook_is_a_python_hook_with_its_settings(hook: dict[str, Any]) -> None:
    assert hook["language"] == "python"
    assert hook["entry"].startswith("hardkit ")
    assert hook["name"]
    assert hook["description"].strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+", hook["minimum_pre_commit_version"])
    assert hook.get("pass_filenames", True) is (hook["id"] not in REPOSITORY_LEVEL)


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
def test_every_hook_is_documented_in_the_readme(hook: dict[str, Any]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    hooks_section = readme.split("### Hooks\n", 1)[1].split("\n### ", 1)[0]
    assert f"| `{hook['id']}` | `{hook['entry']}" in hooks_section


CHECKED = [
    "app.py",
    "src/pkg/stubs.pyi",
    "Dockerfile",
    "dockerfile",
    "DOCKERFILE",
    "Containerfile",
    "deploy/Dockerfile.prod",
    "api.Dockerfile",
    "web.dockerfile",
    "Containerfile.dev",
    "pyproject.toml",
    "sub/pyproject.toml",
    "ruff.toml",
    ".ruff.toml",
    "pyrightconfig.json",
    "hardkit-ruff.toml",
    "hardkit-pyright.json",
]
NOT_CHECKED = [
    "README.md",
    "setup.cfg",
    "notes.txt",
    "app.pyc",
    "app.py.orig",
    "uv.lock",
    "docker-compose.yml",
    "mydockerfile",
    "Dockerfiles/readme.txt",
    "not-pyproject.toml",
    "tox.ini",
]


@pytest.mark.parametrize("hook_id", ["hardkit", "hardkit-fix"])
def test_file_hooks_get_every_file_hardkit_checks(hook_id: str) -> None:
    hook = BY_ID[hook_id]
    for path in CHECKED:
        assert kind_of(path.rsplit("/", 1)[-1]) is not None, path  # hardkit checks it
        assert _matches(hook, path), path
    for path in NOT_CHECKED:
        assert kind_of(path.rsplit("/", 1)[-1]) is None, path
        assert not _matches(hook, path), path


def test_layers_hook_runs_when_python_or_its_settings_change() -> None:
    hook = BY_ID["hardkit-layers"]
    # setup.cfg and setup.py mark a project's directory: they move its import roots.
    changes = ["a.py", "b/c.pyi", "pyproject.toml", "hardkit.toml", "svc/setup.cfg", "setup.py"]
    assert [p for p in changes if _matches(hook, p)] == changes
    assert not [
        p for p in ["Dockerfile", "uv.lock", "README.md", "setup.cfgx"] if _matches(hook, p)
    ]


def test_audit_hook_runs_when_a_root_lock_changes() -> None:
    hook = BY_ID["hardkit-audit"]
    hits = ["uv.lock", "pylock.toml", "requirements.txt", "requirements-dev.txt"]
    misses = ["services/api/uv.lock", "app.py", "requirements.in", "uv.lock.bak"]
    assert [p for p in hits if _matches(hook, p)] == hits
    assert [p for p in misses if _matches(hook, p)] == []


def test_presets_hook_runs_on_every_commit() -> None:
    assert BY_ID["hardkit-presets"]["always_run"] is True
    assert BY_ID["hardkit-presets"]["entry"] == "hardkit sync --check"


# The file hooks are require_serial (as ruff's are): one process gets every changed file
# and prints one summary. A commit's handful of files is checked without a worker pool
# (start-up dominates); a long list is spread over workers by hardkit itself.


@pytest.mark.parametrize("hook_id", ["hardkit", "hardkit-fix"])
def test_file_hooks_run_serially_in_one_process(hook_id: str) -> None:
    assert BY_ID[hook_id]["require_serial"] is True


def test_the_repositorys_own_hook_runs_serially_too() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert hooks["hardkit"]["require_serial"] is True


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker count of every pool started, the pool itself replaced by a serial map."""
    import concurrent.futures

    started: list[int] = []

    class SerialPool:
        def __init__(self, max_workers: int, **kwargs: object) -> None:
            started.append(max_workers)

        def __enter__(self) -> SerialPool:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def map(self, function: Any, items: Any, chunksize: int = 1) -> Any:
            return map(function, items)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", SerialPool)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    return started


def _many_modules(root: Path, count: int = 80) -> list[str]:
    # Each module holds an assert (HK101 parses it): work a worker pool could share.
    files = {
        f"src/orders/domain/m{i}.py": f"def check_{i}(x):\n    assert x\n" for i in range(count)
    }
    write(
        root,
        {
            "pyproject.toml": '[project]\nname = "orders"\n',
            "src/orders/__init__.py": "",
            "src/orders/domain/__init__.py": "",
            **files,
        },
    )
    return sorted(files)


@pytest.mark.parametrize("hook_id", ["hardkit", "hardkit-fix", "hardkit-layers"])
def test_a_commits_handful_of_files_starts_no_worker_pool(
    hook_id: str, project: Path, pools: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    names = _many_modules(project, count=80)[:20]
    hook = BY_ID[hook_id]
    argv = [*hook["entry"].split()[1:], "--no-cache"]
    if hook.get("pass_filenames", True):
        argv += names
    assert main(argv) == 0, capsys.readouterr()
    assert pools == []


@pytest.mark.parametrize("hook_id", ["hardkit", "hardkit-fix"])
def test_a_long_list_of_named_files_is_spread_over_workers(
    hook_id: str, project: Path, pools: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    """With require_serial the client no longer splits a long list into parallel chunks:
    hardkit does the spreading itself, as for a walked tree."""
    names = _many_modules(project, count=80)
    argv = [*BY_ID[hook_id]["entry"].split()[1:], "--no-cache", *names]
    assert main(argv) == 0, capsys.readouterr()
    assert pools == [2]
    assert capsys.readouterr().out == "All checks passed!\n"


def test_presets_hook_starts_no_worker_pool(
    project: Path, pools: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    _many_modules(project)
    assert main(["init"]) == 0
    assert main(BY_ID["hardkit-presets"]["entry"].split()[1:]) == 0, capsys.readouterr()
    assert pools == []


def test_the_pool_guard_would_notice_a_pool(
    project: Path, pools: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    _many_modules(project)
    assert main(["check", "--select", "HK101", "--jobs", "2", "--no-cache"]) == 0
    assert pools == [2], capsys.readouterr()
