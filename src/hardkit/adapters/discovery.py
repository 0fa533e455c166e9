"""Finding the files to check: explicit paths, directory walks, .gitignore and excludes.

Directory symlinks are followed only when they stay inside the tree and have not been
visited yet, so a link loop or a link out of the repository is never walked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hardkit.domain.globs import matches_any
from hardkit.domain.kinds import kind_of
from hardkit.domain.rule import FileKind

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


class Candidate(NamedTuple):
    path: Path  # absolute
    key: str  # project-relative, "/"-separated: what globs and layering see
    kind: FileKind


class Discovery:
    def __init__(self) -> None:
        self.files: list[Candidate] = []
        self.errors: list[tuple[Path, str]] = []


def project_key(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/``; outside the root, the absolute path."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


class _Ignores:
    """The .gitignore files that apply to one directory, outermost first."""

    def __init__(self, specs: tuple[tuple[Path, GitIgnoreSpec], ...] = ()) -> None:
        self.specs = specs

    def entering(self, directory: Path) -> _Ignores:
        spec = _load_gitignore(directory)
        return _Ignores((*self.specs, (directory, spec))) if spec is not None else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        verdict = False
        for base, spec in self.specs:
            rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                verdict = result.include
        return verdict


def _load_gitignore(directory: Path) -> GitIgnoreSpec | None:
    try:
        lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    from pathspec import GitIgnoreSpec  # heavy: only directory walks pay for it

    return GitIgnoreSpec.from_lines(lines.splitlines())


def discover(paths: list[Path], root: Path, excludes: tuple[str, ...]) -> Discovery:
    """Expand ``paths`` (files or directories, absolute) into the files to check.

    Explicit files are kept when hardkit has rules for their kind and no ``exclude``
    pattern matches them (.gitignore is not applied to them: naming a file means it).
    """
    found = Discovery()
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            ignores = _ancestor_ignores(path, root)
            for candidate in _walk(path, root, excludes, ignores, found, set()):
                if candidate.path not in seen:
                    seen.add(candidate.path)
                    found.files.append(candidate)
            continue
        if not path.exists():
            reason = "dangling symbolic link" if path.is_symlink() else "no such file or directory"
            found.errors.append((path, reason))
            continue
        kind = kind_of(path.name)
        key = project_key(path, root)
        if kind is None or matches_any(excludes, key) or path in seen:
            continue
        seen.add(path)
        found.files.append(Candidate(path, key, kind))
    return found


def _ancestor_ignores(directory: Path, root: Path) -> _Ignores:
    ignores = _Ignores()
    try:
        parts = directory.relative_to(root).parts
    except ValueError:
        return ignores.entering(directory)
    current = root
    ignores = ignores.entering(current)
    for part in parts:
        current = current / part
        ignores = ignores.entering(current)
    return ignores


def _walk(
    directory: Path,
    root: Path,
    excludes: tuple[str, ...],
    ignores: _Ignores,
    found: Discovery,
    visited: set[str],
) -> Iterator[Candidate]:
    real = os.path.realpath(directory)
    if real in visited:
        return
    visited.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        found.errors.append((directory, exc.strerror or "cannot read directory"))
        return
    real_root = os.path.realpath(root)
    for entry in entries:
        path = directory / entry.name
        key = project_key(path, root)
        if matches_any(excludes, key):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if ignores.ignored(path, is_dir=True):
                continue
            if entry.is_symlink() and not _inside(os.path.realpath(path), real_root):
                continue
            yield from _walk(path, root, excludes, ignores.entering(path), found, visited)
            continue
        kind = kind_of(entry.name)
        if kind is None or ignores.ignored(path, is_dir=False):
            continue
        if entry.is_symlink():
            target = os.path.realpath(path)
            if not Path(target).exists():
                found.errors.append((path, "dangling symbolic link"))
                continue
            if not _inside(target, real_root):
                continue
        yield Candidate(path, key, kind)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
