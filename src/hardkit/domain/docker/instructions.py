"""One Dockerfile instruction as BuildKit's parser reads it (``parser``), and the checks
BuildKit's instruction layer makes before any build starts (the parser alone accepts
them)."""

from __future__ import annotations

import re

from hardkit.domain.sources import ParseFailure
from hardkit.domain.values import NamedTuple

KNOWN_COMMANDS = frozenset(
    {
        "ADD",
        "ARG",
        "CMD",
        "COPY",
        "ENTRYPOINT",
        "ENV",
        "EXPOSE",
        "FROM",
        "HEALTHCHECK",
        "LABEL",
        "MAINTAINER",
        "ONBUILD",
        "RUN",
        "SHELL",
        "STOPSIGNAL",
        "USER",
        "VOLUME",
        "WORKDIR",
    }
)
_ONE_ARGUMENT = frozenset({"USER", "WORKDIR"})
_SOME_ARGUMENTS = frozenset({"ARG", "ENV", "LABEL"})
_NOT_ON_BUILD = frozenset({"ONBUILD", "FROM", "MAINTAINER"})
_STAGE_NAME = re.compile(r"[a-z][a-z0-9\-_.]*\Z")


class Instruction(NamedTuple):
    """``command`` is upper-case; ``args`` are the words as written (quotes kept) or, for a
    JSON form (``json``), the decoded list. ``line``/``end_line`` span continuation lines
    and heredoc bodies."""

    command: str
    args: tuple[str, ...]
    flags: tuple[str, ...]
    json: bool
    original: str
    line: int
    end_line: int
    sub_command: str | None = None
    heredocs: tuple[str, ...] = ()

    def flag(self, name: str) -> str | None:
        """The value of ``--name=value``, or None when the flag is absent."""
        prefix = f"--{name}="
        for flag in self.flags:
            if flag.startswith(prefix):
                return flag[len(prefix) :]
        return None


def validate(instructions: tuple[Instruction, ...]) -> None:
    """Raise ``ParseFailure`` where BuildKit would refuse the Dockerfile before building."""
    seen_from = False
    stage_names: set[str] = set()
    for instruction in instructions:
        _check_known(instruction)
        if instruction.command == "FROM":
            seen_from = True
            _check_from(instruction, stage_names)
        elif not seen_from and instruction.command != "ARG":
            _fail(instruction, f"{instruction.command} before the first FROM (no build stage)")
        elif instruction.command in _ONE_ARGUMENT and len(instruction.args) != 1:
            _fail(instruction, f"{instruction.command} requires exactly one argument")
        elif instruction.command in _SOME_ARGUMENTS and not instruction.args:
            _fail(instruction, f"{instruction.command} requires at least one argument")
    if not seen_from:
        line = instructions[-1].line if instructions else 1
        raise ParseFailure("Dockerfile has no FROM: no stage to build", line)


def _check_known(instruction: Instruction) -> None:
    if instruction.command not in KNOWN_COMMANDS:
        word = (instruction.original.split() or [instruction.command])[0]
        _fail(instruction, f"unknown instruction: {word if word.isprintable() else repr(word)}")
    if instruction.command == "ONBUILD":
        sub = instruction.sub_command
        if sub is None or sub not in KNOWN_COMMANDS or sub in _NOT_ON_BUILD:
            _fail(instruction, f"ONBUILD cannot run {sub or 'nothing'}")


def _check_from(instruction: Instruction, stage_names: set[str]) -> None:
    args = instruction.args
    if len(args) not in (1, 3):
        _fail(instruction, "FROM requires either one or three arguments")
    unknown = [f for f in instruction.flags if not f.startswith("--platform=")]
    if unknown:
        _fail(instruction, f"FROM: unknown flag {unknown[0].split('=', 1)[0]}")
    if len(args) == 3:
        if args[1].lower() != "as":
            _fail(instruction, "FROM with a stage name needs 'AS' as its second argument")
        name = args[2].lower()
        if not _STAGE_NAME.match(name):
            _fail(instruction, f"invalid stage name {args[2]!r}")
        if name in stage_names:
            _fail(instruction, f"duplicate stage name {args[2]!r}")
        stage_names.add(name)


def _fail(instruction: Instruction, message: str) -> None:
    raise ParseFailure(f"Dockerfile: {message}", instruction.line)
