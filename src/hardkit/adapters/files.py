"""Writing files safely: atomically, keeping the mode, never half-written."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

# The end of every temporary file name: what a run killed mid-write (SIGKILL, power loss)
# can leave behind, and what ``adapters.cache`` sweeps away once it is old.
TEMP_SUFFIX = ".hardkit-tmp"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` via a temporary file in the same directory.

    The file's permission bits are kept; readers see the old or the new content,
    never a mix, and an interrupted write leaves the original untouched.
    """
    target = path.resolve()
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()  # what open() would have given a new file
    replace_with(target, data, mode=mode, durable=True)


def replace_with(target: Path, data: bytes, *, mode: int = 0o644, durable: bool = False) -> None:
    """Write ``data`` under a fresh name beside ``target``, then rename it over ``target``."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        tmp.chmod(mode)  # os.open's mode is filtered by the umask
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
