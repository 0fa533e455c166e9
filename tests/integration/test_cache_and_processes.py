"""The cache under parallel runs, and hardkit as a real process."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys
from pathlib import Path

import pytest

from hardkit.adapters.cache import CACHE_DIR, LAYOUT, ResultCache
from hardkit.entrypoints.cli import main
from tests.helpers import run_hardkit as hardkit
from tests.helpers import write


def test_a_parallel_run_stores_each_file_s_own_result(project: Path) -> None:
    """Workers take the largest files first; each result must still go back to its own
    file's cache entry: a warm run on some of the files replays exactly theirs."""
    files = {
        f"pkg/mod_{i:03}.py": "# padding\n" * (i * 7 % 50)
        + f"value_{i} = {i}\n"
        + ("def broken(:\n    assert ok\n" if i % 5 == 0 else "")
        for i in range(96)
    }
    write(project, files)
    hardkit("check", "--jobs", "2", "-q", ".", cwd=project)  # fills the cache
    some = sorted(files)[:30]
    warm = hardkit("check", "--jobs", "1", "--output-format", "json", *some, cwd=project)
    expected = [(f"pkg/mod_{i:03}.py", "HK001", i * 7 % 50 + 2) for i in range(0, 30, 5)]
    assert [(p, c, line) for p, c, line, _ in findings(warm.stdout)] == expected


def tree(root: Path, count: int) -> None:
    files: dict[str, str | bytes] = {}
    for i in range(count):
        body = f"value_{i} = {i}\n" if i % 3 else f"def broken_{i}(:\n    assert ok\n"
        files[f"pkg{i % 4}/mod_{i}.py"] = body
    files["pkg0/latin.py"] = b"# -*- coding: latin-1 -*-\nx = '\xe9'\n"
    files["pkg1/binary.py"] = b"\x00\x01\x02"
    write(root, files)


def findings(output: str) -> list[tuple[str, str, int, int]]:
    document = json.loads(output)
    return sorted((f["path"], f["code"], f["line"], f["column"]) for f in document["findings"])


def test_parallel_runs_share_one_cache_and_agree(project: Path) -> None:
    tree(project, 60)
    cold = hardkit("check", "--no-cache", "--output-format", "json", cwd=project)
    assert cold.returncode == 1
    expected = findings(cold.stdout)
    assert len(expected) == 21  # 20 syntax errors + the NUL-byte file
    # Overlapping trees in parallel, as pre-commit's chunks would run them.
    targets = [["."], ["pkg0", "pkg1"], ["pkg1", "pkg2"], ["pkg2", "pkg3", "pkg0"], ["."], ["."]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "hardkit", "check", "--output-format", "json", *t],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for t in targets
    ]
    outputs = [p.communicate() for p in procs]
    assert all(err == "" for _, err in outputs)
    for target, (out, _) in zip(targets, outputs, strict=True):
        prefixes = tuple("" if t == "." else t + "/" for t in target)
        assert findings(out) == [f for f in expected if f[0].startswith(prefixes)]
    # Afterwards every entry is whole, and a warm run agrees with the cold one.
    entries = [
        p for p in (project / CACHE_DIR).rglob("*") if p.is_file() and p.name != ".gitignore"
    ]
    assert entries
    cache = ResultCache(project)
    for entry in entries:
        assert not entry.name.startswith(".tmp-")
        if entry.parent.parent.name == LAYOUT:  # a result (the other: HK204's import index)
            assert cache.get(entry.name) is not None
    warm = hardkit("check", "--output-format", "json", cwd=project)
    assert findings(warm.stdout) == expected


def test_a_corrupt_cache_entry_is_a_miss(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"a.py": "x = (  # assert\n"})
    assert main(["check", "-q"]) == 1
    first = capsys.readouterr().out
    for entry in (project / CACHE_DIR).rglob("*"):
        if entry.is_file() and entry.name != ".gitignore":
            entry.write_bytes(marshal.dumps(("a.py", [[1, 2]]))[:-3])
    assert main(["check", "-q"]) == 1
    assert capsys.readouterr().out == first
    assert (project / CACHE_DIR / ".gitignore").read_text().endswith("*\n")


def test_the_cache_follows_content_not_timestamps(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"a.py": "x = (  # assert\n"})
    assert main(["check", "-q"]) == 1
    write(project, {"a.py": "x = ()  # assert\n"})
    assert main(["check", "-q"]) == 0
    capsys.readouterr()


def test_a_large_walk_uses_worker_processes_and_agrees(project: Path) -> None:
    tree(project, 120)
    serial = hardkit("check", "--no-cache", "--jobs", "1", "--output-format", "json", cwd=project)
    parallel = hardkit("check", "--no-cache", "--jobs", "2", "--output-format", "json", cwd=project)
    assert findings(parallel.stdout) == findings(serial.stdout)
    assert len(findings(serial.stdout)) == 41


def test_python_dash_m_and_version(tmp_path: Path) -> None:
    from hardkit import __version__

    result = hardkit("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"hardkit {__version__}\n")


def test_no_traceback_reaches_the_user(project: Path) -> None:
    write(project, {"pyproject.toml": "[tool.hardkit\n"})
    result = hardkit("check", cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_internal_errors_are_one_line_unless_debugging(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hardkit.service import session

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(session, "run_check", explode)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == (
        "hardkit: internal error: RuntimeError: boom (rerun with --debug)\n"
    )
    with pytest.raises(RuntimeError):
        main(["--debug", "check"])


def test_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: hardkit" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main(["check", "--jobs", "0"])
    assert info.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_rule_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "hk001"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# parse-error (HK001)\n")
    for title in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety"):
        assert f"## {title}\n" in out
    assert main(["rule", "--all"]) == 0
    assert "(HK001)" in capsys.readouterr().out
    assert main(["rule", "HK000"]) == 2
    assert capsys.readouterr().err == (
        "hardkit: error: no rule code is or starts with 'HK000'; 'hardkit rule' lists them\n"
    )
