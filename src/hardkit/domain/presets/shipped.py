"""The presets as values: their names, their rendered text, and how two copies compare.

Two copies of a preset are the same when they differ only in the version header (line
one) and in line endings: a checkout with CRLF line endings is not out of date, and a
release that leaves a preset's content alone does not ask every user to rewrite theirs.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Mapping

from hardkit.domain.presets.templates import PYRIGHT_TEMPLATE, RUFF_TEMPLATE

RUFF_PRESET = "hardkit-ruff.toml"
PYRIGHT_PRESET = "hardkit-pyright.json"
PRESET_NAMES = (RUFF_PRESET, PYRIGHT_PRESET)
_TEMPLATES: Mapping[str, str] = {RUFF_PRESET: RUFF_TEMPLATE, PYRIGHT_PRESET: PYRIGHT_TEMPLATE}

# The hooks repository `hardkit init` adds to .pre-commit-config.yaml, and its hooks.
HOOKS_REPOSITORY = "https://github.com/hardkit/hardkit"
INIT_HOOK_IDS = ("hardkit", "hardkit-presets")

_HEADER = r"(?:#|//) Written by hardkit (?P<version>[^\s:]+):"


def render_preset(name: str, version: str) -> str:
    """The preset ``name`` as hardkit ``version`` writes it (``\\n`` line endings)."""
    return _TEMPLATES[name].replace("{version}", version)


def shipped_presets(version: str) -> dict[str, str]:
    return {name: render_preset(name, version) for name in PRESET_NAMES}


@functools.cache
def templates_digest() -> str:
    """Changes whenever a template does: part of the cache key of configuration files."""
    from hardkit.domain.hashing import blake2b

    digest = blake2b(digest_size=12)
    for name in PRESET_NAMES:
        digest.update(_TEMPLATES[name].encode("utf-8"))
    return digest.hexdigest()


def written_by(text: str) -> str | None:
    """The hardkit version named in a preset's header line, if it has one."""
    match = re.match(_HEADER, text.lstrip("\ufeff"))
    return match.group("version") if match else None


def _body(text: str) -> list[str]:
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    return lines[1:] if lines and re.match(_HEADER, lines[0]) else lines


def first_difference(actual: str, shipped: str) -> int | None:
    """The 1-based line of ``actual`` where it stops matching ``shipped``; None if the same."""
    mine, theirs = _body(actual), _body(shipped)
    if mine == theirs:
        return None
    offset = 2 if written_by(actual) is not None else 1
    index = next(
        (i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
        min(len(mine), len(theirs)),
    )
    last = max(actual.count("\n") + (not actual.endswith("\n")), 1)
    return min(index + offset, last)  # a missing tail: its last line


def newline_of(text: str) -> str:
    """The line ending a file uses (the one of its first line); ``\\n`` when it has none."""
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def with_newlines(text: str, newline: str) -> str:
    """``text`` (written with ``\\n``) using ``newline`` for every line ending."""
    return text if newline == "\n" else text.replace("\n", newline)


def _release(version: str) -> tuple[int, ...]:
    match = re.match(r"\d+(?:\.\d+)*", version)
    return tuple(int(part) for part in match.group().split(".")) if match else ()


def is_newer(version: str, than: str) -> bool:
    """True when ``version`` is a later release than ``than`` (release numbers only)."""
    return _release(version) > _release(than)


def extends_preset(value: object, preset: str) -> bool:
    """Whether an ``extend``/``extends`` value names ``preset`` beside the config file."""
    return isinstance(value, str) and posixpath.normpath(value.replace("\\", "/")) == preset
