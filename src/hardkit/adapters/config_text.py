"""Reading configuration files: TOML, pyright's JSON with comments, and what lies beside.

Parse errors become ``ParseFailure`` with the parser's own line and column (HK001).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hardkit.domain.kinds import CONFIG_NAMES
from hardkit.domain.sources import ParseFailure
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_POSITION.search(message)
        line, column = (int(where.group(1)), int(where.group(2))) if where else (1, 1)
        reason = _TOML_POSITION.sub("", message).strip()
        raise ParseFailure(f"not valid TOML: {reason}", line, column) from None


def _blank(text: str) -> str:
    """Whitespace of the same length, line breaks kept: positions stay where they were."""
    return re.sub(r"[^\r\n]", " ", text)


_JSONC_TOKENS = re.compile(
    r'(?P<string>"(?:[^"\\\r\n]|\\.)*")'
    r"|(?P<line>//[^\r\n]*)"
    r"|(?P<block>/\*.*?\*/)"
    r"|(?P<comma>,(?=(?:\s|//[^\r\n]*|/\*.*?\*/)*[\]}]))",
    re.DOTALL,
)


def strip_jsonc(text: str) -> str:
    """JSON with comments and trailing commas (pyright's format) as plain JSON.

    Comments and trailing commas become spaces, so every position is unchanged.
    """

    def keep_or_blank(match: re.Match[str]) -> str:
        return match.group() if match.lastgroup == "string" else _blank(match.group())

    return _JSONC_TOKENS.sub(keep_or_blank, text)


def parse_jsonc(text: str) -> object:
    import json  # only pyright's files are JSON

    try:
        return json.loads(strip_jsonc(text.lstrip("\ufeff")))
    except json.JSONDecodeError as exc:
        raise ParseFailure(f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None


def sibling_names(path: Path, root: Path) -> frozenset[str]:
    """The configuration files hardkit knows that sit beside ``path``: regular files, not
    links out of the project ``root`` (out of ``path``'s directory when it lies outside)."""
    directory = path.parent
    names = [n for n in CONFIG_NAMES if n != path.name and (directory / n).is_file()]
    if not names:
        return frozenset()
    from hardkit.adapters.inside import resolve_inside

    try:
        prefix = directory.relative_to(root).as_posix()
    except ValueError:
        prefix, root = ".", directory
    return frozenset(n for n in names if not resolve_inside(root, f"{prefix}/{n}").reason)
