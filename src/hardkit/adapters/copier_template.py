"""hardkit's project template, rendered by copier (the ``new`` extra).

The template is package data (``hardkit/template``): ``copier.yml`` and the questions
beside it, the project's files under ``project/``. The repository's root ``copier.yml``
points ``copier copy`` at the same files, so both give the same project.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

TEMPLATE = Path(__file__).resolve().parent.parent / "template"
ANSWERS_FILE = ".copier-answers.yml"
_SRC_PATH = re.compile(r"^_src_path:.*$", re.MULTILINE)


class CopierMissing(Exception):
    """copier is not installed (hardkit without the ``new`` extra)."""


class Rendered(NamedTuple):
    """What a render did: ``task_error`` is set when the files were written but a
    post-copy task (``uv lock``) failed."""

    task_error: str | None = None


def render(
    destination: Path,
    data: Mapping[str, object],
    *,
    defaults: bool,
    lock: bool = True,
    quiet: bool = False,
) -> Rendered:
    """Render the template into ``destination``; ``ValueError`` for an invalid answer,
    ``CopierMissing`` without copier. The template's task (``uv lock``) runs unless
    ``lock`` is false: the template is hardkit's own, so it is trusted."""
    try:
        from copier import run_copy
        from copier.errors import TaskError
    except ImportError:
        raise CopierMissing from None
    try:
        run_copy(
            str(TEMPLATE),
            destination,
            data=dict(data),
            defaults=defaults,
            unsafe=True,
            skip_tasks=not lock,
            quiet=quiet,
            cleanup_on_error=False,
        )
    except TaskError as exc:
        command = exc.cmd if isinstance(exc.cmd, str) else " ".join(map(str, exc.cmd))
        return Rendered(task_error=f"`{command}` failed (exit status {exc.returncode})")
    return Rendered()


def record_source(answers: str, url: str, ref: str) -> str:
    """The answers file as ``copier copy URL --vcs-ref REF`` would have written it: the
    template copied from the package is the one tagged REF in the repository at URL,
    and recording that is what lets ``copier update`` find it later."""
    replacement = f"_commit: {ref}\n_src_path: {url}"
    if not _SRC_PATH.search(answers):
        return answers
    return _SRC_PATH.sub(lambda _: replacement, answers, count=1)
