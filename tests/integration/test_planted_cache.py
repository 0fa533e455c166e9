"""A cache planted in a repository never changes what hardkit reports (issue 20).

The attack, end to end with real git: check a clean ``app.py``, add a security assert,
check again, overwrite the new entry with the clean entry's bytes, commit the cache;
a fresh clone (another machine: another user cache directory) checks ``app.py``. Before
entries were authenticated this printed ``All checks passed!``.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from hardkit.adapters.cache import CACHE_DIR, LAYOUT, TRACKED_WARNING, ResultCache
from tests.helpers import run_hardkit, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

CLEAN = "def delete(request, order):\n    order.delete()\n"
GUARDED = "def delete(request, order):\n    assert request.user.is_staff\n    order.delete()\n"
FINDING = (
    "app.py:2:5: HK101 [*] assert checks `request.user.is_staff` (a permission check); "
    "python -O removes it"
)


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def hardkit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """hardkit as the user whose cache directory is ``home``."""
    return run_hardkit(*args, cwd=cwd, env={"XDG_CACHE_HOME": str(home)})


def entries(root: Path) -> set[Path]:
    return {p for p in (root / CACHE_DIR / LAYOUT).rglob("*") if p.is_file()}


def plant(repo: Path, attacker: Path) -> None:
    """The attacker's side: a cache whose entry for the guarded app.py is the clean one."""
    write(repo, {"app.py": CLEAN})
    assert hardkit("check", "app.py", cwd=repo, home=attacker).returncode == 0
    before = entries(repo)
    write(repo, {"app.py": GUARDED})
    assert hardkit("check", "app.py", cwd=repo, home=attacker).returncode == 1
    (clean,) = {p for p in before if p.read_bytes()}  # pyproject.toml is not named: one
    (guarded,) = entries(repo) - before
    guarded.write_bytes(clean.read_bytes())
    git("add", "-f", CACHE_DIR, "app.py", "pyproject.toml", cwd=repo)
    git("commit", "-q", "-m", "harmless", cwd=repo)


def test_a_committed_cache_cannot_hide_a_finding_in_a_fresh_clone(tmp_path: Path) -> None:
    repo, clone = tmp_path / "repo", tmp_path / "clone"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    write(repo, {"pyproject.toml": '[project]\nname = "app"\n'})
    plant(repo, tmp_path / "attacker-cache")
    git("clone", "-q", str(repo), str(clone), cwd=tmp_path)
    assert (clone / CACHE_DIR / LAYOUT).is_dir()  # the planted entries came along

    result = hardkit("check", "app.py", cwd=clone, home=tmp_path / "ci-cache")

    assert (result.returncode, result.stdout.splitlines()[0]) == (1, FINDING)
    assert result.stderr == f"hardkit: warning: {TRACKED_WARNING}\n"
    assert git("status", "--porcelain", cwd=clone) == ""  # nothing written into it
    # Even the attacker's own key no longer helps once the entry is under another name.
    again = hardkit("check", "app.py", cwd=clone, home=tmp_path / "attacker-cache")
    assert (again.returncode, again.stdout.splitlines()[0]) == (1, FINDING)


def test_an_entry_copied_under_another_file_s_name_is_a_miss(tmp_path: Path) -> None:
    """The same attack on one machine (a CI cache restored from a pull request's job
    holds entries made with the runner's own key): the tag binds an entry to its name."""
    write(tmp_path, {"pyproject.toml": '[project]\nname = "app"\n', "app.py": CLEAN})
    home = tmp_path / "user-cache"
    assert hardkit("check", "app.py", cwd=tmp_path, home=home).returncode == 0
    before = entries(tmp_path)
    write(tmp_path, {"app.py": GUARDED})
    assert hardkit("check", "app.py", cwd=tmp_path, home=home).returncode == 1
    ((clean,), (guarded,)) = (before, entries(tmp_path) - before)
    guarded.write_bytes(clean.read_bytes())
    result = hardkit("check", "app.py", cwd=tmp_path, home=home)
    assert (result.returncode, result.stdout.splitlines()[0], result.stderr) == (1, FINDING, "")


def test_an_untracked_cache_is_used_and_git_is_not_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The common case costs one read of the index: no ``git`` process."""
    from hardkit.adapters import git_index
    from hardkit.domain.findings import FileResult

    git("init", "-q", cwd=tmp_path)
    write(tmp_path, {"app.py": CLEAN, ".hardkit_cache/.gitignore": "*\n"})
    git("add", "app.py", cwd=tmp_path)
    git("commit", "-q", "-m", "app", cwd=tmp_path)

    def no_git(*args: object, **kwargs: object) -> bool:
        raise AssertionError("git was started")

    monkeypatch.setattr(git_index, "_ls_files", no_git)
    home = tmp_path / "user-cache"
    ResultCache(tmp_path, home).put("ab" * 20, FileResult("app.py"))
    cache = ResultCache(tmp_path, home)
    assert cache.get("ab" * 20) == FileResult("app.py")
    assert cache.warnings == []


def test_concurrent_first_runs_agree_on_one_key_made_private(tmp_path: Path) -> None:
    files = {f"pkg{i % 4}/mod_{i}.py": f"value_{i} = {i}\n" for i in range(40)}
    write(tmp_path, {"pyproject.toml": '[project]\nname = "app"\n', **files})
    home = tmp_path / "fresh-user-cache"
    targets = [["pkg0"], ["pkg1"], ["pkg2"], ["pkg3"], ["pkg0", "pkg2"], ["pkg1", "pkg3"]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "hardkit", "check", "-q", *target],
            cwd=tmp_path,
            env={**os.environ, "XDG_CACHE_HOME": str(home)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for target in targets
    ]
    assert [p.communicate() for p in procs] == [("", "")] * len(targets)
    assert [p.returncode for p in procs] == [0] * len(targets)
    key = home / "hardkit" / "cache-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert [p.name for p in key.parent.iterdir()] == ["cache-key"]  # no temporary left
    # Every process sealed its entries with the one key that won.
    cache = ResultCache(tmp_path, key.parent)
    written = entries(tmp_path)
    assert len(written) == 40
    assert all(cache.get(entry.name) is not None for entry in written)


# --- telling a tracked cache without starting git ------------------------------------------


def _repo(root: Path, files: dict[str, str | bytes], tracked: list[str]) -> None:
    git("init", "-q", cwd=root)
    write(root, files)
    git("add", "-f", *tracked, cwd=root)
    git("commit", "-q", "-m", "files", cwd=root)


@pytest.mark.parametrize(
    ("tracked", "root", "expected"),
    [
        pytest.param(["app.py"], "", False, id="untracked"),
        pytest.param(["app.py", ".hardkit_cache/v2/ab/x"], "", True, id="tracked-entry"),
        pytest.param(["sub/.hardkit_cache/v2/ab/x"], "sub", True, id="nested-project"),
        pytest.param(["sub/.hardkit_cache/v2/ab/x"], "", False, id="another-project-s"),
        pytest.param(["docs/.hardkit_cache.md"], "", False, id="look-alike-name"),
    ],
)
def test_tracked_by_git(tracked: list[str], root: str, expected: bool, tmp_path: Path) -> None:
    from hardkit.adapters.git_index import tracked_by_git

    files = dict.fromkeys(["app.py", *tracked], "x\n")
    for name in list(files):
        if ".hardkit_cache/" in name:  # the untracked cache beside the tracked one
            files[name.replace("/ab/x", "/cd/y")] = "y\n"
    _repo(tmp_path, files, tracked)
    (tmp_path / root / ".hardkit_cache").mkdir(parents=True, exist_ok=True)
    assert tracked_by_git(str(tmp_path / root), ".hardkit_cache") is expected
    git("update-index", "--index-version", "4", cwd=tmp_path)  # prefix-compressed paths
    assert tracked_by_git(str(tmp_path / root), ".hardkit_cache") is expected


def test_a_tracked_symbolic_link_counts_and_a_linked_work_tree_is_read(tmp_path: Path) -> None:
    from hardkit.adapters.git_index import tracked_by_git

    main = tmp_path / "main"
    main.mkdir()
    _repo(main, {"app.py": "x\n"}, ["app.py"])
    (main / ".hardkit_cache").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert tracked_by_git(str(main), ".hardkit_cache") is False
    git("add", ".hardkit_cache", cwd=main)
    git("commit", "-q", "-m", "link", cwd=main)
    assert tracked_by_git(str(main), ".hardkit_cache") is True
    git("worktree", "add", "-q", str(tmp_path / "linked"), cwd=main)
    assert (tmp_path / "linked" / ".git").is_file()
    assert tracked_by_git(str(tmp_path / "linked"), ".hardkit_cache") is True


def test_outside_any_repository_nothing_is_tracked(tmp_path: Path) -> None:
    from hardkit.adapters.git_index import tracked_by_git

    assert tracked_by_git(str(tmp_path), ".hardkit_cache") is False
