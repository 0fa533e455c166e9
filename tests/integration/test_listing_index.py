"""The directory listings of earlier walks (``adapters.stat_index.ListingIndex``): a warm
walk does not read a directory unchanged since the last one, and still sees every file
added, removed or renamed, every .gitignore edit and every symbolic link retargeted."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardkit.adapters import discovery, stat_index
from hardkit.adapters.cache import CACHE_DIR, ResultCache
from hardkit.adapters.stat_index import ListingIndex
from hardkit.entrypoints.cli import main
from tests.helpers import write

SECURITY = "def view(request, user):\n    assert user.is_staff\n"
LATER = 10_000_000_000  # ns: the directories are old enough to be recorded
TICK = 0.05  # s: past the file system clock's tick, so a change moves a directory's times


def check(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """The paths with findings, and those with errors marked ``!``."""
    main(["check", "--output-format", "json", *args])
    document = json.loads(capsys.readouterr().out)
    return sorted(
        [f["path"] for f in document["findings"]] + [f"!{e['path']}" for e in document["errors"]]
    )


@pytest.fixture
def aged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every directory and file looks changed 10 s before it is stat'ed."""
    real = time.time_ns
    monkeypatch.setattr(stat_index.time, "time_ns", lambda: real() + LATER)


def _count_listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names in the directories the walk reads from now on (the layering probe reads
    a few directories of its own)."""
    listed: list[str] = []
    real = discovery._read_listing  # pyright: ignore[reportPrivateUsage]

    def read_listing(entries: Iterator[os.DirEntry[str]]) -> stat_index.Listing:
        listing = real(entries)
        listed.extend(name for name, _ in listing[1])
        return listing

    monkeypatch.setattr(discovery, "_read_listing", read_listing)
    return listed


def _recorded(root: Path) -> dict[str, object]:
    return ResultCache(root).read_listing_index(ListingIndex.NAME)


def test_an_unchanged_tree_is_not_listed_again(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, aged: None
) -> None:
    write(project, {"app/views/admin.py": SECURITY, "app/locale/fr/messages.po": "x"})
    assert check(capsys) == ["app/views/admin.py"]
    time.sleep(TICK)
    assert check(capsys) == ["app/views/admin.py"]  # the root again: the cache was made in it
    assert sorted(_recorded(project)) == [".", "app", "app/locale", "app/locale/fr", "app/views"]
    listed = _count_listings(monkeypatch)
    assert check(capsys) == ["app/views/admin.py"]
    assert listed == []


def test_files_added_removed_and_renamed_are_seen(
    project: Path, capsys: pytest.CaptureFixture[str], aged: None
) -> None:
    write(project, {"app/a.py": SECURITY, "app/b.py": SECURITY})
    assert check(capsys) == ["app/a.py", "app/b.py"]
    time.sleep(TICK)
    (project / "app/b.py").unlink()
    write(project, {"app/c.py": SECURITY})
    (project / "app/a.py").rename(project / "app/d.py")
    assert check(capsys) == ["app/c.py", "app/d.py"]
    time.sleep(TICK)
    write(project, {"app/new/e.py": SECURITY})  # a new directory
    assert check(capsys) == ["app/c.py", "app/d.py", "app/new/e.py"]


def test_a_gitignore_edited_in_place_applies_at_once(
    project: Path, capsys: pytest.CaptureFixture[str], aged: None
) -> None:
    """Editing a file does not move its directory's times: the listing is trusted, and
    what it holds is filtered again by the .gitignore as it is now."""
    write(project, {"pkg/.gitignore": "# nothing\n", "pkg/gen.py": SECURITY})
    times = (project / "pkg").stat()
    assert check(capsys) == ["pkg/gen.py"]
    with (project / "pkg/.gitignore").open("a") as handle:
        handle.write("gen.py\n")
    os.utime(project / "pkg", ns=(times.st_atime_ns, times.st_mtime_ns))
    assert check(capsys) == []


def test_a_link_is_followed_anew(
    project: Path, capsys: pytest.CaptureFixture[str], aged: None
) -> None:
    """The directory holding a link is unchanged, but what the link leads to is now
    another directory: the trusted listing says "a link", and the walk follows it."""
    write(project, {"one/a.py": SECURITY, "two/b.py": SECURITY, "shared/keep.txt": ""})
    (project / "shared/current").symlink_to(Path("..") / "one")
    assert check(capsys, "shared") == ["shared/current/a.py"]
    before = (project / "shared").stat()
    (project / "one").rename(project / "old")
    (project / "two").rename(project / "one")
    after = (project / "shared").stat()
    assert (after.st_mtime_ns, after.st_ctime_ns) == (before.st_mtime_ns, before.st_ctime_ns)
    assert check(capsys, "shared") == ["shared/current/b.py"]


def test_a_directory_changed_within_the_racy_window_is_not_recorded(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"app/a.py": SECURITY})  # just made: within RACY_NS of its stat
    assert check(capsys) == ["app/a.py"]
    assert _recorded(project) == {}


def test_a_planted_index_is_not_trusted(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, aged: None
) -> None:
    """A listing index copied from elsewhere (or forged to hide a file) fails its seal:
    every directory is read."""
    write(project, {"app/a.py": SECURITY})
    assert check(capsys) == ["app/a.py"]
    index = project / CACHE_DIR / "listings-v1" / ListingIndex.NAME
    data = bytearray(index.read_bytes())
    data[-3] ^= 0xFF
    index.write_bytes(bytes(data))
    listed = _count_listings(monkeypatch)
    assert check(capsys) == ["app/a.py"]
    assert "a.py" in listed


def test_no_cache_keeps_no_listings(
    project: Path, capsys: pytest.CaptureFixture[str], aged: None
) -> None:
    write(project, {"app/a.py": SECURITY})
    assert check(capsys, "--no-cache") == ["app/a.py"]
    assert not (project / CACHE_DIR).exists()


def test_listings_of_directories_gone_are_dropped(
    project: Path, capsys: pytest.CaptureFixture[str], aged: None
) -> None:
    write(project, {"app/old/a.py": SECURITY, "app/b.py": SECURITY})
    assert check(capsys) == ["app/b.py", "app/old/a.py"]
    assert "app/old" in _recorded(project)
    time.sleep(TICK)
    (project / "app/old/a.py").unlink()
    (project / "app/old").rmdir()
    assert check(capsys) == ["app/b.py"]
    assert "app/old" not in _recorded(project)
