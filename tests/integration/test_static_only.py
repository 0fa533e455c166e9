"""hardkit is static only: it never imports or runs the code it checks, and it opens no
network connection outside ``hardkit audit``.

The checked repository is full of traps: modules, a ``conftest.py``, a ``setup.py``,
package ``__init__.py`` files, and files named like the modules hardkit itself imports
(``json.py``, ``tokenize.py``, ``libcst.py``...), each writing a marker file when run.
Every command runs as a real process with an audit hook (``sys.addaudithook``, installed
by a ``sitecustomize.py`` on ``PYTHONPATH``) that refuses and records any network use,
records any code object executed from the repository, and records the processes started.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import write

SITECUSTOMIZE = """
import os
import sys

_LOG = os.environ["HARDKIT_AUDIT_LOG"]
_PROJECT = os.path.realpath(os.environ["HARDKIT_AUDIT_PROJECT"]) + os.sep
_NETWORK = frozenset({
    "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
    "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.getnameinfo",
    "socket.sendto", "socket.sendmsg", "socket.bind", "http.client.connect",
    "urllib.Request", "ftplib.connect", "smtplib.connect", "poplib.connect",
    "imaplib.open", "nntplib.connect", "telnetlib.Telnet.open",
})


def _record(line):
    with open(_LOG, "a", encoding="utf-8") as handle:
        handle.write(line + "\\n")


def _hook(event, args):
    if event in _NETWORK:
        if event.startswith("socket.") and args and getattr(args[0], "family", None) == 1:
            return  # AF_UNIX: a local pipe between processes, not the network
        _record(f"network {event} {args[1:]!r}")
        raise PermissionError(f"network use refused by the test: {event}")
    if event == "exec":
        filename = getattr(args[0], "co_filename", "") or ""
        if os.path.isabs(filename) and os.path.realpath(filename).startswith(_PROJECT):
            _record(f"exec {filename}")
    elif event == "subprocess.Popen":
        _record(f"process {args[1]!r}")


sys.addaudithook(_hook)
"""

TRAP = "import pathlib\npathlib.Path({marker!r}).write_text('ran')\n"
# Names hardkit (or a library it uses) imports lazily, after start-up.
SHADOWS = ("json", "tokenize", "difflib", "libcst", "tomllib", "tomli", "tomlkit", "yaml")
SHADOWS += ("pathspec", "dockerfile", "concurrent", "shutil", "tempfile", "io", "ast")
TRAPS = (
    "app/__init__.py",
    "app/evil.py",
    "app/domain/__init__.py",
    "app/domain/model.py",
    "app/adapters/__init__.py",
    "conftest.py",
    "tests/conftest.py",
    "setup.py",
    "noxfile.py",
    "docs/conf.py",
    *(f"{name}.py" for name in SHADOWS),
)


def _repository(root: Path, markers: Path) -> None:
    files: dict[str, str | bytes] = {}
    for name in TRAPS:
        files[name] = TRAP.format(marker=str(markers / name.replace("/", "__")))
    files["app/evil.py"] += "def view(request, user):\n    assert user.is_admin\n"
    files["app/domain/model.py"] += "from app.adapters import db\nimport requests\n"
    files["app/adapters/db.py"] = "import sqlite3\n"
    files["Dockerfile"] = f"FROM python:3.12\nRUN touch {markers}/docker-run\nCMD python -m app\n"
    files["Makefile"] = f"check:\n\ttouch {markers}/make-ran\n"
    files[".pre-commit-config.yaml"] = (
        "repos:\n- repo: local\n  hooks:\n  - id: trap\n    name: trap\n"
        f"    entry: touch {markers}/hook-ran\n    language: system\n"
    )
    files["pyproject.toml"] = '[project]\nname = "trap"\n[tool.ruff]\nline-length = 100\n'
    write(root, files)


@pytest.fixture
def audited(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A trap repository, its (empty) marker folder, and the environment that audits."""
    project, markers, hooks = tmp_path / "repo", tmp_path / "markers", tmp_path / "hooks"
    for folder in (project, markers, hooks):
        folder.mkdir()
    _repository(project, markers)
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(hooks),
        "HARDKIT_AUDIT_LOG": str(tmp_path / "audit.log"),
        "HARDKIT_AUDIT_PROJECT": str(project),
    }
    return project, markers, env


def _log(env: dict[str, str]) -> list[str]:
    path = Path(env["HARDKIT_AUDIT_LOG"])
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_the_audit_hook_is_active(audited: tuple[Path, Path, dict[str, str]]) -> None:
    """The harness itself: a network call and an executed repository file are seen."""
    project, markers, env = audited
    probe = (
        "import socket, runpy\n"
        "try:\n    socket.getaddrinfo('localhost', 80)\nexcept PermissionError:\n    pass\n"
        f"runpy.run_path({str(project / 'setup.py')!r})\n"
    )
    subprocess.run([sys.executable, "-c", probe], cwd=project, env=env, check=True)
    log = _log(env)
    assert log[0].startswith("network socket.getaddrinfo")
    assert log[1] == f"exec {project / 'setup.py'}"
    assert (markers / "setup.py").exists()


COMMANDS = [
    ("check",),
    ("check", "--output-format", "json", "--no-cache"),
    ("check", "--output-format", "sarif", "--jobs", "2", "--no-cache"),
    ("check", "--diff"),
    ("check", "--fix"),
    ("check", "--fix", "--select", "HK1,HK2,HK3,HK4"),
    ("init", "--dry-run"),
    ("init",),
    ("sync", "--check"),
    ("sync",),
    ("doctor",),
    ("doctor", "--output-format", "json"),
    ("rule", "--all"),
]


@pytest.mark.parametrize("launcher", ["module", "script"])
def test_no_command_imports_runs_or_connects(
    audited: tuple[Path, Path, dict[str, str]], launcher: str
) -> None:
    project, markers, env = audited
    start = (
        [sys.executable, "-m", "hardkit"]
        if launcher == "module"
        else [str(Path(sys.executable).parent / "hardkit")]
    )
    for command in COMMANDS:
        result = subprocess.run(
            [*start, *command], cwd=project, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode in (0, 1), (command, result.stderr)
        assert "Traceback" not in result.stderr
        assert "internal error" not in result.stderr
    assert sorted(p.name for p in markers.iterdir()) == []
    log = _log(env)
    assert [line for line in log if line.startswith(("network", "exec"))] == []
    # Processes hardkit starts, if any, are its own helpers: never a file of the repository.
    started = [line for line in log if line.startswith("process")]
    assert all(str(project) not in line and "setup.py" not in line for line in started), started
    # The fix did rewrite the checked module: read and written as text, never run.
    assert "raise AssertionError" in (project / "app" / "evil.py").read_text()
    assert (project / "hardkit-ruff.toml").exists()
