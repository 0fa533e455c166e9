"""Reading a file that a checked file names, without leaving the project.

A checked file is written by whoever opened the pull request, and so are the names in
it: the script a Dockerfile copies, a config file's neighbour, a module an import names.
Following such a name must never read outside the project root: not through ``..``,
not through an absolute name, not through a symbolic link (at any step) whose target
lies outside, and never more than a size cap (a multi-gigabyte "script" or a FIFO that
never ends). Everything hardkit reads for such a reason goes through ``read_inside``
(or ``resolve_inside`` before listing a directory), which answers with the text or with
a short reason for a message, and never raises ``OSError``.

Races (a file swapped for a link between the check and the read) are out of scope: the
threat is a repository's content, not a process running beside hardkit. The last step
is opened with ``O_NOFOLLOW`` all the same, so a link put in place after the check is
refused rather than followed.
"""

from __future__ import annotations

import os
import posixpath
import stat
from pathlib import Path

from hardkit.domain.values import NamedTuple

READ_CAP = 1 << 20  # 1 MiB: far above any entrypoint script or config file


class InsideRead(NamedTuple):
    key: str  # the project-relative, ``/``-separated path that was asked for, normalised
    text: str | None  # the file's text (undecodable UTF-8 replaced); None when refused
    reason: str = ""  # why it was refused ("" when it was read, or when it exists)


def resolve_inside(root: Path, relative: str) -> InsideRead:
    """Where ``relative`` (``/``-separated, relative to ``root``) leads, if it exists inside
    the project; ``text`` is always None, ``reason`` empty when it does."""
    key, problem = _normalise(relative)
    if problem:
        return InsideRead(key, None, problem)
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(real_root, *key.split("/")))  # noqa: PTH118
    if not _within(real, real_root):
        return InsideRead(key, None, "symbolic link leaves the project")
    if not os.path.lexists(real):
        return InsideRead(key, None, "no such file")
    return InsideRead(key, None)


def read_inside(root: Path, relative: str, cap: int = READ_CAP) -> InsideRead:
    """The text of ``relative`` (``/``-separated, relative to ``root``) if it is a regular
    file inside the project of at most ``cap`` bytes; otherwise a reason."""
    where = resolve_inside(root, relative)
    if where.reason:
        return where
    key = where.key
    real = os.path.realpath(os.path.join(root, *key.split("/")))  # noqa: PTH118
    try:
        info = os.stat(real)  # noqa: PTH116 - before opening: a FIFO would block the open
        if not stat.S_ISREG(info.st_mode):
            return InsideRead(key, None, "not a regular file")
        if info.st_size > cap:
            return InsideRead(key, None, f"larger than {_size(cap)}")
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(real, flags)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return InsideRead(key, None, "not a regular file")
            data = handle.read(cap + 1)
    except OSError as exc:
        return InsideRead(key, None, f"cannot read: {exc.strerror or exc}")
    if len(data) > cap:  # it grew since the stat
        return InsideRead(key, None, f"larger than {_size(cap)}")
    return InsideRead(key, data.decode("utf-8", "replace"))


def _normalise(relative: str) -> tuple[str, str]:
    """``relative`` without ``.``, empty and ``..`` steps, and a reason if it cannot be
    one: absolute, a drive, a NUL, or a ``..`` that climbs above the root."""
    if "\0" in relative:
        return relative.replace("\0", "\\0"), "not a file name (NUL byte)"
    name = relative.replace("\\", "/") if os.sep == "\\" else relative
    if name.startswith("/") or (len(name) > 1 and name[1] == ":" and name[0].isalpha()):
        return name, "leaves the project (absolute path)"
    key = posixpath.normpath(name) if name else "."
    if key == ".." or key.startswith("../"):
        return key, "leaves the project (..)"
    return key, ""


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _size(cap: int) -> str:
    if cap >= 1 << 20 and cap % (1 << 20) == 0:
        return f"{cap >> 20} MiB"
    if cap >= 1 << 10 and cap % (1 << 10) == 0:
        return f"{cap >> 10} KiB"
    return f"{cap} bytes"
