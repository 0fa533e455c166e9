"""BuildKit's Dockerfile grammar in Python: the text of a Dockerfile into its instructions.

The rules follow BuildKit's parser (``frontend/dockerfile/parser``), the one ``docker
build`` runs: parser directives (``# escape=`` and ``# syntax=``) at the top, comment
lines, line continuations with the escape character (continuation lines that are empty
or comments are skipped), the command word and its ``--flags``, each command's argument
form (JSON array or shell form, ``KEY=value`` pairs), and heredocs on ``RUN``, ``COPY``
and ``ADD``. Line numbers are 1-based and an instruction spans its continuation lines
and heredoc bodies. The test suite holds this module to BuildKit's own code (the
``dockerfile`` wheel) on every Dockerfile it has and on generated ones.

Pure Python, so it runs wherever hardkit installs (Linux aarch64 and musl included).
"""

from __future__ import annotations

import re

from hardkit.domain.docker.arguments import (
    SPACE,
    ArgumentError,
    command_key,
    parse_arguments,
    split_command,
)
from hardkit.domain.docker.heredocs import HeredocError, heredocs_of
from hardkit.domain.docker.instructions import Instruction
from hardkit.domain.sources import ParseFailure
from hardkit.domain.values import NamedTuple

_DIRECTIVE = re.compile(
    r"#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\Z"
)
_KNOWN_DIRECTIVES = frozenset({"syntax", "escape"})
_HEREDOC_COMMANDS = frozenset({"add", "copy", "run"})
# bufio.Scanner's limit: a longer line is an error (the newline counts).
_MAX_LINE = 64 * 1024


class ParsedDockerfile(NamedTuple):
    instructions: tuple[Instruction, ...]
    escape: str  # ``\\``, or the ``# escape=`` directive's character


def parse_dockerfile(text: str) -> ParsedDockerfile:
    """The instructions of a Dockerfile, in order; raises ``ParseFailure``."""
    parser = _Parser(text)
    return ParsedDockerfile(parser.parse(), parser.directives.escape)


def parse_instructions(text: str) -> tuple[Instruction, ...]:
    return parse_dockerfile(text).instructions


class _Directives:
    """The parser directives at the top of the file; the first other line ends them."""

    def __init__(self) -> None:
        self.escape = "\\"
        self.continuation = _continuation("\\")
        self.done = False
        self.seen: set[str] = set()

    def read(self, line: str, number: int) -> None:
        if self.done:
            return
        match = _DIRECTIVE.match(line)
        name = match.group(1).lower() if match else ""
        if match is None or name not in _KNOWN_DIRECTIVES:
            self.done = True
            return
        if name in self.seen:
            raise ParseFailure(f"Dockerfile: only one {name} parser directive can be used", number)
        self.seen.add(name)
        if name == "escape":
            value = match.group(2)
            if value not in ("\\", "`"):
                message = f"invalid escape token '{value}' does not match ` or \\"
                raise ParseFailure(f"Dockerfile: {message}", number)
            self.escape = value
            self.continuation = _continuation(value)


def _continuation(escape: str) -> re.Pattern[str]:
    """The escape character as the last one of a line (spaces after it allowed), not
    itself escaped; or alone on its line."""
    e = re.escape(escape)
    return re.compile(rf"([^{e}]){e}[ \t]*\Z|^{e}[ \t]*\Z")


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


class _Parser:
    def __init__(self, text: str) -> None:
        self.lines = _lines(text[1:] if text.startswith("\ufeff") else text)
        self.next = 0  # index of the next line to read
        self.directives = _Directives()

    def read_line(self) -> str:
        raw = self.lines[self.next]
        self.next += 1
        if len(raw) * 4 >= _MAX_LINE and len(raw.encode("utf-8")) > _MAX_LINE - (raw[-1] != "\n"):
            raise ParseFailure(
                f"Dockerfile: line longer than BuildKit reads ({_MAX_LINE - 1} bytes)", self.next
            )
        return raw

    def processed(self, raw: str, first: bool) -> str:
        """A line without its ending (and, first of an instruction, without leading
        spaces), a comment made empty; parser directives read on the way."""
        token = raw.rstrip("\r\n")
        if first:
            token = token.lstrip(SPACE)
        self.directives.read(token, self.next)
        return "" if token.startswith("#") else token

    def unescaped_end(self, line: str) -> tuple[str, bool]:
        """The line without a trailing continuation character, and whether it ends the
        instruction."""
        if not line.rstrip(" \t").endswith(self.directives.escape):
            return line, True  # most lines: no regular expression needed
        match = self.directives.continuation.search(line)
        if match is None:
            return line, True
        return line[: match.start()] + (match.group(1) or ""), False

    def parse(self) -> tuple[Instruction, ...]:
        out: list[Instruction] = []
        while self.next < len(self.lines):
            start = self.next + 1
            line, ended = self.unescaped_end(self.processed(self.read_line(), first=True))
            if ended and not line:
                continue
            while not ended and self.next < len(self.lines):
                raw = self.read_line()
                body = self.processed(raw, first=False)
                if raw.lstrip(SPACE).startswith("#") or not body.lstrip(SPACE):
                    continue  # a comment or an empty line inside a continued instruction
                more, ended = self.unescaped_end(body)
                line += more
            out.append(self.instruction(line, start))
        if not out:
            raise ParseFailure("Dockerfile: file with no instructions", max(1, len(self.lines)))
        return tuple(out)

    def instruction(self, line: str, start: int) -> Instruction:
        split = split_command(line)
        try:
            args = parse_arguments(split.command, split.rest, self.directives.escape)
        except ArgumentError as exc:
            raise ParseFailure(f"Dockerfile: {exc}", start) from None
        heredocs: tuple[str, ...] = ()
        original = line
        key = command_key(args.sub_command or split.command)
        if key in _HEREDOC_COMMANDS and not args.json:
            bodies = self.heredoc_bodies(line, start)
            if args.sub_command is None:  # (BuildKit's ONBUILD drops them)
                heredocs = tuple(body for body, _ in bodies)
                original += "\n" + "".join(body + name + "\n" for body, name in bodies)
        return Instruction(
            command=split.command.upper(),
            args=args.values,
            flags=split.flags,
            json=args.json,
            original=original if heredocs else line,
            line=start,
            end_line=self.next,
            sub_command=args.sub_command.upper() if args.sub_command else None,
            heredocs=heredocs,
        )

    def heredoc_bodies(self, line: str, start: int) -> list[tuple[str, str]]:
        """Each heredoc the line opens, read up to its terminator: (body, name)."""
        try:
            heredocs = heredocs_of(line)
        except HeredocError as exc:
            raise ParseFailure(f"Dockerfile: {exc}", start) from None
        bodies: list[tuple[str, str]] = []
        for heredoc in heredocs:
            body: list[str] = []
            while True:
                if self.next >= len(self.lines):
                    raise ParseFailure("Dockerfile: unterminated heredoc", start)
                raw = self.read_line()
                candidate = raw.rstrip("\r\n")
                if heredoc.chomp:
                    candidate = candidate.lstrip("\t")
                if candidate == heredoc.name:
                    break
                body.append(raw)
            bodies.append(("".join(body), heredoc.name))
        return bodies
