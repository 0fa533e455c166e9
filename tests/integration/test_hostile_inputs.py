"""Hostile inputs: each gives an HK001 finding or an error entry with a one-line reason,
the other files are still checked with every finding intact, the exit status is 1, and
no traceback reaches the user.

Every test checks a ``witness.py`` beside the hostile input: its HK101 finding must be
in the output, exactly, whatever the hostile file did. The combined case at the end runs
the real CLI in a subprocess over all of them at once.

Where a ``pyproject.toml`` that is not TOML ends up: a ``pyproject.toml`` that holds the
run's configuration (it names ``[tool.hardkit]``; also ``hardkit.toml`` and
``--config FILE``) stops the run with exit 2 and one line on stderr, because no result
could be trusted without the settings. Any other ``pyproject.toml`` is a file being
checked (HK4xx) and gets an HK001 finding like any file that does not parse.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
from pathlib import Path

import pytest

from hardkit.entrypoints.cli import main
from tests.helpers import run_hardkit as hardkit
from tests.helpers import write

pytestmark = pytest.mark.usefixtures("project")

WITNESS = {"witness.py": "def view(request, user):\n    assert user.is_admin\n"}
MESSAGE = "assert checks `user.is_admin` (a permission check); python -O removes it"
WITNESS_LINE = f"witness.py:2:5: HK101 [*] {MESSAGE}"
SECURITY_ASSERT = "def view(request, user):\n    assert user.is_admin\n"


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    """Run ``hardkit check --no-cache -q`` in-process; stderr must stay empty."""
    code = main(["check", "--no-cache", "-q", *args])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out.splitlines()


# --- Python sources that cannot be decoded or parsed -------------------------------------


def test_binary_data_and_nul_bytes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            **WITNESS,
            "binary.py": b"\x7fELF\x02\x01\x01\x00\xff\xfe\x00garbage" + bytes(range(256)),
            "nul_in_string.py": b"x = 1\ny = 'a\x00b'\n",
        },
    )
    assert check(capsys) == (
        1,
        [
            "binary.py:1:8: HK001 source contains NUL bytes",
            "nul_in_string.py:2:7: HK001 source contains NUL bytes",
            WITNESS_LINE,
        ],
    )


def test_invalid_utf8_without_a_coding_cookie(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {**WITNESS, "legacy.py": b"x = 1\nname = 'caf\xe9'\n"})
    assert check(capsys) == (
        1,
        [
            "legacy.py:2:12: HK001 invalid utf-8 byte 0xe9; declare the encoding with a "
            "coding cookie or re-save as UTF-8",
            WITNESS_LINE,
        ],
    )


def test_unknown_or_contradicting_coding_cookies(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            **WITNESS,
            "klingon.py": b"# -*- coding: klingon -*-\nx = 1\n",
            "bom_latin.py": b"\xef\xbb\xbf# coding: latin-1\nx = 1\n",
        },
    )
    assert check(capsys) == (
        1,
        [
            "bom_latin.py:1:1: HK001 UTF-8 BOM contradicts the coding cookie 'latin-1'",
            "klingon.py:1:1: HK001 unknown encoding in coding cookie: klingon",
            WITNESS_LINE,
        ],
    )


def test_latin1_with_a_cookie_is_parsed_checked_and_fixed_in_latin1(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (
        b"# -*- coding: latin-1 -*-\n"
        b"def view(request, user):\n"
        b"    assert user.is_admin, 'r\xe9serv\xe9 aux admins'\n"
    )
    write(project, {**WITNESS, "latin.py": source})
    # The finding proves the file was decoded, parsed and checked, not skipped.
    assert check(capsys) == (1, [f"latin.py:3:5: HK101 [*] {MESSAGE}", WITNESS_LINE])
    assert check(capsys, "--fix", "latin.py") == (0, [])
    fixed = (project / "latin.py").read_bytes()
    assert fixed == (
        b"# -*- coding: latin-1 -*-\n"
        b"def view(request, user):\n"
        b"    if not user.is_admin:\n"
        b"        raise AssertionError('r\xe9serv\xe9 aux admins')\n"
    )
    compile(fixed, "latin.py", "exec")  # the interpreter reads it, cookie and all


def test_3000_nested_parentheses(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {**WITNESS, "deep.py": "x = " + "(" * 3000 + "1" + ")" * 3000 + "  # assert\n"})
    # CPython's tokenizer stops at 200 levels: the 201st parenthesis is column 4 + 201.
    assert check(capsys) == (
        1,
        ["deep.py:1:205: HK001 syntax error: too many nested parentheses", WITNESS_LINE],
    )


def test_deep_nesting_that_parses_is_checked_and_fixed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    condition = "(" * 150 + "user.is_admin" + ")" * 150
    lists = "[" * 90 + "user.is_staff" + "]" * 90
    write(
        project,
        {
            **WITNESS,
            "nested.py": (
                f"def view(request, user):\n    assert {condition}\n    assert {lists}\n"
            ),
        },
    )
    assert check(capsys) == (
        1,
        [
            f"nested.py:2:5: HK101 [*] {MESSAGE}",
            f"nested.py:3:5: HK101 [*] {MESSAGE.replace('is_admin', 'is_staff')}",
            WITNESS_LINE,
        ],
    )
    assert check(capsys, "--fix", "nested.py") == (0, [])
    ast.parse((project / "nested.py").read_text())


def test_an_elif_chain_deeper_than_the_parser_allows(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """3,000 ``elif``s nest 3,000 ``If`` nodes: too deep for CPython to build (HK001 at
    1:1), or, where an interpreter manages, checked without an internal error."""
    arms = "".join(f"    elif user == {i}:\n        assert user.is_admin\n" for i in range(1, 3000))
    write(
        project,
        {
            **WITNESS,
            "chain.py": f"def view(request, user):\n    if not user:\n        pass\n{arms}",
        },
    )
    code, lines = check(capsys, "--select", "HK001,HK101")
    assert code == 1
    assert lines[-1] == WITNESS_LINE
    chain = lines[:-1]
    try:
        ast.parse((project / "chain.py").read_text())
    except (RecursionError, MemoryError, SyntaxError):
        assert len(chain) == 1
        assert chain[0].startswith("chain.py:1:1: HK001 ")
        assert "recursion" in chain[0]
    else:  # pragma: no cover - depends on the interpreter's limits
        assert all(": HK101 " in line or ": HK001 " in line for line in chain)


@pytest.mark.slow
def test_a_400000_line_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It finishes (times are in the closing note of issue 9; no timed assert)."""
    body = "".join(f"value_{i} = {i}\n" for i in range(399_999))
    write(project, {**WITNESS, "generated.py": body + "LAST = 'the end'\n"})
    assert (project / "generated.py").read_text().count("\n") == 400_000
    assert check(capsys) == (1, [WITNESS_LINE])


# --- Encodings, line endings, sizes that are legal ---------------------------------------


def test_a_utf8_bom_is_read_and_kept_by_the_fix(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {**WITNESS, "bom.py": b"\xef\xbb\xbf" + SECURITY_ASSERT.encode()})
    assert check(capsys) == (1, [f"bom.py:2:5: HK101 [*] {MESSAGE}", WITNESS_LINE])
    assert check(capsys, "--fix", "bom.py") == (0, [])
    assert (project / "bom.py").read_bytes() == (
        b"\xef\xbb\xbfdef view(request, user):\n"
        b"    if not user.is_admin:\n"
        b"        raise AssertionError\n"
    )


def test_crlf_and_lone_cr_line_endings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            **WITNESS,
            "crlf.py": SECURITY_ASSERT.replace("\n", "\r\n"),
            "old_mac.py": SECURITY_ASSERT.replace("\n", "\r"),
        },
    )
    assert check(capsys) == (
        1,
        [f"crlf.py:2:5: HK101 [*] {MESSAGE}", f"old_mac.py:2:5: HK101 [*] {MESSAGE}", WITNESS_LINE],
    )
    assert check(capsys, "--fix", "crlf.py", "old_mac.py") == (0, [])
    fixed = "def view(request, user):\n    if not user.is_admin:\n        raise AssertionError\n"
    assert (project / "crlf.py").read_bytes() == fixed.replace("\n", "\r\n").encode()
    assert (project / "old_mac.py").read_bytes() == fixed.replace("\n", "\r").encode()


def test_empty_and_blank_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            **WITNESS,
            "empty.py": b"",
            "bom_only.py": b"\xef\xbb\xbf",
            "blank.py": b"\n\n   \n\t\n",
            "comment.py": b"# nothing here\n",
            "no_newline.py": b"x = 1",
            "pkg/__init__.py": b"",
            "empty/pyproject.toml": b"",
        },
    )
    assert check(capsys) == (1, [WITNESS_LINE])


# --- File names and file-system objects --------------------------------------------------


def test_file_names_with_spaces_and_non_ascii(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            **WITNESS,
            "with space/my file.py": SECURITY_ASSERT,
            "naïve/modülé.py": SECURITY_ASSERT,
            "日本/ビュー.py": SECURITY_ASSERT,
        },
    )
    # A name that is not UTF-8 at all (Linux allows any bytes but / and NUL).
    os.makedirs(os.fsencode(project) + b"/raw", exist_ok=True)
    with open(os.fsencode(project) + b"/raw/caf\xe9.py", "wb") as handle:
        handle.write(SECURITY_ASSERT.encode())
    code, lines = check(capsys)
    assert code == 1
    assert lines == [
        f"naïve/modülé.py:2:5: HK101 [*] {MESSAGE}",
        f"raw/caf\\xe9.py:2:5: HK101 [*] {MESSAGE}",
        f"with space/my file.py:2:5: HK101 [*] {MESSAGE}",
        f"witness.py:2:5: HK101 [*] {MESSAGE}",
        f"日本/ビュー.py:2:5: HK101 [*] {MESSAGE}",
    ]


def test_a_terminal_that_cannot_show_the_names(project: Path) -> None:
    """On an ASCII-only terminal the names are escaped, never an encoding crash."""
    write(project, {**WITNESS, "naïve/modülé.py": SECURITY_ASSERT})
    with open(os.fsencode(project) + b"/caf\xe9.py", "wb") as handle:
        handle.write(SECURITY_ASSERT.encode())
    for encoding in ("ascii", "utf-8:strict"):
        result = hardkit("check", "--no-cache", cwd=project, env={"PYTHONIOENCODING": encoding})
        assert (result.returncode, result.stderr) == (1, "")
        assert "caf\\xe9.py:2:5: HK101" in result.stdout
        assert f"{WITNESS_LINE}\n" in result.stdout
    result = hardkit("check", "--no-cache", cwd=project, env={"PYTHONIOENCODING": "ascii"})
    assert "na\\xefve/mod\\xfcl\\xe9.py:2:5: HK101" in result.stdout
    result = hardkit("check", "--no-cache", "--output-format", "json", cwd=project)
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert paths == {"caf\\xe9.py", "naïve/modülé.py", "witness.py"}


def test_symlink_loops(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, WITNESS)
    (project / "loop_a.py").symlink_to("loop_b.py")
    (project / "loop_b.py").symlink_to("loop_a.py")
    (project / "self.py").symlink_to("self.py")
    (project / "pkg").mkdir()
    (project / "pkg" / "again").symlink_to("..")  # a directory loop: walked once
    assert check(capsys) == (
        1,
        [
            WITNESS_LINE,
            "loop_a.py: error: symbolic link loop",
            "loop_b.py: error: symbolic link loop",
            "self.py: error: symbolic link loop",
        ],
    )
    assert check(capsys, "self.py", "witness.py") == (
        1,
        [WITNESS_LINE, "self.py: error: symbolic link loop"],
    )


def test_dangling_symlinks(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, WITNESS)
    (project / "gone.py").symlink_to("nowhere.py")
    (project / "Dockerfile").symlink_to("missing/Dockerfile")
    assert check(capsys) == (
        1,
        [
            WITNESS_LINE,
            "Dockerfile: error: dangling symbolic link",
            "gone.py: error: dangling symbolic link",
        ],
    )


def test_a_named_pipe_is_not_read(project: Path) -> None:
    """Reading a FIFO named ``x.py`` would block forever; it is reported instead."""
    write(project, WITNESS)
    os.mkfifo(project / "pipe.py")
    for args in (
        ("check", "--no-cache", "-q"),
        ("check", "--no-cache", "-q", "pipe.py", "witness.py"),
    ):
        result = hardkit(*args, cwd=project)
        assert (result.returncode, result.stderr) == (1, "")
        assert result.stdout.splitlines() == [WITNESS_LINE, "pipe.py: error: not a regular file"]


@pytest.mark.skipif(
    shutil.which("setpriv") is None or os.geteuid() != 0, reason="needs setpriv and root"
)
def test_unreadable_files_and_directories(project: Path) -> None:
    """A real permission refusal: root keeps its uid but loses the capabilities that let
    it read past file modes (the tests run as root, which otherwise reads mode 000)."""
    write(project, {**WITNESS, "secret.py": "x = 1\n", "locked/inner.py": "x = 1\n"})
    (project / "secret.py").chmod(0)
    (project / "locked").chmod(0)
    drop = ("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")
    try:
        result = hardkit("check", "--no-cache", "-q", cwd=project, prefix=drop)
        named = hardkit(
            "check", "--no-cache", "-q", "secret.py", "witness.py", cwd=project, prefix=drop
        )
    finally:
        (project / "locked").chmod(0o755)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        WITNESS_LINE,
        "locked: error: Permission denied",
        "secret.py: error: cannot read file: Permission denied",
    ]
    assert (named.returncode, named.stderr) == (1, "")
    assert named.stdout.splitlines() == [
        WITNESS_LINE,
        "secret.py: error: cannot read file: Permission denied",
    ]


def test_a_directory_named_foo_py(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {**WITNESS, "foo.py/inner.py": SECURITY_ASSERT, "Dockerfile/x.py": "x = 1\n"})
    expected = [f"foo.py/inner.py:2:5: HK101 [*] {MESSAGE}", WITNESS_LINE]
    assert check(capsys) == (1, expected)
    assert check(capsys, "foo.py", "Dockerfile", "witness.py") == (1, expected)


# --- Dockerfiles and configuration files -------------------------------------------------


def test_garbage_dockerfiles(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            **WITNESS,
            "nul/Dockerfile": b"FROM python:3.12-slim\x00\n",
            "utf/Dockerfile": b"FROM python:3.12-slim\nRUN echo \xff\n",
            "binary/Dockerfile": bytes(range(1, 256)),
            "nofrom/Dockerfile": b"FROM\n",
            "junk/Dockerfile": b"}}{{ lorem ipsum\n$$$ !!!\n",
            "heredoc/Dockerfile": b"FROM python:3.12-slim\nRUN <<EOF\necho never closed\n",
            "empty/Dockerfile": b"",
            "escape/Dockerfile": b"# escape=X\nFROM python\n",
            "run_first/Dockerfile": b"RUN echo hi\n",
        },
    )
    assert check(capsys) == (
        1,
        [
            "binary/Dockerfile:2:118: HK001 invalid UTF-8 byte 0x80",
            "empty/Dockerfile:1:1: HK001 Dockerfile: file with no instructions",
            "escape/Dockerfile:1:1: HK001 Dockerfile: invalid escape token 'X' does not "
            "match ` or \\",
            "heredoc/Dockerfile:2:1: HK001 Dockerfile: unterminated heredoc",
            "junk/Dockerfile:1:1: HK001 Dockerfile: unknown instruction: }}{{",
            "nofrom/Dockerfile:1:1: HK001 Dockerfile: FROM requires either one or three arguments",
            "nul/Dockerfile:1:22: HK001 file contains NUL bytes",
            "run_first/Dockerfile:1:1: HK001 Dockerfile: RUN before the first FROM "
            "(no build stage)",
            "utf/Dockerfile:2:10: HK001 invalid UTF-8 byte 0xff",
            WITNESS_LINE,
        ],
    )


def test_a_checked_pyproject_that_is_not_toml(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not the run's configuration: a file being checked, so HK001 and the run goes on."""
    write(
        project,
        {
            **WITNESS,
            "pyproject.toml": "[project\nname = = 'sample'\n",
            "service/pyproject.toml": b"\xff\xfe not even text",
            "tool/ruff.toml": "line-length = \n",
            "web/pyrightconfig.json": '{"extends": ',
        },
    )
    assert check(capsys) == (
        1,
        [
            "pyproject.toml:1:9: HK001 not valid TOML: Expected ']' at the end of a table "
            "declaration",
            "service/pyproject.toml:1:1: HK001 invalid UTF-8 byte 0xff",
            "tool/ruff.toml:1:15: HK001 not valid TOML: Invalid value",
            "web/pyrightconfig.json:1:13: HK001 not valid JSON: Expecting value",
            WITNESS_LINE,
        ],
    )


@pytest.mark.parametrize(
    ("files", "args", "named"),
    [
        ({"pyproject.toml": "[tool.hardkit]\nselect = [\n"}, (), "pyproject.toml"),
        ({"pyproject.toml": b"[tool.hardkit]\nselect = ['\xff']\n"}, (), "pyproject.toml"),
        ({"hardkit.toml": "select = = 1\n"}, (), "hardkit.toml"),
        ({"conf/settings.toml": "[[[\n"}, ("--config", "conf/settings.toml"), "settings.toml"),
    ],
    ids=["pyproject-tool-hardkit", "pyproject-not-utf8", "hardkit-toml", "config-option"],
)
def test_the_configuration_file_not_toml_is_exit_2_and_one_line(
    project: Path, files: dict[str, str | bytes], args: tuple[str, ...], named: str
) -> None:
    write(project, {**WITNESS, **files})
    result = hardkit("check", "--no-cache", *args, cwd=project)
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("hardkit: error: ")
    assert named in result.stderr
    assert "Traceback" not in result.stderr


# --- All at once, through the real CLI ---------------------------------------------------


def _hostile_tree(root: Path) -> None:
    write(
        root,
        {
            **WITNESS,
            "binary.py": b"\x7fELF\x02\x01\x01\x00garbage",
            "legacy.py": b"name = 'caf\xe9'\n",
            "latin.py": b"# coding: latin-1\n" + SECURITY_ASSERT.encode() + b"x = '\xe9'\n",
            "deep.py": "x = " + "(" * 3000 + "1" + ")" * 3000 + "  # assert\n",
            "bom.py": b"\xef\xbb\xbf" + SECURITY_ASSERT.encode(),
            "crlf.py": SECURITY_ASSERT.replace("\n", "\r\n"),
            "empty.py": "",
            "with space/my file.py": SECURITY_ASSERT,
            "naïve/modülé.py": SECURITY_ASSERT,
            "foo.py/inner.py": SECURITY_ASSERT,
            "Dockerfile": "}}{{ lorem ipsum\n",
            "service/pyproject.toml": "[project\n",
        },
    )
    (root / "loop_a.py").symlink_to("loop_b.py")
    (root / "loop_b.py").symlink_to("loop_a.py")
    (root / "gone.py").symlink_to("nowhere.py")
    os.mkfifo(root / "pipe.py")


COMBINED_FINDINGS = [
    ("Dockerfile", "HK001", 1, 1),
    ("binary.py", "HK001", 1, 8),
    ("bom.py", "HK101", 2, 5),
    ("crlf.py", "HK101", 2, 5),
    ("deep.py", "HK001", 1, 205),
    ("foo.py/inner.py", "HK101", 2, 5),
    ("latin.py", "HK101", 3, 5),
    ("legacy.py", "HK001", 1, 12),
    ("naïve/modülé.py", "HK101", 2, 5),
    ("service/pyproject.toml", "HK001", 1, 9),
    ("with space/my file.py", "HK101", 2, 5),
    ("witness.py", "HK101", 2, 5),
]
COMBINED_ERRORS = [
    ("gone.py", "dangling symbolic link"),
    ("loop_a.py", "symbolic link loop"),
    ("loop_b.py", "symbolic link loop"),
    ("pipe.py", "not a regular file"),
]


def test_every_hostile_input_at_once_through_the_real_cli(project: Path) -> None:
    _hostile_tree(project)
    for extra in (("--no-cache",), (), ()):  # cold, then writing and reading the cache
        result = hardkit("check", "--output-format", "json", *extra, cwd=project)
        assert (result.returncode, result.stderr) == (1, "")
        document = json.loads(result.stdout)
        found = sorted((f["path"], f["code"], f["line"], f["column"]) for f in document["findings"])
        assert found == COMBINED_FINDINGS
        assert sorted((e["path"], e["message"]) for e in document["errors"]) == COMBINED_ERRORS
    text = hardkit("check", "--no-cache", cwd=project)
    assert text.returncode == 1
    assert "Traceback" not in text.stdout + text.stderr
    assert len(text.stdout.splitlines()) == len(COMBINED_FINDINGS) + len(COMBINED_ERRORS) + 3
    # --fix rewrites what it can; what cannot be fixed stays reported, nothing crashes.
    fixed = hardkit("check", "--fix", "--output-format", "json", cwd=project)
    assert (fixed.returncode, fixed.stderr) == (1, "")
    left = sorted({f["code"] for f in json.loads(fixed.stdout)["findings"]})
    assert left == ["HK001"]
    for name in ("bom.py", "crlf.py", "latin.py", "witness.py", "foo.py/inner.py"):
        compile((project / name).read_bytes(), name, "exec")
    assert (project / "latin.py").read_bytes().endswith(b"x = '\xe9'\n")
