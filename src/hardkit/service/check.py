"""``hardkit check``: discover, check (cached, in parallel for large runs), fix, collect."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from hardkit import __version__
from hardkit.adapters.cache import CacheKeys, ResultCache
from hardkit.adapters.discovery import Candidate, Discovery, discover
from hardkit.adapters.source import DecodeError
from hardkit.adapters.stat_index import ListingIndex, Signature, StatIndex, signature
from hardkit.domain.findings import FileError, FileResult, Finding
from hardkit.domain.rule import FileKind
from hardkit.domain.values import TYPE_CHECKING, NamedTuple
from hardkit.service.analyse import Settings, analyse, decode, screened_out
from hardkit.service.layers import project_results, with_layout

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from hardkit.domain.baseline import BaselineEntry

# Below this many files to analyse, a worker pool costs more than it saves: a commit's
# handful of files is checked in the one process. The file hooks are require_serial, so
# a long list of named files (a large commit, `pre-commit run --all-files`) arrives in
# one process too, and is spread over workers like a walked tree. There, the files no
# rule needs to parse are screened in this process first (``analyse.screened_out``):
# they cost less than their trip to a worker, and most of a tree is such files; the
# pool starts when at least PARSES_FOR_A_POOL files are left.
PARALLEL_THRESHOLD = 48
PARSES_FOR_A_POOL = 8


class CheckRequest(NamedTuple):
    paths: tuple[Path, ...]  # absolute
    settings: Settings
    root: Path
    cwd: Path
    fix: bool = False
    diff: bool = False
    use_cache: bool = True
    jobs: int | None = None  # None: decide from the size of the run
    baseline: tuple[BaselineEntry, ...] | None = None  # hide the findings recorded here
    write_baseline: Path | None = None  # record today's findings in this file
    finding_ids: bool = False  # work out each finding's stable identity (gitlab output)


class CheckReport:
    """What a check produced, for the CLI to render."""

    def __init__(self, files_checked: int = 0) -> None:
        self.files_checked = files_checked
        self.findings: list[Finding] = []
        self.errors: list[FileError] = []
        self.fixes_applied = 0
        self.diffs: list[str] = []
        self.baseline_hidden = 0
        self.baseline_stale = 0
        self.baseline_written: int | None = None
        self.finding_ids: list[str] = []  # parallel to findings, when asked for
        self.warnings: list[str] = []  # one line each, for stderr


def run_check(request: CheckRequest) -> CheckReport:
    cache = ResultCache(request.root) if request.use_cache else None
    listings = ListingIndex(cache) if cache else None
    excludes = request.settings.config.all_excludes
    discovery = discover(list(request.paths), request.root, excludes, listings)
    settings = with_layout(request.settings, discovery.files, request.root, discovery.listed)
    request = request._replace(settings=settings._replace(project_root=str(request.root)))
    layout = request.settings.layout
    report = CheckReport(files_checked=len(discovery.files))
    display = _Shown(discovery.files, request.cwd)
    report.errors.extend(
        FileError(display_path(p, request.cwd), why) for p, why in discovery.errors
    )
    report.warnings.extend(_nothing_to_check(discovery, request.cwd))
    keys = CacheKeys(f"{__version__}|{request.settings.fingerprint()}") if cache else None
    stats = StatIndex(cache, keys.key("stat-index")) if cache and keys else None
    results: list[FileResult] = []
    pending: list[tuple[Candidate, bytes, str]] = []
    known: dict[str, tuple[Signature | None, str]] = {}  # by file: its stat and context
    # What a file's result depends on besides its bytes and path, as a short string (a
    # warm run compares it for every file): the layout, hashed once, for a file in a
    # layered package (HK2xx); its kind; the files beside a configuration file (HK4xx).
    layouts: dict[str, str] = {"": ""}
    for candidate in discovery.files:
        sig, context = None, ""
        if stats is not None and keys is not None:
            where = layout.fingerprint_for(candidate.key)
            mark = layouts.get(where)
            if mark is None:
                mark = layouts[where] = keys.key(where)
            beside = _beside_key(candidate, request.root)
            context = f"{mark}|{candidate.kind.value}|{beside}"
            sig = signature(candidate.location)  # before the read: a later write is seen
            known[candidate.key] = sig, context
            hit = stats.get(candidate.key, sig, context)
            if hit is not None and (not hit.reads or _still(request, candidate, hit)):
                results.append(hit)
                continue
        try:
            data = candidate.path.read_bytes()
        except OSError as exc:
            results.append(FileResult(candidate.key, errors=(_read_error(candidate, exc),)))
            continue
        if cache is None or stats is None or keys is None:
            pending.append((candidate, data, ""))
            continue
        key = keys.key(context, candidate.key, data)
        hit = cache.get(key)
        if hit is not None and (not hit.reads or _still(request, candidate, hit)):
            stats.record(candidate.key, sig, context, hit)
            results.append(hit)
        else:
            pending.append((candidate, data, key))
    for (candidate, _, key), result in zip(pending, _analyse_all(pending, request), strict=True):
        if cache and stats:
            cache.put(key, result)
            stats.record(candidate.key, *known[candidate.key], result)
        results.append(result)
    if stats is not None:
        stats.save()
    candidates = {c.key: c for c in discovery.files}
    if request.fix or request.diff:
        results = _fix(results, candidates, request, report)
    results += project_results(
        discovery.files, request.paths, request.root, request.settings, cache
    )
    findings = [f for result in results for f in result.findings]
    if request.write_baseline is not None:
        from hardkit.service.baseline import record_baseline

        report.baseline_written = record_baseline(request.write_baseline, findings, candidates)
    elif request.baseline is not None:
        from hardkit.service.baseline import filter_baseline

        match = filter_baseline(request.baseline, findings, candidates)
        findings = match.kept
        report.baseline_hidden, report.baseline_stale = match.hidden, match.stale
    ids = _finding_ids(findings, candidates) if request.finding_ids else [""] * len(findings)
    shown = [f._replace(path=display.get(f.path, f.path)) for f in findings]
    pairs = sorted(zip(shown, ids, strict=True), key=lambda pair: pair[0].sort_key())
    report.findings.extend(finding for finding, _ in pairs)
    if request.finding_ids:
        report.finding_ids.extend(mark for _, mark in pairs)
    for result in results:
        if result.errors:
            path = display.get(result.path, result.path)
            report.errors.extend(e._replace(path=path) for e in result.errors)
    if cache:
        report.warnings.extend(cache.warnings)
    return report


NOTHING_TO_CHECK = "no Python files, Dockerfiles or configuration files found under"


def _nothing_to_check(discovery: Discovery, cwd: Path) -> list[str]:
    """A path that gives nothing to check is never a silent green (a typo'd CI path)."""
    lines = [f"{NOTHING_TO_CHECK} {display_path(p, cwd)}" for p in discovery.nothing_under]
    if not discovery.files and not lines and discovery.excluded:  # all named files excluded
        names = ", ".join(display_path(p, cwd) for p in discovery.excluded)
        lines.append(f"{NOTHING_TO_CHECK} {names} (excluded by the configuration)")
    return lines


def _finding_ids(findings: list[Finding], candidates: dict[str, Candidate]) -> list[str]:
    from hardkit.service.baseline import finding_ids

    return finding_ids(findings, candidates)


def _settings_for(
    candidate: Candidate, request: CheckRequest, known: dict[str, str] | None = None
) -> Settings:
    """A Dockerfile reads its build context below its repository (``read_root``): the
    project's for the files inside it, its own for one outside; ``known`` keeps what a
    run worked out already, by directory."""
    if candidate.kind is not FileKind.DOCKERFILE:
        return request.settings
    from hardkit.adapters.project_files import read_root

    inside = not candidate.key.startswith(("/", "../")) and ":" not in candidate.key[:3]
    place = "" if inside else str(candidate.path.parent)
    known = {} if known is None else known
    where = known.get(place)
    if where is None:
        where = known[place] = read_root(str(candidate.path), str(request.root), str(request.cwd))
    return request.settings._replace(read_root=where)


def _still(request: CheckRequest, candidate: Candidate, hit: FileResult) -> bool:
    """A cached result that read other project files holds while they are unchanged."""
    from hardkit.adapters.project_files import unchanged

    return unchanged(_settings_for(candidate, request).read_root, hit.reads)


def _read_error(candidate: Candidate, exc: OSError) -> FileError:
    return FileError(candidate.key, f"cannot read file: {exc.strerror or exc}")


class _Shown:
    """The paths a report shows (relative to the working directory), worked out only for
    the files it names: a warm run over a large tree names few."""

    def __init__(self, files: Sequence[Candidate], cwd: Path) -> None:
        self._paths = {c.key: c.location for c in files}
        self._cwd = cwd
        self._shown: dict[str, str] = {}

    def get(self, key: str, default: str) -> str:
        shown = self._shown.get(key)
        if shown is None:
            path = self._paths.get(key)
            shown = self._shown[key] = (
                default if path is None else display_path(Path(path), self._cwd)
            )
        return shown


def display_path(path: Path, cwd: Path) -> str:
    try:
        shown = Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        shown = path.as_posix()
    return _printable(shown)


def _printable(name: str) -> str:
    """A file name that is not valid UTF-8 (undecodable bytes arrive as surrogates) shown
    with ``\\xff`` escapes: printing the surrogates would fail the whole run."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def siblings_of(candidate: Candidate, root: Path) -> frozenset[str]:
    """The configuration files beside a CONFIG file (what HK401/HK402 look at)."""
    if candidate.kind is not FileKind.CONFIG:
        return frozenset()
    from hardkit.adapters.config_text import sibling_names

    return sibling_names(candidate.path, root)


def _beside_key(candidate: Candidate, root: Path) -> str:
    if candidate.kind is not FileKind.CONFIG:
        return ""
    from hardkit.domain.presets.shipped import templates_digest

    return f"{sorted(siblings_of(candidate, root))}|{templates_digest()}"


def _job(item: tuple[str, str, bytes, Settings, frozenset[str]]) -> FileResult:
    key, kind, data, settings, siblings = item
    return analyse(key, FileKind(kind), data, settings, siblings).result


def _analyse_all(
    pending: Sequence[tuple[Candidate, bytes, str]], request: CheckRequest
) -> Iterable[FileResult]:
    root = request.root
    roots: dict[str, str] = {}
    items = [
        (c.key, c.kind.value, data, _settings_for(c, request, roots), siblings_of(c, root))
        for c, data, _ in pending
    ]
    workers = request.jobs if request.jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(items) < PARALLEL_THRESHOLD:
        return [_job(item) for item in items]
    done: dict[int, FileResult] = {}
    for index, (key, kind, data, settings, _) in enumerate(items):
        cheap = screened_out(key, FileKind(kind), data, settings)
        if cheap is not None:
            done[index] = cheap.result
    heavy = [i for i in range(len(items)) if i not in done]
    if len(heavy) < PARSES_FOR_A_POOL:
        done.update((i, _job(items[i])) for i in heavy)
        return [done[index] for index in range(len(items))]
    from concurrent.futures import ProcessPoolExecutor

    # Largest files first, so the last chunks are small ones and no worker is left
    # alone with a big file at the end; the results come back in the files' order.
    order = sorted(heavy, key=lambda i: -len(items[i][2]))
    chunk = max(1, len(order) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context()) as pool:
        results = pool.map(_job, [items[i] for i in order], chunksize=chunk)
        done.update(zip(order, results, strict=True))
    return [done[index] for index in range(len(items))]


def pool_context() -> BaseContext | None:
    """The platform's default start method, except ``forkserver`` when other threads run.

    Forking a process in which another thread holds a lock leaves that lock held forever
    in the child: workers forked from a threaded host (a test runner, an editor plugin)
    hang. The CLI is single-threaded and keeps the cheap default.
    """
    import multiprocessing
    import threading

    if threading.active_count() > 1 and "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return None


def _fix(
    results: list[FileResult],
    candidates: dict[str, Candidate],
    request: CheckRequest,
    report: CheckReport,
) -> list[FileResult]:
    from hardkit.service.fix import fix_source

    out: list[FileResult] = []
    for result in results:
        candidate = candidates.get(result.path)
        if candidate is None or not any(f.fixable for f in result.findings):
            out.append(result)
            continue
        try:
            source = decode(candidate.kind, candidate.path.read_bytes())
        except (OSError, DecodeError):
            out.append(result)
            continue
        outcome = fix_source(
            candidate.key,
            candidate.kind,
            source,
            _settings_for(candidate, request),
            siblings_of(candidate, request.root),
        )
        if outcome.text != source.text:
            report.fixes_applied += outcome.applied
            if request.diff:
                report.diffs.append(unified_diff(source.text, outcome.text, candidate.key))
                out.append(result)
                continue
            from hardkit.adapters.files import write_atomic

            try:
                write_atomic(candidate.path, source.encode(outcome.text))
            except OSError as exc:
                err = FileError(candidate.key, f"cannot write fixed file: {exc.strerror or exc}")
                out.append(result._replace(errors=(*result.errors, err)))
                report.fixes_applied -= outcome.applied
                continue
        out.append(outcome.analysis.result)
    return out


def unified_diff(old: str, new: str, key: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"a/{key}",
            tofile=f"b/{key}",
        )
    )
