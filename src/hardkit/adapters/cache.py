"""Results cached by content in ``.hardkit_cache/``.

Each entry is one file named by the hash of everything its result depends on
(hardkit's version, the interpreter, the effective configuration, the file's path and
bytes). Writes go to a uniquely named temporary file renamed into place, so parallel
hardkit processes (pre-commit's chunks) never see a half-written entry, and a killed
run leaves none behind. An entry that cannot be read back is a miss, never an error.
The temporary file a killed run may leave is never read (entries are found by exact
name); at most once an hour, a run that writes removes those older than an hour (a live
writer's is a few milliseconds old), so they cannot pile up.

Entries are ``marshal`` data: it is built in, so a hook's start-up pays no import for
it, and the interpreter version is part of every key.

The import lists of the whole-project layering check (HK204) are one index file, keyed
by path and trusted while a file's modification time and size are unchanged, so a re-run
opens only the files that changed.
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
from hardkit.domain.hashing import blake2b
from hardkit.domain.layering.imports import ImportRecord
from hardkit.domain.values import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any


CACHE_DIR = ".hardkit_cache"
_LAYOUT = "v1"
_IMPORTS = "imports-v1"  # every file's import list (HK204), in one index per version
_INTERPRETER = f"{sys.implementation.cache_tag}-{sys.version_info[:3]}"
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a killed run


class ImportIndexEntry(NamedTuple):
    """A file's imports, valid while its modification time and size are unchanged."""

    mtime_ns: int
    size: int
    imports: tuple[ImportRecord, ...]


def cache_key(*parts: str | bytes) -> str:
    digest = blake2b(_INTERPRETER.encode(), digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class ResultCache:
    def __init__(self, root: Path) -> None:
        self.directory = root / CACHE_DIR
        self._entries = os.path.join(self.directory, _LAYOUT)  # noqa: PTH118
        self._prepared = False

    def _entry(self, key: str) -> str:
        # a string: a warm run looks up every file's entry, and Path joins cost more
        return os.path.join(self._entries, key[:2], key)  # noqa: PTH118

    def get(self, key: str) -> FileResult | None:
        try:
            with open(self._entry(key), "rb") as entry:  # noqa: PTH123
                data = entry.read()
            # Our own entries, keyed by content hash; bad data fails to unpack and is a miss.
            return _decode(marshal.loads(data))  # noqa: S302
        except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store ``result``; a cache that cannot be written is silently skipped."""
        self._write(Path(self._entry(key)), marshal.dumps(_encode(result)))

    def read_import_index(self, name: str) -> dict[str, ImportIndexEntry]:
        """The import lists stored by ``write_import_index`` (empty when there are none)."""
        try:
            raw = marshal.loads((self.directory / _IMPORTS / name).read_bytes())  # noqa: S302
            return {
                key: ImportIndexEntry(mtime, size, tuple(ImportRecord(*r) for r in records))
                for key, (mtime, size, records) in raw.items()
            }
        except (OSError, EOFError, ValueError, TypeError, AttributeError):
            return {}

    def write_import_index(self, name: str, index: dict[str, ImportIndexEntry]) -> None:
        """Replace the index at once; a concurrent writer may win, which costs a re-parse."""
        data = {
            key: (e.mtime_ns, e.size, tuple(tuple(r) for r in e.imports))
            for key, e in index.items()
        }
        self._write(self.directory / _IMPORTS / name, marshal.dumps(data))

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


def _encode(result: FileResult) -> tuple[Any, ...]:
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
    return (result.path, findings, tuple(e.message for e in result.errors))


def _decode(data: tuple[Any, ...]) -> FileResult:
    path, raw_findings, raw_errors = data
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
    return FileResult(path, findings, tuple(FileError(path, m) for m in raw_errors))
