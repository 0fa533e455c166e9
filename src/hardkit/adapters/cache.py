"""Results cached by content in ``.hardkit_cache/``.

Each entry is one file named by the hash of everything its result depends on
(hardkit's version, the effective configuration, the file's path and bytes). Writes go
to a temporary file renamed into place, so parallel hardkit processes (pre-commit's
chunks) never see a half-written entry, and a killed run leaves none behind. An entry
that cannot be read back is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hardkit.domain.findings import Edit, FileError, FileResult, Finding, Fix

CACHE_DIR = ".hardkit_cache"
_LAYOUT = "v1"


def cache_key(*parts: str | bytes) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class ResultCache:
    def __init__(self, root: Path) -> None:
        self.directory = root / CACHE_DIR
        self._prepared = False

    def _entry(self, key: str) -> Path:
        return self.directory / _LAYOUT / key[:2] / key

    def get(self, key: str) -> FileResult | None:
        try:
            raw = self._entry(key).read_bytes()
            return _decode(json.loads(raw))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store ``result``; a cache that cannot be written is silently skipped."""
        entry = self._entry(key)
        with contextlib.suppress(OSError):
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(json.dumps(_encode(result), separators=(",", ":")).encode())
                Path(tmp).replace(entry)
            except BaseException:
                with contextlib.suppress(OSError):
                    Path(tmp).unlink()
                raise

    def _prepare(self) -> None:
        if self._prepared:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            with contextlib.suppress(OSError):
                ignore.write_text("# Automatically created by hardkit.\n*\n", encoding="utf-8")
        self._prepared = True


def _encode(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "findings": [
            [
                f.code,
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                f.message,
                f.anchor_line,
                [[e.start, e.end, e.content] for e in f.fix.edits] if f.fix else None,
            ]
            for f in result.findings
        ],
        "errors": [e.message for e in result.errors],
    }


def _decode(data: dict[str, Any]) -> FileResult:
    path: str = data["path"]
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
        for code, line, column, end_line, end_column, message, anchor, edits in data["findings"]
    )
    errors = tuple(FileError(path, message) for message in data["errors"])
    return FileResult(path, findings, errors)
