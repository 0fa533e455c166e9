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

from hardkit.adapters.stat_index import (
    DIRECTORY,
    FILE,
    LINK,
    OTHER,
    Listing,
    ListingIndex,
)
from hardkit.domain.globs import is_name_pattern, matcher, matches_any
from hardkit.domain.kinds import kind_of
from hardkit.domain.rule import FileKind
from hardkit.domain.values import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


class Candidate(NamedTuple):
    location: str  # absolute: a string, since a large walk finds thousands and reads few
    key: str  # project-relative, "/"-separated: what globs and layering see
    kind: FileKind

    @property
    def path(self) -> Path:
        return Path(self.location)


class Discovery:
    def __init__(self) -> None:
        self.files: list[Candidate] = []
        self.errors: list[tuple[Path, str]] = []
        # Paths given that hold nothing to check: a directory with no file of a kind
        # hardkit checks, a named file of no such kind; and named files left out by
        # an ``exclude`` (pre-commit passes those: worth a word only if nothing is left).
        self.nothing_under: list[Path] = []
        self.excluded: list[Path] = []
        # The listings the walks read or trusted, by directory key ("." the root): what
        # the layering probe would otherwise list again (``adapters.layout``).
        self.listed: dict[str, Listing] = {}


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


def discover(
    paths: list[Path],
    root: Path,
    excludes: tuple[str, ...],
    listings: ListingIndex | None = None,
) -> Discovery:
    """Expand ``paths`` (files or directories, absolute) into the files to check.

    Explicit files are kept when hardkit has rules for their kind and no ``exclude``
    pattern matches them (.gitignore is not applied to them: naming a file means it).
    ``listings`` lets a walk skip reading a directory unchanged since an earlier walk
    (it is saved at the end).
    """
    found = Discovery()
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            walked = _walk(path, root, excludes, _ancestor_ignores(path, root), found, listings)
            if not walked:
                found.nothing_under.append(path)
            for candidate in walked:
                if candidate.location not in seen:
                    seen.add(candidate.location)
                    found.files.append(candidate)
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
        elif (location := str(path)) not in seen:
            seen.add(location)
            found.files.append(Candidate(location, key, kind))
    if listings is not None:
        listings.save(found.listed)
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
    passed already; a path pattern (``tests/**/fixtures``) against its whole key. A
    tree repeats its names (``__init__.py``, ``locale``): each is matched once."""

    def __init__(self, patterns: tuple[str, ...], top: str) -> None:
        self.names = matcher(tuple(p for p in patterns if is_name_pattern(p)))
        paths = tuple(p for p in patterns if not is_name_pattern(p))
        self.paths = matcher(paths) if paths else None
        # A name above the walked directory (``hardkit check build/x``) excludes it all.
        self.everything = top != "." and self.names(top)
        self._by_name: dict[str, bool] = {}

    def excluded(self, name: str, key: str) -> bool:
        verdict = self._by_name.get(name)
        if verdict is None:
            verdict = self._by_name[name] = self.everything or self.names(name)
        return verdict or (self.paths is not None and self.paths(key))


class _Walk(NamedTuple):
    """What stays the same while walking one tree."""

    real_root: str
    excludes: _Excludes
    found: Discovery
    visited: set[str]  # real paths of the directories walked: a link loop is walked once
    listings: ListingIndex | None  # the listings of earlier walks (None: list every directory)


class _Directory(NamedTuple):
    """A directory still to walk: its path as walked, its key relative to the root, its
    resolved path, and the .gitignore files above it."""

    path: str
    key: str
    real: str
    ignores: _Ignores


class _Unreadable(NamedTuple):
    path: str
    problem: str


def _walk(
    directory: Path,
    root: Path,
    excludes: tuple[str, ...],
    ignores: _Ignores,
    found: Discovery,
    listings: ListingIndex | None,
) -> list[Candidate]:
    """The files under ``directory``, depth first and sorted by name in each directory;
    a loop over a stack rather than recursion, so no depth of tree is too deep."""
    key = project_key(directory, root)
    walk = _Walk(os.path.realpath(root), _Excludes(excludes, key), found, set(), listings)
    if listings is not None:
        listings.walking(key)
    files: list[Candidate] = []
    top = _Directory(str(directory), key, os.path.realpath(directory), ignores)
    work: list[Candidate | _Directory | _Unreadable] = [top]
    while work:
        item = work.pop()
        if isinstance(item, Candidate):
            files.append(item)
        elif isinstance(item, _Directory):  # its own .gitignore is in ``ignores`` for the top
            work.extend(reversed(_entries(walk, item, entered=item is top)))
        else:
            found.errors.append((Path(item.path), item.problem))
    return files


def _entries(
    walk: _Walk, directory: _Directory, *, entered: bool
) -> list[Candidate | _Directory | _Unreadable]:
    """What one directory holds for the walk, in name order: the files to check, the
    subdirectories to walk, the entries that cannot be read. Strings rather than ``Path``
    objects, which cost more than the walk itself."""
    real = directory.real
    if real in walk.visited:
        return []
    walk.visited.add(real)
    listing = _listing(walk, directory)
    if listing is None:
        return []
    walk.found.listed[directory.key] = listing
    gitignore, entries = listing
    ignores = directory.ignores
    if not entered and gitignore:
        ignores = ignores.entering(Path(directory.path))
    prefix = "" if directory.key == "." else directory.key + "/"
    base = directory.path if directory.path.endswith(os.sep) else directory.path + os.sep
    found: list[Candidate | _Directory | _Unreadable] = []
    for name, kind_of_entry in entries:
        path = base + name
        is_link = kind_of_entry == LINK
        is_dir = kind_of_entry == DIRECTORY or (is_link and os.path.isdir(path))  # noqa: PTH112
        # A file of no kind hardkit checks (most of a tree: translations, data, assets)
        # is passed over before any pattern is matched against it.
        kind = None if is_dir else kind_of(name)
        if not is_dir and kind is None:
            continue
        child_key = prefix + name
        if walk.excludes.excluded(name, child_key):
            continue
        if is_dir:
            if ignores.specs and ignores.ignored(path, is_dir=True):
                continue
            if not is_link:  # a plain child of a resolved directory
                found.append(
                    _Directory(path, child_key, f"{real.rstrip(os.sep)}{os.sep}{name}", ignores)
                )
            elif _inside(child_real := os.path.realpath(path), walk.real_root):
                found.append(_Directory(path, child_key, child_real, ignores))
            continue
        if kind is None or (ignores.specs and ignores.ignored(path, is_dir=False)):
            continue
        if is_link:
            problem = _unreadable_reason(path)
            if problem is None and not _inside(os.path.realpath(path), walk.real_root):
                continue
        else:  # the type came with the directory listing: no extra system call
            problem = None if kind_of_entry == FILE else "not a regular file"
        if problem is not None:
            found.append(_Unreadable(path, problem))
            continue
        found.append(Candidate(path, child_key, kind))
    return found


def _listing(walk: _Walk, directory: _Directory) -> Listing | None:
    """The entries of ``directory`` a walk looks at: recorded by an earlier walk while
    the directory is unchanged, else read (and recorded)."""
    listings = walk.listings
    sig = None
    if listings is not None:
        sig, known = listings.lookup(directory.key, directory.path)  # stat'ed before the read
        if known is not None:
            return known
    try:
        with os.scandir(directory.path) as entries:
            listing = _read_listing(entries)
    except OSError as exc:
        walk.found.errors.append((Path(directory.path), exc.strerror or "cannot read directory"))
        return None
    if listings is not None:
        listings.record(directory.key, sig, listing)
    return listing


def _read_listing(entries: Iterator[os.DirEntry[str]]) -> Listing:
    gitignore = False
    rows: list[tuple[str, str]] = []
    for entry in entries:
        name = entry.name
        gitignore = gitignore or name == ".gitignore"
        try:
            if entry.is_symlink():
                rows.append((name, LINK))  # followed anew on every walk
            elif entry.is_dir():
                rows.append((name, DIRECTORY))
            elif kind_of(name) is not None:
                # the type comes with the listing: no extra system call
                rows.append((name, FILE if entry.is_file() else OTHER))
        except OSError:  # gone since it was listed
            continue
    rows.sort()
    return gitignore, tuple(rows)


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
