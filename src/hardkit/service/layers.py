"""Layering for one run: the layout of layered packages that HK201-HK203 and HK205
judge files by, and the whole-project import graph of HK204.

HK204 runs when whole packages are checked (a directory among the paths, as in
``hardkit check`` and the ``hardkit-layers`` hook), over every Python file under the
import roots of the projects found, even those outside the checked paths: a chain may
pass through any of them. The import lists are cached in one index, keyed
by path, modification time and size, so a re-run opens and parses only the files that
changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from hardkit import __version__
from hardkit.adapters.cache import ImportIndexEntry, ResultCache, cache_key
from hardkit.adapters.discovery import Candidate, discover
from hardkit.adapters.layout import find_layout
from hardkit.adapters.source import DecodeError, decode_python
from hardkit.adapters.stat_index import Listing
from hardkit.domain.findings import FileResult, Finding
from hardkit.domain.globs import matches_any
from hardkit.domain.layering.imports import ImportRecord, imports_of
from hardkit.domain.layering.placement import is_project_test
from hardkit.domain.project import ProjectLayout
from hardkit.domain.rule import FileKind
from hardkit.domain.sources import CstTree, PythonFile
from hardkit.domain.values import TYPE_CHECKING
from hardkit.service.analyse import Settings, finish_findings

if TYPE_CHECKING:
    from hardkit.domain.layering.import_graph import ModuleSource

TRANSITIVE = "HK204"  # its module is loaded only when a run has layered packages


def with_layout(
    settings: Settings,
    files: Sequence[Candidate],
    root: Path,
    walked: Mapping[str, Listing] | None = None,
) -> Settings:
    """``settings`` with the layered packages of this run, when a layering rule is on;
    ``walked``: the directory listings the run's walk read (``Discovery.listed``)."""
    if not any(code.startswith("HK2") for code in settings.codes):
        return settings
    return settings._replace(layout=_layout(settings, files, root, walked))


def _layout(
    settings: Settings,
    files: Sequence[Candidate],
    root: Path,
    walked: Mapping[str, Listing] | None = None,
) -> ProjectLayout:
    config = settings.config
    keys = [c.key for c in files if c.kind is FileKind.PYTHON]
    return find_layout(root, keys, config.layers, config.all_excludes, walked)


def project_results(
    files: Sequence[Candidate],
    paths: Sequence[Path],
    root: Path,
    settings: Settings,
    cache: ResultCache | None,
) -> list[FileResult]:
    """HK204's findings on the checked ``files``, one result per file that has any."""
    if TRANSITIVE not in settings.codes or not settings.layout.packages:
        return []
    if not any(path.is_dir() for path in paths):
        return []  # single files named (pre-commit's per-file hook): not a whole package
    graph_files = _graph_files(files, paths, root, settings)
    layout = settings.layout
    if len(graph_files) > len(files):
        layout = _layout(settings, graph_files, root)
    sources = _module_sources(graph_files, layout, settings, cache)
    from hardkit.domain.layering.hk204_transitive_layer_violation import TransitiveLayerViolation

    findings = TransitiveLayerViolation().check_project(sources, layout, settings.config)
    checked = {c.key for c in files}
    by_key: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.path in checked:
            by_key.setdefault(finding.path, []).append(finding)
    paths_by_key = {c.key: c.path for c in graph_files}
    return [
        _suppressed(key, paths_by_key[key], found, settings)
        for key, found in sorted(by_key.items())
    ]


def _graph_files(
    files: Sequence[Candidate], paths: Sequence[Path], root: Path, settings: Settings
) -> list[Candidate]:
    """The checked Python files, plus those under the projects' import roots that the
    checked paths do not cover (``hardkit check src/orders/domain``)."""
    from hardkit.adapters.inside import resolve_inside

    out = {c.key: c for c in files if c.kind is FileKind.PYTHON}
    walked = [p for p in paths if p.is_dir()]
    # Named by the checked files' places, so walked only inside the project (a linked
    # import root that leads out of it is not read).
    roots = {r or "." for project in settings.layout.projects for r in project.roots}
    missing = sorted(
        directory
        for directory in (root / r for r in roots if not resolve_inside(root, r).reason)
        if not any(directory == p or p in directory.parents for p in walked)
    )
    if missing:
        extra = discover(missing, root, settings.config.all_excludes)
        for candidate in extra.files:
            if candidate.kind is FileKind.PYTHON:
                out.setdefault(candidate.key, candidate)
    return list(out.values())


def _module_sources(
    files: Sequence[Candidate], layout: ProjectLayout, settings: Settings, cache: ResultCache | None
) -> list[ModuleSource]:
    from hardkit.domain.layering.import_graph import ModuleSource  # whole-project runs only

    config = settings.config
    name = cache_key(__version__, "import-index-2")  # records know TYPE_CHECKING blocks
    index = cache.read_import_index(name) if cache else {}
    changed = False
    sources: list[ModuleSource] = []
    for candidate in files:
        project = layout.project_of_key(candidate.key)
        if project is None:
            continue  # outside every project (or the run): in no graph
        try:
            stat = candidate.path.stat()
        except OSError:
            continue  # the per-file check reports unreadable files
        entry = index.get(candidate.key)
        if entry is None or (entry.mtime_ns, entry.size) != (stat.st_mtime_ns, stat.st_size):
            try:
                imports = extract_imports(candidate.key, candidate.path.read_bytes(), settings)
            except OSError:
                continue
            index[candidate.key] = ImportIndexEntry(stat.st_mtime_ns, stat.st_size, imports)
            changed = True
        is_test = matches_any(config.test_paths, candidate.key) or is_project_test(
            candidate.key, project, config.test_paths
        )
        sources.append(ModuleSource(candidate.key, index[candidate.key].imports, is_test))
    if cache and changed:
        cache.write_import_index(name, index)
    return sources


def extract_imports(key: str, content: bytes, settings: Settings) -> tuple[ImportRecord, ...]:
    """A file's imports; none when it cannot be decoded or parsed (HK001 reports that)."""
    try:
        text = decode_python(content).text
        file = PythonFile(key, text, settings.config, is_test=False, cst_parser=_no_cst)
        return imports_of(file)
    except (DecodeError, SyntaxError, ValueError, MemoryError, RecursionError):
        return ()


def _no_cst(text: str) -> CstTree:
    raise NotImplementedError("import extraction never needs LibCST")


def _suppressed(key: str, path: Path, found: list[Finding], settings: Settings) -> FileResult:
    """The findings of one file minus those its comments or the config suppress."""
    try:
        source = decode_python(path.read_bytes())
    except (OSError, DecodeError):
        return FileResult(key, tuple(found))
    kept = finish_findings(key, FileKind.PYTHON, source, found, settings)
    return FileResult(key, tuple(kept))
