"""Is a path tracked by git? Answered without a ``git`` process in the common case.

The cache asks this on every run that finds its directory, so the answer must cost far
less than starting ``git`` (~5 ms and more on a large repository). Index versions 2 and
3, git's default, store every tracked path whole: when the path's bytes are nowhere in
the index file, nothing under it is tracked, which one read and one substring search
show (a fraction of a millisecond for a repository of thousands of files). Only when the
bytes are there (a tracked cache, or a look-alike name), or for index version 4 (whose
paths are prefix-compressed) or a format this code does not know, ``git ls-files`` gives
the answer.
"""

from __future__ import annotations

import os

_HEADER = b"DIRC"
_WHOLE_PATHS = (2, 3)  # index versions whose entries hold each path whole


def tracked_by_git(root: str, name: str) -> bool:
    """Whether git tracks ``name`` (a path relative to ``root``, ``/``-separated) or
    anything under it, in the work tree that holds ``root``. False outside a work tree."""
    found = _index_of(os.path.realpath(root))
    if found is None:
        return False
    index, inside = found
    path = f"{inside}/{name}" if inside else name
    try:
        with open(index, "rb") as handle:  # noqa: PTH123 - a string path: start-up cost
            data = handle.read()
    except OSError:
        return False  # no index yet (a fresh ``git init``): nothing is tracked
    whole = data[:4] == _HEADER and int.from_bytes(data[4:8], "big") in _WHOLE_PATHS
    if whole and os.fsencode(path) not in data:
        return False
    # When git cannot answer, the bytes found in a whole-path index are taken as tracked.
    return _ls_files(root, name, default=whole)


def _index_of(directory: str) -> tuple[str, str] | None:
    """The index file of the work tree holding ``directory``, and ``directory``'s path
    inside that work tree (``""`` at its top)."""
    parts: list[str] = []
    current = directory
    while True:
        dotgit = os.path.join(current, ".git")  # noqa: PTH118
        if os.path.isdir(dotgit):  # noqa: PTH112
            return os.path.join(dotgit, "index"), "/".join(reversed(parts))  # noqa: PTH118
        if os.path.isfile(dotgit):  # noqa: PTH113 - a linked work tree or a submodule
            gitdir = _gitdir_of(dotgit, current)
            if gitdir is None:
                return None
            return os.path.join(gitdir, "index"), "/".join(reversed(parts))  # noqa: PTH118
        parent = os.path.dirname(current)  # noqa: PTH120
        if parent == current:
            return None
        parts.append(os.path.basename(current))  # noqa: PTH119
        current = parent


def _gitdir_of(dotgit: str, top: str) -> str | None:
    """The directory a ``.git`` file points to (``gitdir: PATH``)."""
    try:
        with open(dotgit, encoding="utf-8") as handle:  # noqa: PTH123
            line = handle.readline().strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not line.startswith("gitdir:"):
        return None
    return os.path.join(top, line[len("gitdir:") :].strip())  # noqa: PTH118


def _ls_files(root: str, name: str, *, default: bool) -> bool:
    """``git ls-files`` on ``name``; ``default`` when git cannot answer."""
    import subprocess  # rarely needed: not on a hook's start-up path

    try:
        done = subprocess.run(  # noqa: S603 - a fixed program; ``name`` follows ``--``
            ["git", "ls-files", "--cached", "-z", "--", name],  # noqa: S607 - git from PATH
            cwd=root,
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return default
    if done.returncode != 0:
        return default
    return bool(done.stdout)
