"""Just enough TOML writing to show configuration values on the docs pages."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import cast

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
WIDTH = 88


def toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def toml_value(value: object) -> str:
    """``value`` (str, bool, int, float, list, tuple or mapping) as an inline TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        items = cast("list[object] | tuple[object, ...]", value)
        return "[" + ", ".join(toml_value(v) for v in items) + "]"
    if isinstance(value, Mapping):
        table = cast("Mapping[str, object]", value)
        inner = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in table.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def toml_assignment(key: str, value: object) -> str:
    """``key = value``; a long array is written one item per line."""
    one_line = f"{toml_key(key)} = {toml_value(value)}"
    if len(one_line) <= WIDTH or not isinstance(value, (list, tuple)):
        return one_line
    items = cast("list[object] | tuple[object, ...]", value)
    body = "".join(f"    {toml_value(v)},\n" for v in items)
    return f"{toml_key(key)} = [\n{body}]"


def toml_table(header: str, values: Mapping[str, object]) -> str:
    return "\n".join([f"[{header}]", *(toml_assignment(k, v) for k, v in values.items())])
