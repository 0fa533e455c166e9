"""The presets as values: rendering, comparing, the version header, and the package data."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import hardkit
from hardkit.adapters.config_text import parse_jsonc, strip_jsonc
from hardkit.domain.presets.shipped import (
    PYRIGHT_PRESET,
    RUFF_PRESET,
    extends_preset,
    first_difference,
    is_newer,
    render_preset,
    written_by,
)
from hardkit.domain.presets.templates import PYRIGHT_TEMPLATE, RUFF_TEMPLATE
from hardkit.domain.presets.toml_lines import key_lines, table_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PACKAGE = Path(hardkit.__file__).parent / "presets"


@pytest.mark.parametrize(
    ("name", "template"), [(RUFF_PRESET, RUFF_TEMPLATE), (PYRIGHT_PRESET, PYRIGHT_TEMPLATE)]
)
def test_package_data_is_the_template(name: str, template: str) -> None:
    shipped = (PACKAGE / name).read_bytes().decode("utf-8")
    assert shipped == template, (
        f"src/hardkit/presets/{name} differs from its template in "
        "hardkit.domain.presets.templates: copy the template into it, byte for byte"
    )


def test_the_ruff_preset_is_valid_toml_with_what_the_issue_asks_for() -> None:
    preset = tomllib.loads(render_preset(RUFF_PRESET, "1.2.3"))
    lint = preset["lint"]
    for family in ("F", "E9", "B", "S", "UP", "I", "SIM", "C4", "PT", "ASYNC", "BLE", "T20"):
        assert family in lint["select"]
    for family in ("PTH", "DTZ", "LOG", "PERF", "RUF"):
        assert family in lint["select"]
    assert lint["ignore"] == ["S101"]
    assert lint["external"] == ["HK"]
    assert lint["per-file-ignores"]["**/tests/**"] == ["S", "T20"]


def test_every_selected_family_is_commented() -> None:
    lines = RUFF_TEMPLATE.splitlines()
    start = lines.index("select = [")
    for number, line in enumerate(lines[start + 1 :], start + 1):
        if line == "]":
            break
        if line.lstrip().startswith('"'):
            above = lines[number - 1].lstrip()
            assert above.startswith("#"), f"no comment says why {line.strip()} is selected"


def test_the_pyright_preset_is_strict_json_with_comments() -> None:
    preset = parse_jsonc(render_preset(PYRIGHT_PRESET, "1.2.3"))
    assert isinstance(preset, dict)
    assert preset["typeCheckingMode"] == "strict"
    assert preset["reportUnnecessaryTypeIgnoreComment"] == "error"
    assert preset["reportImplicitOverride"] == "error"


def test_the_header_names_the_version_that_wrote_it() -> None:
    text = render_preset(RUFF_PRESET, "2.5.0")
    assert text.splitlines()[0].startswith("# Written by hardkit 2.5.0:")
    assert written_by(text) == "2.5.0"
    assert written_by(render_preset(PYRIGHT_PRESET, "0.1.0rc1")) == "0.1.0rc1"
    assert written_by("[lint]\n") is None


def test_copies_differing_in_header_or_line_endings_are_the_same() -> None:
    ours = render_preset(RUFF_PRESET, "0.2.0")
    assert first_difference(render_preset(RUFF_PRESET, "0.1.0"), ours) is None
    assert first_difference(ours.replace("\n", "\r\n"), ours) is None
    assert first_difference("\ufeff" + ours, ours) is None


def test_the_first_differing_line_is_reported() -> None:
    ours = render_preset(PYRIGHT_PRESET, "0.1.0")
    edited = ours.replace('"strict"', '"basic"')
    line = ours.splitlines().index('  "typeCheckingMode": "strict",') + 1
    assert first_difference(edited, ours) == line
    assert first_difference("", ours) == 1
    truncated = "\n".join(ours.splitlines()[:5])
    assert first_difference(truncated, ours) == 5


def test_versions_compare_by_release_numbers() -> None:
    assert is_newer("0.10.0", "0.9.3")
    assert is_newer("1.0", "0.99.99")
    assert not is_newer("0.1.0", "0.1.0")
    assert not is_newer("0.1.0rc1", "0.1.0")
    assert not is_newer("dev", "0.1.0")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("hardkit-ruff.toml", True),
        ("./hardkit-ruff.toml", True),
        (".\\hardkit-ruff.toml", True),
        ("config/../hardkit-ruff.toml", True),
        ("../hardkit-ruff.toml", False),
        ("base.toml", False),
        (["hardkit-ruff.toml"], False),
        (None, False),
    ],
)
def test_extends_preset(value: object, expected: bool) -> None:
    assert extends_preset(value, RUFF_PRESET) is expected


def test_key_lines_find_headers_keys_and_dotted_keys() -> None:
    text = (
        '[project]\nname = "x"\ndescription = """\n[tool.ruff]\nextend = "no"\n"""\n'
        'dependencies = [\n  "a",  # [tool.ruff]\n  "b",\n]\n\n'
        '[tool]\nruff.extend = "base.toml"\n\n[tool.pyright]\n"extends" = "p.json"\n'
        "[[tool.mypy.overrides]]\nmodule = 'a'\n"
    )
    lines = key_lines(text)
    assert lines[("tool", "ruff", "extend")] == 13
    assert table_line(lines, ("tool", "ruff")) == 13
    assert lines[("tool", "pyright")] == 15
    assert lines[("tool", "pyright", "extends")] == 16
    assert lines[("tool", "mypy", "overrides", "module")] == 18
    assert ("project", "description") in lines
    assert lines.get(("project", "extend")) is None


def test_jsonc_keeps_positions_and_strings() -> None:
    text = '{\n  // a comment, with "quotes"\n  "a": "http://x//y", /* b */\n  "c": [1, 2,],\n}\n'
    plain = strip_jsonc(text)
    assert len(plain) == len(text)
    assert plain.count("\n") == text.count("\n")
    assert json.loads(plain) == {"a": "http://x//y", "c": [1, 2]}
