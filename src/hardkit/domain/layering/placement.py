"""What the per-file layering rules (HK201-HK203, HK205) share: where the checked file
sits, and where each of its imports leads.

A file outside every layered package, or in test code, is not in a layer: the rules
stop there before looking at its tree.
"""

from __future__ import annotations

from hardkit.domain.config import LayerPolicy
from hardkit.domain.globs import matches_any
from hardkit.domain.layering.imports import ImportRecord
from hardkit.domain.layering.modules import io_module
from hardkit.domain.layering.resolve import Resolver, Target
from hardkit.domain.project import LayeredPackage, Project
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import NamedTuple


class LayeredFile(NamedTuple):
    """A checked file that belongs to a layer."""

    key: str
    layer: str
    package: LayeredPackage
    resolver: Resolver
    io_modules: tuple[str, ...]  # the ``io-modules`` setting (the default list is implied)
    # An ``infrastructure/`` read as clean architecture's outermost ring: its own imports
    # of outer layers and web frameworks are not judged (``LayerPolicy.outer_rings``).
    outer_ring: bool = False

    @property
    def policy(self) -> LayerPolicy:
        return self.resolver.policy

    @property
    def is_innermost(self) -> bool:
        return self.layer == self.policy.innermost

    def targets(self, record: ImportRecord) -> tuple[Target, ...] | None:
        return self.resolver.targets(self.key, record)

    def outer_layer(self, target: Target) -> str | None:
        """The layer ``target`` belongs to when it lies further out than this file's own
        layer, else None."""
        layer = self.resolver.layer(target.path)
        if layer is None or self.outer_ring:
            return None
        return layer if self.policy.rank(layer) > self.policy.rank(self.layer) else None

    def io_target(self, record: ImportRecord) -> str | None:
        """The listed I/O module an absolute import loads, or None (relative imports are
        the project's own modules)."""
        if record.level:
            return None
        targets = self.targets(record)
        return io_module(targets[0].name, self.io_modules) if targets else None

    @property
    def top_level(self) -> str:
        """The top-level package (or module) name of this file, for messages."""
        project = self.resolver.project
        return project.module_names(self.key)[0].name.split(".", 1)[0]


def layered_file(file: PythonFile) -> LayeredFile | None:
    """``file``'s layer, or None when no layering rule applies to it (the cheap exit)."""
    layout = file.layout
    if not layout.packages or file.is_test:
        return None
    policy = file.config.layers
    place = layout.place_of_key(file.path, policy)
    if place is None or place.layer is None:
        return None
    project = layout.project_of(place.package)
    if is_project_test(file.path, project, file.config.test_paths):
        return None
    resolver = Resolver(layout, project, policy)
    ring = place.entry in policy.outer_rings
    return LayeredFile(
        file.path, place.layer, place.package, resolver, file.config.io_modules, ring
    )


def is_project_test(key: str, project: Project, test_paths: tuple[str, ...]) -> bool:
    """``key`` is test code by the ``test-paths`` globs read from its project's directory
    (``tests/**`` of a project inside a monorepo)."""
    if not project.directory or not key.startswith(project.directory + "/"):
        return False
    return matches_any(test_paths, key[len(project.directory) + 1 :])


def beyond_top_level_message(record: ImportRecord, layered: LayeredFile) -> str:
    return (
        f"relative import '{record.written}' climbs above the top-level package "
        f"'{layered.top_level}': it fails at import time and its layer cannot be checked"
    )
