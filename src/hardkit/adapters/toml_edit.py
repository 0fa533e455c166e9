"""Adding one key to a TOML file with tomlkit, keeping every other byte of it.

tomlkit keeps comments, order and formatting; on top of it hardkit places the key where
a person would (first in its table, indented like its neighbours), writes new lines
with the file's own line endings, separates a new table from its neighbours by a blank
line, and then proves the edit: the result must parse to exactly the old document plus
the new key, and every line of the old file must still be there, in order.
"""

from __future__ import annotations

import difflib
from typing import Any, cast

from hardkit.adapters.config_text import parse_toml


class EditError(Exception):
    """hardkit could not make the edit without touching anything else; nothing was written."""


def add_key(text: str, table: tuple[str, ...], key: str, value: str) -> str:
    """``text`` with ``key = "value"`` added to ``table`` (``()`` for the top level).

    The key must not exist yet. Raises ``EditError`` when the edit cannot be proven safe.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    parse_toml(text)  # a ParseFailure (with a position) for text that is not TOML
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline  # a final line ending, so the old last line stays a whole line
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise EditError(f"tomlkit cannot read it: {exc}") from None
    _insert(document, table, key, value)
    result = _tidy(text, document.as_string(), newline)
    _prove(text, result, table, key, value)
    return result


def _insert(document: Any, table: tuple[str, ...], key: str, value: str) -> None:
    import tomlkit
    from tomlkit.items import Table

    if not table:
        _insert_first(document, key, value, in_table=False)
        return
    parent: Any = document
    for depth, name in enumerate(table):
        child = parent.get(name)
        if child is None:
            new = tomlkit.table(is_super_table=depth < len(table) - 1)
            _build(new, table[depth + 1 :], key, value)
            if parent is document:
                document.append(name, new)
            else:
                parent[name] = new
            return
        parent = child
    if isinstance(parent, Table) and not parent.is_super_table():
        _insert_first(parent.value, key, value, in_table=True)
    else:  # implicit ([tool.ruff.lint] only), inline or dotted: tomlkit places it
        parent[key] = value


def _build(table: Any, rest: tuple[str, ...], key: str, value: str) -> None:
    import tomlkit

    if not rest:
        table.add(key, value)
        return
    child = tomlkit.table(is_super_table=len(rest) > 1)
    _build(child, rest[1:], key, value)
    table.append(rest[0], child)


def _insert_first(container: Any, key: str, value: str, *, in_table: bool) -> None:
    """Insert ``key`` above the first entry of ``container`` and the comments right above
    it (they describe that entry), indented like it; in a table without keys of its own,
    right below the header."""
    import tomlkit
    from tomlkit.items import AoT, Comment, Table

    item = tomlkit.item(value)
    body = cast("list[tuple[Any, Any]]", container.body)
    first = next((i for i, (k, _) in enumerate(body) if k is not None), len(body))
    if first < len(body) and not isinstance(body[first][1], (Table, AoT)):
        item.trivia.indent = body[first][1].trivia.indent
    elif in_table:
        first = 0
    while first > 0 and isinstance(body[first - 1][1], Comment):
        first -= 1
    if first == len(body):
        container.append(key, item)
    else:
        container._insert_at(first, key, item)


def _is_header(line: str) -> bool:
    return line.lstrip().startswith("[")


def _tidy(old: str, new: str, newline: str) -> str:
    """New lines in the file's line endings; a blank line between a new table and others."""
    if newline == "\r\n":
        new = new.replace("\r\n", "\n").replace("\n", "\r\n")
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        block = new_lines[j1:j2]
        if tag == "insert" and any(_is_header(line) for line in block):
            if out and out[-1].strip() and block[0].strip():
                block = [newline, *block]
            if j2 < len(new_lines) and new_lines[j2].strip() and block[-1].strip():
                block = [*block, newline]
        out.extend(block)
    return "".join(out)


def _prove(old: str, new: str, table: tuple[str, ...], key: str, value: str) -> None:
    expected = parse_toml(old)
    node: dict[str, Any] = expected
    for name in table:
        node = node.setdefault(name, {})
    node[key] = value
    if parse_toml(new) != expected:
        raise EditError("the edited file would not mean what it meant plus the new key")
    old_lines = old.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        # Only an inline table (`ruff = {...}`) has to change the line that holds it.
        if tag == "delete" or (tag == "replace" and not all("{" in x for x in old_lines[i1:i2])):
            raise EditError("the edit would change existing lines")
