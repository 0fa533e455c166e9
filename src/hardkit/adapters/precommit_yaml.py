"""Adding hardkit's hooks to ``.pre-commit-config.yaml`` by inserting text, nothing else.

A YAML round-trip library re-emits the whole file (re-indenting, re-quoting, moving
comments); hardkit instead inserts lines at positions found by a real YAML parser —
PyYAML, the parser pre-commit itself uses — so every existing byte, comment and anchor
stays as it was. The new lines copy the file's indentation and line endings, and the
edit is then proven: the result must load to exactly the old configuration plus the
new repository entry (or hooks).
"""

from __future__ import annotations

import copy
import re
from typing import Any, NamedTuple, cast

from hardkit.adapters.toml_edit import EditError
from hardkit.domain.sources import ParseFailure


class HookEdit(NamedTuple):
    text: str  # the new file text (unchanged when there was nothing to do)
    summary: str  # what was done, or why nothing was ("" when already set up)


class _Style(NamedTuple):
    """Columns of a repository entry: its dash, its keys, its hooks' dashes and keys."""

    dash: int = 2
    key: int = 4
    hook_dash: int = 4 + 2
    hook_key: int = 4 + 4


def _load(text: str) -> tuple[Any, Any]:
    """(node tree with positions, plain data) — or ``ParseFailure``."""
    import yaml

    try:
        node = cast("Any", yaml.compose(text, Loader=yaml.SafeLoader))  # pyright: ignore[reportUnknownMemberType]
        data: Any = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ParseFailure(f"not valid YAML: {exc.problem or exc}", line, column) from None
    except yaml.YAMLError as exc:
        raise ParseFailure(f"not valid YAML: {exc}") from None
    return node, data


def _scalar(node: Any) -> str | None:
    import yaml

    return node.value if isinstance(node, yaml.ScalarNode) else None


def _get(mapping: Any, key: str) -> Any:
    import yaml

    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((v for k, v in mapping.value if _scalar(k) == key), None)


def is_hardkit_repo(url: str, hook_ids: list[str]) -> bool:
    """A repository entry of hardkit's: its URL ends in ``/hardkit`` or a hook is hardkit's."""
    name = re.sub(r"(\.git)?/*$", "", url).rsplit("/", 1)[-1]
    return name == "hardkit" or any(h == "hardkit" or h.startswith("hardkit-") for h in hook_ids)


def _hook_ids(entry: Any) -> list[str]:
    hooks = _get(entry, "hooks")
    value = hooks.value if hooks is not None else None
    items = cast("list[Any]", value) if isinstance(value, list) else []
    return [i for i in (_scalar(_get(h, "id")) for h in items) if i is not None]


def add_hooks(text: str, repo: str, rev: str, hook_ids: tuple[str, ...]) -> HookEdit:
    """Make sure ``text`` runs ``hook_ids`` from ``repo``: a new entry, or new hooks in
    the existing hardkit entry. Raises ``ParseFailure`` or ``EditError``."""
    import yaml

    root, data = _load(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    if root is None:  # empty, or comments only
        base = text if not text or text.endswith("\n") else text + newline
        return _finish(text, base + _entry_block(repo, rev, hook_ids, _Style(), newline, True))
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise EditError("the top level is not a block mapping")
    repos = _get(root, "repos")
    if repos is None or (_scalar(repos) == "" and repos.tag.endswith(":null")):
        return _new_repos(text, root, repos, repo, rev, hook_ids, newline)
    if not isinstance(repos, yaml.SequenceNode):
        raise EditError("`repos` is not a list")
    for index, entry in enumerate(repos.value):
        ids = _hook_ids(entry)
        if is_hardkit_repo(_scalar(_get(entry, "repo")) or "", ids):
            missing = tuple(h for h in hook_ids if h not in ids)
            return _extend_entry(text, (root, data, index), entry, missing, newline)
    new = _append_item(text, repos, _entry_text(repo, rev, hook_ids, _style(text, repos), newline))
    expected = copy.deepcopy(data)
    expected["repos"].append(_entry_data(repo, rev, hook_ids))
    _prove(new, expected)
    return HookEdit(new, f"added the hardkit hooks ({', '.join(hook_ids)})")


def _entry_data(repo: str, rev: str, hook_ids: tuple[str, ...]) -> dict[str, Any]:
    return {"repo": repo, "rev": rev, "hooks": [{"id": h} for h in hook_ids]}


def _item(dash: int, key: int, text: str) -> str:
    return " " * dash + "-" + " " * max(key - dash - 1, 1) + text


def _entry_text(
    repo: str, rev: str, hook_ids: tuple[str, ...], style: _Style | None, newline: str
) -> str:
    """The entry as block YAML lines in ``style``; as one flow mapping when ``style`` is None."""
    if style is None:
        hooks = ", ".join(f"{{id: {h}}}" for h in hook_ids)
        return f"{{repo: {repo}, rev: {rev}, hooks: [{hooks}]}}"
    lines = [
        _item(style.dash, style.key, f"repo: {repo}"),
        " " * style.key + f"rev: {rev}",
        " " * style.key + "hooks:",
        *(_item(style.hook_dash, style.hook_key, f"id: {h}") for h in hook_ids),
    ]
    return "".join(line + newline for line in lines)


def _entry_block(
    repo: str, rev: str, hook_ids: tuple[str, ...], style: _Style, newline: str, key: bool
) -> str:
    return ("repos:" + newline if key else "") + _entry_text(repo, rev, hook_ids, style, newline)


def _dash_column(text: str, seq: Any) -> int:
    """The column of the ``-`` of a block sequence's items (its start mark may be an anchor)."""
    if not seq.value:
        return seq.start_mark.column
    first = seq.value[0].start_mark
    line_start = text.rfind("\n", 0, first.index) + 1
    dash = text.rfind("-", line_start, first.index)
    return dash - line_start if dash >= 0 else first.column


def _style(text: str, repos: Any) -> _Style | None:
    """How the file lays out its entries (from its first block entry), None for flow."""
    import yaml

    if repos.flow_style:
        return None
    dash = _dash_column(text, repos)
    blocks = [e for e in repos.value if isinstance(e, yaml.MappingNode) and not e.flow_style]
    key = blocks[0].start_mark.column if blocks else dash + 2
    style = _Style(dash, key, key + 2, key + 4)
    for entry in blocks:
        hooks = _get(entry, "hooks")
        inline = hooks is not None and hooks.start_mark.index > entry.start_mark.index
        if inline and isinstance(hooks, yaml.SequenceNode) and not hooks.flow_style and hooks.value:
            offset = entry.start_mark.column - key  # copy the hooks' layout relative to keys
            hook_dash = _dash_column(text, hooks) - offset
            return style._replace(
                hook_dash=hook_dash, hook_key=hooks.value[0].start_mark.column - offset
            )
    return style


def _block_end(text: str, seq: Any) -> int:
    """Where a new item of a block sequence goes: after its last line of content and the
    comment lines right below it that are indented as its items (commented-out entries);
    before blank lines and the comments that introduce what follows."""
    column = _dash_column(text, seq)
    lines = text[: seq.end_mark.index].splitlines(keepends=True)
    last = len(lines)
    while last > 0 and (not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")):
        last -= 1
    for line in lines[last:]:
        indent = len(line) - len(line.lstrip(" "))
        owned = indent > column or (indent == column > 0)
        if not line.strip() or not owned:
            break
        last += 1
    return sum(len(line) for line in lines[:last])


def _append_item(text: str, seq: Any, item: str) -> str:
    """``text`` with ``item`` (block lines, or a flow node) added at the end of ``seq``."""
    if seq.flow_style:
        close = seq.end_mark.index - 1
        if text[close] != "]":
            raise EditError("cannot find the end of a flow sequence")
        before = text[:close].rstrip()
        return before + (", " if seq.value else "") + item + text[len(before) :]
    at = _block_end(text, seq)
    head = text[:at]
    if head and not head.endswith("\n"):
        head += "\r\n" if "\r\n" in text else "\n"
    return head + item + text[at:]


def _prove(new: str, expected: Any) -> None:
    _, got = _load(new)
    if got != expected:
        raise EditError("the edited file would not mean what it meant plus the new hooks")


def _finish(old: str, new: str) -> HookEdit:
    import yaml

    data = yaml.safe_load(old)
    _, got = _load(new)
    if data is not None or not isinstance(got, dict) or list(got) != ["repos"]:  # pyright: ignore[reportUnknownArgumentType]
        raise EditError("the new configuration did not come out as expected")
    return HookEdit(new, "created it with the hardkit hooks")


def _new_repos(
    text: str,
    root: Any,
    repos: Any,
    repo: str,
    rev: str,
    hook_ids: tuple[str, ...],
    newline: str,
) -> HookEdit:
    """A ``repos:`` list where there is none (no key, or a key with no value)."""
    _, data = _load(text)
    if repos is None:
        if root.start_mark.column != 0:
            raise EditError("the top-level mapping is indented")
        head = text if text.endswith("\n") else text + newline
        new = head + _entry_block(repo, rev, hook_ids, _Style(), newline, True)
    else:
        key = next(k for k, v in root.value if v is repos)
        at = text.find("\n", key.end_mark.index)
        at = len(text) if at < 0 else at + 1
        head = text[:at] if text[:at].endswith("\n") else text[:at] + newline
        indent = key.start_mark.column + 2
        style = _Style(indent, indent + 2, indent + 4, indent + 6)
        new = head + _entry_text(repo, rev, hook_ids, style, newline) + text[at:]
    expected = dict(data)
    expected["repos"] = [_entry_data(repo, rev, hook_ids)]
    _prove(new, expected)
    return HookEdit(new, f"added the hardkit hooks ({', '.join(hook_ids)})")


def _references(root: Any, target: Any) -> int:
    """How many places of the document use ``target`` (more than one: a YAML anchor)."""
    import yaml

    count, stack, seen = 0, [root], set[int]()
    while stack:
        node = stack.pop()
        count += node is target
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return count


def _extend_entry(
    text: str, document: tuple[Any, Any, int], entry: Any, missing: tuple[str, ...], newline: str
) -> HookEdit:
    """Add the ``missing`` hooks to hardkit's existing entry, when that is safe."""
    import yaml

    root, data, index = document
    if not missing:
        return HookEdit(text, "")
    repo = _scalar(_get(entry, "repo")) or ""
    hooks = _get(entry, "hooks")
    by_hand = f"left it as it is; add {', '.join(missing)} to it yourself"
    if repo in ("local", "meta"):
        return HookEdit(text, f"note: it runs hardkit as a {repo} hook; {by_hand}")
    if not isinstance(hooks, yaml.SequenceNode) or _references(root, hooks) > 1:
        return HookEdit(text, f"note: hardkit's hooks come from a YAML anchor; {by_hand}")
    if hooks.flow_style:
        item = ", ".join(f"{{id: {h}}}" for h in missing)
    else:
        dash = _dash_column(text, hooks)
        key = hooks.value[0].start_mark.column if hooks.value else dash + 2
        item = "".join(_item(dash, key, f"id: {h}") + newline for h in missing)
    new = _append_item(text, hooks, item)
    expected = copy.deepcopy(data)
    expected["repos"][index]["hooks"].extend({"id": h} for h in missing)
    _prove(new, expected)
    return HookEdit(new, f"added {', '.join(missing)} to the hardkit entry")
