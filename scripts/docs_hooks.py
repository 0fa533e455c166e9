"""The hooks page, from whatever hooks ``.pre-commit-hooks.yaml`` defines."""

from __future__ import annotations

from typing import cast

# Settings shown in a hook's section, in this order; the rest are listed as-is.
_DESCRIBED = ("id", "name", "description", "entry", "args", "language", "pass_filenames")
_FILE_KEYS = ("files", "exclude", "types", "types_or", "exclude_types")


def parse_hooks(hooks_yaml: str) -> list[dict[str, object]]:
    import yaml  # pyright: ignore[reportMissingTypeStubs]

    loaded: object = yaml.safe_load(hooks_yaml)  # pyright: ignore[reportUnknownMemberType]
    if not isinstance(loaded, list):
        raise ValueError(".pre-commit-hooks.yaml must be a list of hooks")
    hooks = cast("list[object]", loaded)
    if not all(isinstance(h, dict) and "id" in h for h in hooks):
        raise ValueError(".pre-commit-hooks.yaml: every hook needs an id")
    return [cast("dict[str, object]", h) for h in hooks]


def hooks_markdown(hooks_yaml: str | None, repo_url: str, version: str) -> str:
    lines = ["# Hooks\n"]
    if hooks_yaml is None:
        lines.append(
            "This checkout has no `.pre-commit-hooks.yaml` yet; once it has, this page "
            "lists its hooks (`make docs-gen`).\n"
        )
        return "\n".join(lines)
    hooks = parse_hooks(hooks_yaml)
    lines += [
        f"hardkit is a pre-commit hooks repository: its `.pre-commit-hooks.yaml` defines "
        f"{len(hooks)} hook{'s' * (len(hooks) != 1)}, which run with "
        "[pre-commit](https://pre-commit.com) and with "
        "[prek](https://github.com/j178/prek) alike. Add the ones you want to your "
        "`.pre-commit-config.yaml` (`hardkit init` does it for you):\n",
        _config_snippet(hooks, repo_url, version),
        "| Hook | Runs | Gets file names |",
        "|---|---|---|",
    ]
    lines += [_row(hook) for hook in hooks]
    lines.append("")
    for hook in hooks:
        lines += _section(hook)
    return "\n".join(lines)


def _config_snippet(hooks: list[dict[str, object]], repo_url: str, version: str) -> str:
    width = max(len(str(h["id"])) for h in hooks)
    entries = [f"      - id: {str(h['id']).ljust(width)}{_comment(h)}".rstrip() for h in hooks]
    body = "\n".join(
        ["repos:", f"  - repo: {repo_url}", f"    rev: v{version}", "    hooks:", *entries]
    )
    return f'```yaml title=".pre-commit-config.yaml"\n{body}\n```\n'


def _comment(hook: dict[str, object]) -> str:
    name = hook.get("name", hook["id"])
    return "" if name == hook["id"] else f"  # {name}"


def _command(hook: dict[str, object]) -> str:
    args = hook.get("args", [])
    words = [str(hook.get("entry", "")), *(str(a) for a in cast("list[object]", args))]
    return "`" + " ".join(w for w in words if w) + "`"


_FILE_WORDS = {
    "files": "matching",
    "exclude": "except those matching",
    "types": "of types",
    "types_or": "of any of the types",
    "exclude_types": "except the types",
}


def _files(hook: dict[str, object]) -> str:
    shown = [f"{_FILE_WORDS[key]} `{_plain(hook[key])}`" for key in _FILE_KEYS if key in hook]
    return "files " + ", ".join(shown) if shown else "all files"


def _plain(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in cast("list[object]", value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _row(hook: dict[str, object]) -> str:
    passes = "no: runs once for the repository" if hook.get("pass_filenames") is False else "yes"
    cells = [f"[`{hook['id']}`](#{hook['id']})", _command(hook), passes]
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _section(hook: dict[str, object]) -> list[str]:
    lines = [f"## `{hook['id']}`\n"]
    if "name" in hook:
        lines.append(f"**{hook['name']}.** {hook.get('description', '')}".rstrip() + "\n")
    elif "description" in hook:
        lines.append(f"{hook['description']}\n")
    lines.append(f"- Runs {_command(hook)} (language: {hook.get('language', 'python')})")
    lines.append(f"- On {_files(hook)}")
    if hook.get("pass_filenames") is False:
        lines.append("- Runs once for the repository: file names are not passed")
    for key, value in hook.items():
        if key not in _DESCRIBED and key not in _FILE_KEYS:
            lines.append(f"- `{key}`: `{_plain(value)}`")
    lines.append("")
    return lines
