"""The stat fast path of the cache (``adapters.stat_index``): an unchanged file is not read
on a warm run; any write, rename or replacement is seen; a recent file is not trusted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hardkit.adapters import stat_index
from hardkit.adapters.cache import CACHE_DIR
from hardkit.entrypoints.cli import main
from tests.helpers import write

SECURITY = "def view(request, user):\n    assert user.is_staff\n"
HARMLESS = "def view(request, user):\n    assert user.name_\n"  # same size, no finding
LATER = 10_000_000_000  # ns: the files are old enough to be recorded


def check(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, str, int]]:
    main(["check", "--output-format", "json", *args])
    document = json.loads(capsys.readouterr().out)
    return [(f["path"], f["code"], f["line"]) for f in document["findings"]]


@pytest.fixture
def aged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file looks changed 10 s before it is stat'ed (outside the racy window)."""
    real = time.time_ns
    monkeypatch.setattr(stat_index.time, "time_ns", lambda: real() + LATER)


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read from now on."""
    reads: list[str] = []
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        reads.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return reads


def test_an_unchanged_file_is_not_read_again(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, aged: None
) -> None:
    write(project, {"app.py": SECURITY})
    assert check(capsys) == [("app.py", "HK101", 2)]
    reads = _count_reads(monkeypatch)
    assert check(capsys) == [("app.py", "HK101", 2)]
    assert "app.py" not in reads  # the result came from the index
    assert check(capsys, "--no-cache") == [("app.py", "HK101", 2)]
    assert "app.py" in reads


def test_a_rewrite_keeping_size_and_mtime_is_seen(
    project: Path, capsys: pytest.CaptureFixture[str], aged: None
) -> None:
    """``touch -d`` after an edit of the same length: the change time (ctime) gives it
    away, which no user can set."""
    write(project, {"app.py": SECURITY})
    before = (project / "app.py").stat()
    assert check(capsys) == [("app.py", "HK101", 2)]
    time.sleep(0.05)  # past the file system clock's tick
    with (project / "app.py").open("r+") as handle:  # in place: the same inode
        handle.write(HARMLESS)
    os.utime(project / "app.py", ns=(before.st_atime_ns, before.st_mtime_ns))
    after = (project / "app.py").stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert check(capsys) == []


def test_a_file_replaced_by_a_rename_is_seen(
    project: Path, capsys: pytest.CaptureFixture[str], aged: None
) -> None:
    write(project, {"app.py": SECURITY, "new.py": HARMLESS})
    old = (project / "app.py").stat()
    assert check(capsys, "app.py") == [("app.py", "HK101", 2)]
    os.utime(project / "new.py", ns=(old.st_atime_ns, old.st_mtime_ns))
    (project / "new.py").replace(project / "app.py")  # an editor's safe save
    assert check(capsys, "app.py") == []


def test_a_file_changed_within_the_racy_window_is_not_recorded(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"app.py": SECURITY})  # just written: within RACY_NS of its stat
    assert check(capsys) == [("app.py", "HK101", 2)]
    assert not _index_entries(project)  # read by content next time, not trusted by stat


def test_the_index_follows_the_configuration(
    project: Path, capsys: pytest.CaptureFixture[str], aged: None
) -> None:
    write(project, {"app.py": SECURITY})
    assert check(capsys) == [("app.py", "HK101", 2)]
    assert check(capsys, "--select", "HK102") == []
    assert check(capsys) == [("app.py", "HK101", 2)]
    assert len(list((project / CACHE_DIR / "stats-v1").iterdir())) == 2


def test_a_planted_index_is_not_trusted(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    aged: None,
) -> None:
    """An index copied from elsewhere (or forged) fails its seal: the files are read."""
    write(project, {"app.py": SECURITY})
    assert check(capsys) == [("app.py", "HK101", 2)]
    (index,) = (project / CACHE_DIR / "stats-v1").iterdir()
    data = bytearray(index.read_bytes())
    data[-5] ^= 0xFF
    index.write_bytes(bytes(data))
    reads = _count_reads(monkeypatch)
    assert check(capsys) == [("app.py", "HK101", 2)]
    assert "app.py" in reads


def test_entries_of_deleted_files_are_dropped(
    project: Path, capsys: pytest.CaptureFixture[str], aged: None
) -> None:
    write(project, {"a.py": SECURITY, "b.py": SECURITY})
    assert len(check(capsys)) == 2
    assert sorted(_index_entries(project)) == ["a.py", "b.py", "pyproject.toml"]
    (project / "b.py").unlink()
    write(project, {"a.py": HARMLESS})
    assert check(capsys) == []
    assert sorted(_index_entries(project)) == ["a.py", "pyproject.toml"]


def _index_entries(root: Path) -> dict[str, object]:
    from hardkit.adapters.cache import ResultCache

    folder = root / CACHE_DIR / "stats-v1"
    if not folder.exists():
        return {}
    (index,) = folder.iterdir()
    return ResultCache(root).read_stat_index(index.name)


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "hardkit", "check", "--output-format", "json", *args]


def test_parallel_runs_over_old_files_share_the_index_and_agree(project: Path) -> None:
    """Files older than the racy window, checked by overlapping runs at once (pre-commit's
    chunks): each writes the index over the others'; every later run agrees with a cold
    one, also after some files change."""
    files = {f"pkg{i % 3}/mod_{i}.py": SECURITY if i % 2 else HARMLESS for i in range(60)}
    write(project, files)
    time.sleep(stat_index.RACY_NS / 1e9 + 0.2)
    cold = subprocess.run(_command("--no-cache"), cwd=project, capture_output=True, text=True)
    expected = json.loads(cold.stdout)["findings"]
    assert len(expected) == 30
    targets = [["."], ["pkg0", "pkg1"], ["pkg1", "pkg2"], ["pkg2", "pkg0"], ["."]]
    procs = [
        subprocess.Popen(_command(*t), cwd=project, stdout=subprocess.PIPE, text=True)
        for t in targets
    ]
    for proc in procs:
        proc.communicate(timeout=120)
    assert len(_index_entries(project)) == 61  # and pyproject.toml
    write(project, {"pkg0/mod_3.py": HARMLESS, "pkg1/mod_4.py": SECURITY})
    cold = subprocess.run(_command("--no-cache"), cwd=project, capture_output=True, text=True)
    for _ in range(2):
        warm = subprocess.run(_command(), cwd=project, capture_output=True, text=True)
        assert json.loads(warm.stdout)["findings"] == json.loads(cold.stdout)["findings"]


@pytest.mark.slow
def test_runs_killed_at_any_point_leave_an_index_a_later_run_can_trust(project: Path) -> None:
    """SIGKILL at staggered moments of runs over old files (the index is written last, at
    once): whatever is left, the next runs agree with a cold one."""
    import signal

    files = {f"pkg/mod_{i}.py": SECURITY if i % 2 else HARMLESS for i in range(300)}
    write(project, files)
    time.sleep(stat_index.RACY_NS / 1e9 + 0.2)
    for delay in (0.05, 0.15, 0.3, 0.6, 1.0, 1.5):
        process = subprocess.Popen(_command("--jobs", "1"), cwd=project, stdout=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    cold = subprocess.run(_command("--no-cache"), cwd=project, capture_output=True, text=True)
    assert len(json.loads(cold.stdout)["findings"]) == 150
    for _ in range(2):
        warm = subprocess.run(_command(), cwd=project, capture_output=True, text=True)
        assert json.loads(warm.stdout)["findings"] == json.loads(cold.stdout)["findings"]
