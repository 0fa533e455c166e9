"""What an import refers to, statically: the modules it may load, by name and by where
they lie in the project (HK2xx).

An absolute import is looked up under the import roots of the importing file's project,
deepest first; a relative one is resolved from the file's own directory, as Python
resolves it from ``__package__``, and fails when it climbs out of every top-level
package. Nothing outside the project's own roots is consulted: the same project gives
the same answers on its own and inside a larger repository.
"""

from __future__ import annotations

from hardkit.domain.config import LayerPolicy
from hardkit.domain.layering.imports import ImportRecord
from hardkit.domain.layering.modules import dotted_prefixes
from hardkit.domain.project import Place, Project, ProjectLayout, inside
from hardkit.domain.values import NamedTuple


class Target(NamedTuple):
    """One module an import may load."""

    name: str  # the absolute dotted name: what messages show and module lists match
    path: str | None  # its module path in the project (no suffix), when it lies in one


class Resolver:
    """Import resolution for the files of one project. ``known`` holds the module paths of
    the project's files, when known (HK204): an absolute name is then found where a file
    defines it, else where it lies in a layer."""

    def __init__(
        self,
        layout: ProjectLayout,
        project: Project,
        policy: LayerPolicy,
        known: frozenset[str] = frozenset(),
    ) -> None:
        self.layout, self.project, self.policy, self.known = layout, project, policy, known
        self._packages = tuple(
            p.directory for p in layout.packages if p.project == project.directory
        )
        # Every answer is cached: a project's files import the same modules again and again.
        self._places: dict[str, Place | None] = {}
        self._absolute: dict[tuple[str, str | None], tuple[Target, ...]] = {}
        self._relative: dict[tuple[str, int, str, str | None], tuple[Target, ...] | None] = {}
        self._names: dict[str, str] = {}
        self._prefixes = tuple(f"{root}/" if root else "" for root in project.roots)

    def place(self, path: str | None) -> Place | None:
        if path is None:
            return None
        if path not in self._places:
            self._places[path] = self.layout.place_of_path(path, self.policy, self.project)
        return self._places[path]

    def layer(self, path: str | None) -> str | None:
        place = self.place(path)
        return place.layer if place else None

    def targets(self, key: str, record: ImportRecord) -> tuple[Target, ...] | None:
        """The modules ``record`` in file ``key`` may load, most specific first: ``from a.b
        import c`` may load ``a.b.c`` or take the name ``c`` from ``a.b``. None when a
        relative import climbs above the top-level package."""
        name = None if record.name == "*" else record.name
        if record.level == 0:
            found = self._absolute.get((record.module, name))
            if found is None:
                full = f"{record.module}.{name}" if name else record.module
                found = tuple(Target(n, self.path_of(n)) for n in dotted_prefixes(full))
                self._absolute[record.module, name] = found
            return found
        cache = (key.rpartition("/")[0], record.level, record.module, name)
        if cache not in self._relative:
            self._relative[cache] = self._relative_targets(key, record.level, record.module, name)
        return self._relative[cache]

    def path_of(self, name: str) -> str | None:
        """Where absolute module ``name`` lies in the project: under the deepest import root
        where a file defines it, else where it falls in a layer; None when nowhere."""
        rel = name.replace(".", "/")
        paths = [prefix + rel for prefix in self._prefixes]
        for path in paths:
            if path in self.known:
                return path
        for path in paths:
            if self.layer(path) is not None:
                return path
        return None

    def _relative_targets(
        self, key: str, level: int, module: str, name: str | None
    ) -> tuple[Target, ...] | None:
        outermost = self._relative_root(key)
        parts = key.split("/")[:-1]  # the file's package directory
        if level - 1 >= len(parts):
            return None
        base = "/".join(parts[: len(parts) - (level - 1)])
        if base == outermost or not inside(base, outermost):
            return None
        top = _depth(outermost) + 1  # path components of the top-level package
        path = "/".join(p for p in (base, module.replace(".", "/"), name) if p)
        components = path.split("/")
        prefixes = ("/".join(components[:end]) for end in range(len(components), top - 1, -1))
        return tuple(Target(self._name_of(p), p) for p in prefixes)

    def _name_of(self, path: str) -> str:
        name = self._names.get(path)
        if name is None:
            name = self._names[path] = self.project.name_of_path(path)
        return name

    def _relative_root(self, key: str) -> str:
        """The import root a relative import must stay strictly inside: the one that names
        the file. A layered package that is not a package is a root of its own, but its
        project may also import it as a namespace package (``app.domain``): then any of
        the roots holding it will do."""
        roots = list(self.project.roots_holding(key)) or [self.project.directory]
        return roots[-1] if roots[0] in self._packages else roots[0]


def _depth(directory: str) -> int:
    return directory.count("/") + 1 if directory else 0
