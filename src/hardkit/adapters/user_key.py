"""The secret that authenticates cache entries: 32 random bytes in the user's own cache
directory, outside every repository, so nothing a checked repository brings can forge
an entry (a fresh CI runner has no key yet, and a planted cache is simply unused).

Where it lives: ``$XDG_CACHE_HOME/hardkit/cache-key`` when that variable holds an
absolute path (on any platform: it is an explicit choice), else the platform's user
cache directory: ``~/.cache/hardkit`` (Linux and other Unix), ``~/Library/Caches/hardkit``
(macOS), ``%LOCALAPPDATA%\\hardkit\\Cache`` (Windows).

Created on first use with mode 0600 (its directory 0700). Concurrent first runs are
safe: each writes a whole key under a temporary name and links it into place with
``os.link``, which never replaces a file, so all of them end up reading the one key that
won. On POSIX a key that another user owns or that others may read is not used (as ssh
treats a private key): the run goes on without a cache and says why.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from hardkit.adapters.files import TEMP_SUFFIX
from hardkit.domain.values import NamedTuple

KEY_NAME = "cache-key"
KEY_SIZE = 32


class UserKey(NamedTuple):
    secret: bytes | None  # None: no cache this run
    problem: str = ""  # why not, for a one-line warning ("" when there is nothing to say)


def user_cache_dir() -> Path | None:
    """hardkit's directory in the user's cache (None when there is no home to put it in)."""
    xdg = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if xdg.is_absolute():  # the XDG spec: a relative value is ignored
        return xdg / "hardkit"
    if sys.platform == "win32":
        local = Path(os.environ.get("LOCALAPPDATA", ""))
        return local / "hardkit" / "Cache" if local.is_absolute() else None
    home = Path("~").expanduser()
    if not home.is_absolute():  # no home directory to expand "~" to
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "hardkit"
    return home / ".cache" / "hardkit"


def load_user_key(directory: Path | None = None) -> UserKey:
    """The user's cache key, created when there is none yet. Never raises ``OSError``."""
    directory = directory or user_cache_dir()
    if directory is None:
        return UserKey(None)  # nowhere to keep a key: run without a cache, quietly
    path = directory / KEY_NAME
    key = _read(path)
    if key is None:
        with contextlib.suppress(OSError):
            _create(directory, path)
        key = _read(path)
    # A key that cannot be made (a read-only home): no cache, quietly, as --no-cache.
    return key if key is not None else UserKey(None)


def _read(path: Path) -> UserKey | None:
    """The key at ``path``; None when there is no file there (yet)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        return UserKey(None, f"cannot read the cache key {path}: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        data = os.read(fd, KEY_SIZE + 1)
    except OSError as exc:
        return UserKey(None, f"cannot read the cache key {path}: {exc.strerror or exc}")
    finally:
        os.close(fd)
    problem = _untrusted(info, len(data))
    if problem:
        return UserKey(None, f"cache key {path} {problem}: not using the cache")
    return UserKey(data)


def _untrusted(info: os.stat_result, size: int) -> str:
    if not stat.S_ISREG(info.st_mode) or size != KEY_SIZE:
        return f"is not a {KEY_SIZE}-byte file (delete it: a new one is made)"
    if os.name == "posix":
        if info.st_uid != os.geteuid():
            return "belongs to another user"
        if info.st_mode & 0o077:
            mode = stat.S_IMODE(info.st_mode)
            return f"is open to other users (mode {mode:04o}; chmod 600 it)"
    return ""


def _create(directory: Path, path: Path) -> None:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = directory / f".{KEY_NAME}.{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o600)  # the umask may have taken bits away
            handle.write(os.urandom(KEY_SIZE))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # never replaces: of concurrent first runs, one key wins
        except FileExistsError:
            pass
        except OSError:
            # No hard links here. Windows' rename never replaces; elsewhere a concurrent
            # first run may replace the key it just made, which turns its entries into
            # misses, never into wrong results.
            if not path.exists():
                tmp.rename(path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
