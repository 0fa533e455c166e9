"""Finding the layered packages of a run on disk (HK2xx): which package directories hold
the innermost layer (``domain/`` or ``domain.py``), and what their import names are.

Probed once per run, a few ``stat`` calls per directory: the directories above the
checked files, and the packages beside them in the same import root (so a file whose
imports reach another layered package judges them the same in every pre-commit chunk).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from hardkit.domain.config import LayerPolicy
from hardkit.domain.globs import matches_any
from hardkit.domain.project import LayeredPackage, ProjectLayout

_SOURCE_SUFFIXES = (".py", ".pyi")


class _Probe:
    """Memoised file-system questions about directories below ``root``."""

    def __init__(self, root: Path, policy: LayerPolicy) -> None:
        self.root = root
        self.names = policy.directories_of(policy.innermost)
        self._layered: dict[str, bool] = {}
        self._init: dict[str, bool] = {}

    def path(self, directory: str) -> Path:
        return self.root / directory if directory else self.root

    def has_init(self, directory: str) -> bool:
        known = self._init.get(directory)
        if known is None:
            base = self.path(directory)
            known = any((base / f"__init__{s}").is_file() for s in _SOURCE_SUFFIXES)
            self._init[directory] = known
        return known

    def is_layered(self, directory: str) -> bool:
        known = self._layered.get(directory)
        if known is None:
            known = self._layered[directory] = any(
                self._holds_layer(self.path(directory), name) for name in self.names
            )
        return known

    @staticmethod
    def _holds_layer(base: Path, name: str) -> bool:
        if any((base / f"{name}{s}").is_file() for s in _SOURCE_SUFFIXES):
            return True
        try:
            with os.scandir(base / name) as entries:
                return any(e.name.endswith(_SOURCE_SUFFIXES) for e in entries)
        except OSError:
            return False

    def module_name(self, directory: str) -> str:
        """The dotted import name of package ``directory`` (``src/orders`` -> ``orders``)."""
        if not directory:
            return ""
        parts = directory.split("/")
        names = [parts.pop()]
        if self.has_init(directory):
            while parts and self.has_init("/".join(parts)):
                names.append(parts.pop())
        return ".".join(reversed(names))


def find_layout(
    root: Path, keys: Iterable[str], policy: LayerPolicy, excludes: tuple[str, ...]
) -> ProjectLayout:
    """The layered packages above the files ``keys`` (project-relative), and the other
    layered packages in the import roots those live in."""
    probe = _Probe(root, policy)
    found: set[str] = set()
    for directory in _ancestors(keys):
        if probe.is_layered(directory):
            found.add(directory)
    packages = {d: LayeredPackage(d, probe.module_name(d)) for d in found}
    for import_root in {p.import_root for p in packages.values()}:
        for directory in _subdirectories(probe.path(import_root), import_root, excludes):
            if directory not in packages and probe.is_layered(directory):
                packages[directory] = LayeredPackage(directory, probe.module_name(directory))
    return ProjectLayout(tuple(sorted(packages.values())))


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


def _subdirectories(path: Path, directory: str, excludes: tuple[str, ...]) -> list[str]:
    try:
        with os.scandir(path) as entries:
            names = [e.name for e in entries if e.is_dir() and not e.name.startswith(".")]
    except OSError:
        return []
    keys = [f"{directory}/{name}" if directory else name for name in names]
    return [k for k in keys if not matches_any(excludes, k)]
