"""Glob patterns of the configuration (``exclude``, ``test-paths``, ``per-file-ignores``).

Paths are project-relative with ``/`` separators. A pattern without ``/`` matches
the file name or the name of any directory above it (``node_modules``,
``test_*.py``); a pattern with ``/`` matches the whole relative path (``tests/**``,
``**/conftest.py``). ``*`` and ``?`` stay inside one path segment, ``**`` spans
segments, ``[...]`` is a character class, and ``dir/**`` also matches ``dir``. A
trailing ``/`` (``build/``, as in ``.gitignore``) means the directory and everything in
it: ``build/`` is ``build/**``.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    pattern = pattern.strip().lstrip("/").removeprefix("./")
    if pattern.endswith("/") and not pattern.endswith("**/"):
        pattern = pattern.rstrip("/") + "/**"
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == n:
            out.append("(?:/.*)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[" and (close := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : close]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
            i = close + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out) + r"\Z")


def is_name_pattern(pattern: str) -> bool:
    """Whether ``pattern`` is tested against each name in a path (it has no ``/``, a
    trailing one aside) rather than against the whole path."""
    return "/" not in pattern.strip().rstrip("/")


def matches(pattern: str, path: str) -> bool:
    """Whether ``path`` (relative, ``/``-separated) is matched by ``pattern``."""
    compiled = _compile(pattern)
    if not is_name_pattern(pattern):
        return compiled.match(path) is not None
    return any(compiled.match(part) for part in path.split("/"))


_GLOB_CHARS = frozenset("*?[/")


class Matcher:
    """Whether a path is matched by any of a set of patterns, worked out once for the
    set: plain names (``node_modules``: most excludes) in a set, the name globs as one
    regular expression tried on each name in the path, the path globs as another."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.names = frozenset(p.strip() for p in patterns if not _GLOB_CHARS & set(p.strip()))
        globs = [p for p in patterns if p.strip() not in self.names]
        self.name_glob = _alternatives([p for p in globs if is_name_pattern(p)])
        self.path_glob = _alternatives([p for p in globs if not is_name_pattern(p)])

    def __call__(self, path: str) -> bool:
        parts = path.split("/")
        if self.names and not self.names.isdisjoint(parts):
            return True
        if self.name_glob is not None and any(self.name_glob.match(part) for part in parts):
            return True
        return self.path_glob is not None and self.path_glob.match(path) is not None


def _alternatives(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{_compile(p).pattern})" for p in patterns))


@functools.lru_cache(maxsize=64)
def matcher(patterns: tuple[str, ...]) -> Matcher:
    return Matcher(patterns)


def matches_any(patterns: tuple[str, ...], path: str) -> bool:
    return matcher(patterns)(path)
