"""Reading a Makefile's rules from its text: targets, prerequisites and recipe lines.

A deliberately small reader, enough for what ``check`` runs: continuation lines are
joined, variable assignments, directives and conditionals are skipped, and a target
defined in several rules collects all of them. Nothing is expanded or executed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hardkit.domain.doctor.facts import Makefile, MakeTarget

_ASSIGNMENT = re.compile(r"^\s*(?:export\s+|override\s+)?[^\s:#=]+\s*(?:::?=|:::=|\?=|\+=|!=|=)")
_RULE = re.compile(r"^([^:#=\t][^:#=]*?)\s*::?(?!=)\s*(.*)$")
_DIRECTIVE = re.compile(
    r"^\s*(?:ifeq|ifneq|ifdef|ifndef|else|endif|define|endef|include|-include|sinclude"
    r"|export|unexport|override|vpath)\b"
)
# ``$(MAKE) lint test`` or ``make -k lint`` inside a recipe: those targets run too.
_SUB_MAKE = re.compile(r"(?:\$\(MAKE\)|\$\{MAKE\}|(?<![\w/.-])make)((?:\s+[^\s;&|]+)*)")


def _logical_lines(text: str) -> Iterator[str]:
    pending = ""
    for raw in text.splitlines():
        if raw.endswith("\\"):
            pending += raw[:-1] + " "
            continue
        yield pending + raw
        pending = ""
    if pending:
        yield pending


def parse_makefile(path: str, text: str) -> Makefile:
    targets: dict[str, MakeTarget] = {}
    current: list[str] = []
    for line in _logical_lines(text):
        if line.startswith("\t"):
            for name in current:
                old = targets[name]
                targets[name] = MakeTarget(name, old.prerequisites, (*old.recipe, line.strip()))
            continue
        code = line.split("#", 1)[0]
        if not code.strip() or _DIRECTIVE.match(code) or _ASSIGNMENT.match(code):
            current = [] if code.strip() else current
            continue
        match = _RULE.match(code)
        if match is None:
            current = []
            continue
        current = _add_rule(targets, match.group(1).split(), match.group(2))
    return Makefile(path, tuple(targets.values()))


def _add_rule(targets: dict[str, MakeTarget], names: list[str], rest: str) -> list[str]:
    prerequisites, _, inline = rest.partition(";")
    if "=" in prerequisites:  # ``target: VAR = value``: a target-specific variable
        return []
    added = [n for n in names if not n.startswith(".")]
    for name in added:
        old = targets.get(name, MakeTarget(name))
        recipe = (*old.recipe, inline.strip()) if inline.strip() else old.recipe
        prereqs = (*old.prerequisites, *(p for p in prerequisites.split() if p != "|"))
        targets[name] = MakeTarget(name, prereqs, recipe)
    return added


def sub_make_targets(recipe_line: str) -> tuple[str, ...]:
    """The targets a recipe line asks a nested ``make`` to build."""
    out: list[str] = []
    for match in _SUB_MAKE.finditer(recipe_line):
        out.extend(w for w in match.group(1).split() if not w.startswith("-") and "=" not in w)
    return tuple(out)


def reachable(makefile: Makefile, start: str) -> tuple[MakeTarget, ...]:
    """``start`` and every target it builds, through prerequisites and nested ``make`` calls."""
    seen: dict[str, MakeTarget] = {}
    todo = [start]
    while todo:
        name = todo.pop()
        target = makefile.target(name)
        if name in seen or target is None:
            continue
        seen[name] = target
        todo.extend(target.prerequisites)
        for line in target.recipe:
            todo.extend(sub_make_targets(line))
    return tuple(seen.values())
