"""What `pip install hardkit` brings: the checker and nothing it does not need on every
commit. pip-audit (26 packages of its own) comes with the extra `hardkit[audit]`, which
the hardkit-audit hook installs through `additional_dependencies`.

Read from uv.lock, offline: the packages a plain install can bring on any platform and
Python hardkit supports (the union over every environment marker, hardkit included).
The real install, measured: `make footprint` (needs the package index).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PLAIN_INSTALL_LIMIT = 10


def _lock() -> dict[str, dict[str, Any]]:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    return {p["name"]: p for p in lock["package"]}


def _closure(packages: dict[str, dict[str, Any]], names: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += [d["name"] for d in packages[name].get("dependencies", [])]
    return seen


def _plain_install() -> set[str]:
    return _closure(_lock(), ["hardkit"])


def test_a_plain_install_is_at_most_ten_packages() -> None:
    installed = _plain_install()
    assert len(installed) <= PLAIN_INSTALL_LIMIT, sorted(installed)
    assert "pip-audit" not in installed


def test_the_audit_extra_brings_pip_audit() -> None:
    packages = _lock()
    extra = [d["name"] for d in packages["hardkit"]["optional-dependencies"]["audit"]]
    assert "pip-audit" in _closure(packages, extra)


def test_the_audit_hook_installs_what_the_extra_names() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(re.match(r"pip-audit\b", d) for d in project["dependencies"])
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    extra = project["optional-dependencies"]["audit"]
    assert by_id["hardkit-audit"]["additional_dependencies"] == extra
    assert all("additional_dependencies" not in h for h in hooks if h["id"] != "hardkit-audit")


def _contributing_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Contributing\n", 1)[1]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    return [line[2:].split("  #", 1)[0].strip() for line in block.splitlines()]


def test_the_readmes_first_command_installs_hardkit_alone() -> None:
    """A newcomer's first command runs hardkit without the dev group (111 packages,
    450 MB on a fresh clone); the second is exactly what CI runs."""
    first, second = _contributing_commands()
    assert first == "uv run --no-dev hardkit check examples/orders-service"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == second == "uv run pytest"
