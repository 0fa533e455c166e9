"""Reads that a checked file asks for stay inside the project (issue 20): no ``..``
escape, no absolute name, no symbolic link out of the tree, no FIFO, a size cap."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from hardkit.adapters.config_text import sibling_names
from hardkit.adapters.inside import READ_CAP, InsideRead, read_inside, resolve_inside
from hardkit.entrypoints.cli import main
from tests.helpers import write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and FIFOs")

SECRET = "TOKEN=hunter2\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """``project/`` beside ``outside/secret``, with links both ways."""
    project, outside = tmp_path / "project", tmp_path / "outside"
    write(outside, {"secret": SECRET, "dir/secret": SECRET})
    write(
        project,
        {
            "docker/entrypoint.sh": '#!/bin/sh\nexec gosu app "$@"\n',
            "docker/odd name #?%\u00e9\n.sh": "echo odd\n",
            "big.sh": "x" * (READ_CAP + 1),
            "cap.sh": "x" * READ_CAP,
            "latin.sh": b"caf\xe9\n",
        },
    )
    (project / "to-secret").symlink_to(outside / "secret")
    (project / "relative-out").symlink_to(Path("..") / "outside" / "secret")
    (project / "out-dir").symlink_to(outside / "dir", target_is_directory=True)
    (project / "in-link").symlink_to(Path("docker") / "entrypoint.sh")
    (project / "docker" / "up-and-in").symlink_to(Path("..") / "cap.sh")
    (project / "dangling-in").symlink_to("nowhere")
    (project / "dangling-out").symlink_to(outside / "nowhere")
    (project / "loop").symlink_to("loop")
    os.mkfifo(project / "fifo.sh")
    return project


@pytest.mark.parametrize(
    ("name", "key", "reason"),
    [
        ("../outside/secret", "../outside/secret", "leaves the project (..)"),
        ("docker/../../outside/secret", "../outside/secret", "leaves the project (..)"),
        ("..", "..", "leaves the project (..)"),
        ("/etc/passwd", "/etc/passwd", "leaves the project (absolute path)"),
        ("//etc/passwd", "//etc/passwd", "leaves the project (absolute path)"),
        ("C:/Windows/win.ini", "C:/Windows/win.ini", "leaves the project (absolute path)"),
        ("docker/entry\0point.sh", "docker/entry\\0point.sh", "not a file name (NUL byte)"),
        ("to-secret", "to-secret", "symbolic link leaves the project"),
        ("relative-out", "relative-out", "symbolic link leaves the project"),
        ("out-dir/secret", "out-dir/secret", "symbolic link leaves the project"),
        ("dangling-out", "dangling-out", "symbolic link leaves the project"),
        ("dangling-in", "dangling-in", "no such file"),
        ("missing.sh", "missing.sh", "no such file"),
        ("docker", "docker", "not a regular file"),
        ("fifo.sh", "fifo.sh", "not a regular file"),
        ("big.sh", "big.sh", "larger than 1 MiB"),
    ],
)
def test_refused(tree: Path, name: str, key: str, reason: str) -> None:
    assert read_inside(tree, name) == InsideRead(key, None, reason)


@pytest.mark.parametrize(
    ("name", "key", "text"),
    [
        ("docker/entrypoint.sh", "docker/entrypoint.sh", '#!/bin/sh\nexec gosu app "$@"\n'),
        ("./docker//entrypoint.sh", "docker/entrypoint.sh", '#!/bin/sh\nexec gosu app "$@"\n'),
        ("docker/../in-link", "in-link", '#!/bin/sh\nexec gosu app "$@"\n'),
        ("docker/up-and-in", "docker/up-and-in", "x" * READ_CAP),
        ("docker/odd name #?%\u00e9\n.sh", "docker/odd name #?%\u00e9\n.sh", "echo odd\n"),
        ("latin.sh", "latin.sh", "caf\ufffd\n"),
    ],
)
def test_read(tree: Path, name: str, key: str, text: str) -> None:
    assert read_inside(tree, name) == InsideRead(key, text)


def test_a_link_loop_and_a_smaller_cap(tree: Path) -> None:
    assert read_inside(tree, "loop").text is None
    assert read_inside(tree, "docker/entrypoint.sh", cap=8) == InsideRead(
        "docker/entrypoint.sh", None, "larger than 8 bytes"
    )


def test_resolve_inside_answers_for_directories(tree: Path) -> None:
    assert resolve_inside(tree, "docker") == InsideRead("docker", None)
    assert resolve_inside(tree, ".") == InsideRead(".", None)
    assert resolve_inside(tree, "out-dir").reason == "symbolic link leaves the project"


def test_a_project_reached_through_a_link_reads_inside_it(tree: Path) -> None:
    alias = tree.parent / "alias"
    alias.symlink_to(tree, target_is_directory=True)
    assert read_inside(alias, "docker/entrypoint.sh").reason == ""
    assert read_inside(alias, "to-secret").reason == "symbolic link leaves the project"


def test_config_files_beside_count_only_inside_the_project(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    write(outside, {"hardkit-ruff.toml": "x = 1\n"})
    write(project, {"pyproject.toml": "[project]\nname = 'p'\n", "hardkit-pyright.json": "{}"})
    (project / "hardkit-ruff.toml").symlink_to(outside / "hardkit-ruff.toml")
    assert sibling_names(project / "pyproject.toml", project) == {"hardkit-pyright.json"}


def test_a_named_link_out_of_the_project_is_an_error_not_a_read(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tree, {"pyproject.toml": "[project]\nname = 'p'\n", "app/ok.py": "x = 1\n"})
    (tree / "evil.py").symlink_to(tree.parent / "outside" / "secret")
    (tree / "fine.py").symlink_to("app/ok.py")
    monkeypatch.chdir(tree)
    assert main(["check", "--no-cache", "-q", "evil.py", "fine.py"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == ["evil.py: error: symbolic link leaves the project"]
    assert main(["check", "--no-cache", "-q", "."]) == 0  # a walk skips it, silently
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("linked", [False, True], ids=["copied-in", "linked-out"])
def test_the_layered_import_graph_is_not_walked_through_a_link_out(
    tmp_path: Path,
    linked: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """HK204 walks the import root of a checked layered package; when that root is a link
    out of the project, the modules out there are not read (no chain through them)."""
    service = {
        "app/__init__.py": "",
        "app/domain/__init__.py": "",
        "app/domain/model.py": "from app import utils\n",
        "app/adapters/__init__.py": "",
        "app/utils.py": "import requests\n",
    }
    project = tmp_path / "project"
    write(project, {"pyproject.toml": "[project]\nname = 'p'\n"})
    if linked:
        write(tmp_path / "outside", service)
        (project / "services").mkdir()
        (project / "services" / "orders").symlink_to(tmp_path / "outside", True)
    else:
        write(project / "services" / "orders", service)
    monkeypatch.chdir(project)
    code = main(["check", "--no-cache", "-q", "--select", "HK204", "services/orders/app/domain"])
    out = capsys.readouterr().out
    if linked:
        assert (code, out) == (0, "")
    else:
        assert code == 1
        assert out.startswith("services/orders/app/domain/model.py:1:1: HK204 ")
