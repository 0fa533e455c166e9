"""The house by rule family: ``hardkit.domain`` keeps the core every family shares, and
each family (a package) holds its rules next to the helpers only they use. Arrows run one
way: a family may import the core, the core imports no family, and no family imports
another; the registry names the rule modules as strings and loads them on demand."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "src" / "hardkit" / "domain"
FAMILIES = ("engine_rules", "asserts", "layering", "docker", "presets", "supply_chain")


def _room(module: str) -> str | None:
    """The family a ``hardkit.domain`` module belongs to; None for the core."""
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[2] in FAMILIES else None


def _module_of(path: Path) -> str:
    rel = path.relative_to(DOMAIN.parent.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("hardkit.domain.")}


MODULES = sorted(DOMAIN.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(DOMAIN)))
def test_no_arrow_runs_up_or_across(path: Path) -> None:
    here = _room(_module_of(path))
    for target in _imports(path):
        there = _room(target)
        if there is None:
            continue  # everyone may use the core
        assert there == here, f"{_module_of(path)} imports {target}: " + (
            "the core may not import a family" if here is None else "families stay apart"
        )


def test_every_rule_module_lives_in_a_family() -> None:
    strays = [
        str(p.relative_to(DOMAIN))
        for p in MODULES
        if p.name[:2] == "hk" and p.name[2:5].isdigit() and p.parent.name not in FAMILIES
    ]
    assert strays == []
