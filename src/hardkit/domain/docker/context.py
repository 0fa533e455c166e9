"""The build context: the directory ``docker build`` sends, read (never run) when a rule
needs a file the Dockerfile copies (an entrypoint script, an s6 service, a supervisord
or uWSGI configuration).

Files are reached through ``ProjectFiles``, the adapter that keeps every read inside the
project (no ``..``, no symbolic link out of the tree, a size cap). The context is the
Dockerfile's directory, or the nearest directory above it (up to the project root) in
which the ``COPY``/``ADD`` sources are found — ``docker/Dockerfile`` built from the
repository root is common — or the one ``docker-context`` names.
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Iterable

from hardkit.domain.values import NamedTuple, Protocol

_GLOB = frozenset("*?[")


class ProjectFiles(Protocol):
    """Read access to the checked project's files, by project-relative ``/`` paths."""

    def kind(self, path: str) -> str:
        """``"file"``, ``"dir"``, or ``""`` (absent, unreadable, outside the project)."""
        ...

    def text(self, path: str) -> str | None:
        """The file's text (undecodable bytes replaced), None when it cannot be read."""
        ...

    def list_dir(self, path: str) -> tuple[str, ...]:
        """The names in a directory, sorted; empty when it is none."""
        ...


class NoFiles:
    """No project files at all: a Dockerfile checked on its own (stdin, a test)."""

    def kind(self, path: str) -> str:
        del path
        return ""

    def text(self, path: str) -> str | None:
        del path
        return None

    def list_dir(self, path: str) -> tuple[str, ...]:
        del path
        return ()


def _join(base: str, path: str) -> str | None:
    """``path`` under ``base`` (project-relative), or None when it climbs out of it."""
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if joined == ".":
        return ""
    if joined == ".." or joined.startswith("../"):
        return None
    return joined


class BuildContext(NamedTuple):
    files: ProjectFiles
    root: str  # the context directory, project-relative ("" for the project root)

    def path(self, source: str) -> str | None:
        return _join(self.root, source)

    def kind(self, source: str) -> str:
        path = self.path(source)
        return self.files.kind(path) if path is not None else ""

    def text_of(self, source: str) -> str | None:
        path = self.path(source)
        return self.files.text(path) if path is not None else None

    def list_dir(self, source: str) -> tuple[str, ...]:
        path = self.path(source)
        return self.files.list_dir(path) if path is not None else ()

    def matches(self, source: str) -> list[str]:
        """The context paths a ``COPY`` source names (its wildcards expanded)."""
        if not any(c in _GLOB for c in source):
            return [source] if self.kind(source) else []
        found = [""]
        for part in [p for p in source.split("/") if p and p != "."]:
            if not any(c in _GLOB for c in part):
                found = [
                    posixpath.join(f, part) for f in found if self.kind(posixpath.join(f, part))
                ]
                continue
            found = [
                posixpath.join(f, name)
                for f in found
                for name in self.list_dir(f)
                if fnmatch.fnmatchcase(name, part)
            ]
        return found


def choose_context(
    files: ProjectFiles, dockerfile: str, sources: Iterable[str], configured: str | None
) -> BuildContext:
    """The build context of the Dockerfile at the project-relative path ``dockerfile``:
    the configured directory, or the nearest directory from the Dockerfile's own up to
    the project root where the most ``COPY``/``ADD`` sources are found."""
    if configured is not None:
        return BuildContext(files, _join("", configured) or "")
    here = posixpath.dirname(dockerfile)
    if here.startswith(("..", "/")) or ":" in here.split("/", 1)[0]:
        return BuildContext(NoFiles(), "")  # outside the project: nothing of it is read
    candidates = [here]
    while candidates[-1]:
        candidates.append(posixpath.dirname(candidates[-1]))
    wanted = [s for s in dict.fromkeys(sources) if s not in (".", "./", "/")]
    if not wanted:
        return BuildContext(files, here)
    best, best_found = here, -1
    for candidate in candidates:
        context = BuildContext(files, candidate)
        found = sum(1 for source in wanted if context.matches(source))
        if found == len(wanted):
            return context
        if found > best_found:
            best, best_found = candidate, found
    return BuildContext(files, best)
