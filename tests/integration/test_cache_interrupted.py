"""Runs killed while they write the cache leave nothing a later run trusts, and the
temporary files such a kill can leave behind do not pile up."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hardkit.adapters.cache import CACHE_DIR, LAYOUT, STALE_TEMP_SECONDS, ResultCache
from hardkit.adapters.files import TEMP_SUFFIX
from hardkit.domain.findings import FileResult, Finding
from tests.helpers import write


def _tree(root: Path, count: int, round_: int) -> None:
    """``count`` modules (a third with a syntax error, a third with a security assert);
    ``round_`` changes every file's bytes, so each round misses the cache everywhere."""
    files: dict[str, str | bytes] = {}
    for i in range(count):
        if i % 3 == 0:
            body = f"def broken_{i}(:\n    assert ok\n"
        elif i % 3 == 1:
            body = f"def view_{i}(request, user):\n    assert user.is_staff and user.ok_{i}\n"
        else:
            body = f"value_{i} = {i}\n"
        files[f"pkg{i % 8}/mod_{i}.py"] = f"# round {round_}\n{body}"
    write(root, files)


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "hardkit", "check", "--output-format", "json", *args]


def _findings(output: str) -> list[tuple[str, str, int, int]]:
    document = json.loads(output)
    return sorted((f["path"], f["code"], f["line"], f["column"]) for f in document["findings"])


def _cache_files(root: Path) -> list[Path]:
    return [p for p in (root / CACHE_DIR).rglob("*") if p.is_file() and p.name != ".gitignore"]


def _entries(root: Path) -> int:
    directory = root / CACHE_DIR / LAYOUT
    return sum(len(names) for _, _, names in os.walk(directory)) if directory.exists() else 0


def _kill_while_writing(root: Path) -> int:
    """Start a check, SIGKILL it as soon as it has written a new entry; entries written."""
    before = _entries(root)
    process = subprocess.Popen(
        _command("--jobs", "1"), cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if _entries(root) > before:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    process.wait(timeout=60)
    return _entries(root) - before


@pytest.mark.slow
def test_runs_killed_mid_write_leave_nothing_a_later_run_trusts(project: Path) -> None:
    written_when_killed: list[int] = []
    for round_ in range(4):
        _tree(project, 600, round_)
        written_when_killed.append(_kill_while_writing(project))
    # Killed mid-write: some entries were written, not all 600 of the round.
    assert any(0 < n < 600 for n in written_when_killed), written_when_killed
    # Whatever is left is whole: an entry is renamed into place only once written.
    cache = ResultCache(project)
    for path in _cache_files(project):
        if path.name.endswith(TEMP_SUFFIX):
            continue  # never read: entries are found by their exact name
        if path.parent.parent.name == LAYOUT:
            assert isinstance(cache.get(path.name), FileResult)
    cold = subprocess.run(_command("--no-cache"), cwd=project, capture_output=True, text=True)
    assert cold.returncode == 1
    expected = _findings(cold.stdout)
    assert len(expected) == 400  # 200 syntax errors, 200 security asserts
    for _ in range(2):  # the first completes the cache, the second reads only hits
        warm = subprocess.run(_command(), cwd=project, capture_output=True, text=True)
        assert (warm.returncode, warm.stderr) == (1, "")
        assert _findings(warm.stdout) == expected


def test_a_half_written_temporary_file_is_never_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plant what a kill during a write would leave: a truncated copy of every entry under
    the temporary name, and a truncated entry under the real name (a miss)."""
    from hardkit.entrypoints.cli import main

    write(
        project,
        {"a.py": "def f(request, user):\n    assert user.is_staff\n", "b.py": "x = (  # assert\n"},
    )
    assert main(["check", "-q"]) == 1
    expected = capsys.readouterr().out
    entries = [p for p in _cache_files(project) if p.parent.parent.name == LAYOUT]
    assert len(entries) == 3  # a.py, b.py and the project's pyproject.toml
    for entry in entries:
        data = entry.read_bytes()
        (entry.parent / f".{entry.name}.99999-0badf00d{TEMP_SUFFIX}").write_bytes(data[:7])
    entries[0].write_bytes(entries[0].read_bytes()[:-5])
    for _ in range(2):
        assert main(["check", "-q"]) == 1
        assert capsys.readouterr().out == expected


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_temporary_files_are_swept_at_most_once_an_hour(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    result = FileResult("a.py", (Finding("HK001", "a.py", 1, 1, 1, 1, "syntax error: x"),))
    cache.put("ab" + "0" * 38, result)  # creates the cache and its .gitignore
    shard = tmp_path / CACHE_DIR / LAYOUT / "ab"
    old = shard / f".{'ab' + '1' * 38}.123-00000000{TEMP_SUFFIX}"
    fresh = shard / f".{'ab' + '2' * 38}.124-00000000{TEMP_SUFFIX}"
    index_tmp = tmp_path / CACHE_DIR / "imports-v2" / f".index.125-00000000{TEMP_SUFFIX}"
    index_tmp.parent.mkdir()
    for path in (old, fresh, index_tmp):
        path.write_bytes(b"\x00half")
    _age(old, STALE_TEMP_SECONDS + 60)
    _age(index_tmp, 2 * STALE_TEMP_SECONDS)
    unrelated = shard / "notes.txt"  # never ours to delete, however old
    unrelated.write_text("x")
    _age(unrelated, 10 * STALE_TEMP_SECONDS)
    # A new cache was just created: no sweep within the hour.
    ResultCache(tmp_path).put("ab" + "3" * 38, result)
    assert old.exists()
    # An hour later, the next run that writes sweeps once.
    _age(tmp_path / CACHE_DIR / ".gitignore", STALE_TEMP_SECONDS + 1)
    ResultCache(tmp_path).put("ab" + "4" * 38, result)
    assert not old.exists()
    assert not index_tmp.exists()
    assert fresh.exists()  # a live writer's file
    assert unrelated.exists()
    assert ResultCache(tmp_path).get("ab" + "4" * 38) == result
    _age(fresh, STALE_TEMP_SECONDS + 60)
    ResultCache(tmp_path).put("ab" + "5" * 38, result)
    assert fresh.exists()  # swept an instant ago: the next sweep is an hour away
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text().endswith("*\n")


def test_a_cache_that_cannot_be_swept_still_works(tmp_path: Path) -> None:
    """A read-only or vanished marker never fails a run."""
    cache = ResultCache(tmp_path)
    result = FileResult("a.py")
    cache.put("cd" + "0" * 38, result)
    (tmp_path / CACHE_DIR / ".gitignore").unlink()
    (tmp_path / CACHE_DIR / ".gitignore").mkdir()  # not a file: replace_with fails
    other = ResultCache(tmp_path)
    other.put("cd" + "1" * 38, result)
    assert other.get("cd" + "1" * 38) == result
