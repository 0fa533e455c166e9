"""HK101/HK102/HK103/HK104 from the command line: reports, the cache, and ``--fix`` that keeps
every byte outside the fixed statement (encoding, cookie, BOM, line endings, file mode)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from hardkit.entrypoints.cli import main
from tests.helpers import write

pytestmark = pytest.mark.usefixtures("project")

VIEW = (
    "def refund(request, order):\n"
    "    assert request.user.is_staff, 'staff only'  # who may refund\n"
    "    return order\n"
)
FIXED_VIEW = (
    "def refund(request, order):\n"
    "    if not request.user.is_staff:\n"
    "        raise AssertionError('staff only')  # who may refund\n"
    "    return order\n"
)
REASON = "assert checks `request.user.is_staff` (a permission check); python -O removes it"
MESSAGE = f"HK101 [*] {REASON}"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_all_four_rules_report_and_test_code_is_left_alone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            "app/views.py": VIEW,
            "app/settings.py": "import os\nos.environ['PYTHONHASHSEED'] = '0'\n",
            "app/checks.py": "def f(user):\n    if __debug__:\n        require(user.is_admin)\n",
            "tests/test_views.py": "def test_x(user):\n    assert user.is_staff\n",
            "app/conftest.py": "assert token\n",
            "app/compat.py": (
                "try:\n    assert VERSION >= (2, 0)\nexcept AssertionError:\n    VERSION = None\n"
            ),
        },
    )
    code, out, _ = run(capsys, "--no-cache", "-q")
    assert code == 1
    assert out.splitlines() == [
        "app/checks.py:2:5: HK102 security check inside `if __debug__`; "
        "python -O removes the whole block",
        "app/compat.py:2:5: HK104 [*] assert caught by `except AssertionError` at line 3; "
        "python -O removes the assert and the handler never runs",
        "app/settings.py:2:1: HK103 PYTHONHASHSEED set to a fixed value; "
        "keep hash randomisation on (`random`)",
        f"app/views.py:2:5: {MESSAGE}",
    ]


def test_findings_survive_the_cache_and_reach_json(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"app/views.py": VIEW})
    first = run(capsys, "--output-format", "json")
    second = run(capsys, "--output-format", "json")
    assert first == second
    finding = json.loads(first[1])["findings"][0]
    assert finding == {
        "code": "HK101",
        "name": "assert-used-for-security",
        "path": "app/views.py",
        "line": 2,
        "column": 5,
        "end_line": 2,
        "end_column": 47,
        "severity": "error",
        "message": REASON,
        "fixable": True,
    }


def test_fix_rewrites_once_and_a_second_fix_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"app/views.py": VIEW})
    assert run(capsys, "--fix")[:2] == (0, "Found 1 error (1 fixed, 0 remaining).\n")
    assert (project / "app/views.py").read_text() == FIXED_VIEW
    assert run(capsys, "--fix")[:2] == (0, "All checks passed!\n")
    assert (project / "app/views.py").read_text() == FIXED_VIEW


def test_diff_prints_the_change_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"app/views.py": VIEW})
    before = (project / "app/views.py").stat().st_mtime_ns
    code, out, err = run(capsys, "--diff")
    assert code == 1
    assert out.splitlines()[:2] == ["--- a/app/views.py", "+++ b/app/views.py"]
    assert "-    assert request.user.is_staff, 'staff only'  # who may refund" in out.splitlines()
    assert "+        raise AssertionError('staff only')  # who may refund" in out.splitlines()
    assert err == "Would fix 1 error.\n"
    assert (project / "app/views.py").read_text() == VIEW
    assert (project / "app/views.py").stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("name", "original", "expected"),
    [
        (
            "crlf",
            VIEW.replace("\n", "\r\n").encode(),
            FIXED_VIEW.replace("\n", "\r\n").encode(),
        ),
        (
            "bom",
            b"\xef\xbb\xbf" + VIEW.encode(),
            b"\xef\xbb\xbf" + FIXED_VIEW.encode(),
        ),
        (
            "latin-1 cookie",
            ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + VIEW).encode("latin-1"),
            ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + FIXED_VIEW).encode("latin-1"),
        ),
        (
            "mixed, CR only",
            b"x = 1\r\n" + VIEW.replace("\n", "\r").encode(),
            b"x = 1\r\n" + FIXED_VIEW.replace("\n", "\r").encode(),
        ),
    ],
)
def test_fix_keeps_encoding_cookie_bom_and_line_endings(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, original: bytes, expected: bytes
) -> None:
    del name
    write(project, {"app/views.py": original})
    assert run(capsys, "--fix", "--no-cache")[0] == 0
    assert (project / "app/views.py").read_bytes() == expected


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_fix_keeps_the_file_mode(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "app/views.py"
    write(project, {"app/views.py": "#!/usr/bin/env python3\n" + VIEW})
    path.chmod(0o750)
    assert run(capsys, "--fix", "--no-cache")[0] == 0
    assert path.read_text() == "#!/usr/bin/env python3\n" + FIXED_VIEW
    assert stat.S_IMODE(path.stat().st_mode) == 0o750


def test_assert_fix_exception_and_security_names_from_pyproject(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.hardkit]\nassert-fix-exception = "PermissionError"\nsecurity-names = ["approval"]\n',
        encoding="utf-8",
    )
    write(project, {"app/orders.py": "def ship(order):\n    assert order.approval, 'unapproved'\n"})
    assert run(capsys, "--fix", "--no-cache")[0] == 0
    assert (project / "app/orders.py").read_text() == (
        "def ship(order):\n"
        "    if not order.approval:\n"
        "        raise PermissionError('unapproved')\n"
    )
