"""Adding one member to a pyright JSON file (comments allowed) without touching the rest.

The member goes first in the top-level object, on a line of its own indented like the
next member (or inline when the object is written on one line). The result must parse
to exactly the old object plus the member.
"""

from __future__ import annotations

import json
import re

from hardkit.adapters.config_text import parse_jsonc, strip_jsonc
from hardkit.adapters.toml_edit import EditError


def add_first_member(text: str, key: str, value: str) -> str:
    """``text`` with ``"key": "value"`` as the first member of its top-level object."""
    old = parse_jsonc(text)
    if not isinstance(old, dict):
        raise EditError("the top level is not a JSON object")
    plain = strip_jsonc(text)  # same positions, comments blanked out
    brace = plain.find("{")
    member = f"{json.dumps(key)}: {json.dumps(value)}"
    newline = "\r\n" if "\r\n" in text else "\n"
    after = re.compile(r"[ \t]*(?:\r?\n|$)").match(plain, brace + 1)
    if after is None:  # `{"a": 1}` written on one line: stay on it
        result = text[: brace + 1] + member + (", " if old else "") + text[brace + 1 :]
    else:
        line_end = brace + 1 + len(after.group().rstrip("\r\n"))
        if plain[brace + 1 :].strip().startswith("}"):
            indent, comma = "  ", ""
        else:
            indent, comma = _next_indent(plain, line_end), "," if old else ""
        insertion = f"{newline}{indent}{member}{comma}"
        result = text[:line_end] + insertion + text[line_end:]
    if parse_jsonc(result) != {key: value, **old}:
        raise EditError("the edited file would not mean what it meant plus the new member")
    return result


def _next_indent(plain: str, line_end: int) -> str:
    """The indentation of the first line after ``line_end`` that holds JSON, not a comment."""
    for line in plain[line_end:].splitlines()[1:]:
        if line.strip():
            return line[: len(line) - len(line.lstrip())]
    return "  "
