"""Suppression comments: ``# noqa: HK101, HK203`` (Python) and
``# hardkit ignore=HK301,HK304`` (Dockerfiles).

A bare ``# noqa`` names no code, so it suppresses no HK rule: hardkit's findings are
security findings, and a blanket ``noqa`` written for another linter must not hide them.
"""

from __future__ import annotations

import re

_NOQA = re.compile(r"#\s*noqa\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)", re.IGNORECASE)
_DOCKER_IGNORE = re.compile(
    r"^\s*#\s*hardkit\s+ignore\s*=\s*(?P<codes>HK[0-9]+(?:\s*,\s*HK[0-9]+)*)\s*$", re.IGNORECASE
)
_CODE = re.compile(r"[A-Za-z]+[0-9]+")


def noqa_codes(comment: str) -> frozenset[str]:
    """Codes named by a ``# noqa: ...`` comment (upper-cased); empty for a bare ``# noqa``."""
    found: set[str] = set()
    for match in _NOQA.finditer(comment):
        found.update(code.upper() for code in _CODE.findall(match.group("codes")))
    return frozenset(found)


def dockerfile_ignore_codes(line: str) -> frozenset[str]:
    """Codes named by a ``# hardkit ignore=HK301,HK304`` comment line; empty otherwise."""
    match = _DOCKER_IGNORE.match(line)
    if match is None:
        return frozenset()
    return frozenset(code.upper() for code in _CODE.findall(match.group("codes")))


def names_code(codes: frozenset[str], code: str) -> bool:
    """Whether a suppression naming ``codes`` covers ``code`` (exact codes only, like ruff)."""
    return code in codes
