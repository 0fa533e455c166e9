"""Small helpers shared by the test suites (and the ``perf/`` harnesses)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    """``git ARGS`` in ``cwd``; its stdout. Fails the test when git fails."""
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def run_hardkit(
    *args: str, cwd: Path, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """The real CLI in a fresh process, as a user or a hook runs it."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "hardkit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def run_probe(code: str, *args: str, cwd: Path | None = None) -> str:
    """Standard output of ``python -c code args`` in a fresh interpreter (what a
    process loads or calls is only visible in one); fails on a non-zero exit."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout
