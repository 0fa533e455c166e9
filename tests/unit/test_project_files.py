"""Reads a checked file asks for (a Dockerfile's entrypoint script) stay inside the
project: no ``..``, no absolute path, no symbolic link out of the tree, a size cap; and
the build context a Dockerfile is read against."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hardkit.adapters.project_files import MAX_BYTES, ProjectFiles, unchanged
from hardkit.domain.docker.context import BuildContext, choose_context
from tests.helpers import write


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write(
        root,
        {
            "docker/entrypoint.sh": 'exec gosu app "$@"\n',
            "docker/s6/svc/run": "exec s6-setuidgid app python -m app\n",
            "app/main.py": "print(1)\n",
        },
    )
    (tmp_path / "secret.txt").write_text("outside\n")
    return root


def test_files_inside_the_project_are_read(tree: Path) -> None:
    files = ProjectFiles(str(tree))
    assert files.text("docker/entrypoint.sh") == 'exec gosu app "$@"\n'
    assert files.text("./docker//entrypoint.sh") == 'exec gosu app "$@"\n'
    assert (files.kind("docker"), files.kind("docker/entrypoint.sh"), files.kind("nope")) == (
        "dir",
        "file",
        "",
    )
    assert files.list_dir("docker") == ("entrypoint.sh", "s6")


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "docker/../../secret.txt",
        "/etc/passwd",
        "\\etc\\passwd",
        "C:/Windows/win.ini",
        "docker/\0entrypoint.sh",
        "..",
    ],
)
def test_paths_leaving_the_project_are_absent(tree: Path, path: str) -> None:
    files = ProjectFiles(str(tree))
    assert (files.kind(path), files.text(path), files.list_dir(path)) == ("", None, ())


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_symbolic_link_out_of_the_tree_is_absent_one_inside_is_followed(tree: Path) -> None:
    (tree / "docker" / "leak.sh").symlink_to(tree.parent / "secret.txt")
    (tree / "escape").symlink_to(tree.parent)
    (tree / "docker" / "alias.sh").symlink_to(tree / "docker" / "entrypoint.sh")
    files = ProjectFiles(str(tree))
    assert files.text("docker/leak.sh") is None
    assert files.text("escape/secret.txt") is None
    assert files.list_dir("escape") == ()
    assert files.text("docker/alias.sh") == 'exec gosu app "$@"\n'


def test_a_file_over_the_size_cap_is_not_read(tree: Path) -> None:
    (tree / "big.sh").write_bytes(b"#" * (MAX_BYTES + 1))
    (tree / "fits.sh").write_bytes(b"#" * MAX_BYTES)
    files = ProjectFiles(str(tree))
    assert files.text("big.sh") is None
    assert files.text("fits.sh") == "#" * MAX_BYTES


def test_what_was_read_is_recorded_and_its_changes_are_seen(tree: Path) -> None:
    files = ProjectFiles(str(tree))
    files.text("docker/entrypoint.sh")
    files.kind("missing.sh")
    reads = files.reads()
    assert [path for path, _ in reads] == ["docker/entrypoint.sh", "missing.sh"]
    assert unchanged(str(tree), reads)
    (tree / "docker" / "entrypoint.sh").write_text("exec python -m app\n")
    assert not unchanged(str(tree), reads)
    reads = ProjectFiles(str(tree))
    reads.kind("missing.sh")
    recorded = reads.reads()
    (tree / "missing.sh").write_text("now here\n")
    assert not unchanged(str(tree), recorded)


def test_the_context_is_the_dockerfile_directory_or_the_nearest_one_holding_the_sources(
    tree: Path,
) -> None:
    files = ProjectFiles(str(tree))
    assert choose_context(files, "docker/Dockerfile", ["entrypoint.sh"], None).root == "docker"
    up = choose_context(files, "docker/Dockerfile", ["docker/entrypoint.sh", "app/"], None)
    assert up.root == ""
    assert choose_context(files, "docker/Dockerfile", [], None).root == "docker"
    assert choose_context(files, "docker/Dockerfile", ["nothing.txt"], None).root == "docker"
    assert choose_context(files, "Dockerfile", ["x"], "docker").root == "docker"
    # a Dockerfile outside the project (its key is an absolute path): nothing is read
    for outside in ("/elsewhere/Dockerfile", "../other/Dockerfile", "C:/x/Dockerfile"):
        context = choose_context(files, outside, ["entrypoint.sh"], None)
        assert context.kind("docker/entrypoint.sh") == ""


def test_copy_sources_with_wildcards_are_matched_in_the_context(tree: Path) -> None:
    context = BuildContext(ProjectFiles(str(tree)), "")
    assert context.matches("docker/*.sh") == ["docker/entrypoint.sh"]
    assert context.matches("docker/s6/*/run") == ["docker/s6/svc/run"]
    assert context.matches("*.txt") == []
    assert context.matches("../secret.txt") == []
