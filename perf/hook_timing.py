"""The hook as users run it: ``pre-commit run hardkit --files one.py`` next to ruff's.

    .venv/bin/python -m perf.hook_timing [--runs 15] [--workdir DIR] [--file one.py]
    make hook-timing

Makes a throwaway git repository holding one clean Python file and a
``.pre-commit-config.yaml`` with three hooks, each installed by pre-commit itself (its
own cache, ``PRE_COMMIT_HOME``, inside the work folder):

* ``hardkit`` from this repository's committed ``HEAD`` (``repo:`` the local path, as a
  user's config names hardkit's repository and a ``rev``);
* ``ruff`` from ruff's own hook repository (``astral-sh/ruff-pre-commit`` at the ruff
  version of ``uv.lock``); when that repository cannot be cloned (no network but the
  package index), the closest equivalent: a local hook of ``language: python`` with
  ``additional_dependencies: [ruff==VERSION]``, its entry ruff-pre-commit's
  (``ruff check --force-exclude``); the output says which one ran;
* ``noop``, a ``language: system`` hook running ``true``: pre-commit's own cost.

Then runs ``pre-commit run HOOK --files one.py`` for each, interleaved round by round
after one warm-up each, and prints the median wall time of each and the ratio hardkit /
ruff; the hook executables alone (``hardkit check one.py``, ``ruff check one.py`` from
the hooks' environments) besides. Byte-code is compiled (``PYTHONDONTWRITEBYTECODE`` is
dropped). Nothing fails on a slow figure.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUFF_HOOKS = "https://github.com/astral-sh/ruff-pre-commit"
CLEAN_FILE = "def area(width: float, height: float) -> float:\n    return width * height\n"


def ruff_version() -> str:
    """The ruff version pinned in ``uv.lock``."""
    text = (REPO / "uv.lock").read_text(encoding="utf-8")
    found = re.search(r'\[\[package\]\]\nname = "ruff"\nversion = "([^"]+)"', text)
    if found is None:
        raise SystemExit("ruff is not in uv.lock")
    return found.group(1)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PRE_COMMIT_HOME"] = str(home)
    env["NO_COLOR"] = "1"
    env["SKIP"] = ""
    return env


def _config(hardkit_rev: str, ruff: str, remote_ruff: bool) -> str:
    if remote_ruff:
        ruff_hook = f"  - repo: {RUFF_HOOKS}\n    rev: v{ruff}\n    hooks:\n      - id: ruff\n"
    else:
        ruff_hook = (
            "  - repo: local\n"
            "    hooks:\n"
            "      - id: ruff\n"
            "        name: ruff\n"
            "        entry: ruff check --force-exclude\n"
            "        language: python\n"
            f"        additional_dependencies: [ruff=={ruff}]\n"
            "        types_or: [python, pyi]\n"
            "        require_serial: true\n"
        )
    return (
        "repos:\n"
        f"  - repo: {REPO}\n    rev: {hardkit_rev}\n    hooks:\n      - id: hardkit\n"
        + ruff_hook
        + "  - repo: local\n"
        "    hooks:\n"
        "      - id: noop\n"
        "        name: noop\n"
        "        entry: 'true'\n"
        "        language: system\n"
        "        types: [python]\n"
    )


def _git(args: list[str], cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def prepare(work: Path, pre_commit: str) -> tuple[Path, bool]:
    """The test repository with its hooks installed; whether ruff's own repository was used."""
    project = work / "project"
    project.mkdir(parents=True, exist_ok=True)
    _git(["init", "-q"], project)
    (project / "one.py").write_text(CLEAN_FILE)
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.strip()
    env = _env(work / "pre-commit-home")
    for remote in (True, False):
        (project / ".pre-commit-config.yaml").write_text(_config(rev, ruff_version(), remote))
        _git(["add", "."], project)
        done = subprocess.run(
            [pre_commit, "install-hooks"], cwd=project, env=env, capture_output=True, text=True
        )
        if done.returncode == 0:
            return project, remote
        print(f"pre-commit install-hooks failed ({'remote' if remote else 'local'} ruff hook):")
        print(done.stdout[-2000:] + done.stderr[-2000:])
    raise SystemExit(1)


def _once(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def interleaved(
    commands: dict[str, list[str]], cwd: Path, env: dict[str, str], runs: int
) -> dict[str, float]:
    """Median wall time of each command, ``runs`` rounds taking turns, after a warm-up."""
    for command in commands.values():
        _once(command, cwd, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(_once(command, cwd, env))
    return {name: statistics.median(taken) for name, taken in samples.items()}


def _hook_executable(home: Path, name: str) -> Path | None:
    found = sorted(home.glob(f"repo*/py_env-*/bin/{name}"))
    return found[0] if found else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="rounds (median; at least 10)")
    parser.add_argument("--workdir", type=Path, help="keep the hooks' environments here")
    args = parser.parse_args(argv)
    runs = max(10, args.runs)
    scratch = None if args.workdir else tempfile.TemporaryDirectory(prefix="hardkit-hooks-")
    work = args.workdir or Path(scratch.name)  # type: ignore[union-attr]
    pre_commit = str(Path(sys.executable).parent / "pre-commit")
    project, remote = prepare(work, pre_commit)
    home = work / "pre-commit-home"
    env = _env(home)
    hooks = {
        name: [pre_commit, "run", name, "--files", "one.py"] for name in ("hardkit", "ruff", "noop")
    }
    direct: dict[str, list[str]] = {}
    for name, args_ in (("hardkit", ["check", "one.py"]), ("ruff", ["check", "one.py"])):
        executable = _hook_executable(home, name)
        if executable is not None:
            direct[f"{name} alone"] = [str(executable), *args_]
    figures = interleaved({**hooks, **direct}, project, env, runs)
    version = subprocess.run(
        [pre_commit, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    source = f"{RUFF_HOOKS} v{ruff_version()}" if remote else (
        f"a local hook, language: python, additional_dependencies: [ruff=={ruff_version()}] "
        f"({RUFF_HOOKS} could not be cloned here)"
    )  # fmt: skip
    print(f"| command (in a repository holding one clean file) | median of {runs} |")
    print("|---|---:|")
    for name, median in figures.items():
        shown = f"`pre-commit run {name} --files one.py`" if name in hooks else f"`{name}`"
        print(f"| {shown} | {median * 1000:.0f} ms |")
    ratio = figures["hardkit"] / figures["ruff"]
    print()
    print(f"hardkit hook / ruff hook: {ratio:.2f}x; {version}; ruff hook from {source}.")
    print(f"Load average (1 min) at the end: {os.getloadavg()[0]:.2f}.")
    if scratch is not None:
        scratch.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
