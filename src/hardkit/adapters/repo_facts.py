"""Reading a repository into ``RepoFacts`` for ``hardkit doctor``: files only, nothing run.

Every reader is forgiving: a file that is missing is a fact, and a file that cannot be
read or parsed becomes a one-line ``problem`` that the scorecard shows.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from configparser import ConfigParser
from configparser import Error as ConfigParserError
from pathlib import Path
from typing import Any, cast

from hardkit.domain.doctor.facts import (
    SURVEYED_DIRECTORIES,
    Directory,
    Makefile,
    Package,
    PyrightSettings,
    RepoFacts,
)
from hardkit.domain.doctor.makefile import parse_makefile

Table = dict[str, Any]
_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})
_REQUIREMENT_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def read_repo_facts(root: Path) -> RepoFacts:
    """Everything the scorecard needs to know about the repository at ``root``."""
    pyproject, problem = _read_pyproject(root)
    tool = _table(pyproject.get("tool"))
    from hardkit.adapters.yaml_facts import read_pre_commit, read_workflows

    return RepoFacts(
        project_name=_string(_table(pyproject.get("project")).get("name")),
        packages=tuple(_packages(root / "src")),
        directories=tuple(_survey(root, SURVEYED_DIRECTORIES)),
        has_uv_lock=(root / "uv.lock").is_file(),
        ruff_config=_ruff_config(root, tool),
        pyright=_pyright(root, tool),
        dependencies=frozenset(_normalise(n) for n in _dependency_names(pyproject)),
        mutmut_config=_mutmut_config(root, tool),
        pre_commit=read_pre_commit(root),
        makefile=_makefile(root),
        workflows=read_workflows(root),
        pyproject_problem=problem,
    )


def _read_pyproject(root: Path) -> tuple[Table, str | None]:
    path = root / "pyproject.toml"
    if not path.is_file():
        return {}, None
    try:
        return _load_toml(path.read_bytes().decode("utf-8")), None
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # TOMLDecodeError is a ValueError
        return {}, f"pyproject.toml unreadable: {_first_line(exc)}"


def _load_toml(text: str) -> Table:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib.loads(text)


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return str(text).splitlines()[0]


def _table(value: object) -> Table:
    return cast("Table", value) if isinstance(value, dict) else {}


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _strings(value: object) -> list[str]:
    items = cast("list[object]", value) if isinstance(value, list) else []
    return [v for v in items if isinstance(v, str)]


def _visible_dirs(directory: Path) -> list[os.DirEntry[str]]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return []
    return [e for e in entries if e.is_dir() and not _skipped(e.name)]


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in _SKIPPED_DIRS or name.endswith(".egg-info")


def _packages(src: Path) -> Iterator[Package]:
    for entry in _visible_dirs(src):
        try:
            children = list(os.scandir(entry.path))
        except OSError:
            continue
        names = frozenset(c.name + "/" if c.is_dir() else c.name for c in children)
        yield Package(entry.name, names)


def _survey(root: Path, paths: Iterable[str]) -> Iterator[Directory]:
    for path in paths:
        directory = root / path
        if directory.is_dir():
            yield _count(path, directory)


def _count(path: str, directory: Path) -> Directory:
    files = python = tests = 0
    for current, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not _skipped(d))
        del current
        for name in names:
            files += not name.startswith(".")
            if name.endswith(".py") and name not in ("__init__.py", "conftest.py"):
                python += 1
                tests += name.startswith("test_") or name.endswith("_test.py")
    return Directory(path, files, python, tests)


def _ruff_config(root: Path, tool: Table) -> str | None:
    for name in (".ruff.toml", "ruff.toml"):
        if (root / name).is_file():
            return name
    return "pyproject.toml [tool.ruff]" if "ruff" in tool else None


def _pyright(root: Path, tool: Table) -> PyrightSettings:
    path = root / "pyrightconfig.json"
    if path.is_file():
        try:
            settings = _load_jsonc(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            return PyrightSettings("pyrightconfig.json", problem=f"{path.name}: {_first_line(exc)}")
        return _pyright_settings("pyrightconfig.json", settings)
    if "pyright" in tool:
        return _pyright_settings("pyproject.toml [tool.pyright]", _table(tool["pyright"]))
    return PyrightSettings()


def _pyright_settings(source: str, settings: Table) -> PyrightSettings:
    mode, extends = settings.get("typeCheckingMode"), settings.get("extends")
    return PyrightSettings(source, _string(mode), _string(extends))


def _load_jsonc(text: str) -> Table:
    """JSON with the comments and trailing commas pyright accepts in its config file."""
    try:
        return _table(json.loads(text))
    except ValueError:
        pass
    token = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.DOTALL)
    stripped = token.sub(lambda m: m.group(0) if m.group(0).startswith('"') else "", text)
    return _table(json.loads(re.sub(r",(\s*[}\]])", r"\1", stripped)))


def _dependency_names(pyproject: Table) -> Iterator[str]:
    project, tool = _table(pyproject.get("project")), _table(pyproject.get("tool"))
    lists: list[object] = [project.get("dependencies")]
    lists.extend(_table(project.get("optional-dependencies")).values())
    lists.extend(_table(pyproject.get("dependency-groups")).values())
    lists.append(_table(tool.get("uv")).get("dev-dependencies"))
    for env in _table(_table(tool.get("hatch")).get("envs")).values():
        lists.extend((_table(env).get("dependencies"), _table(env).get("extra-dependencies")))
    for value in lists:
        for requirement in _strings(value):
            match = _REQUIREMENT_NAME.match(requirement)
            if match:
                yield match.group(1)
    yield from _poetry_names(_table(tool.get("poetry")))


def _poetry_names(poetry: Table) -> Iterator[str]:
    yield from _table(poetry.get("dependencies"))
    yield from _table(poetry.get("dev-dependencies"))
    for group in _table(poetry.get("group")).values():
        yield from _table(_table(group).get("dependencies"))


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _mutmut_config(root: Path, tool: Table) -> str | None:
    if "mutmut" in tool:
        return "pyproject.toml [tool.mutmut]"
    setup_cfg = root / "setup.cfg"
    if not setup_cfg.is_file():
        return None
    parser = ConfigParser()
    try:
        parser.read_string(setup_cfg.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ConfigParserError):
        return None
    return "setup.cfg [mutmut]" if parser.has_section("mutmut") else None


def _makefile(root: Path) -> Makefile | None:
    try:
        present = {p.name for p in root.iterdir()}  # exact names, even on case-insensitive disks
    except OSError:
        return None
    for name in ("GNUmakefile", "makefile", "Makefile"):
        path = root / name
        if name in present and path.is_file():
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return Makefile(name)
            return parse_makefile(name, text)
    return None
