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
from pathlib import Path

MAX_BYTES = 256 * 1024
MAX_ENTRIES = 4096


class ProjectFiles:
    """The files under ``root`` (an absolute path), by project-relative ``/`` paths."""

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self._seen: dict[str, str] = {}
        self._states: dict[str, tuple[str | None, os.stat_result | None]] = {}
        self._texts: dict[str, str | None] = {}

    def _full(self, path: str) -> str | None:
        """``path`` under the root, or None when it names a place outside it."""
        if "\0" in path or path.startswith(("/", "\\")) or ":" in path.split("/", 1)[0]:
            return None
        parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
        if ".." in parts:
            return None
        return os.path.join(self.root, *parts)  # noqa: PTH118

    def _inside(self, path: str) -> bool:
        """Whether an existing path, its symbolic links followed, is inside the root."""
        from hardkit.adapters.inside import resolve_inside

        return not resolve_inside(Path(self.root), path).reason

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
            if info is not None and full is not None and not self._inside(path):
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
    full = Path(key) if Path(key).is_absolute() else Path(project_root) / key
    try:
        return full.resolve().relative_to(Path(read_root).resolve()).as_posix()
    except ValueError:
        return None


def read_root(path: str, project_root: str, cwd: str) -> str:
    """The directory below which the files a checked file names may be read: the
    repository (``.git``) holding the project root; for a file checked outside the
    project root, the repository or project holding that file, inside the working
    directory when the check runs from above it (a folder of checkouts)."""
    root, target, here = (Path(p).resolve() for p in (project_root, path, cwd))
    if target.is_relative_to(root):
        return str(_marked(root, ".git") or root)
    directory = target.parent
    found = _marked(directory, ".git") or _marked(directory, "pyproject.toml")
    if directory.is_relative_to(here) and (found is None or not found.is_relative_to(here)):
        return str(here)  # no repository below the working directory: the checkout is it
    return str(found or directory)


def _marked(start: Path, marker: str) -> Path | None:
    return next((d for d in (start, *start.parents) if (d / marker).exists()), None)


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
