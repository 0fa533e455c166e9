"""Configuration files as HK4xx rules see them: which tool settings they hold, and where.

The service parses the file (tomllib, a JSON-with-comments reader) and looks at its
directory; this module turns that into a typed ``ConfigFile``. Which file a tool reads
in a directory is the tools' own rule: ruff takes ``.ruff.toml``, then ``ruff.toml``,
then a ``pyproject.toml`` with a ``[tool.ruff]`` table; pyright takes
``pyrightconfig.json`` over ``pyproject.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hardkit.domain.findings import Finding, Fix
from hardkit.domain.presets.shipped import extends_preset
from hardkit.domain.values import TYPE_CHECKING, NamedTuple, cast

if TYPE_CHECKING:
    from hardkit.domain.config import Config

PYPROJECT = "pyproject.toml"
RUFF_CONFIGS = (".ruff.toml", "ruff.toml")  # in ruff's order of preference
PYRIGHT_CONFIG = "pyrightconfig.json"
# Settings of the user's own config that replace the preset's instead of adding to it.
RUFF_REPLACING = ("select", "per-file-ignores", "external")


class ToolSettings(NamedTuple):
    """The settings one tool reads from a file: what they extend, and where to point."""

    label: str  # how messages name them: "[tool.ruff]", "ruff.toml"
    key: str  # "extend" (ruff) or "extends" (pyright)
    extends: object  # the value as written; None when absent
    line: int  # the extend key's line, else the table's first mention, else 1
    replacing: tuple[str, ...] = ()  # settings that replace the preset's (select, ...)


class ConfigFile(NamedTuple):
    """A ``pyproject.toml``, ruff or pyright config, or preset, with its surroundings.

    ``siblings`` names the configuration files beside it; ``shipped`` maps each preset
    name to the text the running hardkit ships. Both come from the service.
    """

    path: str
    text: str
    config: Config
    ruff: ToolSettings | None = None
    pyright: ToolSettings | None = None
    siblings: frozenset[str] = frozenset()
    shipped: Mapping[str, str] = {}  # never mutated

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def finding(self, code: str, line: int, message: str, fix: Fix | None = None) -> Finding:
        """A finding spanning line ``line`` (the whole line, for editors to underline)."""
        lines = self.text.splitlines()
        end = len(lines[line - 1]) + 1 if 0 < line <= len(lines) else 1
        return Finding(code, self.path, line, 1, line, max(end, 1), message, fix=fix)


ToolPair = tuple["ToolSettings | None", "ToolSettings | None"]


def _table(value: object) -> Mapping[str, object] | None:
    return cast("Mapping[str, object]", value) if isinstance(value, Mapping) else None


def _ruff_replacing(table: Mapping[str, object]) -> tuple[str, ...]:
    lint = _table(table.get("lint")) or {}
    found = [n for n in RUFF_REPLACING if n in table]
    return (*found, *(f"lint.{n}" for n in RUFF_REPLACING if n in lint))


def _pyright_replacing(table: Mapping[str, object]) -> tuple[str, ...]:
    mode = table.get("typeCheckingMode", "strict")
    return () if mode == "strict" else ("typeCheckingMode",)


def toml_settings(name: str, text: str, document: Mapping[str, object]) -> ToolPair:
    """The (ruff, pyright) settings a parsed TOML file holds; None where it holds none."""
    from hardkit.domain.presets.toml_lines import key_lines  # only when a TOML file is checked

    lines = key_lines(text)
    if name in RUFF_CONFIGS:
        line = lines.get(("extend",), 1)
        ruff = ToolSettings(name, "extend", document.get("extend"), line, _ruff_replacing(document))
        return ruff, None
    tool = _table(document.get("tool")) or {}
    ruff_table, pyright_table = _table(tool.get("ruff")), _table(tool.get("pyright"))
    ruff = pyright = None
    if ruff_table is not None:
        line = _line(lines, "ruff", "extend")
        ruff = ToolSettings(
            "[tool.ruff]", "extend", ruff_table.get("extend"), line, _ruff_replacing(ruff_table)
        )
    if pyright_table is not None:
        line = _line(lines, "pyright", "extends")
        pyright = ToolSettings(
            "[tool.pyright]",
            "extends",
            pyright_table.get("extends"),
            line,
            _pyright_replacing(pyright_table),
        )
    return ruff, pyright


def _line(lines: dict[tuple[str, ...], int], tool: str, key: str) -> int:
    from hardkit.domain.presets.toml_lines import table_line

    return lines.get(("tool", tool, key)) or table_line(lines, ("tool", tool)) or 1


def json_settings(name: str, text: str, document: object) -> ToolPair:
    """The pyright settings of a parsed ``pyrightconfig.json``."""
    data = _table(document) or {}
    match = re.search(r'^\s*"extends"\s*:', text, re.MULTILINE)
    line = text.count("\n", 0, match.start()) + 1 if match and "extends" in data else 1
    settings = ToolSettings(name, "extends", data.get("extends"), line, _pyright_replacing(data))
    return None, settings


def _shown(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def wiring_problem(
    settings: ToolSettings | None, preset: str, table: str
) -> tuple[int, str] | None:
    """(line, message) when ``settings`` do not extend ``preset``; None when they do.

    ``settings`` is None for a ``pyproject.toml`` without the tool's ``table``.
    """
    if settings is None:
        key = "extends" if preset.endswith(".json") else "extend"
        return 1, f'no {table} table, so {preset} is never read (add {key} = "{preset}")'
    if settings.extends is None:
        return settings.line, (
            f'{settings.label} does not extend {preset} (add {settings.key} = "{preset}")'
        )
    if extends_preset(settings.extends, preset):
        return None
    return settings.line, f"{settings.label} extends {_shown(settings.extends)}, not {preset}"
