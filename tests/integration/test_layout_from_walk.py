"""The layering probe (``adapters.layout``) answers "may this directory hold the innermost
layer?" from the listings the walk read, and finds the same layout as when it lists every
directory itself, odd names and links included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hardkit.adapters import layout
from hardkit.adapters.discovery import discover
from hardkit.adapters.layout import find_layout
from hardkit.domain.config import DEFAULT_EXCLUDE, LayerPolicy
from tests.helpers import write

TREE = {
    "pyproject.toml": "",
    "src/orders/__init__.py": "",
    "src/orders/domain/model.py": "",
    "src/orders/adapters/repo.py": "",
    "src/billing/domain.py": "",  # the innermost layer as a module
    "src/billing/services.py": "",
    "src/odd/domain.py/readme.txt": "",  # a directory named like the innermost module
    "src/odd/services/x.py": "",
    "src/plain/a/b.py": "",
    "src/plain/c.py": "",
    "docs/conf.py": "",
}


def _scandirs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    listed: list[str] = []
    real = os.scandir

    def scandir(path: str) -> object:
        listed.append(str(path))
        return real(path)

    monkeypatch.setattr(layout.os, "scandir", scandir)
    return listed


@pytest.mark.parametrize("linked", [False, True])
def test_the_walk_s_listings_give_the_same_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linked: bool
) -> None:
    write(tmp_path, TREE)
    if linked:  # a link named like the innermost layer: the probe lists that directory
        write(tmp_path, {"shared/core/model.py": "", "src/linked/services/y.py": ""})
        (tmp_path / "src/linked/domain").symlink_to(tmp_path / "shared/core")
    found = discover([tmp_path], tmp_path, DEFAULT_EXCLUDE)
    keys = [c.key for c in found.files]
    policy = LayerPolicy()
    listed = _scandirs(monkeypatch)
    alone = find_layout(tmp_path, keys, policy, DEFAULT_EXCLUDE)
    by_itself = len(listed)
    listed.clear()
    helped = find_layout(tmp_path, keys, policy, DEFAULT_EXCLUDE, found.listed)
    assert helped == alone
    assert {p.directory for p in helped.packages} >= {"src/orders", "src/billing"}
    assert len(listed) < by_itself
