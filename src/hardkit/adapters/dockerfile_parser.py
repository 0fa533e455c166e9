"""Parsing Dockerfiles with BuildKit's own parser (the ``dockerfile`` wheel wraps it).

Imported only when a Dockerfile is checked: loading the Go library costs start-up time
a Python-only run should not pay. The parser's output becomes pure domain values here.
"""

from __future__ import annotations

import importlib
import re
from typing import Any, cast

from hardkit.domain.docker.instructions import Instruction
from hardkit.domain.sources import CheckUnavailable, ParseFailure

_LINE_IN_MESSAGE = re.compile(r"\bline (\d+)\b")

UNAVAILABLE = (
    "cannot check Dockerfiles: the 'dockerfile' package (BuildKit's parser) is not "
    "installed; it has no wheel for this platform, so install it with a Go toolchain "
    "present (pip install dockerfile) or exclude Dockerfiles"
)


def parse_instructions(text: str) -> tuple[Instruction, ...]:
    """The instructions of a Dockerfile, in order; raises ``ParseFailure``."""
    try:
        # The wheel is a compiled module without type information: Any, converted below.
        parser: Any = importlib.import_module("dockerfile")
    except ImportError:
        raise CheckUnavailable(UNAVAILABLE) from None
    try:
        commands: tuple[Any, ...] = parser.parse_string(text)
    except parser.GoParseError as exc:
        message = str(cast("object", exc))
        found = _LINE_IN_MESSAGE.search(message)
        raise ParseFailure(f"Dockerfile: {message}", int(found.group(1)) if found else 1) from None
    return tuple(_instruction(command) for command in commands)


def _instruction(command: Any) -> Instruction:
    return Instruction(
        command=str(command.cmd).upper(),
        args=tuple(str(v) for v in command.value),
        flags=tuple(str(f) for f in command.flags),
        json=bool(command.json),
        original=str(command.original),
        line=int(command.start_line),
        end_line=int(command.end_line),
        sub_command=str(command.sub_cmd).upper() if command.sub_cmd else None,
        heredocs=tuple(str(h.content) for h in command.heredocs),
    )
