"""Where a TOML key or table header sits: line numbers for findings and messages.

Parsers (tomllib, tomlkit) give values but no positions. This scanner walks the text
line by line, skipping multi-line strings and arrays, and records the first line of
every table header and key (as full dotted paths, ``("tool", "ruff", "extend")``). It
runs only on text a real parser has already accepted.
"""

from __future__ import annotations

import re

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_PART = rf"(?:{_BARE}|{_QUOTED})"
_PATH = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_HEADER = re.compile(rf"[ \t]*\[\[?[ \t]*(?P<path>{_PATH})[ \t]*\]\]?")
_KEY = re.compile(rf"[ \t]*(?P<path>{_PATH})[ \t]*=")
_SPLIT = re.compile(rf"{_PART}")


def _parts(path: str) -> tuple[str, ...]:
    return tuple(
        p[1:-1] if p[:1] in "\"'" else p for p in (m.group() for m in _SPLIT.finditer(path))
    )


class _Value:
    """Tracks whether a value continues on the next line (open brackets, long strings)."""

    def __init__(self) -> None:
        self.depth = 0
        self.long_string: str | None = None

    @property
    def open(self) -> bool:
        return self.depth > 0 or self.long_string is not None

    def feed(self, line: str, start: int = 0) -> None:
        i, n = start, len(line)
        while i < n:
            if self.long_string is not None:
                end = line.find(self.long_string, i)
                if end < 0:
                    return
                i = end + 3
                self.long_string = None
                continue
            c = line[i]
            if line.startswith(('"""', "'''"), i):
                self.long_string = line[i : i + 3]
                i += 3
            elif c in "\"'":
                i = _string_end(line, i)
            elif c == "#":
                return
            else:
                self.depth += (c in "[{") - (c in "]}")
                i += 1


def _string_end(line: str, i: int) -> int:
    quote, j = line[i], i + 1
    while j < len(line) and line[j] != quote:
        j += 2 if quote == '"' and line[j] == "\\" else 1
    return j + 1


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The first line (1-based) of each table header and key, by full dotted path."""
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    value = _Value()
    for number, line in enumerate(text.splitlines(), start=1):
        if value.open:
            value.feed(line)
            continue
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group("path"))
            found.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            path = table + _parts(key.group("path"))
            for depth in range(len(table) + 1, len(path) + 1):
                found.setdefault(path[:depth], number)
            value.feed(line, key.end())
    return found


def table_line(lines: dict[tuple[str, ...], int], table: tuple[str, ...]) -> int | None:
    """Where ``table`` is first mentioned: its header, a sub-table's, or a dotted key."""
    hits = [n for path, n in lines.items() if path[: len(table)] == table]
    return min(hits) if hits else None
