"""The pinned set of a lock file, with the line of each entry.

Three formats: ``uv.lock`` and ``pylock.toml`` (PEP 751), both TOML that the adapter
parses, and pinned ``requirements*.txt`` (``name==version`` lines, as ``uv pip
compile`` and ``pip-compile`` write them), read here line by line. Parsers give values
but no positions, so the entries' lines come from a scan of the text: the n-th
``[[package]]`` header is the n-th parsed package.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple, cast

from hardkit.domain.supply_chain.audit import LockContents, NotAudited, Pin

UV_LOCK = "uv.lock"
_PYLOCK = re.compile(r"pylock(\.[^./]+)?\.toml")
_NAME_LINE = re.compile(r"""[ \t]*name[ \t]*=[ \t]*(["'])(?P<name>[^"']*)\1""")
# Sources uv records for the project itself and its workspace members: not dependencies.
_OWN_SOURCES = ("editable", "virtual")


def lock_format(name: str) -> str | None:
    """``uv``, ``pylock`` or ``requirements`` from a lock file's base name, else None."""
    if name == UV_LOCK:
        return "uv"
    if _PYLOCK.fullmatch(name):
        return "pylock"
    if name.endswith(".txt"):
        return "requirements"
    return None


class _Entry(NamedTuple):
    name: str
    line: int
    column: int
    end_column: int


def _entries(text: str, array: str) -> list[_Entry]:
    """Each ``[[array]]`` table's ``name = "..."`` line, in file order."""
    header = re.compile(rf"[ \t]*\[\[[ \t]*{re.escape(array)}[ \t]*\]\][ \t]*(#.*)?")
    lines = text.splitlines()
    found: list[_Entry] = []
    for number, line in enumerate(lines, start=1):
        if not header.fullmatch(line):
            continue
        for offset, candidate in enumerate(lines[number:], start=number + 1):
            if candidate.lstrip().startswith("["):
                break
            match = _NAME_LINE.match(candidate)
            if match:
                indent = len(candidate) - len(candidate.lstrip())
                found.append(_Entry(match["name"], offset, indent + 1, len(candidate) + 1))
                break
    return found


def _tables(data: Mapping[str, object], key: str) -> list[Mapping[str, object]]:
    value = data.get(key, [])
    items = cast("list[object]", value) if isinstance(value, list) else []
    return [cast("Mapping[str, object]", item) for item in items if isinstance(item, dict)]


def _placed(tables: Sequence[Mapping[str, object]], entries: list[_Entry]) -> Iterator[Pin]:
    """A position for every table: its own header's entry when the order agrees, else
    the first unused entry of that name, else line 1."""
    used: set[int] = set()
    for index, table in enumerate(tables):
        name, version = str(table.get("name", "")), str(table.get("version", ""))
        chosen = index if index < len(entries) and entries[index].name == name else None
        if chosen is None:
            chosen = next(
                (i for i, e in enumerate(entries) if e.name == name and i not in used), None
            )
        if chosen is None:
            yield Pin(name, version, 1, 1, 1)
            continue
        used.add(chosen)
        entry = entries[chosen]
        yield Pin(name, version, entry.line, entry.column, entry.end_column)


def uv_lock_contents(data: Mapping[str, object], text: str) -> LockContents:
    """Packages from a registry are pinned; git, URL and path sources cannot be looked
    up by version, and the project itself (editable, virtual) is not a dependency."""
    tables = _tables(data, "package")
    pins: list[Pin] = []
    skipped: list[NotAudited] = []
    for table, pin in zip(tables, _placed(tables, _entries(text, "package")), strict=True):
        source = table.get("source")
        kinds = list(cast("Mapping[str, object]", source)) if isinstance(source, dict) else []
        if any(kind in _OWN_SOURCES for kind in kinds):
            continue
        if "registry" in kinds and pin.version:
            pins.append(pin)
        else:
            where = f"a {kinds[0]} source" if kinds else "no source"
            skipped.append(NotAudited(pin.name, f"{where}, not a registry release"))
    return LockContents(tuple(pins), (), tuple(skipped))


def pylock_contents(data: Mapping[str, object], text: str) -> LockContents:
    """Every package with a ``version`` (PEP 751 leaves it out for source trees)."""
    tables = _tables(data, "packages")
    pins: list[Pin] = []
    skipped: list[NotAudited] = []
    for table, pin in zip(tables, _placed(tables, _entries(text, "packages")), strict=True):
        if "vcs" in table or "directory" in table:
            skipped.append(NotAudited(pin.name, "a vcs or directory source"))
        elif pin.version:
            pins.append(pin)
        else:
            skipped.append(NotAudited(pin.name, "no version in the lock"))
    return LockContents(tuple(pins), (), tuple(skipped))
