"""The project's import graph, and the layering chains that run through it (HK204).

Nodes are module names. A project module (one of the checked files) is either *in a
layer* or a *go-between* (outside the layers: ``orders.utils``, a package's
``__init__``, another top-level package). External modules are leaves; the I/O ones
among them are targets. A chain starts at a layered module, passes only through
go-betweens, and ends at a module of a layer further out or, for the innermost layer,
at an I/O module.

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
from hardkit.domain.project import ModuleName, ProjectLayout
from hardkit.domain.values import NamedTuple

_IO = -1  # the target kind "I/O module"; layer ranks are positive


class ModuleSource(NamedTuple):
    """One project file as the graph sees it: its module name and its imports."""

    key: str
    module: ModuleName
    imports: tuple[ImportRecord, ...]
    is_test: bool = False


class Chain(NamedTuple):
    """A layering violation through go-betweens, reported on ``record`` in ``source``."""

    source: ModuleSource
    record: ImportRecord
    layer: str  # the source's layer
    modules: tuple[str, ...]  # source, go-betweens..., target
    target_layer: str | None  # None: the target is an I/O module


class _Node(NamedTuple):
    rank: int  # a layer's rank, _IO for an I/O module, 0 for a go-between or a leaf
    layer: str | None
    through: bool  # a go-between: chains may pass through it


class _Graph:
    def __init__(
        self,
        sources: Sequence[ModuleSource],
        layout: ProjectLayout,
        policy: LayerPolicy,
        io_modules: tuple[str, ...],
    ) -> None:
        self.layout, self.policy, self.io_modules = layout, policy, io_modules
        self.by_name: dict[str, ModuleSource] = {}
        for source in sorted(sources, key=lambda s: (s.key.endswith(".pyi"), s.key)):
            self.by_name.setdefault(source.module.name, source)
        self.nodes: dict[str, _Node] = {}
        self.edges: dict[str, list[tuple[ImportRecord, str]]] = {}
        for name, source in self.by_name.items():
            self.edges[name] = [(r, t) for r in source.imports if (t := self._target(source, r))]
        self.callers: dict[str, list[str]] = {}
        for name in sorted(self.edges):
            if self.node(name).through:
                for _, target in self.edges[name]:
                    self.callers.setdefault(target, []).append(name)

    def _target(self, source: ModuleSource, record: ImportRecord) -> str | None:
        names = record.candidates(source.module)
        if not names:
            return None  # climbs above the top-level package: HK201 reports it
        known = next((n for n in names if n in self.by_name), None)
        if known is not None and (self.node(known).layer or not self.node(names[0]).layer):
            return known  # not a package above a layer the import reaches (``orders``)
        return io_module(names[0], self.io_modules) or names[0]

    def node(self, name: str) -> _Node:
        node = self.nodes.get(name)
        if node is None:
            node = self.nodes[name] = self._classify(name)
        return node

    def _classify(self, name: str) -> _Node:
        place = self.layout.place_of_module(name, self.policy)
        if place is not None and place.layer is not None:
            return _Node(self.policy.rank(place.layer), place.layer, through=False)
        if name in self.by_name:
            return _Node(0, None, through=True)
        return _Node(_IO if io_module(name, self.io_modules) else 0, None, through=False)

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
    kind of target, the shortest one."""
    graph = _Graph(list(sources), layout, policy, io_modules)
    hops_by_kind: dict[int, dict[str, str]] = {}
    chains: list[Chain] = []
    for name, source in graph.by_name.items():
        node = graph.node(name)
        if node.layer is None or source.is_test:
            continue
        kinds = [k for k in (_IO, node.rank) if _applies(k, node, policy)]
        for record, target in graph.edges[name]:
            if not graph.node(target).through:
                continue
            for kind in kinds:
                hops = hops_by_kind.get(kind)
                if hops is None:
                    hops = hops_by_kind[kind] = graph.next_hops(kind)
                if target in hops:
                    chains.append(_chain(graph, source, record, node.layer, target, hops))
    return _unique(chains)


def _is_target(node: _Node, wanted: int) -> bool:
    return node.rank == _IO if wanted == _IO else node.rank > wanted


def _applies(kind: int, node: _Node, policy: LayerPolicy) -> bool:
    if kind == _IO:
        return node.layer == policy.innermost
    return kind < len(policy.order)  # the outermost layer has nothing further out


def _chain(
    graph: _Graph,
    source: ModuleSource,
    record: ImportRecord,
    layer: str,
    first: str,
    hops: dict[str, str],
) -> Chain:
    modules = [source.module.name, first]
    while modules[-1] in hops:
        modules.append(hops[modules[-1]])
    end = graph.node(modules[-1])
    return Chain(source, record, layer, tuple(modules), end.layer)


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
