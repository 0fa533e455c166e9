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

A walk trusts directory listings the same way (``ListingIndex``): adding, removing or
renaming an entry moves its directory's mtime and ctime, so a directory whose signature
is the recorded one is not listed again, only stat'ed; the same racy window applies.
What a listing holds is filtered again on every run (excludes, .gitignore), and a
symbolic link in it is followed again on every run, since its target can change without
its directory's times moving.

Concurrent runs (pre-commit's chunks) each write the index at once (a temporary file
renamed into place) after merging what the others wrote since they read it; the last
writer wins, which only costs another run a re-read. A killed run leaves the old index.
"""

from __future__ import annotations

import os
import struct
import time

from hardkit.adapters.cache import ResultCache, decode_result, encode_result
from hardkit.domain.findings import FileResult
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Container
    from pathlib import Path
    from typing import Any

# A file changed this recently (mtime or ctime) before its stat is not recorded: a
# second write within the same tick of the file system's clock would keep its times.
RACY_NS = 2_000_000_000

Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
# A directory as a walk needs it: whether it holds a .gitignore, and its entries (name and
# type: ``DIRECTORY``, ``FILE``, ``LINK`` or ``OTHER``), sorted by name; files only of
# the kinds hardkit checks (most of a tree is other files).
Listing = tuple[bool, tuple[tuple[str, str], ...]]
DIRECTORY, FILE, LINK, OTHER = "d", "f", "l", "o"


def signature(path: Path | str) -> Signature | None:
    """The file's stat signature, or None when it cannot be trusted (unreadable, or
    changed less than ``RACY_NS`` ago)."""
    st = _trusted_stat(path)
    return None if st is None else _signature_of(st)


def _signature_of(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _trusted_stat(path: Path | str) -> os.stat_result | None:
    """``os.stat(path)``, or None when it fails or the file (or directory) changed less
    than ``RACY_NS`` before it: one call per file and directory of a warm run."""
    now = time.time_ns()  # before the stat: conservative
    try:
        st = os.stat(path)  # noqa: PTH116 - strings: cheaper than Path
    except OSError:
        return None
    return None if now - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS else st


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


class ListingIndex:
    """The listings earlier walks read, by each directory's project-relative key, trusted
    while the directory's signature is the recorded one: a warm walk stats each directory
    instead of reading it (git's untracked cache, in short). A large tree has thousands
    of directories, most holding nothing to check, so an entry is two flat values (the
    packed signature, the listing as one string): the index loads in a millisecond."""

    NAME = "listings"

    def __init__(self, cache: ResultCache) -> None:
        self._cache = cache
        self._entries: dict[str, Any] | None = None  # read at the first lookup: a run
        # naming files (pre-commit's) walks no directory
        self._changes: dict[str, tuple[bytes, str]] = {}
        self._tops: list[str] = []  # the directories walked in full, as key prefixes

    def walking(self, key: str) -> None:
        """A walk of the whole of directory ``key`` starts: after it, a recorded listing
        below it that the walk did not meet is of a directory gone or now skipped."""
        self._tops.append("" if key == "." else key.rstrip("/") + "/")

    def lookup(self, key: str, path: str) -> tuple[bytes | None, Listing | None]:
        """The signature of directory ``key`` (at ``path``), taken now, before it is read
        (None when it cannot be trusted), and its recorded listing if that matches."""
        st = _trusted_stat(path)
        try:
            sig = None if st is None else _PACKED.pack(*_signature_of(st))
        except struct.error:  # a value out of range: never trusted
            sig = None
        if sig is None:
            return None, None
        if self._entries is None:
            self._entries = self._cache.read_listing_index(self.NAME)
        entry = self._entries.get(key)
        if entry is None or entry[0] != sig:
            return sig, None
        text: str = entry[1]
        if len(text) == 1:  # most directories of a tree: nothing to check in them
            return sig, (text == "g", ())
        head, *rows = text.split("\0")
        return sig, (head == "g", tuple((row[1:], row[0]) for row in rows))

    def record(self, key: str, sig: bytes | None, listing: Listing) -> None:
        """Remember ``listing`` of directory ``key`` as it was when ``sig`` was taken
        (before it was read); an untrusted signature (None) records nothing."""
        if sig is not None:
            gitignore, rows = listing
            text = "".join(["g" if gitignore else "-", *(f"\0{kind}{name}" for name, kind in rows)])
            self._changes[key] = (sig, text)

    def save(self, met: Container[str]) -> None:
        """Write the index if this walk changed it, over what other runs wrote meanwhile,
        leaving out the directories below the walked ones that the walk did not meet
        (``met``: those it did; a directory removed moves its parent's times, so that
        walk lists the parent anew)."""
        if not self._changes:
            return
        merged = self._cache.read_listing_index(self.NAME)
        merged.update(self._changes)
        for key in [key for key in merged if key not in met and self._below_top(key)]:
            del merged[key]
        self._cache.write_listing_index(self.NAME, merged)
        self._entries, self._changes = merged, {}

    def _below_top(self, key: str) -> bool:
        return any(key.startswith(top) or key + "/" == top for top in self._tops)


_PACKED = struct.Struct("<qqqQ")
