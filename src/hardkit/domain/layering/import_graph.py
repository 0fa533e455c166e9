"""The project's import graph, and the layering chains that run through it (HK204).

Nodes are module paths (``src/orders/utils/money``) for the project's files and the
modules in its layers, and dotted names for external modules. A project file is either
*in a layer* or a *go-between* (outside the layers: ``orders.utils``, a package's
``__init__``, another top-level package). External modules are leaves; the I/O ones
among them are targets. A chain starts at a layered module, passes only through
go-betweens, and ends at a module of a layer further out or, for the innermost layer,
at an I/O module. Imports under ``if TYPE_CHECKING:`` are not edges: they load nothing
at run time.

Each project (``domain.project``) has a graph of its own, built from its files only: a
neighbouring project in the same repository never lends it a module.

Every search is a breadth-first walk backwards from all targets at once, once per kind
of target (one per layer rank, one for I/O): linear in modules plus imports whatever
the number of layered modules, shortest chains first, and safe on cycles.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

from hardkit.domain.config import LayerPolicy
from hardkit.domain.layering.imports import ImportRecord
from hardkit.domain.layering.modules import io_module
from hardkit.domain.layering.resolve import Resolver
from hardkit.domain.project import Project, ProjectLayout, module_path
from hardkit.domain.values import NamedTuple

_IO = -1  # the target kind "I/O module"; layer ranks are positive
_EXTERNAL = "="  # marks a node that is an external module's dotted name, not a path


class ModuleSource(NamedTuple):
    """One project file as the graph sees it: its imports."""

    key: str
    imports: tuple[ImportRecord, ...]
    is_test: bool = False


class Chain(NamedTuple):
    """A layering violation through go-betweens, reported on ``record`` in ``source``."""

    source: ModuleSource
    record: ImportRecord
    layer: str  # the source's layer
    modules: tuple[str, ...]  # dotted names: source, go-betweens..., target
    target_layer: str | None  # None: the target is an I/O module


class _Node(NamedTuple):
    rank: int  # a layer's rank, _IO for an I/O module, 0 for a go-between or a leaf
    layer: str | None
    through: bool  # a go-between: chains may pass through it
    outer_ring: bool = False  # ``infrastructure/``: no chains outward from it


class _Graph:
    def __init__(
        self,
        sources: Sequence[ModuleSource],
        layout: ProjectLayout,
        project: Project,
        policy: LayerPolicy,
        io_modules: tuple[str, ...],
    ) -> None:
        self.project, self.policy, self.io_modules = project, policy, io_modules
        self.rings = policy.outer_rings
        self.by_path: dict[str, ModuleSource] = {}
        for source in sorted(sources, key=lambda s: (s.key.endswith(".pyi"), s.key)):
            self.by_path.setdefault(module_path(source.key), source)
        self.resolver = Resolver(layout, project, policy, frozenset(self.by_path))
        self.prefixes = tuple(f"{root}/" if root else "" for root in project.roots)
        self.nodes: dict[str, _Node] = {}
        self._targets: dict[tuple[str, int, str, str | None], str | None] = {}
        self.edges: dict[str, list[tuple[ImportRecord, str]]] = {}
        for path, source in self.by_path.items():
            self.edges[path] = [
                (r, t)
                for r in source.imports
                if not r.type_checking and (t := self._target(source, r))
            ]
        self.callers: dict[str, list[str]] = {}
        for path in sorted(self.edges):
            if self.node(path).through:
                for _, target in self.edges[path]:
                    self.callers.setdefault(target, []).append(path)

    def _target(self, source: ModuleSource, record: ImportRecord) -> str | None:
        # An absolute import means the same everywhere in the project, a relative one
        # everywhere in the same directory.
        where = source.key.rpartition("/")[0] if record.level else ""
        cache = (where, record.level, record.module, record.name)
        if cache not in self._targets:
            self._targets[cache] = self._resolve(source, record)
        return self._targets[cache]

    def _resolve(self, source: ModuleSource, record: ImportRecord) -> str | None:
        if record.level == 0:
            return self._absolute(record)
        targets = self.resolver.targets(source.key, record)
        if not targets:
            return None  # climbs above the top-level package: HK201 reports it
        first = targets[0].path
        known = next((t.path for t in targets if t.path in self.by_path), None)
        return self._choose(known, first)

    def _absolute(self, record: ImportRecord) -> str | None:
        """``_resolve`` for an absolute import, on paths: the most specific name a project
        file defines, under any import root."""
        name = record.module
        if record.name is not None and record.name != "*":
            name = f"{name}.{record.name}"
        parts = name.split(".")
        known = None
        for end in range(len(parts), 0, -1):
            rel = "/".join(parts[:end])
            known = next((p + rel for p in self.prefixes if p + rel in self.by_path), None)
            if known is not None:
                break
        chosen = self._choose(known, self.resolver.path_of(name))
        return chosen or _EXTERNAL + (io_module(name, self.io_modules) or name)

    def _choose(self, known: str | None, first: str | None) -> str | None:
        """The node an import leads to: the project file it names, unless that is a package
        above a layer the import reaches (``from orders import adapters``); a module of a
        layer that is not among the files; else nothing in the project."""
        if known is not None and (self.node(known).layer or not self.resolver.layer(first)):
            return known
        if first is not None and self.resolver.layer(first):
            return first
        return None

    def name(self, node: str) -> str:
        """The dotted name of a node, for messages."""
        if node.startswith(_EXTERNAL):
            return node[len(_EXTERNAL) :]
        return self.project.name_of_path(node)

    def node(self, node: str) -> _Node:
        found = self.nodes.get(node)
        if found is None:
            found = self.nodes[node] = self._classify(node)
        return found

    def _classify(self, node: str) -> _Node:
        if node.startswith(_EXTERNAL):
            rank = _IO if io_module(node[len(_EXTERNAL) :], self.io_modules) else 0
            return _Node(rank, None, through=False)
        place = self.resolver.place(node)
        if place is not None and place.layer is not None:
            ring = place.entry in self.rings
            return _Node(self.policy.rank(place.layer), place.layer, through=False, outer_ring=ring)
        return _Node(0, None, through=node in self.by_path)

    def next_hops(self, wanted: int) -> dict[str, str]:
        """For every go-between that reaches a target of kind ``wanted`` (``_IO``, or a rank:
        any layer ranked above it), the next module on a shortest path there."""
        targets = sorted(name for name in self.callers if _is_target(self.node(name), wanted))
        hops: dict[str, str] = {}
        queue = deque(targets)
        while queue:
            name = queue.popleft()
            for caller in self.callers.get(name, ()):
                if caller not in hops:
                    hops[caller] = name
                    queue.append(caller)
        return hops


def layering_chains(
    sources: Iterable[ModuleSource],
    layout: ProjectLayout,
    policy: LayerPolicy,
    io_modules: tuple[str, ...] = (),
) -> list[Chain]:
    """Every import of a layered module that reaches, only through go-betweens, a layer
    further out (or, from the innermost layer, an I/O module). One chain per import and
    kind of target, the shortest one. Files outside every project are not in a graph."""
    by_project: dict[Project, list[ModuleSource]] = {}
    for source in sources:
        project = layout.project_of_key(source.key)
        if project is not None:
            by_project.setdefault(project, []).append(source)
    chains: list[Chain] = []
    for project, members in by_project.items():
        graph = _Graph(members, layout, project, policy, io_modules)
        chains.extend(_chains(graph, policy))
    return _unique(chains)


def _chains(graph: _Graph, policy: LayerPolicy) -> Iterable[Chain]:
    hops_by_kind: dict[int, dict[str, str]] = {}
    for path, source in graph.by_path.items():
        node = graph.node(path)
        if node.layer is None or source.is_test:
            continue
        kinds = [k for k in (_IO, node.rank) if _applies(k, node, policy)]
        for record, target in graph.edges[path]:
            if not graph.node(target).through:
                continue
            for kind in kinds:
                hops = hops_by_kind.get(kind)
                if hops is None:
                    hops = hops_by_kind[kind] = graph.next_hops(kind)
                if target in hops:
                    yield _chain(graph, source, record, node.layer, target, hops)


def _is_target(node: _Node, wanted: int) -> bool:
    return node.rank == _IO if wanted == _IO else node.rank > wanted


def _applies(kind: int, node: _Node, policy: LayerPolicy) -> bool:
    if kind == _IO:
        return node.layer == policy.innermost
    # The outermost layer has nothing further out; an outer ring is read as outermost.
    return kind < len(policy.order) and not node.outer_ring


def _chain(
    graph: _Graph,
    source: ModuleSource,
    record: ImportRecord,
    layer: str,
    first: str,
    hops: dict[str, str],
) -> Chain:
    nodes = [module_path(source.key), first]
    while nodes[-1] in hops:
        nodes.append(hops[nodes[-1]])
    end = graph.node(nodes[-1])
    return Chain(source, record, layer, tuple(graph.name(n) for n in nodes), end.layer)


def _unique(chains: list[Chain]) -> list[Chain]:
    """One chain per import statement and kind of target (``from m import a, b`` is one)."""
    seen: set[tuple[str, int, int, str | None]] = set()
    out: list[Chain] = []
    for chain in chains:
        key = (chain.source.key, chain.record.line, chain.record.column, chain.target_layer)
        if key not in seen:
            seen.add(key)
            out.append(chain)
    return out
