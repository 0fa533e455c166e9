"""The stat fast path of the result cache: a file whose size, modification time, change
time and inode are those recorded when it was last checked is not read again.

One sealed index per configuration (``ResultCache.read_stat_index``) maps each file's
project-relative path to its stat signature, the context its result depends on besides
its bytes (the layout, the files beside it, its kind: ``context``), and the result. A
warm run stats every file and opens one index instead of reading and hashing every
file and opening its entry. A file whose signature or context differs takes the content
path (read, hash, the entry named by the hash), so a changed file is always re-read.

When the signature could be fooled, and what guards it:

* **Written in place, same size, within one tick of the file system's clock** (mtime
  and ctime both unchanged: ext4, XFS, btrfs and APFS count nanoseconds, but Linux takes
  file times from a clock that advances every few milliseconds; HFS+ has 1 s, FAT 2 s).
  The signature is taken *before* the file is read, and a file changed less than
  ``RACY_NS`` (2 s) before that is not recorded at all (git's "racy clean" rule): a
  later write lands on a later tick, so its times differ from the recorded ones.
* **mtime set back by hand** (``touch -d``, ``cp -p``, an archive's times restored):
  the change time (ctime) cannot be set by a user and moves on every write, chmod and
  rename; a file replaced by a rename (editors' safe save, ``git checkout``) also has a
  new inode.
* **Left unguarded**: a clock set back by more than the window, a network file system
  whose server clock lags the client's by more than it, or a file system that does not
  update ctime. ``--no-cache`` (or deleting ``.hardkit_cache``) reads every file.

ruff keys its cache by modification time and permission bits only (no size, inode or
ctime, no racy window): a file rewritten within one tick with its mode unchanged keeps
its cached result there.

Concurrent runs (pre-commit's chunks) each write the index at once (a temporary file
renamed into place) after merging what the others wrote since they read it; the last
writer wins, which only costs another run a re-read. A killed run leaves the old index.
"""

from __future__ import annotations

import os
import time

from hardkit.adapters.cache import ResultCache, decode_result, encode_result
from hardkit.domain.findings import FileResult
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# A file changed this recently (mtime or ctime) before its stat is not recorded: a
# second write within the same tick of the file system's clock would keep its times.
RACY_NS = 2_000_000_000

Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def signature(path: Path | str) -> Signature | None:
    """The file's stat signature, or None when it cannot be trusted (unreadable, or
    changed less than ``RACY_NS`` ago)."""
    now = time.time_ns()  # before the stat: conservative
    try:
        st = os.stat(path)  # noqa: PTH116 - one call per file of a warm run
    except OSError:
        return None
    if now - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class StatIndex:
    """The stat index ``name`` of ``cache`` (name it after everything the results depend
    on for the whole run: hardkit's version, the interpreter, the configuration)."""

    def __init__(self, cache: ResultCache, name: str) -> None:
        self._cache = cache
        self._name = name
        self._entries = cache.read_stat_index(name)
        self._changes: dict[str, object] = {}

    def get(self, key: str, sig: Signature | None, context: str) -> FileResult | None:
        """The recorded result of file ``key`` if its signature and context still match."""
        entry = self._entries.get(key) if sig is not None else None
        if entry is None:
            return None
        try:
            recorded, where, encoded = entry
            if tuple(recorded) != sig or where != context:
                return None
            return decode_result(encoded)
        except (ValueError, TypeError, KeyError, IndexError):
            return None

    def record(self, key: str, sig: Signature | None, context: str, result: FileResult) -> None:
        """Remember ``result`` for file ``key`` as it was when ``sig`` was taken (before
        it was read); an untrusted signature (None) records nothing."""
        if sig is None:
            return
        entry = (sig, context, encode_result(result))
        if self._entries.get(key) != entry:
            self._changes[key] = entry

    def save(self) -> None:
        """Write the index if this run changed it, over what other runs wrote meanwhile."""
        if not self._changes:
            return
        merged = self._cache.read_stat_index(self._name)
        merged.update(self._changes)
        root = self._cache.root
        for key in [k for k in merged if k not in self._changes]:
            if not os.path.lexists(os.path.join(root, key)):  # noqa: PTH118
                del merged[key]  # the file is gone: its entry would only take room
        self._cache.write_stat_index(self._name, merged)
        self._entries, self._changes = merged, {}
