"""A rule page's "Examples" section: a few of the rule's own examples, which are its tests."""

from __future__ import annotations

import re
from typing import Any

from docs_toml import toml_table

from hardkit.domain.rule import Example, FileKind, Rule

SHOWN = 3  # examples shown per side; the rest stay in the rule's module
FOLD_AFTER = 30  # lines: longer sources are shown folded

_LANGUAGES = {
    ".py": "python",
    ".toml": "toml",
    ".lock": "toml",  # uv.lock
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".txt": "text",  # requirements files
}
_DOCKERFILE = re.compile(r"(Dockerfile|Containerfile)(\..+)?|.+\.[Dd]ockerfile")
_BACKTICKS = re.compile(r"`{3,}")


def examples_section(rule: Rule[Any], source: str) -> str:
    flagged = _chosen_invalid(rule)
    passing = [e for e in rule.examples if e.is_valid][:SHOWN]
    parts = [
        "## Examples\n",
        "These are the rule's own test cases: the test suite runs every one of them "
        "through the engine, so they show exactly what the rule does.\n",
    ]
    if flagged:
        parts.append("### Reported\n")
        parts += [_example(rule, e) for e in flagged]
    if passing:
        parts.append("### Not reported\n")
        parts += [_example(rule, e) for e in passing]
    hidden = len(rule.examples) - len(flagged) - len(passing)
    if hidden:
        parts.append(f"{hidden} more example{'s' * (hidden != 1)} in `{source}`.\n")
    return "\n".join(parts)


def _chosen_invalid(rule: Rule[Any]) -> list[Example]:
    """The first few invalid examples, and the first one with a fix if none of those has."""
    flagged = [e for e in rule.examples if not e.is_valid]
    chosen = flagged[:SHOWN]
    if not any(e.fixed is not None for e in chosen):
        chosen += [e for e in flagged if e.fixed is not None][:1]
    return chosen


def _example(rule: Rule[Any], example: Example) -> str:
    """The checked file first (with where it is reported), then the rest of its project."""
    language = _language(rule, example.path)
    titled = bool(example.path or example.files)
    parts: list[str] = []
    if not example.is_valid:
        where = "; ".join(f"line {line}, column {column}" for line, column in example.expect)
        parts.append(f"Reported at {where}:")
    parts.append(_block(example.source, language, example.path if titled else ""))
    parts += _context(rule, example)
    if example.fixed is not None:
        parts += ["`hardkit check --fix` rewrites it to:", _block(example.fixed, language, "")]
    return "\n\n".join(parts) + "\n"


def _context(rule: Rule[Any], example: Example) -> list[str]:
    """The configuration and the other files of a multi-file example."""
    blocks: list[str] = []
    if example.config:
        blocks.append(_block(toml_table("tool.hardkit", example.config), "toml", "pyproject.toml"))
    for path, text in sorted(example.files.items()):
        if text:
            blocks.append(_block(text, _language(rule, path), path))
    empty = sorted(path for path, text in example.files.items() if not text)
    if empty:
        blocks.append("Empty: " + ", ".join(f"`{p}`" for p in empty) + ".")
    return ["In the same project:", *blocks] if blocks else []


def _language(rule: Rule[Any], path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if _DOCKERFILE.fullmatch(name):
        return "dockerfile"
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix in _LANGUAGES:
        return _LANGUAGES[suffix]
    if rule.kind is FileKind.DOCKERFILE:
        return "dockerfile"
    return "toml" if rule.kind is FileKind.CONFIG else "python"


def _block(text: str, language: str, title: str) -> str:
    """A fenced code block that shows ``text`` faithfully, whatever it holds.

    A long one (a whole preset file, say) is folded: the reader opens it on demand.
    """
    shown, notes = _displayable(text)
    longest = max((len(m.group()) for m in _BACKTICKS.finditer(shown)), default=2)
    fence = "`" * max(3, longest + 1)
    attrs = f' title="{title}"' if title else ""
    block = f"{fence}{language}{attrs}\n{shown}\n{fence}"
    lines = shown.count("\n") + 1
    if lines > FOLD_AFTER:
        label = f"{title or 'The file'} ({lines} lines)".replace('"', "'")
        block = f'??? example "{label}"\n\n' + _indent(block)
    return block + ("\n\n" + " ".join(notes) if notes else "")


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.split("\n"))


def _displayable(text: str) -> tuple[str, list[str]]:
    notes: list[str] = []
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
        notes.append("(The file has CRLF line endings.)")
    if any(not (c.isprintable() or c in "\n\t") for c in text):
        text = "".join(c if c.isprintable() or c in "\n\t" else _escape(c) for c in text)
        notes.append("(Characters that cannot be shown are written as escapes.)")
    return text.removesuffix("\n"), notes


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
