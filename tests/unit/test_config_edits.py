"""Round trips of the edits `hardkit init` makes: one key or entry added, nothing else."""

from __future__ import annotations

import difflib
import sys
from typing import Any

import pytest
import yaml

from hardkit.adapters.config_text import parse_jsonc
from hardkit.adapters.json_edit import add_first_member
from hardkit.adapters.precommit_yaml import add_hooks
from hardkit.adapters.toml_edit import EditError, add_key
from hardkit.domain.sources import ParseFailure

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RUFF = ("tool", "ruff")
REPO = "https://github.com/hardkit/hardkit"
HOOKS = ("hardkit", "hardkit-presets")
ENTRY = (
    f"  - repo: {REPO}\n    rev: v1\n    hooks:\n      - id: hardkit\n      - id: hardkit-presets\n"
)
FLOW_HOOKS = "{id: hardkit}, {id: hardkit-presets}"

COMMENTS_EVERYWHERE = """\
# Top-of-file comment.
[project]  # the project table
name = "orders"  # trailing comment
authors = [{ name = "Ana", email = "ana@example.com" }]  # inline tables
dependencies = [
  # comment inside an array
  "fastapi>=0.115",  # pinned below
]

# Comment before the ruff table.
[tool.ruff]  # header comment
# comment about line-length
line-length = 100

[tool.ruff.lint]
extend-select = ["B"]  # their own additions
per-file-ignores = { "scripts/*" = ["T20"] }

[[tool.mypy.overrides]]  # array of tables
module = "legacy.*"
ignore_errors = true

[[tool.mypy.overrides]]
module = "vendored.*"

# Closing comment.
"""


def _only_insertions(old: str, new: str) -> list[str]:
    """The inserted lines; fails if any old line was changed, moved or dropped."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    inserted: list[str] = []
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), f"an existing line changed ({tag})"
        if tag == "insert":
            inserted.extend(new.splitlines()[j1:j2])
    return inserted


def _with(document: dict[str, Any], path: tuple[str, ...], value: str) -> dict[str, Any]:
    node = document
    for name in path[:-1]:
        node = node.setdefault(name, {})
    node[path[-1]] = value
    return document


def test_comments_everywhere_inline_tables_and_arrays_of_tables_survive() -> None:
    new = add_key(COMMENTS_EVERYWHERE, RUFF, "extend", "hardkit-ruff.toml")
    assert _only_insertions(COMMENTS_EVERYWHERE, new) == ['extend = "hardkit-ruff.toml"']
    assert new.replace('extend = "hardkit-ruff.toml"\n', "", 1) == COMMENTS_EVERYWHERE
    # Right below the header, above the comment that describes the first key.
    assert '[tool.ruff]  # header comment\nextend = "hardkit-ruff.toml"\n# comment about' in new
    expected = _with(tomllib.loads(COMMENTS_EVERYWHERE), (*RUFF, "extend"), "hardkit-ruff.toml")
    assert tomllib.loads(new) == expected
    assert tomllib.loads(new)["tool"]["ruff"]["lint"]["extend-select"] == ["B"]


def test_a_new_table_goes_after_the_other_tool_tables_with_a_blank_line() -> None:
    old = '[project]\nname = "x"\n\n[tool.black]\nline-length = 100\n'
    new = add_key(old, ("tool", "pyright"), "extends", "hardkit-pyright.json")
    assert new == old + '\n[tool.pyright]\nextends = "hardkit-pyright.json"\n'


def test_a_new_table_between_tables_is_separated_from_both() -> None:
    old = '[tool.black]\nline-length = 100\n\n[project]\nname = "x"\n'
    new = add_key(old, RUFF, "extend", "hardkit-ruff.toml")
    assert new == (
        '[tool.black]\nline-length = 100\n\n[tool.ruff]\nextend = "hardkit-ruff.toml"\n\n'
        '[project]\nname = "x"\n'
    )


def test_only_a_sub_table_gets_its_parent_header_above_it() -> None:
    old = '[project]\nname = "x"\n\n[tool.ruff.lint]\nselect = ["E"]\n'
    new = add_key(old, RUFF, "extend", "hardkit-ruff.toml")
    assert new == (
        '[project]\nname = "x"\n\n[tool.ruff]\nextend = "hardkit-ruff.toml"\n\n'
        '[tool.ruff.lint]\nselect = ["E"]\n'
    )


def test_indentation_of_the_table_is_copied() -> None:
    old = "[tool.ruff]\n    line-length = 100\n"
    new = add_key(old, RUFF, "extend", "hardkit-ruff.toml")
    assert new == '[tool.ruff]\n    extend = "hardkit-ruff.toml"\n    line-length = 100\n'


def test_crlf_files_stay_crlf() -> None:
    old = '[project]\r\nname = "x"\r\n\r\n[tool.ruff]\r\nline-length = 100\r\n'
    new = add_key(old, RUFF, "extend", "hardkit-ruff.toml")
    assert new == (
        '[project]\r\nname = "x"\r\n\r\n[tool.ruff]\r\nextend = "hardkit-ruff.toml"\r\n'
        "line-length = 100\r\n"
    )
    appended = add_key('[project]\r\nname = "x"\r\n', ("tool", "pyright"), "extends", "p.json")
    assert "\n" not in appended.replace("\r\n", "")


def test_dotted_and_inline_tool_tables() -> None:
    dotted = "[tool]\nruff.line-length = 100\nblack.x = 1\n"
    new = add_key(dotted, RUFF, "extend", "hardkit-ruff.toml")
    assert _only_insertions(dotted, new) == ['ruff.extend = "hardkit-ruff.toml"']
    inline = "[tool]\nruff = {line-length = 100}\n"
    new = add_key(inline, RUFF, "extend", "hardkit-ruff.toml")
    assert tomllib.loads(new)["tool"]["ruff"] == {"line-length": 100, "extend": "hardkit-ruff.toml"}


def test_a_ruff_toml_gets_the_key_above_its_first_setting() -> None:
    old = "# our ruff settings\n\nline-length = 100\n\n[lint]\nselect = ['E']\n"
    new = add_key(old, (), "extend", "hardkit-ruff.toml")
    assert new == old.replace("line-length", 'extend = "hardkit-ruff.toml"\nline-length')


def test_a_missing_final_newline_is_the_only_other_change() -> None:
    new = add_key('[project]\nname = "x"', RUFF, "extend", "hardkit-ruff.toml")
    assert new == '[project]\nname = "x"\n\n[tool.ruff]\nextend = "hardkit-ruff.toml"\n'


def test_invalid_toml_is_not_edited() -> None:
    with pytest.raises(ParseFailure) as failure:
        add_key("[tool.ruff\n", RUFF, "extend", "x")
    assert (failure.value.line, failure.value.column) == (1, 11)


def test_json_member_goes_first_with_comments_kept() -> None:
    old = (
        '{ // pyright\n  // where to look\n  "include": ["src"],\n  "strict": ["src"], // all\n}\n'
    )
    new = add_first_member(old, "extends", "hardkit-pyright.json")
    assert new == old.replace(
        "{ // pyright\n", '{ // pyright\n  "extends": "hardkit-pyright.json",\n'
    )
    assert parse_jsonc(new) == {"extends": "hardkit-pyright.json", **parse_jsonc(old)}  # pyright: ignore[reportGeneralTypeIssues]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("{}\n", '{"extends": "p.json"}\n'),
        ('{"include": ["src"]}', '{"extends": "p.json", "include": ["src"]}'),
        ("{\n}\n", '{\n  "extends": "p.json"\n}\n'),
        (
            '{\r\n    "include": []\r\n}\r\n',
            '{\r\n    "extends": "p.json",\r\n    "include": []\r\n}\r\n',
        ),
    ],
)
def test_json_layouts(old: str, new: str) -> None:
    assert add_first_member(old, "extends", "p.json") == new


def test_json_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(EditError):
        add_first_member("[]\n", "extends", "p.json")


PRECOMMIT_WITH_ANCHORS = """\
# Our hooks. Keep this list sorted.
default_stages: [pre-commit]
x-common: &common
  - id: check-yaml
  - id: end-of-file-fixer   # tidy endings

repos:
-   repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v5.0.0
    hooks: *common  # shared with CI
-   repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.8.0
    hooks:
    -   id: ruff
        args: [--fix]
    # -   id: ruff-format   (later)

# CI settings
ci:
  autofix_prs: false
"""


def test_precommit_comments_anchors_and_style_survive() -> None:
    new = add_hooks(PRECOMMIT_WITH_ANCHORS, REPO, "v0.1.0", HOOKS).text
    assert _only_insertions(PRECOMMIT_WITH_ANCHORS, new) == [
        f"-   repo: {REPO}",
        "    rev: v0.1.0",
        "    hooks:",
        "    -   id: hardkit",
        "    -   id: hardkit-presets",
    ]
    # After the commented-out hook of the last entry, before the next section's comment.
    assert "(later)\n-   repo: https://github.com/hardkit/hardkit\n" in new
    old_data = yaml.safe_load(PRECOMMIT_WITH_ANCHORS)
    new_data = yaml.safe_load(new)
    assert new_data["repos"][:2] == old_data["repos"]
    assert new_data["repos"][0]["hooks"] == old_data["x-common"]
    assert new_data["ci"] == {"autofix_prs": False}


def test_precommit_second_run_changes_nothing() -> None:
    once = add_hooks(PRECOMMIT_WITH_ANCHORS, REPO, "v0.1.0", HOOKS).text
    again = add_hooks(once, REPO, "v0.2.0", HOOKS)
    assert again.text == once
    assert again.summary == ""


def test_precommit_existing_hardkit_entry_gets_only_the_missing_hook() -> None:
    old = (
        "repos:\n  - repo: https://github.com/myorg/hardkit.git  # our fork\n    rev: v0.0.9\n"
        "    hooks:\n      - id: hardkit   # main\n  - repo: meta\n    hooks:\n"
        "      - id: check-useless-excludes\n"
    )
    edit = add_hooks(old, REPO, "v0.1.0", HOOKS)
    assert edit.text == old.replace("# main\n", "# main\n      - id: hardkit-presets\n")
    assert edit.summary == "added hardkit-presets to the hardkit entry"


def test_precommit_hooks_from_an_anchor_are_left_alone() -> None:
    old = f"x: &hk\n  - id: hardkit\nrepos:\n  - repo: {REPO}\n    rev: v1\n    hooks: *hk\n"
    edit = add_hooks(old, REPO, "v0.1.0", HOOKS)
    assert edit.text == old
    assert "YAML anchor" in edit.summary


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", f"repos:\n{ENTRY}"),
        ("repos: []\n", f"repos: [{{repo: {REPO}, rev: v1, hooks: [{FLOW_HOOKS}]}}]\n"),
        (
            "repos:\n- repo: meta\n  hooks:\n  - id: identity\n",
            "repos:\n- repo: meta\n  hooks:\n  - id: identity\n"
            f"- repo: {REPO}\n  rev: v1\n  hooks:\n  - id: hardkit\n  - id: hardkit-presets\n",
        ),
        (
            "repos:\r\n  - repo: meta\r\n    hooks:\r\n      - id: identity\r\n",
            "repos:\r\n  - repo: meta\r\n    hooks:\r\n      - id: identity\r\n"
            + ENTRY.replace("\n", "\r\n"),
        ),
        ("fail_fast: true\n", f"fail_fast: true\nrepos:\n{ENTRY}"),
    ],
    ids=["empty", "flow", "indentless", "crlf", "no-repos-key"],
)
def test_precommit_layouts(old: str, new: str) -> None:
    assert add_hooks(old, REPO, "v1", HOOKS).text == new


def test_invalid_yaml_is_not_edited() -> None:
    with pytest.raises(ParseFailure) as failure:
        add_hooks("repos: [\n", REPO, "v1", HOOKS)
    assert failure.value.line == 2
