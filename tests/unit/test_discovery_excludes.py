"""A directory walk excludes exactly what testing every path against every pattern would.

The walk tests a name pattern against each entry's own name (the directories above it
passed already) and a path pattern against the whole key; the reference below tests the
file's key and every directory key between it and the walked directory against every
pattern, and the names above (``build`` in ``hardkit check build/x``) against the name
patterns: a path pattern naming the walked directory itself does not exclude it."""

from __future__ import annotations

from pathlib import Path

import pytest

from hardkit.adapters.discovery import discover
from hardkit.domain.config import Config
from hardkit.domain.globs import is_name_pattern, matches_any
from tests.helpers import write

FILES = [
    "app/main.py",
    "app/build/gen.py",
    "app/node_modules/x.py",
    "app/tests/fixtures/bad.py",
    "app/tests/test_a.py",
    "build/out.py",
    "build.py",
    "lib/x.egg-info/setup.py",
    "lib/contrib/admin/views.py",
    "lib/contrib/admin/migrations/0001.py",
    "db/models.py",
    "Dockerfile",
    "deploy/web.Dockerfile",
]
PATTERNS = [
    (),
    Config().all_excludes,
    ("build/",),
    ("build",),
    ("*.py",),
    ("tests/**/fixtures", "**/migrations"),
    ("app/**",),
    ("[a-c]*", "db/**"),
    ("contrib/",),
    ("lib/contrib", "deploy"),
    ("*", "!x"),
]


def _reference(root: Path, top: Path, patterns: tuple[str, ...]) -> list[str]:
    kept: list[str] = []
    for name in FILES:
        path = root / name
        if top not in (path, *path.parents):
            continue
        parts = name.split("/")
        keys = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        depth = 0 if top == root else len(top.relative_to(root).parts)
        below, above = keys[depth:], keys[:depth]
        names = tuple(p for p in patterns if is_name_pattern(p))
        if any(matches_any(patterns, key) for key in below):
            continue
        if not any(matches_any(names, key) for key in above):
            kept.append(name)
    return kept


@pytest.mark.parametrize("patterns", PATTERNS, ids=[",".join(p)[:40] or "none" for p in PATTERNS])
@pytest.mark.parametrize("top", [".", "app", "app/tests", "lib/contrib", "build"])
def test_walk_excludes_what_every_path_test_excludes(
    tmp_path: Path, patterns: tuple[str, ...], top: str
) -> None:
    write(tmp_path, dict.fromkeys(FILES, "x = 1\n"))
    start = tmp_path / top
    found = discover([start], tmp_path, patterns)
    assert sorted(c.key for c in found.files) == sorted(_reference(tmp_path, start, patterns))
    assert found.errors == []
