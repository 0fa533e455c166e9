"""A generated layered project of any size, for HK204's scale test and ``perf/``.

``src/big`` holds the four layers plus ``utils``. Pure helpers import each other in
cycles; the domain modules import pure helpers and each other (a cycle too). Every
100th domain module imports the head of a long helper chain that ends in ``httpx``,
and every 100th (offset 50) one that ends in the adapters layer: those are the HK204
findings, always on line 3.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import write

CHAIN = 20  # helpers between a domain module and the end of a bad chain


def generate(root: Path, modules: int) -> list[str]:
    """Write the project under ``root``; return the expected HK204 lines (path:3:1)."""
    domain = modules * 4 // 10
    pure = modules * 3 // 10 - 2 * CHAIN
    outer = max((modules - domain - pure - 2 * CHAIN) // 3, 1)
    files: dict[str, str | bytes] = {"pyproject.toml": '[project]\nname = "big"\n'}
    for package in ("", "domain", "adapters", "service", "entrypoints", "utils"):
        files[f"src/big/{package}/__init__.py".replace("//", "/")] = ""
    expected: list[str] = []
    for i in range(domain):
        bad = _bad_import(i)
        files[f"src/big/domain/d{i}.py"] = (
            f'"""Domain module {i}."""\nfrom big.domain import d{(i + 1) % domain}\n'
            f"{bad or f'from big.utils import u{i % pure}'}\n"
            "from .. import domain\n\n\n"
            f"def value_{i}(x: int) -> int:\n    return x + {i}\n"
        )
        if bad:
            expected.append(f"src/big/domain/d{i}.py:3:1")
    for i in range(pure):
        files[f"src/big/utils/u{i}.py"] = (
            f"from big.utils import u{(i + 1) % pure}, u{(i * 7) % pure}\nimport json\n"
        )
    for name, end in (("t", "import httpx\n"), ("w", "from big.adapters import a0\n")):
        for i in range(CHAIN):
            nxt = f"from . import {name}{i + 1}\n" if i + 1 < CHAIN else end
            files[f"src/big/utils/{name}{i}.py"] = nxt
    for layer, below in (
        ("adapters", "domain.d"),
        ("service", "adapters.a"),
        ("entrypoints", "service.s"),
    ):
        for i in range(outer):
            files[f"src/big/{layer}/{layer[0]}{i}.py"] = f"from big.{below}{i} import *\n"
    write(root, files)
    return expected


def _bad_import(i: int) -> str | None:
    if i % 100 == 0:
        return "from big.utils.t0 import helper"
    if i % 100 == 50:
        return "import big.utils.w0"
    return None
