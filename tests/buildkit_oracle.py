"""BuildKit's own parser (the ``dockerfile`` wheel, Go code) as the test oracle of
hardkit's Python implementation of its grammar (``hardkit.domain.docker.parser``).

The wheel is a development dependency with wheels for a few platforms only: tests that
need it skip where it is missing (``require_oracle``), and nothing in hardkit imports it.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from hardkit.domain.docker.instructions import Instruction
from hardkit.domain.docker.parser import parse_instructions


class OracleFailed(Exception):
    """BuildKit refused the text (a parse error)."""


class OracleCannotAnswer(Exception):
    """The wheel cannot return BuildKit's answer: Go produced a value that is not valid
    UTF-8 (it scans flags and HEALTHCHECK's first word byte by byte) or holds a NUL."""


def require_oracle() -> Any:
    return pytest.importorskip("dockerfile", reason="BuildKit's parser (the dockerfile wheel)")


def oracle_instructions(text: str) -> tuple[Instruction, ...]:
    parser: Any = importlib.import_module("dockerfile")
    try:
        commands = parser.parse_string(text)
    except parser.GoParseError as exc:
        raise OracleFailed(str(exc)) from None
    except UnicodeDecodeError:
        raise OracleCannotAnswer(text) from None
    # The wheel gives None for an empty command word or original line.
    return tuple(
        Instruction(
            command=(command.cmd or "").upper(),
            args=tuple(command.value),
            flags=tuple(command.flags),
            json=bool(command.json),
            original=command.original or "",
            line=int(command.start_line),
            end_line=int(command.end_line),
            sub_command=command.sub_cmd.upper() if command.sub_cmd else None,
            heredocs=tuple(heredoc.content for heredoc in command.heredocs),
        )
        for command in commands
    )


def outcome(function: Any, text: str) -> tuple[Instruction, ...] | str:
    """The instructions, or ``"refused"``."""
    from hardkit.domain.sources import ParseFailure

    try:
        return function(text)  # type: ignore[no-any-return]
    except (ParseFailure, OracleFailed):
        return "refused"


def assert_same_as_buildkit(text: str) -> None:
    """hardkit's parser reads ``text`` exactly as BuildKit does: the same instructions
    (command, arguments, flags, JSON form, original line, heredoc bodies, first and
    last line), or both refuse it."""
    try:
        expected = outcome(oracle_instructions, text)
    except OracleCannotAnswer:
        return
    actual = outcome(parse_instructions, text)
    if isinstance(expected, str) or isinstance(actual, str):
        assert actual == expected, f"{text!r}: BuildKit {expected!r}, hardkit {actual!r}"
        return
    assert len(actual) == len(expected), text
    for mine, theirs in zip(actual, expected, strict=True):
        assert mine == theirs, f"{text!r}:\n  BuildKit {theirs!r}\n  hardkit  {mine!r}"
