"""``hardkit new``: a new service from hardkit's project template.

The checks that need no copier come first (the destination, uv), so a mistake costs
nothing; then copier renders the template and runs its task (``uv lock``); last, the
answers file records the template as hardkit's repository at this version's tag, which
``copier update`` needs to bring later template changes into the project.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

from hardkit.adapters.copier_template import ANSWERS_FILE, CopierMissing, record_source, render
from hardkit.domain.presets.shipped import HOOKS_REPOSITORY

OK, LEFT_TO_DO, ERROR = 0, 1, 2
INSTALL_HINT = (
    "hardkit new needs copier: install hardkit with its 'new' extra "
    "(uv tool install 'hardkit[new]', or pip install 'hardkit[new]')"
)


class RunResult(NamedTuple):
    out: list[str]
    err: list[str]
    status: int


def _refusal(destination: Path, lock: bool) -> str | None:
    if destination.exists() and not destination.is_dir():
        return f"{destination}: exists and is not a directory"
    if destination.is_dir() and any(destination.iterdir()):
        return f"{destination}: not empty; hardkit new only writes into a new or empty directory"
    if lock and shutil.which("uv") is None:
        return "hardkit new needs uv on PATH to lock the project (or pass --no-lock)"
    return None


def run_new(
    destination: Path,
    version: str,
    *,
    name: str | None = None,
    defaults: bool = False,
    lock: bool = True,
    quiet: bool = False,
) -> RunResult:
    """Create the project in ``destination`` (a new or empty directory); with ``lock``,
    lock its dependencies (``uv lock``, which needs the package index)."""
    refusal = _refusal(destination, lock)
    if refusal is not None:
        return RunResult([], [f"hardkit: error: {refusal}"], ERROR)
    data = {"project_name": name} if name else {}
    try:
        rendered = render(destination, data, defaults=defaults, lock=lock, quiet=quiet)
    except CopierMissing:
        return RunResult([], [f"hardkit: error: {INSTALL_HINT}"], ERROR)
    except ValueError as exc:  # copier's verdict on an answer, e.g. an invalid --name
        return RunResult([], [f"hardkit: error: {exc}"], ERROR)
    answers = destination / ANSWERS_FILE
    text = answers.read_text(encoding="utf-8")
    answers.write_text(record_source(text, HOOKS_REPOSITORY, f"v{version}"), encoding="utf-8")
    if rendered.task_error is not None:
        return RunResult(
            [],
            [
                f"hardkit: error: {rendered.task_error}",
                f"hardkit: the project is in {destination}; run `uv lock` there once "
                "the problem is fixed",
            ],
            LEFT_TO_DO,
        )
    done = [f"hardkit: created {destination}"]
    if not lock:
        done.append(f"hardkit: run `uv lock` in {destination} before `uv sync`")
    return RunResult(done, [], OK)
