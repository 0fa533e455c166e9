"""The README's "Adopt it" steps, followed as written, with the real tools.

A local clone of this repository stands in for the published one: every
``https://github.com/hardkit/hardkit`` in the README's commands (and in the
``.pre-commit-config.yaml`` that ``hardkit init`` writes) becomes the clone's
``file://`` URL, and the release the docs say to pin, ``v`` + the version, is a tag made
in the clone, as the release workflow makes it on the real repository. Everything else
runs as a new user would run it: ``uv tool install`` puts ``hardkit`` and ``pre-commit``
on a PATH of their own (the test's virtual environment is not on it), ``hardkit init``
onboards a small service, ``pre-commit install`` and ``git commit`` run the hooks from a
fresh pre-commit home. Then the "keep it current" commands move the pin to a newer tag,
and the before-the-first-release command pins a commit.

Slow (uv and pre-commit build two environments: about a minute), but part of the
default run. Needs the package index, as test_hook_clients.py does.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hardkit import __version__
from tests.helpers import git, write
from tests.integration.conftest import HooksRepo

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = "https://github.com/hardkit/hardkit"
SERVICE = {
    "pyproject.toml": '[project]\nname = "orders"\nversion = "0.1.0"\n',
    "src/orders/__init__.py": "",
    "src/orders/views.py": (
        "def delete(request):\n"
        "    if not request.user.is_staff:\n"
        '        raise PermissionError("staff only")\n'
    ),
}
SECURITY_ASSERT = 'def refund(request):\n    assert request.user.is_staff, "staff only"\n'


def _adoption_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adopt it\n", 1)[1]
    return section.split("\nFrom then on the same checks run", 1)[0]


def _steps() -> list[list[str]]:
    """The commands of each console block of the section, comments dropped."""
    blocks = re.findall(r"```console\n(.*?)```", _adoption_section(), re.DOTALL)
    return [
        [line[2:].split("  #", 1)[0].strip() for line in block.splitlines()] for block in blocks
    ]


class Machine:
    """A fresh machine: uv's tools and pre-commit's store in scratch directories, and a
    PATH with the system's tools (git, uv) but not this test's virtual environment."""

    def __init__(self, home: Path, git_env: dict[str, str], url: str) -> None:
        self.url = url
        self.bin = home / "bin"
        venv_bin = str(Path(sys.executable).parent)
        path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p != venv_bin]
        self.env = {k: v for k, v in git_env.items() if k not in ("VIRTUAL_ENV", "PYTHONHOME")}
        self.env.update(
            PATH=os.pathsep.join([str(self.bin), *path]),
            UV_TOOL_DIR=str(home / "uv-tools"),
            UV_TOOL_BIN_DIR=str(self.bin),
            UV_PYTHON=sys.executable,  # the interpreter under test, not a download
            PRE_COMMIT_HOME=str(home / "pre-commit"),
        )

    def run(self, command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """One README command, the published URL replaced by the clone's."""
        return subprocess.run(
            ["sh", "-c", command.replace(PUBLISHED, self.url)],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )

    def ok(self, command: str, cwd: Path) -> str:
        done = self.run(command, cwd)
        output = done.stdout + done.stderr
        assert done.returncode == 0, f"$ {command}\n{output}"
        return output


def _pinned(repo: Path) -> str:
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (entry,) = [r for r in config["repos"] if "hardkit" in r["repo"]]
    return str(entry["rev"])


@pytest.fixture
def clone(tmp_path: Path, hooks_repo: HooksRepo, git_env: dict[str, str]) -> Path:
    """A local clone of this repository, its release tagged as the release workflow
    tags it: "v" + the version."""
    target = tmp_path / "hardkit-clone"
    git("clone", "-q", str(hooks_repo.path), str(target), cwd=tmp_path, env=git_env)
    git("tag", f"v{__version__}", cwd=target, env=git_env)
    return target


def test_the_readme_sections_commands_are_the_three_steps() -> None:
    install, onboard, current = _steps()
    assert install == [f"uv tool install git+{PUBLISHED}", "uv tool install pre-commit"]
    assert onboard == [
        "hardkit init",
        "pre-commit install",
        'git add -A && git commit -m "Adopt hardkit"',
    ]
    assert current == [
        f"pre-commit autoupdate --repo {PUBLISHED}",
        "uv tool upgrade hardkit && hardkit sync",
    ]
    snippet = re.search(r"```yaml\n(.*?)```", _adoption_section(), re.DOTALL)
    assert snippet is not None
    (entry,) = yaml.safe_load(snippet.group(1))
    assert (entry["repo"], entry["rev"]) == (PUBLISHED, f"v{__version__}")


def test_a_new_user_follows_the_readme(
    tmp_path: Path, clone: Path, git_env: dict[str, str]
) -> None:
    install, onboard, current = _steps()
    machine = Machine(tmp_path / "machine", git_env, clone.as_uri())
    for command in install:
        machine.ok(command, tmp_path)
    assert machine.ok("hardkit --version", tmp_path).strip() == f"hardkit {__version__}"
    assert (machine.bin / "hardkit").exists()

    repo = tmp_path / "orders"
    repo.mkdir()
    git("init", "-q", cwd=repo, env=git_env)
    write(repo, SERVICE)
    init, *rest = onboard
    machine.ok(init, repo)
    assert _pinned(repo) == f"v{__version__}", "hardkit init pins the release it is"
    config = repo / ".pre-commit-config.yaml"
    config.write_text(config.read_text().replace(PUBLISHED, machine.url), encoding="utf-8")
    for command in rest:
        machine.ok(command, repo)
    assert git("log", "--format=%s", cwd=repo, env=git_env).strip() == "Adopt hardkit"

    # The hooks now guard every commit: one summary for the hook run.
    write(repo, {"src/orders/refunds.py": SECURITY_ASSERT})
    blocked = machine.run('git add -A && git commit -m "Refunds"', repo)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "src/orders/refunds.py:2:5: HK101 [*] assert checks `request.user.is_staff`" in output
    assert re.findall(r"^\s*(Found \d+ errors?\.|All checks passed!)", output, re.M) == [
        "Found 1 error."
    ]

    # Keeping it current: a newer release tagged, the pin moved, the command and the
    # presets brought to the same release.
    git("commit", "-q", "--allow-empty", "-m", "next release", cwd=clone, env=git_env)
    git("tag", "v99.0.0", cwd=clone, env=git_env)
    git("reset", "-q", "HEAD", cwd=repo, env=git_env)
    for command in current:
        machine.ok(command, repo)
    assert _pinned(repo) == "v99.0.0"

    # Before a first release: the newest commit.
    (bleeding,) = re.findall(
        r"`(pre-commit autoupdate --bleeding-edge [^`]+)`", _adoption_section()
    )
    git("commit", "-q", "--allow-empty", "-m", "unreleased work", cwd=clone, env=git_env)
    machine.ok(bleeding, repo)
    assert _pinned(repo) == git("rev-parse", "HEAD", cwd=clone).strip()


def test_getting_started_gives_the_same_steps_and_pin() -> None:
    page = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    commands = {
        line[2:].split("  #", 1)[0].strip()
        for block in re.findall(r"```console\n(.*?)```", page, re.DOTALL)
        for line in block.splitlines()
    }
    install, onboard, current = _steps()
    assert {*install, *onboard, *current} <= commands
    snippet = re.search(r'```yaml title="\.pre-commit-config\.yaml"\n(.*?)```', page, re.DOTALL)
    assert snippet is not None
    (entry,) = yaml.safe_load(snippet.group(1))["repos"]
    assert (entry["repo"], entry["rev"]) == (PUBLISHED, f"v{__version__}")
    assert f"pre-commit autoupdate --bleeding-edge --repo {PUBLISHED}" in page
