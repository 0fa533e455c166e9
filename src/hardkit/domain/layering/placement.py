"""What the per-file layering rules (HK201-HK203) share: where the checked file sits,
and where each of its imports leads.

A file outside every layered package, or in test code, is not in a layer: the rules
stop there before looking at its tree.
"""

from __future__ import annotations

from hardkit.domain.config import LayerPolicy
from hardkit.domain.layering.imports import ImportRecord
from hardkit.domain.layering.modules import io_module
from hardkit.domain.project import ModuleName, ProjectLayout
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import NamedTuple


class LayeredFile(NamedTuple):
    """A checked file that belongs to a layer."""

    layer: str
    module: ModuleName
    layout: ProjectLayout
    policy: LayerPolicy
    io_modules: tuple[str, ...]  # the ``io-modules`` setting (the default list is implied)

    @property
    def is_innermost(self) -> bool:
        return self.layer == self.policy.innermost

    def outer_layer(self, target: str) -> str | None:
        """The layer ``target`` (an absolute module name) belongs to when it lies further out
        than this file's own layer, else None."""
        place = self.layout.place_of_module(target, self.policy)
        if place is None or place.layer is None:
            return None
        return place.layer if self.policy.rank(place.layer) > self.policy.rank(self.layer) else None

    def io_target(self, record: ImportRecord) -> str | None:
        """The listed I/O module an absolute import loads, or None (relative imports are
        the project's own modules)."""
        if record.level:
            return None
        names = record.candidates(self.module)
        return io_module(names[0], self.io_modules) if names else None


def layered_file(file: PythonFile) -> LayeredFile | None:
    """``file``'s layer, or None when no layering rule applies to it (the cheap exit)."""
    layout = file.layout
    if not layout.packages or file.is_test:
        return None
    policy = file.config.layers
    place = layout.place_of_key(file.path, policy)
    if place is None or place.layer is None:
        return None
    return LayeredFile(
        place.layer, layout.module_of_key(file.path), layout, policy, file.config.io_modules
    )


def beyond_top_level_message(record: ImportRecord, importer: ModuleName) -> str:
    top = importer.name.split(".", 1)[0] or importer.name
    return (
        f"relative import '{record.written}' climbs above the top-level package '{top}': it "
        "fails at import time and its layer cannot be checked"
    )
