"""`make test-all`: the test suite on every supported Python installed on this machine.

Interpreters are looked up under pyenv (``$(pyenv root)/versions/*``) and on PATH, and
each candidate must really run and report the version asked for (a pyenv shim for a
version that is not selected does not count). A version with no interpreter here is
skipped, and named in the summary; nothing is ever downloaded.

    uv run nox                      # every version
    uv run nox -s "tests(3.12)"     # one of them
    uv run nox -- -k config         # extra arguments go to pytest
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nox

nox.options.default_venv_backend = "none"
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["tests"]

# requires-python is ">=3.10": its lower end, every version between, and the newest.
SUPPORTED = ("3.10", "3.11", "3.12", "3.13", "3.13t", "3.14", "3.14t")
_REPORT_VERSION = (
    "import sys, sysconfig; gil = sysconfig.get_config_var('Py_GIL_DISABLED'); "
    "print('%d.%d%s' % (sys.version_info[0], sys.version_info[1], 't' if gil else ''))"
)


def _pyenv_root() -> Path | None:
    if os.environ.get("PYENV_ROOT"):
        return Path(os.environ["PYENV_ROOT"])
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return None
    done = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=False)  # noqa: S603
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def _patch_level(path: Path) -> tuple[int, ...]:
    """(3, 13, 1) for ``.../versions/3.13.1/bin/python3.13``: newest patch first."""
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.parent.name))


def _candidates(version: str) -> list[Path]:
    executable = f"python{version}"
    found: list[Path] = []
    root = _pyenv_root()
    if root is not None:
        installs = (root / "versions").glob(f"*/bin/{executable}")
        found += sorted(installs, key=_patch_level, reverse=True)
    on_path = shutil.which(executable)
    if on_path is not None:
        found.append(Path(on_path))
    return found


def _reports(interpreter: Path, version: str) -> bool:
    try:
        done = subprocess.run(  # noqa: S603 - the interpreters found on this machine
            [str(interpreter), "-c", _REPORT_VERSION],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and done.stdout.strip() == version


def find_interpreter(version: str) -> Path | None:
    """The first working interpreter for ``version`` (``3.10``, ``3.13t``), or None."""
    return next((c for c in _candidates(version) if _reports(c, version)), None)


@nox.session(python=False)
@nox.parametrize("version", SUPPORTED, ids=list(SUPPORTED))
def tests(session: nox.Session, version: str) -> None:
    """The test suite on one interpreter, in its own environment built from uv.lock."""
    interpreter = find_interpreter(version)
    if interpreter is None:
        session.skip(f"Python {version}: not installed here (looked under pyenv and on PATH)")
    session.log(f"Python {version}: {interpreter}")
    venv = Path(".nox") / f"tests-{version}"
    env = {"UV_PROJECT_ENVIRONMENT": str(venv.resolve()), "UV_PYTHON_DOWNLOADS": "never"}
    python_option = ("--python", str(interpreter))
    uv = ("uv", "--quiet")
    session.run(*uv, "venv", "--allow-existing", *python_option, str(venv), external=True, env=env)
    session.run(*uv, "sync", "--frozen", *python_option, external=True, env=env)
    python = venv / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    args = session.posargs or ["-q", "-n", "auto"]
    session.run(str(python), "-m", "pytest", *args, external=True, env=env)
