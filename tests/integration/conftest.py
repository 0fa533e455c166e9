"""What the tests that run the real hook clients share: a git environment of their own,
and this working tree committed in a scratch repository (a real git rev to install)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.helpers import git

REPO = Path(__file__).resolve().parents[2]


class HooksRepo(NamedTuple):
    path: Path
    rev: str


@pytest.fixture(scope="session")
def git_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of every git and client process: no global or system git
    configuration (a global core.hooksPath would stop `install`), a fixed identity, no
    GIT_* variables of an outer hook run."""
    config = tmp_path_factory.mktemp("git-config") / "gitconfig"
    config.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_CONFIG_GLOBAL=str(config),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        NO_COLOR="1",
    )
    env.pop("FORCE_COLOR", None)
    return env


@pytest.fixture(scope="session")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory, git_env: dict[str, str]) -> HooksRepo:
    """This working tree (tracked and new files, .gitignore honoured) as one commit."""
    snapshot = tmp_path_factory.mktemp("hardkit-hooks-repo")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file() and not source.is_symlink():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git("init", "-q", cwd=snapshot, env=git_env)
    git("add", "-A", cwd=snapshot, env=git_env)
    git("commit", "-q", "-m", "hardkit under test", cwd=snapshot, env=git_env)
    return HooksRepo(snapshot, git("rev-parse", "HEAD", cwd=snapshot).strip())
