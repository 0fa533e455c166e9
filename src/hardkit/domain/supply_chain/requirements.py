"""The pinned set of a requirements file (``name==version`` lines, pip's syntax).

Continuation lines (``\\``), comments, ``--hash`` options and environment markers are
understood. A requirement with any other specifier is *unpinned*: auditing it would
mean resolving it, which ``hardkit audit`` never does. Editable, URL and path
requirements and included files (``-r``, ``-c``) are named but not audited.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from hardkit.domain.supply_chain.audit import LockContents, NotAudited, Pin, Unpinned

_COMMENT = re.compile(r"(^|[ \t])#.*")
_OPTION_TAIL = re.compile(r"[ \t]+--?[A-Za-z].*")
_REQUIREMENT = re.compile(
    r"(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)[ \t]*(?:\[[^\]]*\])?"
    r"[ \t]*(?P<rest>[^;]*?)[ \t]*(?:;.*)?"
)
_PIN = re.compile(r"===?[ \t]*(?P<version>[^\s,*;]+)")
_INCLUDES = ("-r", "--requirement", "-c", "--constraint")
_EDITABLE = ("-e", "--editable")


class _Line(NamedTuple):
    number: int  # the first physical line
    indent: int
    text: str  # the logical line: continuations joined, comment removed, stripped
    first: str  # the first physical line's requirement part (for the end column)


def _logical_lines(text: str) -> Iterator[_Line]:
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        number, first = index + 1, lines[index]
        parts = [first]
        while parts[-1].endswith("\\") and index + 1 < len(lines):
            parts[-1] = parts[-1][:-1]
            index += 1
            parts.append(lines[index])
        index += 1
        logical = _COMMENT.sub("", " ".join(parts)).strip()
        if logical:
            shown = _OPTION_TAIL.sub("", _COMMENT.sub("", first.rstrip("\\"))).strip()
            yield _Line(number, len(first) - len(first.lstrip()), logical, shown)


def _option(line: _Line) -> NotAudited | None:
    word, _, value = line.text.partition(" ")
    word, eq, attached = word.partition("=")
    target = (attached if eq else value).strip()
    if word in _INCLUDES:
        return NotAudited(f"{word} {target}", "an included file: audit it with its own --lock")
    if word in _EDITABLE:
        return NotAudited(target, "an editable requirement")
    return None  # index and build options say nothing about the pinned set


def requirements_contents(text: str) -> LockContents:
    pins: list[Pin] = []
    unpinned: list[Unpinned] = []
    skipped: list[NotAudited] = []
    for line in _logical_lines(text):
        if line.text.startswith("-"):
            note = _option(line)
            skipped.extend([note] if note else [])
            continue
        requirement = _OPTION_TAIL.sub("", line.text)
        match = _REQUIREMENT.fullmatch(requirement)
        if match is not None and match["rest"].startswith("@"):
            skipped.append(NotAudited(match["name"], "a URL requirement"))
        elif match is None or requirement.startswith((".", "/")) or "://" in match["rest"]:
            skipped.append(NotAudited(requirement, "not a named requirement (a path or URL)"))
        elif pinned := _PIN.fullmatch(match["rest"]):
            end = line.indent + len(line.first) + 1
            pins.append(Pin(match["name"], pinned["version"], line.number, line.indent + 1, end))
        else:
            unpinned.append(Unpinned(line.number, requirement))
    return LockContents(tuple(pins), tuple(unpinned), tuple(skipped))
