"""``hardkit init`` and ``hardkit sync``: write the presets, wire them in, keep them current.

Both build a ``FilePlan`` first and write nothing until it is complete: a file that does
not parse stops the whole run with every file untouched. An ``extend`` of the user's
own is never replaced (ruff and pyright take one): it becomes a conflict, shown with
the exact line to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from hardkit.adapters.config_text import parse_jsonc, parse_toml
from hardkit.adapters.toml_edit import EditError
from hardkit.domain.presets.config_files import (
    PYPROJECT,
    PYRIGHT_CONFIG,
    RUFF_CONFIGS,
    ToolSettings,
    json_settings,
    toml_settings,
)
from hardkit.domain.presets.shipped import (
    HOOKS_REPOSITORY,
    INIT_HOOK_IDS,
    PRESET_NAMES,
    PYRIGHT_PRESET,
    RUFF_PRESET,
    extends_preset,
    first_difference,
    newline_of,
    render_preset,
    with_newlines,
    written_by,
)
from hardkit.domain.sources import ParseFailure
from hardkit.service.file_plan import FilePlan, Unreadable

PRECOMMIT_CONFIG = ".pre-commit-config.yaml"
_NEW_RUFF_CONFIG = "ruff.toml"
_REPLACING_HINTS = {
    "select": "replaces the preset's rule selection; rename it extend-select to add to it",
    "per-file-ignores": (
        "replaces the preset's ignores for test code; rename it extend-per-file-ignores"
    ),
    "external": 'replaces the preset\'s; keep "HK" in it, or RUF100 strips `# noqa: HK…`',
    "typeCheckingMode": 'overrides the preset\'s "strict"',
}


def plan_init(root: Path, version: str) -> FilePlan:
    """Everything ``hardkit init`` would do in ``root`` (nothing written yet)."""
    plan = FilePlan(root)
    for step in (_write_presets, _wire_ruff, _wire_pyright, _add_hooks):
        _step(plan, step, version)
    return plan


def _step(plan: FilePlan, step: Callable[[FilePlan, str], None], version: str) -> None:
    try:
        step(plan, version)
    except Unreadable as exc:  # a file that is not text: named, and nothing is written
        plan.errors.append(str(exc))


def _write_presets(plan: FilePlan, version: str, names: tuple[str, ...] = PRESET_NAMES) -> None:
    for name in names:
        shipped = render_preset(name, version)
        current = plan.read(name)
        if current is None:
            plan.write(name, shipped, f"wrote hardkit {version}'s preset")
        elif first_difference(current, shipped) is not None:
            was = written_by(current)
            since = f" (it was hardkit {was}'s)" if was and was != version else ""
            text = with_newlines(shipped, newline_of(current))
            plan.write(name, text, f"rewrote it with hardkit {version}'s preset{since}")


def _settings(plan: FilePlan, name: str) -> tuple[str, ToolSettings | None, ToolSettings | None]:
    """(text, ruff settings, pyright settings) of an existing config file; ParseFailure."""
    text = plan.read(name) or ""
    if name == PYRIGHT_CONFIG:
        return (text, *json_settings(name, text, parse_jsonc(text)))
    return (text, *toml_settings(name, text, parse_toml(text)))


def ruff_config_name(plan: FilePlan) -> str | None:
    """The file ruff reads in ``plan.root`` (None: none yet, and no pyproject.toml)."""
    found = next((n for n in RUFF_CONFIGS if plan.exists(n)), None)
    return found or (PYPROJECT if plan.exists(PYPROJECT) else None)


def pyright_config_name(plan: FilePlan) -> str | None:
    for name in (PYRIGHT_CONFIG, PYPROJECT):
        if plan.exists(name):
            return name
    return None


def _wire_ruff(plan: FilePlan, version: str) -> None:
    del version
    name = ruff_config_name(plan)
    if name is None:
        plan.write(
            _NEW_RUFF_CONFIG, f'extend = "{RUFF_PRESET}"\n', f"created it to extend {RUFF_PRESET}"
        )
        return
    _wire(plan, name, RUFF_PRESET)


def _wire_pyright(plan: FilePlan, version: str) -> None:
    del version
    name = pyright_config_name(plan)
    if name is None:
        text = f'{{\n  "extends": "{PYRIGHT_PRESET}"\n}}\n'
        plan.write(PYRIGHT_CONFIG, text, f"created it to extend {PYRIGHT_PRESET}")
        return
    _wire(plan, name, PYRIGHT_PRESET)


def _tool_settings(plan: FilePlan, name: str, preset: str) -> tuple[str, ToolSettings | None]:
    """(text, the settings of the tool ``preset`` is for) of an existing config file."""
    text, ruff, pyright = _settings(plan, name)
    return text, ruff if preset == RUFF_PRESET else pyright


def _wire(plan: FilePlan, name: str, preset: str) -> None:
    """Make config file ``name`` extend ``preset``, unless it extends something else."""
    key = "extend" if preset == RUFF_PRESET else "extends"
    table = ("tool", "ruff") if preset == RUFF_PRESET else ("tool", "pyright")
    try:
        text, settings = _tool_settings(plan, name, preset)
    except ParseFailure as exc:
        plan.errors.append(f"{name}:{exc.line}:{exc.column}: {exc}")
        return
    if settings is not None and settings.extends is not None:
        if not extends_preset(settings.extends, preset):
            plan.conflicts.append(_conflict(name, text, settings, preset))
        return
    try:
        new = _add(name, text, table, key, preset)
    except (EditError, ParseFailure) as exc:
        plan.errors.append(f'{name}: could not add {key} = "{preset}" safely ({exc})')
        return
    if name == PYRIGHT_CONFIG:
        added = f'added "{key}": "{preset}"'
    else:
        added = f'added {key} = "{preset}"' + (
            f" to [{'.'.join(table)}]" if name == PYPROJECT else ""
        )
    plan.write(name, new, added)
    for setting in settings.replacing if settings else ():
        hint = _REPLACING_HINTS[setting.rsplit(".", 1)[-1]]
        plan.notes.append(f"note: {name}: your {setting} {hint}")


def _add(name: str, text: str, table: tuple[str, ...], key: str, preset: str) -> str:
    if name == PYRIGHT_CONFIG:
        from hardkit.adapters.json_edit import add_first_member

        return add_first_member(text, key, preset)
    from hardkit.adapters.toml_edit import add_key

    return add_key(text, table if name == PYPROJECT else (), key, preset)


def _conflict(name: str, text: str, settings: ToolSettings, preset: str) -> str:
    lines = text.splitlines()
    current = lines[settings.line - 1].strip() if 0 < settings.line <= len(lines) else ""
    wanted = re.sub(r"=.*$", f'= "{preset}"', current) if "=" in current else ""
    if name == PYRIGHT_CONFIG:
        wanted = re.sub(r":.*?(,?)\s*$", rf': "{preset}"\1', current)
    shown = f'"{settings.extends}"' if isinstance(settings.extends, str) else repr(settings.extends)
    return (
        f"{name}:{settings.line}: {settings.label} already extends {shown}; {settings.key} "
        f"takes one file, so hardkit left it alone. To use the preset, change line "
        f"{settings.line}\n    {current}\nto\n    {wanted}"
    )


def _add_hooks(plan: FilePlan, version: str) -> None:
    from hardkit.adapters.precommit_yaml import add_hooks

    text = plan.read(PRECOMMIT_CONFIG) or ""
    try:
        edit = add_hooks(text, HOOKS_REPOSITORY, f"v{version}", INIT_HOOK_IDS)
    except ParseFailure as exc:
        plan.errors.append(f"{PRECOMMIT_CONFIG}:{exc.line}:{exc.column}: {exc}")
        return
    except EditError as exc:
        plan.errors.append(f"{PRECOMMIT_CONFIG}: could not add the hardkit hooks safely ({exc})")
        return
    if edit.text != text:
        plan.write(PRECOMMIT_CONFIG, edit.text, edit.summary)
    elif edit.summary:
        plan.notes.append(f"{edit.summary.replace('note: ', f'note: {PRECOMMIT_CONFIG}: ', 1)}")


def _referenced(plan: FilePlan, preset: str) -> bool:
    name = ruff_config_name(plan) if preset == RUFF_PRESET else pyright_config_name(plan)
    if name is None:
        return False
    try:
        _, settings = _tool_settings(plan, name, preset)
    except ParseFailure:
        return False  # `sync --check` reports the file as HK001
    return settings is not None and extends_preset(settings.extends, preset)


def managed_presets(plan: FilePlan) -> tuple[str, ...]:
    """The presets a repository uses (present, or extended); both when it uses neither."""
    used = tuple(n for n in PRESET_NAMES if plan.exists(n) or _referenced(plan, n))
    return used or PRESET_NAMES


def plan_sync(root: Path, version: str) -> FilePlan:
    """The presets of ``root`` rewritten from hardkit ``version`` (nothing written yet)."""
    plan = FilePlan(root)
    _step(plan, lambda p, v: _write_presets(p, v, managed_presets(p)), version)
    return plan
