"""Reading and writing the baseline file (JSON, versioned, sorted for stable diffs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from hardkit import __version__
from hardkit.adapters.files import write_atomic
from hardkit.domain.baseline import BASELINE_VERSION, BaselineEntry
from hardkit.domain.config import ConfigError


def read_baseline(path: Path) -> list[BaselineEntry]:
    try:
        document: Any = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise ConfigError(
            [f"{path}: baseline file not found (create it with --write-baseline {path})"]
        ) from None
    except (OSError, ValueError) as exc:
        raise ConfigError([f"{path}: not a hardkit baseline: {exc}"]) from None
    if not isinstance(document, dict) or document.get("version") != BASELINE_VERSION:  # pyright: ignore[reportUnknownMemberType]
        raise ConfigError([f"{path}: not a version {BASELINE_VERSION} hardkit baseline"])
    items = cast("list[dict[str, Any]]", document["findings"])
    try:
        return [
            BaselineEntry(
                path=str(item["path"]),
                code=str(item["code"]),
                fingerprint=str(item["fingerprint"]),
                occurrence=int(item["occurrence"]),
                line=int(item.get("line", 0)),
                message=str(item.get("message", "")),
            )
            for item in items
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError([f"{path}: malformed baseline entry: {exc!r}"]) from None


def write_baseline(path: Path, entries: list[BaselineEntry]) -> None:
    document = {
        "version": BASELINE_VERSION,
        "generator": f"hardkit {__version__}",
        "findings": [
            {
                "path": e.path,
                "code": e.code,
                "fingerprint": e.fingerprint,
                "occurrence": e.occurrence,
                "line": e.line,
                "message": e.message,
            }
            for e in sorted(entries)
        ],
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    write_atomic(path, text.encode("utf-8"))
