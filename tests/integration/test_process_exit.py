"""How the ``hardkit`` process ends (``cli.run``): straight after ``main()``, without the
interpreter's teardown, and still with every byte of its output and the right code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hardkit.entrypoints import cli
from tests.helpers import run_hardkit, write

_ASSERTS = "".join(
    f"def handler_{i}(request):\n    assert request.user.is_admin, 'admins only'\n"
    for i in range(400)
)


def test_output_larger_than_a_pipe_buffer_arrives_whole(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "", "views.py": _ASSERTS})
    done = run_hardkit("check", "--no-cache", "--output-format", "json", "views.py", cwd=tmp_path)
    assert len(done.stdout) > 65536  # more than one pipe buffer: flushed before the exit
    assert done.returncode == 1
    assert len(json.loads(done.stdout)["findings"]) == 400


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"ok.py": "x = 1\n"}, 0),
        ({"bad.py": "def f(:\n    assert ok\n"}, 1),
        ({"pyproject.toml": "[tool.hardkit\n"}, 2),
    ],
)
def test_the_exit_code_is_main_s(tmp_path: Path, files: dict[str, str], code: int) -> None:
    write(tmp_path, {"pyproject.toml": "", **files})
    assert run_hardkit("check", "--no-cache", ".", cwd=tmp_path).returncode == code


def test_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "", "views.py": _ASSERTS * 8})  # ~700 kB of output
    process = subprocess.Popen(
        [sys.executable, "-m", "hardkit", "check", "--no-cache", "views.py"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    error = process.stderr.read()
    assert process.wait() == 1
    assert first.startswith(b"views.py:2:5: HK101")
    assert error == b""


def test_the_process_ends_without_the_teardown(monkeypatch: pytest.MonkeyPatch) -> None:
    ended: list[int] = []
    monkeypatch.setattr(cli, "main", lambda: 1)
    monkeypatch.delitem(sys.modules, "coverage", raising=False)
    monkeypatch.setattr(cli.os, "_exit", ended.append)
    cli.run()  # os._exit, replaced, returns here
    assert ended == [1]


def test_under_coverage_the_ordinary_exit_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "main", lambda: 2)
    monkeypatch.setitem(sys.modules, "coverage", sys)  # any module object
    monkeypatch.setattr(cli.os, "_exit", lambda code: pytest.fail("hard exit under coverage"))
    with pytest.raises(SystemExit) as raised:
        cli.run()
    assert raised.value.code == 2
