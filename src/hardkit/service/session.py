"""From command-line options to a finished check: configuration, selection, run."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hardkit.adapters.config_loader import (
    LoadedConfig,
    discover_config,
    load_file,
    project_root,
)
from hardkit.domain.config import Config, ConfigError
from hardkit.domain.registry import rule_codes
from hardkit.domain.selection import enabled_codes
from hardkit.domain.values import TYPE_CHECKING, NamedTuple
from hardkit.service.analyse import Settings
from hardkit.service.check import CheckReport, CheckRequest, run_check

if TYPE_CHECKING:
    from hardkit.domain.baseline import BaselineEntry
    from hardkit.service.stdin import SourceReport


class CheckOptions(NamedTuple):
    paths: tuple[Path, ...] = ()
    select: Sequence[str] | None = None
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    config_file: Path | None = None
    fix: bool = False
    diff: bool = False
    use_cache: bool = True
    jobs: int | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    finding_ids: bool = False  # each finding's stable identity (gitlab output)


def load_config(paths: Sequence[Path], config_file: Path | None, cwd: Path) -> LoadedConfig:
    start = paths[0] if paths else cwd
    start = start if start.is_absolute() else cwd / start
    start = start if start.is_dir() else start.parent
    if config_file is None:
        return discover_config(start)
    # Settings from FILE (a trusted copy, in CI for outside pull requests); the project
    # (its root, hence its paths, layers and cache) is still the one being checked.
    loaded = load_file(config_file if config_file.is_absolute() else cwd / config_file)
    return loaded._replace(root=project_root(start))


def _check_selectors(config: Config, source: str) -> None:
    codes = rule_codes()
    problems = [
        f"{source}: unknown rule selector {selector!r} (no rule code starts with it)"
        for selector in (
            *config.select,
            *config.extend_select,
            *config.ignore,
            *config.unsuppressible,
            *(c for _, cs in config.per_file_ignores for c in cs),
        )
        if not any(code.startswith(selector) for code in codes)
    ]
    if problems:
        raise ConfigError(problems)


def settings_for(options: CheckOptions, loaded: LoadedConfig) -> Settings:
    config = loaded.config
    _check_selectors(config, str(loaded.source or "configuration"))
    overrides = Config(
        select=tuple(options.select) if options.select is not None else config.select,
        extend_select=(*config.extend_select, *options.extend_select),
        ignore=(*config.ignore, *options.ignore),
    )
    _check_selectors(overrides, "command line")
    config = config._replace(
        select=overrides.select,
        extend_select=overrides.extend_select,
        ignore=overrides.ignore,
    )
    return Settings(config, enabled_codes(rule_codes(), config))


def check(options: CheckOptions, cwd: Path | None = None) -> CheckReport:
    cwd = cwd or Path.cwd()
    loaded = load_config(options.paths, options.config_file, cwd)
    settings = settings_for(options, loaded)
    paths = tuple((p if p.is_absolute() else cwd / p) for p in options.paths) or (cwd,)
    baseline = _baseline(options, loaded, cwd)
    request = CheckRequest(
        paths=tuple(Path(_normalise(p)) for p in paths),
        settings=settings,
        root=loaded.root,
        cwd=cwd,
        fix=options.fix,
        diff=options.diff,
        use_cache=options.use_cache,
        jobs=options.jobs,
        baseline=baseline,
        write_baseline=options.write_baseline and cwd / options.write_baseline,
        finding_ids=options.finding_ids,
    )
    return run_check(request)


def _baseline(
    options: CheckOptions, loaded: LoadedConfig, cwd: Path
) -> tuple[BaselineEntry, ...] | None:
    baseline_file = options.baseline and cwd / options.baseline
    if baseline_file is None and loaded.config.baseline is not None:
        beside = loaded.source.parent if loaded.source is not None else loaded.root
        baseline_file = beside / loaded.config.baseline  # relative to the file naming it
    if baseline_file is None or options.write_baseline is not None:
        return None
    from hardkit.adapters.baseline_file import read_baseline

    return tuple(read_baseline(baseline_file))


def check_stdin(
    name: Path, data: bytes, options: CheckOptions, cwd: Path | None = None
) -> SourceReport:
    """``data`` checked (and fixed, with ``options.fix``) as if it were the file ``name``."""
    from hardkit.service.stdin import SourceRequest, check_source

    cwd = cwd or Path.cwd()
    path = Path(_normalise(name if name.is_absolute() else cwd / name))
    loaded = load_config((path,), options.config_file, cwd)
    request = SourceRequest(
        path=path,
        data=data,
        settings=settings_for(options, loaded),
        root=loaded.root,
        cwd=cwd,
        fix=options.fix,
        diff=options.diff,
        baseline=_baseline(options, loaded, cwd),
    )
    return check_source(request)


def _normalise(path: Path) -> str:
    import os

    return os.path.normpath(path)
