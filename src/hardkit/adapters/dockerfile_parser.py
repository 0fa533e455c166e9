"""Parsing Dockerfiles with BuildKit's own parser (the ``dockerfile`` wheel wraps it).

Imported only when a Dockerfile is checked: loading the Go library costs start-up time
a Python-only run should not pay. The parser's output becomes pure domain values here.

The wheel embeds a Go runtime, which does not survive ``fork()``: a forked child of a
process that has loaded it can hang forever on its first call. Such a child (a worker of
a process pool started after the parent checked a Dockerfile) parses in a fresh
interpreter instead.
"""

from __future__ import annotations

import importlib
import os
import re
import sys

from hardkit.domain.docker.instructions import Instruction
from hardkit.domain.sources import CheckUnavailable, ParseFailure
from hardkit.domain.values import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from typing import Any

_LINE_IN_MESSAGE = re.compile(r"\bline (\d+)\b")

UNAVAILABLE = (
    "cannot check Dockerfiles: the 'dockerfile' package (BuildKit's parser) is not "
    "installed; it has no wheel for this platform, so install it with a Go toolchain "
    "present (pip install dockerfile) or exclude Dockerfiles"
)

_LOADED_IN: list[int] = []  # the process that loaded the Go runtime

# ``python -c`` puts the current directory (the repository being checked) first on
# sys.path: drop it, or that repository's json.py would run (hardkit is static only).
_FRESH = (
    "import sys\n"
    "if sys.path and sys.path[0] == '':\n    del sys.path[0]\n"
    "from hardkit.adapters.dockerfile_parser import serve_one\nserve_one()\n"
)


def parse_instructions(text: str) -> tuple[Instruction, ...]:
    """The instructions of a Dockerfile, in order; raises ``ParseFailure``."""
    if _LOADED_IN and _LOADED_IN[0] != os.getpid():
        return _parse_in_fresh_interpreter(text)
    try:
        # The wheel is a compiled module without type information: Any, converted below.
        parser: Any = importlib.import_module("dockerfile")
    except ImportError:
        raise CheckUnavailable(UNAVAILABLE) from None
    if not _LOADED_IN:
        _LOADED_IN.append(os.getpid())
    try:
        commands: tuple[Any, ...] = parser.parse_string(text)
    except parser.GoParseError as exc:
        message = str(cast("object", exc))
        line = _error_line(parser, text, message)
        raise ParseFailure(f"Dockerfile: {message}", line) from None
    return tuple(_instruction(command) for command in commands)


def _error_line(parser: Any, text: str, message: str) -> int:
    """The line BuildKit's error is about. Its messages rarely say, so find the shortest
    prefix of the file that fails with the same message (a binary search: a prefix fails
    that way exactly when it contains the bad line)."""
    found = _LINE_IN_MESSAGE.search(message)
    if found:
        return int(found.group(1))
    lines = text.split("\n")
    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        try:
            parser.parse_string("\n".join(lines[:middle]) + "\n")
        except parser.GoParseError as exc:
            if str(cast("object", exc)) == message:
                high = middle
                continue
        low = middle + 1
    return low


def _instruction(command: Any) -> Instruction:
    # The wheel's ``Command`` is a named tuple of ``str``s and tuples of ``str``s already.
    return Instruction(
        command=str(command.cmd).upper(),
        args=tuple(command.value),
        flags=tuple(command.flags),
        json=bool(command.json),
        original=str(command.original),
        line=int(command.start_line),
        end_line=int(command.end_line),
        sub_command=str(command.sub_cmd).upper() if command.sub_cmd else None,
        heredocs=tuple(str(h.content) for h in command.heredocs),
    )


def serve_one() -> None:
    """Parse the Dockerfile on stdin and print the outcome as JSON (``_FRESH``)."""
    import json

    text = sys.stdin.buffer.read().decode("utf-8")
    try:
        outcome: dict[str, Any] = {"ok": [i._asdict() for i in parse_instructions(text)]}
    except ParseFailure as exc:
        outcome = {"error": str(exc), "line": exc.line}
    except CheckUnavailable as exc:
        outcome = {"unavailable": str(exc)}
    sys.stdout.write(json.dumps(outcome))


def _parse_in_fresh_interpreter(text: str) -> tuple[Instruction, ...]:
    import json
    import subprocess

    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed program
        [sys.executable, "-c", _FRESH],
        input=text.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    try:
        outcome: dict[str, Any] = json.loads(result.stdout)
    except ValueError:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise CheckUnavailable(f"the Dockerfile parser failed: {detail}") from None
    if "unavailable" in outcome:
        raise CheckUnavailable(str(outcome["unavailable"]))
    if "error" in outcome:
        raise ParseFailure(str(outcome["error"]), int(outcome["line"]))
    return tuple(_from_json(item) for item in outcome["ok"])


def _from_json(item: dict[str, Any]) -> Instruction:
    return Instruction(
        command=item["command"],
        args=tuple(item["args"]),
        flags=tuple(item["flags"]),
        json=item["json"],
        original=item["original"],
        line=item["line"],
        end_line=item["end_line"],
        sub_command=item["sub_command"],
        heredocs=tuple(item["heredocs"]),
    )
