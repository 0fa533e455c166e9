"""The hooks under the real clients: pre-commit and prek, from a clean install.

This repository's working tree is committed in a scratch repository (a real git rev);
each client installs hardkit from it into its own environment, as a user's would from
the published repository (that needs the package index), once per test session: the
clients' homes are shared by every test here. The user's repository is a fresh git
repository per test, with the global git configuration switched off.

Slow (the two environments take about a minute to build), but part of the default run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.helpers import git, write
from tests.integration.conftest import HooksRepo

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "audit"
BIN = Path(sys.executable).parent

VIEWS = """\
import os


def delete(request, path):
    assert request.user.is_staff, "staff only"
    os.remove(path)
"""
VIEWS_FIXED = """\
import os


def delete(request, path):
    if not request.user.is_staff:
        raise AssertionError("staff only")
    os.remove(path)
"""
UNPINNED = (
    'FROM python:3.12-slim\nENV PYTHONFAULTHANDLER=1\nUSER app\nCMD ["python", "-m", "app"]\n'
)
HARDENED = (
    f"FROM python:3.12-slim@sha256:{'a' * 64}\n"
    "ENV PYTHONFAULTHANDLER=1\n"
    "RUN useradd --create-home app\n"
    "USER app\n"
    'CMD ["python", "-m", "app"]\n'
)
CLEAN_VIEWS = """\
def delete(request):
    if not request.user.is_staff:
        raise PermissionError("staff only")
"""


class Client(NamedTuple):
    name: str
    argv: tuple[str, ...]
    rev_option: str  # try-repo's option naming the rev
    home_variable: str


CLIENTS = {
    "pre-commit": Client(
        "pre-commit", (sys.executable, "-m", "pre_commit"), "--ref", "PRE_COMMIT_HOME"
    ),
    "prek": Client("prek", (str(BIN / "prek"),), "--rev", "PREK_HOME"),
}


@pytest.fixture(scope="session")
def client_homes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clients' stores (PRE_COMMIT_HOME, PREK_HOME), kept for the whole session:
    hardkit is installed into each client's environment once."""
    return tmp_path_factory.mktemp("hook-client-homes")


@pytest.fixture(params=list(CLIENTS))
def client(request: pytest.FixtureRequest) -> Client:
    return CLIENTS[request.param]


class UserRepo:
    """A user's repository, with one of the clients."""

    def __init__(
        self, root: Path, client: Client, hooks: HooksRepo, env: dict[str, str], homes: Path
    ) -> None:
        self.root, self.client, self.hooks = root, client, hooks
        self.env = {**env, client.home_variable: str(homes / client.name)}
        root.mkdir(parents=True, exist_ok=True)
        git("init", "-q", cwd=root, env=self.env)

    def stage(self, files: dict[str, str]) -> None:
        write(self.root, dict(files))
        git("add", *files, cwd=self.root, env=self.env)

    def run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            argv, cwd=self.root, env=self.env, capture_output=True, text=True, check=False
        )

    def _config(self, hooks: tuple[str, ...]) -> str:
        entries = "".join(f"      - id: {hook}\n" for hook in hooks)
        return (
            f"repos:\n  - repo: {self.hooks.path.as_posix()}\n    rev: {self.hooks.rev}\n"
            f"    hooks:\n{entries}"
        )

    def try_repo(self, hook: str) -> subprocess.CompletedProcess[str]:
        """``try-repo`` of this repository's commit on the staged files, as a commit would
        run it. (Both clients install the hook into a new scratch store every time.)"""
        argv = [*self.client.argv, "try-repo", str(self.hooks.path), hook]
        return self.run(*argv, self.client.rev_option, self.hooks.rev)

    def run_hook(self, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
        """What ``try-repo`` does (a configuration naming this repository's commit, outside
        the user's repository, then ``run``), with the session's store: installed once.
        On the staged files, unless ``files`` are named."""
        config = self.root.parent / f"{hook}-config.yaml"
        config.write_text(self._config((hook,)), encoding="utf-8")
        argv = [*self.client.argv, "run", "--config", str(config), hook]
        return self.run(*argv, *(["--files", *files] if files else []))

    def install(self, *hooks: str) -> None:
        """A .pre-commit-config.yaml using ``hooks`` of this repository's commit, and the
        client's git hook."""
        self.stage({".pre-commit-config.yaml": self._config(hooks)})
        done = self.run(*self.client.argv, "install")
        assert done.returncode == 0, done.stdout + done.stderr

    def commit(self) -> subprocess.CompletedProcess[str]:
        return self.run("git", "commit", "-m", "change")

    def has_commits(self) -> bool:
        return self.run("git", "rev-parse", "--verify", "-q", "HEAD").returncode == 0


@pytest.fixture
def user_repo(
    tmp_path: Path,
    client: Client,
    hooks_repo: HooksRepo,
    git_env: dict[str, str],
    client_homes: Path,
) -> UserRepo:
    return UserRepo(tmp_path / "user-repo", client, hooks_repo, git_env, client_homes)


def _output(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout + done.stderr


def test_a_commit_with_a_security_assert_and_an_unpinned_from_is_blocked(
    user_repo: UserRepo,
) -> None:
    user_repo.install("hardkit")
    user_repo.stage({"app/views.py": VIEWS, "Dockerfile": UNPINNED})
    done = user_repo.commit()
    output = _output(done)
    assert done.returncode != 0, output
    assert "app/views.py:5:5: HK101 [*] assert checks `request.user.is_staff`" in output
    assert "Dockerfile:1:6: HK301 base image `python:3.12-slim` is not pinned by digest" in output
    assert "Found 2 errors." in output
    assert not user_repo.has_commits()


def test_a_clean_commit_passes(user_repo: UserRepo) -> None:
    user_repo.install("hardkit")
    user_repo.stage({"app/views.py": CLEAN_VIEWS, "Dockerfile": HARDENED, "README.md": "hi\n"})
    done = user_repo.commit()
    assert done.returncode == 0, _output(done)
    assert "hardkit" in _output(done)
    assert "Passed" in _output(done)
    assert user_repo.has_commits()


# hardkit's closing line; prek indents a hook's output.
SUMMARY = re.compile(r"^[ \t]*(Found \d+ errors?\..*|All checks passed!)[ \t]*$", re.MULTILINE)


def _many_files(count: int, flawed: int) -> dict[str, str]:
    files = {f"app/module_{i:02}.py": CLEAN_VIEWS for i in range(count - flawed)}
    files.update({f"app/views_{i:02}.py": VIEWS for i in range(flawed)})
    return files


def test_the_file_hook_prints_one_summary_over_many_files(user_repo: UserRepo) -> None:
    """require_serial: one hardkit process for all the files, so one summary line. With
    `require_serial: false` the client cuts the list into parallel chunks (at least one
    per CPU; at least two here) and each chunk prints its own summary: "Found 3 errors."
    beside "All checks passed!" in one hook run."""
    files = _many_files(40, flawed=6)
    if _client_chunks(user_repo.client, sorted(files)) < 2:
        pytest.skip("one CPU: the client would not split the list even in parallel mode")
    user_repo.stage(files)
    done = user_repo.run_hook("hardkit")
    output = _output(done)
    assert done.returncode == 1, output
    assert SUMMARY.findall(output) == ["Found 6 errors."], output
    assert output.count(": HK101 ") == 6


def _client_chunks(client: Client, names: list[str]) -> int:
    """How many chunks pre-commit cuts this list into for a hook that is not
    require_serial, on this machine (prek chunks the same way: one per CPU at least)."""
    from pre_commit import xargs

    return len(xargs.partition(("hardkit", "check"), tuple(names), xargs.cpu_count()))


def test_try_repo_reports_the_staged_files(user_repo: UserRepo) -> None:
    user_repo.stage({"app/views.py": VIEWS, "api.Dockerfile": UNPINNED, "notes.txt": "x\n"})
    done = user_repo.try_repo("hardkit")
    output = _output(done)
    assert done.returncode == 1, output
    assert "app/views.py:5:5: HK101" in output
    assert "api.Dockerfile:1:6: HK301" in output


def test_hardkit_fix_leaves_the_fixed_file_and_fails_the_run(user_repo: UserRepo) -> None:
    user_repo.stage({"app/views.py": VIEWS})
    done = user_repo.run_hook("hardkit-fix", "app/views.py")
    output = _output(done)
    assert done.returncode == 1, output
    assert "files were modified by this hook" in output
    # Like `ruff check --fix`: hardkit itself exits 0 once all is fixed; the client
    # fails the run because the hook changed a file.
    assert "exit code:" not in output
    assert "Found 1 error (1 fixed, 0 remaining)." in output
    assert (user_repo.root / "app" / "views.py").read_text(encoding="utf-8") == VIEWS_FIXED


def test_hardkit_presets_passes_after_hardkit_init(user_repo: UserRepo) -> None:
    user_repo.stage({"pyproject.toml": '[project]\nname = "orders"\nversion = "0.1.0"\n'})
    before = user_repo.run_hook("hardkit-presets")
    assert before.returncode == 1, _output(before)
    assert "hardkit-ruff.toml: missing" in _output(before)
    init = user_repo.run(sys.executable, "-m", "hardkit", "init")
    assert init.returncode == 0, _output(init)
    user_repo.run("git", "add", "-A")
    after = user_repo.run_hook("hardkit-presets")
    assert after.returncode == 0, _output(after)
    assert "Passed" in _output(after)


def test_hardkit_layers_checks_the_whole_project(user_repo: UserRepo) -> None:
    user_repo.stage(
        {
            "pyproject.toml": '[project]\nname = "orders"\n',
            "src/orders/__init__.py": "",
            "src/orders/domain/__init__.py": "",
            "src/orders/domain/pricing.py": "from orders.utils.money import cents\n",
            "src/orders/adapters/__init__.py": "",
            "src/orders/utils/__init__.py": "",
            "src/orders/utils/money.py": "import httpx\n",
        }
    )
    done = user_repo.run_hook("hardkit-layers", "src/orders/utils/money.py")
    output = _output(done)
    assert done.returncode == 1, output
    assert (
        "src/orders/domain/pricing.py:1:1: HK204 domain module reaches the I/O module "
        "'httpx' through 'orders.utils.money'"
    ) in output


def test_hardkit_audit_runs_when_the_lock_changes(user_repo: UserRepo) -> None:
    user_repo.stage({"app.py": "x = 1\n"})
    skipped = user_repo.run_hook("hardkit-audit")
    assert skipped.returncode == 0, _output(skipped)
    assert "Skipped" in _output(skipped)
    user_repo.stage({"uv.lock": (DATA / "uv.lock").read_text(encoding="utf-8")})
    done = user_repo.run_hook("hardkit-audit")
    output = _output(done)
    assert done.returncode == 1, output
    assert "Traceback" not in output
    # This machine cannot reach a vulnerability service: one clear line. Where the
    # service answers, the advisories of requests 2.19.1.
    assert (
        "hardkit: error: the vulnerability service answered for none of the 7 pinned" in output
        or "uv.lock:49:1: HK501 requests 2.19.1 has a known vulnerability" in output
    )
