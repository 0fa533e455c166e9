"""`hardkit check --stdin-filename NAME -`: an editor's buffer, checked as the file NAME.

The real CLI in a fresh process, the source on its stdin. NAME decides the kind of file
and the settings (per-file-ignores, test-paths, layers); the file need not exist. With
--fix the fixed source goes to stdout (the editor replaces its buffer with it) and the
report to stderr, as ruff does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import write

VIEWS = b'def delete(request):\n    assert request.user.is_staff, "staff only"\n'
VIEWS_FIXED = (
    b"def delete(request):\n    if not request.user.is_staff:\n"
    b'        raise AssertionError("staff only")\n'
)


def _run(cwd: Path, source: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "hardkit", "check", "--no-cache", *args],
        cwd=cwd,
        input=source,
        capture_output=True,
        check=False,
        timeout=120,
    )


def test_the_source_is_checked_as_the_named_file(project: Path) -> None:
    done = _run(project, VIEWS, "--stdin-filename", "app/views.py", "-")
    assert done.returncode == 1
    assert done.stdout.decode().splitlines() == [
        "app/views.py:2:5: HK101 [*] assert checks `request.user.is_staff` (a permission check); "
        "python -O removes it",
        "Found 1 error.",
        "[*] 1 fixable with the `--fix` option.",
    ]
    assert done.stderr == b""
    assert not (project / "app").exists()


def test_the_name_brings_its_settings(project: Path) -> None:
    write(
        project,
        {"pyproject.toml": '[tool.hardkit]\nper-file-ignores = {"legacy/**" = ["HK101"]}\n'},
    )
    assert _run(project, VIEWS, "--stdin-filename", "legacy/views.py", "-").returncode == 0
    assert _run(project, VIEWS, "--stdin-filename", "tests/test_views.py", "-").returncode == 0
    assert _run(project, VIEWS, "--stdin-filename", "app/views.py", "-").returncode == 1


def test_a_domain_buffer_is_judged_by_its_layer(project: Path) -> None:
    write(
        project,
        {
            "src/shop/__init__.py": "",
            "src/shop/domain/__init__.py": "",
            "src/shop/adapters/__init__.py": "",
        },
    )
    source = b"import requests\n"
    done = _run(project, source, "--stdin-filename", "src/shop/domain/prices.py", "-")
    assert done.returncode == 1
    assert done.stdout.decode().startswith(
        "src/shop/domain/prices.py:1:1: HK202 domain module imports the I/O module 'requests'"
    )


def test_fix_prints_the_whole_fixed_source_and_reports_on_stderr(project: Path) -> None:
    done = _run(project, VIEWS, "--fix", "--stdin-filename", "app/views.py", "-")
    assert done.returncode == 0
    assert done.stdout == VIEWS_FIXED
    assert done.stderr.decode() == "Found 1 error (1 fixed, 0 remaining).\n"


def test_fix_keeps_the_buffers_encoding_and_line_endings(project: Path) -> None:
    source = (
        b"# -*- coding: latin-1 -*-\r\ndef delete(request):\r\n"
        b'    assert request.user.is_staff, "caf\xe9"\r\n'
    )
    done = _run(project, source, "--fix", "--stdin-filename", "app/views.py", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        b"# -*- coding: latin-1 -*-\r\ndef delete(request):\r\n"
        b'    if not request.user.is_staff:\r\n        raise AssertionError("caf\xe9")\r\n'
    )


def test_fix_with_nothing_to_fix_gives_the_source_back_unchanged(project: Path) -> None:
    source = b"import os\n\n\ndef f():\n    assert os.sep\n"
    done = _run(project, source, "--fix", "--stdin-filename", "app/util.py", "-")
    assert (done.returncode, done.stdout) == (0, source)
    assert done.stderr.decode() == "All checks passed!\n"


def test_fix_leaves_what_it_cannot_fix_in_the_report(project: Path) -> None:
    source = b"import os\nos.environ['PYTHONHASHSEED'] = '0'\n" + VIEWS
    done = _run(project, source, "--fix", "--stdin-filename", "app/views.py", "-")
    assert done.returncode == 1
    assert done.stdout == b"import os\nos.environ['PYTHONHASHSEED'] = '0'\n" + VIEWS_FIXED
    assert done.stderr.decode().splitlines()[-1] == "Found 2 errors (1 fixed, 1 remaining)."


def test_diff_shows_the_change_and_writes_nothing(project: Path) -> None:
    done = _run(project, VIEWS, "--diff", "--stdin-filename", "app/views.py", "-")
    assert done.returncode == 1
    assert done.stdout.decode().startswith("--- a/app/views.py\n+++ b/app/views.py\n")
    assert done.stderr.decode() == "Would fix 1 error.\n"


def test_json_and_a_dockerfile(project: Path) -> None:
    dockerfile = b"FROM python:3.13-slim\nUSER app\nENV PYTHONFAULTHANDLER=1\n"
    done = _run(
        project, dockerfile, "--output-format", "json", "--stdin-filename", "Dockerfile", "-"
    )
    findings = json.loads(done.stdout)["findings"]
    assert [(f["code"], f["path"], f["line"]) for f in findings] == [("HK301", "Dockerfile", 1)]


def test_the_name_alone_reads_stdin_too(project: Path) -> None:
    assert _run(project, VIEWS, "--stdin-filename", "app/views.py").returncode == 1


def test_a_name_of_no_checked_kind_says_so(project: Path) -> None:
    done = _run(project, b"hello\n", "--stdin-filename", "notes.txt", "-")
    assert (done.returncode, done.stdout) == (0, b"All checks passed!\n")
    assert done.stderr.decode() == (
        "hardkit: warning: no Python files, Dockerfiles or configuration files found under "
        "notes.txt\n"
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["-"],
            "- reads the source from stdin: name the file it stands for with --stdin-filename "
            "NAME (its kind and its settings come from the name)",
        ),
        (
            ["--stdin-filename", "a.py", "-", "b.py"],
            "- (stdin) cannot be checked together with other paths",
        ),
        (
            ["--stdin-filename", "a.py", "b.py"],
            "--stdin-filename names the source read from stdin: give - as PATH",
        ),
        (
            ["--stdin-filename", "a.py", "--write-baseline", "b.json", "-"],
            "--write-baseline needs files, not stdin",
        ),
    ],
)
def test_misuse_is_one_line_and_exit_2(project: Path, args: list[str], error: str) -> None:
    done = _run(project, VIEWS, *args)
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode() == f"hardkit: error: {error}\n"
