"""The cache key: where it lives, how it is made, and which keys are not used."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from hardkit.adapters.user_key import KEY_NAME, KEY_SIZE, UserKey, load_user_key, user_cache_dir

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def test_xdg_cache_home_is_honoured_when_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache_dir() == tmp_path / "hardkit"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    expected = {
        "win32": tmp_path / "local" / "hardkit" / "Cache",
        "darwin": tmp_path / "home" / "Library" / "Caches" / "hardkit",
    }.get(sys.platform, tmp_path / "home" / ".cache" / "hardkit")
    assert user_cache_dir() == expected


def test_a_key_is_made_once_and_kept(tmp_path: Path) -> None:
    directory = tmp_path / "a" / "hardkit"
    first = load_user_key(directory)
    assert first.problem == ""
    assert first.secret is not None
    assert len(first.secret) == KEY_SIZE
    assert load_user_key(directory) == first
    assert sorted(p.name for p in directory.iterdir()) == [KEY_NAME]
    if os.name == "posix":
        assert stat.S_IMODE((directory / KEY_NAME).stat().st_mode) == 0o600
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700


def test_a_restrictive_umask_still_gives_a_readable_key(tmp_path: Path) -> None:
    old = os.umask(0o277)
    try:
        key = load_user_key(tmp_path / "hardkit")
    finally:
        os.umask(old)
    assert key.secret is not None


@posix_only
def test_a_key_others_can_read_is_not_used(tmp_path: Path) -> None:
    key = load_user_key(tmp_path)
    (tmp_path / KEY_NAME).chmod(0o644)
    assert load_user_key(tmp_path) == UserKey(
        None,
        f"cache key {tmp_path / KEY_NAME} is open to other users (mode 0644; chmod 600 it): "
        "not using the cache",
    )
    (tmp_path / KEY_NAME).chmod(0o600)
    assert load_user_key(tmp_path) == key


@posix_only
@pytest.mark.skipif(os.name == "posix" and os.geteuid() != 0, reason="chown needs root")
def test_a_key_of_another_user_is_not_used(tmp_path: Path) -> None:
    load_user_key(tmp_path)
    os.chown(tmp_path / KEY_NAME, 54321, -1)
    assert load_user_key(tmp_path).problem.endswith("belongs to another user: not using the cache")


def test_a_key_of_the_wrong_size_is_not_used_nor_replaced(tmp_path: Path) -> None:
    (tmp_path / KEY_NAME).write_bytes(b"short")
    if os.name == "posix":
        (tmp_path / KEY_NAME).chmod(0o600)
    key = load_user_key(tmp_path)
    assert key.secret is None
    assert "is not a 32-byte file (delete it: a new one is made)" in key.problem
    assert (tmp_path / KEY_NAME).read_bytes() == b"short"


@posix_only
def test_an_unwritable_cache_directory_means_no_cache_quietly(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    assert load_user_key(tmp_path / "file" / "hardkit") == UserKey(None)
