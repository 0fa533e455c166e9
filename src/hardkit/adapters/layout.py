"""Finding the layered packages of a run on disk (HK2xx), and the projects they belong
to: which directories hold the innermost layer (``domain/`` or ``domain.py``) and another
layer, and which directories their modules are imported from.

Probed once per run, one directory listing per directory looked at: the directories
above the checked files, and those a few levels below the import roots found (so a file
whose imports reach another layered package judges them the same in every pre-commit
chunk).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from hardkit.adapters.stat_index import DIRECTORY, LINK, Listing
from hardkit.domain.config import LayerPolicy
from hardkit.domain.globs import matches_any
from hardkit.domain.project import LayeredPackage, Project, ProjectLayout
from hardkit.domain.values import NamedTuple

_SOURCE_SUFFIXES = (".py", ".pyi")
_PROJECT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py")
_TEST_DIRECTORIES = frozenset({"tests", "test"})  # a mirror of the layers, never a layout
_BESIDE_DEPTH = 3  # how far below an import root other layered packages are looked for


class _Listing(NamedTuple):
    directories: frozenset[str]
    files: frozenset[str]


_EMPTY = _Listing(frozenset(), frozenset())


def _join(directory: str, name: str) -> str:
    return f"{directory}/{name}" if directory else name


def _parent(directory: str) -> str:
    return directory.rpartition("/")[0]


class _Probe:
    """Memoised file-system questions about directories below ``root``; ``walked`` holds
    the listings the run's walk read (by directory key, "." the root), which settle the
    common question, whether a directory may hold the innermost layer, without a listing
    of its own."""

    def __init__(
        self, root: Path, policy: LayerPolicy, walked: Mapping[str, Listing] | None = None
    ) -> None:
        self.root, self.policy = root, policy
        self._walked = walked or {}
        self._listings: dict[str, _Listing] = {}
        self._python: dict[str, bool] = {}
        self._layered: dict[str, bool] = {}
        self._innermost: tuple[frozenset[str], frozenset[str]] | None = None

    def listing(self, directory: str) -> _Listing:
        known = self._listings.get(directory)
        if known is None:
            known = self._listings[directory] = self._read(directory)
        return known

    def _read(self, directory: str) -> _Listing:
        dirs: set[str] = set()
        files: set[str] = set()
        try:
            with os.scandir(os.path.join(self.root, directory)) as entries:  # noqa: PTH118
                for entry in entries:
                    (dirs if entry.is_dir() else files).add(entry.name)
        except OSError:
            return _EMPTY
        return _Listing(frozenset(dirs), frozenset(files))

    def has_init(self, directory: str) -> bool:
        files = self.listing(directory).files
        return "__init__.py" in files or "__init__.pyi" in files

    def holds_python(self, directory: str, depth: int = 1) -> bool:
        """Python source directly inside, or in a subdirectory (a ``domain/`` made only of
        subpackages counts; an ``infra/`` of Terraform files does not). Stops at the first
        source file: a layer directory may hold thousands."""
        known = self._python.get(directory)
        if known is not None:
            return known
        subdirectories: list[str] = []
        try:
            with os.scandir(self.root / directory) as entries:
                for entry in entries:
                    if entry.name.endswith(_SOURCE_SUFFIXES) and not entry.is_dir():
                        self._python[directory] = True
                        return True
                    if entry.is_dir() and not entry.name.startswith("."):
                        subdirectories.append(entry.name)
        except OSError:
            pass
        known = depth > 0 and any(
            self.holds_python(_join(directory, d), depth - 1) for d in sorted(subdirectories)
        )
        self._python[directory] = known
        return known

    def is_layered(self, directory: str) -> bool:
        known = self._layered.get(directory)
        if known is None:
            known = self._layered[directory] = self._is_layered(directory)
        return known

    def _is_layered(self, directory: str) -> bool:
        if _TEST_DIRECTORIES.intersection(directory.split("/")):
            return False
        if not self._may_hold_innermost(directory):
            return False  # the common case, a few stat calls: no domain here
        listing = self.listing(directory)
        modules = [f.rsplit(".", 1)[0] for f in listing.files if f.endswith(_SOURCE_SUFFIXES)]
        by_name = self.policy.layers_among([*sorted(listing.directories), *sorted(modules)])
        if not self.policy.is_layered(by_name):
            return False  # the common case: decided by names alone
        layers = [
            layer
            for layer, name in by_name.items()
            if name not in listing.directories or self.holds_python(_join(directory, name))
        ]
        return self.policy.is_layered(layers)

    def _may_hold_innermost(self, directory: str) -> bool:
        # One listing (kept: a layered package is listed again) rather than a stat per
        # possible name of the innermost layer and suffix.
        if self._innermost is None:
            names = self.policy.directories_of(self.policy.innermost)
            modules = {f"{name}{suffix}" for name in names for suffix in _SOURCE_SUFFIXES}
            self._innermost = frozenset(names), frozenset(modules)
        directories, modules = self._innermost
        walked = self._walked.get(directory or ".")
        if walked is None or any(kind == LINK for _, kind in walked[1]):
            listing = self.listing(directory)
            held, files = listing.directories, listing.files
        else:  # the walk's listing names every directory and every Python file: enough
            held = {name for name, kind in walked[1] if kind == DIRECTORY}
            files = {name for name, kind in walked[1] if kind != DIRECTORY}
        return not (directories.isdisjoint(held) and modules.isdisjoint(files))

    def is_project(self, directory: str) -> bool:
        """A directory with its own packaging metadata (a ``setup.py`` inside a package is
        a module, not a project)."""
        files = self.listing(directory).files
        return any(m in files for m in _PROJECT_MARKERS) and not self.has_init(directory)


def find_layout(
    root: Path,
    keys: Iterable[str],
    policy: LayerPolicy,
    excludes: tuple[str, ...],
    walked: Mapping[str, Listing] | None = None,
) -> ProjectLayout:
    """The layered packages above the files ``keys`` (project-relative), the other layered
    packages under their projects' import roots, and those projects; ``walked``: the
    directory listings the run's walk read (``Discovery.listed``)."""
    probe = _Probe(root, policy, walked)
    found = {d for d in _ancestors(keys) if probe.is_layered(d)}
    projects = _projects(probe, found)
    for directory in {r for p in projects for r in p.roots}:
        found.update(d for d in _below(probe, directory, excludes) if probe.is_layered(d))
    projects = _projects(probe, found)
    owner = {d: _project_of(probe, d)[0] for d in found}
    packages = tuple(sorted(LayeredPackage(d, owner[d]) for d in found))
    ordered = tuple(sorted(projects))
    return ProjectLayout(packages, ordered, repr((packages, ordered)))


def _projects(probe: _Probe, packages: Iterable[str]) -> list[Project]:
    roots: dict[str, set[str]] = {}
    for package in packages:
        directory, own = _project_of(probe, package)
        roots.setdefault(directory, set()).update(own)
    return [
        Project(directory, tuple(sorted(found, key=lambda r: (-_depth(r), r))))
        for directory, found in roots.items()
    ]


def _project_of(probe: _Probe, package: str) -> tuple[str, set[str]]:
    """The project directory of a layered package, and the import roots it adds."""
    marker = next((d for d in _upwards(package) if probe.is_project(d)), None)
    if probe.has_init(package):
        roots = {_above_packages(probe, package)}
    else:
        roots = {package}  # its layers are top-level packages
        parent = _parent(package)
        if package and probe.has_init(parent):  # a namespace package inside a package
            roots.add(_above_packages(probe, parent))
    if marker is None:
        return min(roots, key=_depth), roots
    roots.add(marker)
    src = _join(marker, "src")
    if "src" in probe.listing(marker).directories and not probe.has_init(src):
        roots.add(src)
    return marker, roots


def _above_packages(probe: _Probe, package: str) -> str:
    """The directory above the top-level package that holds ``package``."""
    directory = package
    while directory and probe.has_init(directory):
        directory = _parent(directory)
    return directory


def _upwards(directory: str) -> Iterator[str]:
    while True:
        yield directory
        if not directory:
            return
        directory = _parent(directory)


def _depth(directory: str) -> int:
    return directory.count("/") + 1 if directory else 0


def _ancestors(keys: Iterable[str]) -> set[str]:
    """Every directory above the given files, up to and including the project root ("")."""
    out: set[str] = set()
    for key in keys:
        if key.startswith("/") or ":" in key:  # a file outside the project: no layering
            continue
        parts = key.split("/")[:-1]
        while True:
            directory = "/".join(parts)
            if directory in out:
                break
            out.add(directory)
            if not parts:
                break
            parts.pop()
    return out


def _below(probe: _Probe, top: str, excludes: tuple[str, ...]) -> Iterator[str]:
    """The directories up to ``_BESIDE_DEPTH`` levels below ``top`` that may be layered
    packages: not hidden, excluded or test directories, nor the layers of one."""
    level = [top]
    for _ in range(_BESIDE_DEPTH):
        deeper: list[str] = []
        for directory in level:
            layered = probe.is_layered(directory)  # its layers hold no layered package
            for name in sorted(probe.listing(directory).directories):
                key = _join(directory, name)
                if name.startswith(".") or name in _TEST_DIRECTORIES:
                    continue
                if not (layered and probe.policy.layer_of(name)) and not matches_any(excludes, key):
                    deeper.append(key)
        yield from deeper
        level = deeper
