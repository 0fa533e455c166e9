"""Reading the project's own files because a checked file names them (the entrypoint
script a Dockerfile copies, its s6 services, its supervisord or uWSGI configuration):
the ``ProjectFiles`` port of ``domain.docker.context``.

Every read stays inside the project: a file's text comes through ``adapters.inside``
(no ``..``, no absolute name, no symbolic link out of the tree, no FIFO) with a size cap
of ``MAX_BYTES``; a directory with more than ``MAX_ENTRIES`` entries is not listed. The
files are read, never run. Most paths a Dockerfile's rules ask about do not exist (a
script looked for on the ``PATH``), so a path is first ``stat``ed and only one that
exists is resolved. What was consulted is recorded (``reads``) with a signature of its
state, so a cached result is used only while none of it changed (``unchanged``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

MAX_BYTES = 256 * 1024
MAX_ENTRIES = 4096


# The project root and the working directory are resolved once per process, not once per
# checked file (a realpath costs a system call per step of a deep path).
@lru_cache(maxsize=64)
def _resolved(path: str) -> str:
    return os.path.realpath(path)


class ProjectFiles:
    """The files under ``root`` (an absolute path), by project-relative ``/`` paths."""

    def __init__(self, root: str) -> None:
        self.root = _resolved(root)
        self._seen: dict[str, str] = {}
        self._states: dict[str, tuple[str | None, os.stat_result | None]] = {}
        self._texts: dict[str, str | None] = {}
        self._real_dirs: dict[str, str] = {}

    def _full(self, path: str) -> str | None:
        """``path`` under the root, or None when it names a place outside it."""
        if "\0" in path or path.startswith(("/", "\\")) or ":" in path.split("/", 1)[0]:
            return None
        parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
        if ".." in parts:
            return None
        return os.path.join(self.root, *parts)  # noqa: PTH118

    def _inside(self, full: str) -> bool:
        """Whether an existing path, its symbolic links followed, is inside the root (the
        root is resolved already; each directory is resolved once)."""
        parent, name = os.path.split(full)
        real_parent = self._real_dirs.get(parent)
        if real_parent is None:
            real_parent = self._real_dirs[parent] = os.path.realpath(parent)
        real = (
            os.path.realpath(full) if os.path.islink(full) else os.path.join(real_parent, name)  # noqa: PTH114, PTH118
        )
        return real == self.root or real.startswith(self.root + os.sep)

    def state(self, path: str) -> tuple[str | None, os.stat_result | None]:
        """The real path of ``path`` inside the root (None outside) and its ``stat``; each
        path is looked at once per file checked."""
        known = self._states.get(path)
        if known is None:
            full = self._full(path)
            try:
                info = os.stat(full) if full is not None else None  # noqa: PTH116
            except OSError:
                info = None
            # Most paths asked about do not exist: only those that do pay for realpath.
            if info is not None and full is not None and not self._inside(full):
                full, info = None, None
            known = self._states[path] = (full, info)
        return known

    def kind(self, path: str) -> str:
        _, info = self.state(path)
        self._seen[path] = signature(info)
        if info is None:
            return ""
        return "dir" if stat.S_ISDIR(info.st_mode) else "file" if stat.S_ISREG(info.st_mode) else ""

    def text(self, path: str) -> str | None:
        if path in self._texts:
            return self._texts[path]
        self._texts[path] = text = self._read(path)
        return text

    def _read(self, path: str) -> str | None:
        full, info = self.state(path)
        self._seen[path] = signature(info)
        if full is None or info is None or not stat.S_ISREG(info.st_mode):
            return None
        from hardkit.adapters.inside import read_inside

        return read_inside(Path(self.root), path, cap=MAX_BYTES).text

    def list_dir(self, path: str) -> tuple[str, ...]:
        full, info = self.state(path)
        self._seen[path] = signature(info)
        if full is None or info is None or not stat.S_ISDIR(info.st_mode):
            return ()
        from hardkit.adapters.inside import resolve_inside

        if resolve_inside(Path(self.root), path).reason:
            return ()
        try:
            names = os.listdir(full)  # noqa: PTH208 - names only, as strings
        except OSError:
            return ()
        return tuple(sorted(names)) if len(names) <= MAX_ENTRIES else ()

    def reads(self) -> tuple[tuple[str, str], ...]:
        """Every path consulted, with the signature of its state then."""
        return tuple(sorted(self._seen.items()))


def path_below(read_root: str, project_root: str, key: str) -> str | None:
    """A checked file's path below ``read_root`` (``/``-separated), from its key (relative
    to ``project_root``, or absolute); None when it lies elsewhere."""
    full = os.path.realpath(os.path.join(project_root, key))  # noqa: PTH118 - key may be absolute
    root = _resolved(read_root)
    if not _below(full, root):
        return None
    return Path(os.path.relpath(full, root)).as_posix() if full != root else "."


def read_root(path: str, project_root: str, cwd: str) -> str:
    """The directory below which the files a checked file names may be read: the
    repository (``.git``) holding the project root; for a file checked outside the
    project root, the repository or project holding that file, inside the working
    directory when the check runs from above it (a folder of checkouts)."""
    root, target, here = _resolved(project_root), os.path.realpath(path), _resolved(cwd)
    if _below(target, root):
        return _marked(root, ".git") or root
    directory = os.path.dirname(target)  # noqa: PTH120
    found = _marked(directory, ".git") or _marked(directory, "pyproject.toml")
    if _below(directory, here) and (found is None or not _below(found, here)):
        return here  # no repository below the working directory: the checkout is it
    return found or directory


def _below(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def _marked(start: str, marker: str) -> str | None:
    directory = start
    while True:
        if os.path.exists(os.path.join(directory, marker)):  # noqa: PTH110, PTH118
            return directory
        parent = os.path.dirname(directory)  # noqa: PTH120
        if parent == directory:
            return None
        directory = parent


def signature(info: os.stat_result | None) -> str:
    """What a cached result may rely on: absent, or the kind, size and modification
    time of the file (a directory's changes when entries come or go)."""
    if info is None:
        return "-"
    kind = "d" if stat.S_ISDIR(info.st_mode) else "f"
    return f"{kind}{info.st_size}:{info.st_mtime_ns}"


def unchanged(root: str, reads: Iterable[tuple[str, str]]) -> bool:
    """Whether every path a cached result consulted is as it was."""
    files = ProjectFiles(root)  # a fresh one: nothing remembered
    return all(signature(files.state(path)[1]) == seen for path, seen in reads)
