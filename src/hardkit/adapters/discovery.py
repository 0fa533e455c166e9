"""Finding the files to check: explicit paths, directory walks, .gitignore and excludes.

Directory symlinks are followed only when they stay inside the tree and have not been
visited yet, so a link loop or a link out of the repository is never walked. Only regular
files are read: a named pipe or a device named ``x.py`` would block a read or never end.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from hardkit.domain.globs import is_name_pattern, matcher, matches_any
from hardkit.domain.kinds import kind_of
from hardkit.domain.rule import FileKind
from hardkit.domain.values import TYPE_CHECKING, NamedTuple

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
        # Paths given that hold nothing to check: a directory with no file of a kind
        # hardkit checks, a named file of no such kind; and named files left out by
        # an ``exclude`` (pre-commit passes those: worth a word only if nothing is left).
        self.nothing_under: list[Path] = []
        self.excluded: list[Path] = []


def project_key(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/``; outside the root, the absolute path."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


class _Ignores:
    """The .gitignore files that apply to one directory, outermost first."""

    def __init__(self, specs: tuple[tuple[str, GitIgnoreSpec], ...] = ()) -> None:
        self.specs = specs  # (the directory holding the .gitignore, its patterns)

    def entering(self, directory: Path) -> _Ignores:
        spec = _load_gitignore(directory)
        if spec is None:
            return self
        return _Ignores((*self.specs, (os.path.join(directory, ""), spec)))  # noqa: PTH118

    def ignored(self, path: str, is_dir: bool) -> bool:
        verdict = False
        for base, spec in self.specs:
            # ``path`` lies below ``base``: it was reached by walking down from there.
            rel = path[len(base) :].replace(os.sep, "/") + ("/" if is_dir else "")
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
            walked = False
            for candidate in _walk(path, root, excludes, ignores, found):
                walked = True
                if candidate.path not in seen:
                    seen.add(candidate.path)
                    found.files.append(candidate)
            if not walked:
                found.nothing_under.append(path)
            continue
        problem = _unreadable_reason(path) or _link_out_of(path, root)
        if problem is not None:
            found.errors.append((path, problem))
            continue
        kind = kind_of(path.name)
        key = project_key(path, root)
        if kind is None:
            found.nothing_under.append(path)
        elif matches_any(excludes, key):
            found.excluded.append(path)
        elif path not in seen:
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


class _Excludes:
    """The ``exclude`` patterns, as a walk tests them: a name pattern (``node_modules``,
    ``*.egg-info``) against the entry's own name only, since every directory above it
    passed already; a path pattern (``tests/**/fixtures``) against its whole key."""

    def __init__(self, patterns: tuple[str, ...], top: str) -> None:
        self.names = matcher(tuple(p for p in patterns if is_name_pattern(p)))
        paths = tuple(p for p in patterns if not is_name_pattern(p))
        self.paths = matcher(paths) if paths else None
        # A name above the walked directory (``hardkit check build/x``) excludes it all.
        self.everything = top != "." and self.names(top)

    def excluded(self, name: str, key: str) -> bool:
        if self.everything or self.names(name):
            return True
        return self.paths is not None and self.paths(key)


class _Walk(NamedTuple):
    """What stays the same while walking one tree."""

    root: Path
    real_root: str
    excludes: _Excludes
    found: Discovery
    visited: set[str]  # real paths of the directories walked: a link loop is walked once


def _walk(
    directory: Path, root: Path, excludes: tuple[str, ...], ignores: _Ignores, found: Discovery
) -> Iterator[Candidate]:
    key = project_key(directory, root)
    walk = _Walk(root, os.path.realpath(root), _Excludes(excludes, key), found, set())
    real = os.path.realpath(directory)
    yield from _walk_directory(walk, str(directory), key, real, ignores, entered=True)


def _walk_directory(
    walk: _Walk, directory: str, key: str, real: str, ignores: _Ignores, *, entered: bool
) -> Iterator[Candidate]:
    """One directory (``key`` relative to the root, ``real`` its resolved path), sorted
    by name; strings rather than ``Path`` objects, which cost more than the walk itself."""
    if real in walk.visited:
        return
    walk.visited.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        walk.found.errors.append((Path(directory), exc.strerror or "cannot read directory"))
        return
    if not entered and any(e.name == ".gitignore" for e in entries):
        ignores = ignores.entering(Path(directory))
    prefix = "" if key == "." else key + "/"
    for entry in entries:
        name = entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        # A file of no kind hardkit checks (most of a tree: translations, data, assets)
        # is passed over before any pattern is matched against it.
        kind = None if is_dir else kind_of(name)
        if not is_dir and kind is None:
            continue
        child_key = prefix + name
        if walk.excludes.excluded(name, child_key):
            continue
        if is_dir:
            yield from _walk_subdirectory(walk, entry, child_key, real, ignores)
            continue
        if kind is None or ignores.ignored(entry.path, is_dir=False):
            continue
        if entry.is_symlink():
            problem = _unreadable_reason(entry.path)
            if problem is None and not _inside(os.path.realpath(entry.path), walk.real_root):
                continue
        else:  # the type comes with the directory listing: no extra system call
            problem = None if entry.is_file() else "not a regular file"
        if problem is not None:
            walk.found.errors.append((Path(entry.path), problem))
            continue
        yield Candidate(Path(entry.path), child_key, kind)


def _walk_subdirectory(
    walk: _Walk, entry: os.DirEntry[str], key: str, parent_real: str, ignores: _Ignores
) -> Iterator[Candidate]:
    if ignores.ignored(entry.path, is_dir=True):
        return
    if entry.is_symlink():
        real = os.path.realpath(entry.path)
        if not _inside(real, walk.real_root):
            return
    else:
        real = os.path.join(parent_real, entry.name)  # noqa: PTH118 - a plain child of a resolved dir
    yield from _walk_directory(walk, entry.path, key, real, ignores, entered=False)


def _unreadable_reason(path: str | Path) -> str | None:
    """Why ``path`` (not a directory) cannot be read as a file, or None when it can."""
    try:
        mode = os.stat(path).st_mode  # noqa: PTH116 - strings: Path objects cost more
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if os.path.islink(path):  # noqa: PTH114
            return "dangling symbolic link"
        if exc.errno == errno.ENOENT:
            return "no such file or directory"
        return exc.strerror or "cannot read file"
    return None if stat.S_ISREG(mode) else "not a regular file"


def _link_out_of(path: Path, root: Path) -> str | None:
    """Why a file named inside the project is not read: it is a symbolic link out of it
    (a walk skips those; named one by one, as ``git diff --name-only`` names what a pull
    request adds, it is an error rather than a silent skip). One ``lstat``."""
    if not os.path.islink(path):  # noqa: PTH114 - strings: cheaper than Path
        return None
    real_root = os.path.realpath(root)
    if not _inside(os.path.abspath(path), str(root)) or _inside(os.path.realpath(path), real_root):  # noqa: PTH100
        return None
    return "symbolic link leaves the project"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
