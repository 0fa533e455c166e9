"""Results cached by content in ``.hardkit_cache/``, every entry authenticated.

Each entry is one file named by the hash of everything its result depends on
(hardkit's version, the interpreter, the effective configuration, the file's path and
bytes). Anyone can compute that name, so the name proves nothing: each entry is sealed
with a keyed BLAKE2b tag over its name and its bytes, under a key kept outside every
repository (``adapters.user_key``). An entry whose tag does not verify is a miss and its
bytes are never unmarshalled, so a cache planted in a repository (committed, or restored
by CI from another job) is simply unused, and an entry copied under another file's name
fails too. A cache directory that git tracks is ignored altogether, with a warning:
nothing hardkit writes belongs in a commit (``adapters.git_index`` tells, cheaply).

Writes go to a uniquely named temporary file renamed into place, so parallel hardkit
processes (pre-commit's chunks) never see a half-written entry, and a killed run leaves
none behind. An entry that cannot be read back is a miss, never an error. The temporary
file a killed run may leave is never read (entries are found by exact name); at most
once an hour, a run that writes removes those older than an hour (a live writer's is a
few milliseconds old), so they cannot pile up.

Entries are ``marshal`` data: it is built in, so a hook's start-up pays no import for
it, and the interpreter version is part of every key.

The import lists of the whole-project layering check (HK204) are one index file, sealed
the same way, keyed by path and trusted while a file's modification time and size are
unchanged, so a re-run opens only the files that changed. The results' stat index
(``adapters.stat_index``: a file whose size, times and inode are those recorded is not
read again) is one more sealed file of its own purpose, and so are the directory listings
of earlier walks (``adapters.stat_index.ListingIndex``: a directory whose times and inode
are those recorded is not listed again).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
from pathlib import Path

from hardkit.adapters.files import TEMP_SUFFIX, replace_with
from hardkit.domain.findings import Edit, FileError, FileResult, Finding, Fix
from hardkit.domain.hashing import blake2b, compare_digest
from hardkit.domain.layering.imports import ImportRecord
from hardkit.domain.values import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any


CACHE_DIR = ".hardkit_cache"
LAYOUT = "v2"  # v2: sealed entries (v1's bare marshal data is never read)
_IMPORTS = "imports-v2"  # every file's import list (HK204), in one index per version
_TAG_SIZE = 32
# What a sealed file is for, bound into its tag: one kind of file never passes for another.
_RESULT = b"hardkit-result"
_IMPORT_INDEX = b"hardkit-imports"
_STAT_INDEX = b"hardkit-stats"
_STATS = "stats-v1"  # the stat indexes (``adapters.stat_index``), one per configuration
_LISTING_INDEX = b"hardkit-listings"
_LISTINGS = "listings-v1"  # the directory listings of earlier walks (``ListingIndex``)
TRACKED_WARNING = (
    f"{CACHE_DIR} is tracked by git: hardkit ignores it "
    f"(untrack it with: git rm -r --cached {CACHE_DIR})"
)
_INTERPRETER = f"{sys.implementation.cache_tag}-{sys.version_info[:3]}"
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a killed run


class ImportIndexEntry(NamedTuple):
    """A file's imports, valid while its modification time and size are unchanged."""

    mtime_ns: int
    size: int
    imports: tuple[ImportRecord, ...]


class CacheKeys:
    """Cache keys whose leading parts are the same for a whole run (hardkit's version and
    the configuration, ~1 KiB): those are hashed once, and each key hashes only its own
    parts. ``CacheKeys(a).key(b, c) == cache_key(a, b, c)``."""

    def __init__(self, *common: str | bytes) -> None:
        self._prefix = blake2b(_INTERPRETER.encode(), digest_size=20)
        _feed(self._prefix, common)

    def key(self, *parts: str | bytes) -> str:
        digest = self._prefix.copy()
        _feed(digest, parts)
        return digest.hexdigest()


def cache_key(*parts: str | bytes) -> str:
    return CacheKeys().key(*parts)


def _feed(digest: blake2b, parts: tuple[str | bytes, ...]) -> None:
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)


class ResultCache:
    """The results and import lists of earlier runs, for one project ``root``.

    ``key_directory`` holds the key (default: the user's cache directory). ``warnings``
    collects what the run should tell the user (a tracked cache, an unusable key).
    """

    def __init__(self, root: Path, key_directory: Path | None = None) -> None:
        self.root = root
        self.directory = root / CACHE_DIR
        self.warnings: list[str] = []
        self._entries = os.path.join(self.directory, LAYOUT)  # noqa: PTH118
        self._key_directory = key_directory
        self._unlocked = False
        self._secret: bytes | None = None
        self._keyed: dict[bytes, blake2b] = {}  # keyed hash states by purpose, copied per tag
        self._prepared = False

    def _entry(self, key: str) -> str:
        # a string: a warm run looks up every file's entry, and Path joins cost more
        return os.path.join(self._entries, key[:2], key)  # noqa: PTH118

    def get(self, key: str) -> FileResult | None:
        payload = self._read_sealed(self._entry(key), key, _RESULT)
        if payload is None:
            return None
        try:
            return decode_result(marshal.loads(payload))  # noqa: S302 - verified: bytes we wrote
        except (EOFError, ValueError, TypeError, KeyError, IndexError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store ``result``; a cache that cannot be written is silently skipped."""
        self._write_sealed(self._entry(key), key, _RESULT, marshal.dumps(encode_result(result)))

    def read_import_index(self, name: str) -> dict[str, ImportIndexEntry]:
        """The import lists stored by ``write_import_index`` (empty when there are none)."""
        path = os.path.join(self.directory, _IMPORTS, name)  # noqa: PTH118
        payload = self._read_sealed(path, name, _IMPORT_INDEX)
        if payload is None:
            return {}
        try:
            raw = marshal.loads(payload)  # noqa: S302 - verified: bytes we wrote
            return {
                key: ImportIndexEntry(mtime, size, tuple(ImportRecord(*r) for r in records))
                for key, (mtime, size, records) in raw.items()
            }
        except (EOFError, ValueError, TypeError, AttributeError):
            return {}

    def write_import_index(self, name: str, index: dict[str, ImportIndexEntry]) -> None:
        """Replace the index at once; a concurrent writer may win, which costs a re-parse."""
        data = {
            key: (e.mtime_ns, e.size, tuple(tuple(r) for r in e.imports))
            for key, e in index.items()
        }
        path = os.path.join(self.directory, _IMPORTS, name)  # noqa: PTH118
        self._write_sealed(path, name, _IMPORT_INDEX, marshal.dumps(data))

    def read_stat_index(self, name: str) -> dict[str, Any]:
        """The raw stat index ``name`` written by ``write_stat_index`` (empty when none
        verifies); ``adapters.stat_index`` reads its entries."""
        return self._read_index(_STATS, name, _STAT_INDEX)

    def write_stat_index(self, name: str, index: dict[str, Any]) -> None:
        """Replace the stat index at once (marshal data); a concurrent writer may win."""
        self._write_index(_STATS, name, _STAT_INDEX, index)

    def read_listing_index(self, name: str) -> dict[str, Any]:
        """The raw directory listings written by ``write_listing_index`` (empty when none
        verifies); ``adapters.stat_index.ListingIndex`` reads its entries."""
        return self._read_index(_LISTINGS, name, _LISTING_INDEX)

    def write_listing_index(self, name: str, index: dict[str, Any]) -> None:
        """Replace the listing index at once; a concurrent writer may win."""
        self._write_index(_LISTINGS, name, _LISTING_INDEX, index)

    def _read_index(self, folder: str, name: str, person: bytes) -> dict[str, Any]:
        payload = self._read_sealed(os.path.join(self.directory, folder, name), name, person)  # noqa: PTH118
        if payload is None:
            return {}
        try:
            raw: object = marshal.loads(payload)  # noqa: S302 - verified: bytes we wrote
        except (EOFError, ValueError, TypeError):
            return {}
        return dict(raw) if isinstance(raw, dict) else {}  # pyright: ignore[reportUnknownArgumentType]

    def _write_index(self, folder: str, name: str, person: bytes, index: dict[str, Any]) -> None:
        path = os.path.join(self.directory, folder, name)  # noqa: PTH118
        self._write_sealed(path, name, person, marshal.dumps(index))

    # -- sealing ---------------------------------------------------------------------------

    def _read_sealed(self, path: str, name: str, person: bytes) -> bytes | None:
        """The payload of the file at ``path`` if its tag verifies for ``name``, else None."""
        if self._key() is None:
            return None
        try:
            with open(path, "rb") as handle:  # noqa: PTH123 - strings: cheaper than Path
                data = handle.read()
        except OSError:
            return None
        payload = data[_TAG_SIZE:]
        if not compare_digest(data[:_TAG_SIZE], self._tag(person, name, payload)):
            return None
        return payload

    def _write_sealed(self, path: str, name: str, person: bytes, payload: bytes) -> None:
        if self._key() is not None:
            self._write(Path(path), self._tag(person, name, payload) + payload)

    def _tag(self, person: bytes, name: str, payload: bytes) -> bytes:
        """The keyed BLAKE2b of ``name`` and ``payload`` for files of purpose ``person``."""
        keyed = self._keyed.get(person)
        if keyed is None:  # keying costs a compression: once per purpose, then copies
            secret = self._key() or b""
            keyed = self._keyed[person] = blake2b(digest_size=_TAG_SIZE, key=secret, person=person)
        digest = keyed.copy()
        label = name.encode("utf-8", "surrogatepass")
        digest.update(len(label).to_bytes(4, "little"))
        digest.update(label)
        digest.update(payload)
        return digest.digest()

    def _key(self) -> bytes | None:
        """The key entries are sealed with; None when this run uses no cache."""
        if not self._unlocked:
            self._unlocked = True
            self._secret = self._unlock()
        return self._secret

    def _unlock(self) -> bytes | None:
        if os.path.lexists(self.directory):  # a tracked cache is on disk
            from hardkit.adapters.git_index import tracked_by_git

            if tracked_by_git(str(self.root), CACHE_DIR):
                self.warnings.append(TRACKED_WARNING)
                return None
        from hardkit.adapters.user_key import load_user_key

        key = load_user_key(self._key_directory)
        if key.problem:
            self.warnings.append(key.problem)
        return key.secret

    def _write(self, entry: Path, data: bytes) -> None:
        with contextlib.suppress(OSError):
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            replace_with(entry, data)

    def _prepare(self) -> None:
        if self._prepared:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            with contextlib.suppress(OSError):
                replace_with(ignore, b"# Automatically created by hardkit.\n*\n")
        self._prepared = True
        self._sweep(ignore)

    def _sweep(self, mark: Path) -> None:
        """Remove stale temporary files, at most once per ``STALE_TEMP_SECONDS``: the
        modification time of the cache's ``.gitignore`` records the last sweep."""
        now = time.time()
        try:
            if now - mark.stat().st_mtime < STALE_TEMP_SECONDS:
                return
            os.utime(mark, (now, now))
        except OSError:
            return
        for directory, _, names in os.walk(self.directory):
            for name in names:
                if name.endswith(TEMP_SUFFIX):
                    _remove_if_older(os.path.join(directory, name), now - STALE_TEMP_SECONDS)  # noqa: PTH118


def _remove_if_older(path: str, cutoff: float) -> None:
    with contextlib.suppress(OSError):
        if os.stat(path).st_mtime < cutoff:  # noqa: PTH116 - strings: cheaper than Path
            os.unlink(path)  # noqa: PTH108


def encode_result(result: FileResult) -> tuple[Any, ...]:
    findings = tuple(
        (
            f.code,
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            f.message,
            f.anchor_line,
            tuple((e.start, e.end, e.content) for e in f.fix.edits) if f.fix else None,
        )
        for f in result.findings
    )
    return (result.path, findings, tuple(e.message for e in result.errors), result.reads)


def decode_result(data: tuple[Any, ...]) -> FileResult:
    path, raw_findings, raw_errors, reads = data
    findings = tuple(
        Finding(
            code=code,
            path=path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            message=message,
            anchor_line=anchor,
            fix=Fix(tuple(Edit(s, e, c) for s, e, c in edits)) if edits is not None else None,
        )
        for code, line, column, end_line, end_column, message, anchor, edits in raw_findings
    )
    errors = tuple(FileError(path, m) for m in raw_errors)
    return FileResult(path, findings, errors, tuple((p, s) for p, s in reads))
