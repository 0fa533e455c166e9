"""Finding and reading the configuration file: ``hardkit.toml`` or ``[tool.hardkit]``."""

from __future__ import annotations

import sys
from pathlib import Path

from hardkit.domain.config import Config, ConfigError, config_from_table
from hardkit.domain.values import TYPE_CHECKING, NamedTuple, cast

if TYPE_CHECKING:
    from typing import Any


class LoadedConfig(NamedTuple):
    config: Config
    root: Path  # the project root: the config file's directory, or the nearest project marker
    # (with --config FILE: the checked project's own root; paths in FILE are FILE-relative)
    source: Path | None  # the file the settings came from, if any


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read: {exc.strerror}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"{path}: not valid UTF-8"]) from None


def _hardkit_table(path: Path) -> dict[str, Any] | None:
    """The hardkit settings in ``path``, or None when it has none."""
    if path.name == "pyproject.toml":
        try:
            # Most pyproject files have no hardkit table: skip the TOML parser for them.
            if b"hardkit" not in path.read_bytes():
                return None
        except OSError:
            return None
        tool: object = _read_toml(path).get("tool", {})
        table: object = (
            cast("dict[str, object]", tool).get("hardkit") if isinstance(tool, dict) else None
        )
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError([f"{path}: [tool.hardkit] must be a table"])
        return cast("dict[str, Any]", table)
    return _read_toml(path)


def load_file(path: Path) -> LoadedConfig:
    """Settings from an explicit ``--config FILE`` (a pyproject.toml or a hardkit.toml)."""
    path = path.resolve()
    if not path.is_file():
        raise ConfigError([f"{path}: no such configuration file"])
    table = _hardkit_table(path) or {}
    label = f"{path.name} [tool.hardkit]" if path.name == "pyproject.toml" else path.name
    return LoadedConfig(config_from_table(table, _label(path, label)), path.parent, path)


def discover_config(start: Path) -> LoadedConfig:
    """The nearest configuration at or above ``start`` (a directory)."""
    root, found = _nearest(start)
    if found is None:
        return LoadedConfig(Config(), root, None)
    candidate, table = found
    name = candidate.name
    label = "pyproject.toml [tool.hardkit]" if name == "pyproject.toml" else name
    return LoadedConfig(config_from_table(table, _label(candidate, label)), root, candidate)


def project_root(start: Path) -> Path:
    """The root of the project checked from ``start`` (a directory): where
    ``discover_config`` finds its configuration, else the nearest project marker. With
    ``--config FILE`` the settings come from FILE but the project is still this one."""
    return _nearest(start)[0]


def _nearest(start: Path) -> tuple[Path, tuple[Path, dict[str, Any]] | None]:
    markers: list[Path] = []
    for directory in (start, *start.parents):
        if (directory / "pyproject.toml").is_file() or (directory / ".git").exists():
            markers.append(directory)
        for name in ("hardkit.toml", "pyproject.toml"):
            candidate = directory / name
            if not candidate.is_file():
                continue
            table = _hardkit_table(candidate)
            if table is not None:
                return directory, (candidate, table)
    return (markers[0] if markers else start), None


def _label(path: Path, label: str) -> str:
    try:
        shown = path.relative_to(Path.cwd())
    except ValueError:
        shown = path
    return str(shown.parent / label) if shown.parent != Path() else label
