"""A service from ``hardkit new``, end to end: locked, installed, and its ``make check``.

It needs the package index (``uv lock`` and ``uv sync`` download the new project's
dependencies) and takes minutes, so it is not in the default run (marker ``network``):
``make template-check`` runs it, and ``make check`` runs that.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_hardkit

pytestmark = [pytest.mark.network, pytest.mark.slow]


def _python_for_the_project() -> str | None:
    """An interpreter for the new project (requires-python >= 3.12): the one uv is told
    to use, this one, or any that uv or pyenv knows."""
    if os.environ.get("UV_PYTHON"):
        return os.environ["UV_PYTHON"]
    if sys.version_info >= (3, 12):
        return sys.executable
    found = subprocess.run(
        ["uv", "python", "find", "--no-python-downloads", ">=3.12"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode == 0 and found.stdout.strip():
        return found.stdout.strip()
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = sorted(pyenv.glob("3.1[2-9]*/bin/python3"), reverse=True)
    return str(candidates[0]) if candidates else None


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=1200
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture
def environment() -> dict[str, str]:
    if shutil.which("uv") is None or shutil.which("make") is None:
        pytest.skip("needs uv and make on PATH")
    python = _python_for_the_project()
    if python is None:
        pytest.skip("needs a Python >= 3.12 for the new project, and found none")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "UV_PROJECT")}
    # hardkit (this checkout's) on PATH, as after `uv tool install hardkit`: the new
    # project's `make check` runs it.
    bin_dir = str(Path(sys.executable).parent)
    return {**env, "UV_PYTHON": python, "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}"}


def test_a_new_service_passes_doctor_check_and_its_own_make_check(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    new = run_hardkit(
        "new", "svc", "--name", "acme-orders", "--defaults", cwd=tmp_path, env=environment
    )
    assert new.returncode == 0, new.stdout + new.stderr
    svc = tmp_path / "svc"
    assert (svc / "uv.lock").is_file()

    doctor = run_hardkit("doctor", "--output-format", "json", ".", cwd=svc, env=environment)
    assert doctor.returncode == 0, doctor.stdout
    items = json.loads(doctor.stdout)["items"]
    assert [(i["id"], i["status"]) for i in items if i["status"] != "pass"] == []
    check = run_hardkit("check", ".", cwd=svc, env=environment)
    assert (check.returncode, check.stdout) == (0, "All checks passed!\n"), check.stderr

    _run(["uv", "sync", "--locked"], svc, environment)
    made = _run(["uv", "run", "--locked", "make", "check"], svc, environment)
    assert "make hardkit: skipped" not in made.stdout
    assert "\nAll checks passed!\n" in made.stdout, made.stdout[-2000:]  # hardkit's verdict
