"""`hardkit init` and `hardkit sync` as a user runs them, on real temporary repositories."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from hardkit import __version__
from hardkit.adapters.config_text import parse_jsonc
from hardkit.domain.presets.shipped import PYRIGHT_PRESET, RUFF_PRESET, render_preset
from hardkit.entrypoints.cli import main
from tests.helpers import write

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYPROJECT = """\
# orders-service
[project]
name = "orders"   # the distribution name
version = "0.3.0"
authors = [{ name = "Ana" }]

[tool.ruff]
line-length = 100  # house style

[tool.ruff.lint]
extend-select = ["B"]

[[tool.mypy.overrides]]
module = "legacy.*"
"""


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".hardkit_cache" not in p.parts
    }


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_presets_wires_them_in_and_adds_hooks(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, {"pyproject.toml": PYPROJECT})
    assert main(["init"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"hardkit-ruff.toml: wrote hardkit {__version__}'s preset",
        f"hardkit-pyright.json: wrote hardkit {__version__}'s preset",
        'pyproject.toml: added extend = "hardkit-ruff.toml" to [tool.ruff]',
        'pyproject.toml: added extends = "hardkit-pyright.json" to [tool.pyright]',
        ".pre-commit-config.yaml: created it with the hardkit hooks",
        "hardkit changed 4 files.",
    ]
    assert (repo / RUFF_PRESET).read_text() == render_preset(RUFF_PRESET, __version__)
    assert (repo / PYRIGHT_PRESET).read_text() == render_preset(PYRIGHT_PRESET, __version__)
    pyproject = (repo / "pyproject.toml").read_text()
    assert (
        pyproject
        == PYPROJECT.replace("[tool.ruff]\n", '[tool.ruff]\nextend = "hardkit-ruff.toml"\n')
        + '\n[tool.pyright]\nextends = "hardkit-pyright.json"\n'
    )
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    assert hooks == {
        "repos": [
            {
                "repo": "https://github.com/hardkit/hardkit",
                "rev": f"v{__version__}",
                "hooks": [{"id": "hardkit"}, {"id": "hardkit-presets"}],
            }
        ]
    }


def test_a_second_init_changes_no_byte(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"pyproject.toml": PYPROJECT.replace("\n", "\r\n")})
    assert main(["init"]) == 0
    first = _snapshot(repo)
    capsys.readouterr()
    assert main(["init"]) == 0
    assert _snapshot(repo) == first
    assert capsys.readouterr().out == "hardkit is set up here: nothing to change.\n"
    # The CRLF file stayed CRLF, new lines included.
    assert b"\n" not in first["pyproject.toml"].replace(b"\r\n", b"")


def test_dry_run_prints_a_diff_and_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, {"pyproject.toml": PYPROJECT})
    before = _snapshot(repo)
    assert main(["init", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert _snapshot(repo) == before
    assert "--- a/pyproject.toml\n+++ b/pyproject.toml\n" in out
    assert '+extend = "hardkit-ruff.toml"\n' in out
    assert "--- /dev/null\n+++ b/.pre-commit-config.yaml\n" in out
    # Says what it would do, never what it did: nothing was written.
    assert out.endswith(
        f"hardkit-ruff.toml: would write hardkit {__version__}'s preset\n"
        f"hardkit-pyright.json: would write hardkit {__version__}'s preset\n"
        'pyproject.toml: would add extend = "hardkit-ruff.toml" to [tool.ruff]\n'
        'pyproject.toml: would add extends = "hardkit-pyright.json" to [tool.pyright]\n'
        ".pre-commit-config.yaml: would create it with the hardkit hooks\n"
        "hardkit would change 4 files.\n"
    )


def test_dry_run_words_every_kind_of_change_as_not_done(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stale preset (rewritten), a new ruff.toml and pyrightconfig.json (created), an
    existing hooks file (hooks added): every summary says "would"."""
    write(
        repo,
        {
            RUFF_PRESET: "# Written by hardkit 0.0.1\n[lint]\n",
            ".pre-commit-config.yaml": "repos: []\n",
        },
    )
    assert main(["init", "--dry-run"]) == 0
    summaries = [
        line for line in capsys.readouterr().out.splitlines() if line.split(": ", 1)[0] in (
            RUFF_PRESET, PYRIGHT_PRESET, "ruff.toml", "pyrightconfig.json",
            ".pre-commit-config.yaml",
        ) and not line.startswith(("---", "+++"))
    ]  # fmt: skip
    assert len(summaries) == 5, summaries
    assert all(": would " in line for line in summaries), summaries


def test_an_extend_of_the_users_own_is_kept_with_the_line_to_change(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = (
        '[tool.ruff]\n# shared across our services\nextend = "../ruff-base.toml"\n'
        'extend-select = ["B"]\n'
    )
    write(repo, {"pyproject.toml": own})
    assert main(["init"]) == 1
    out = capsys.readouterr().out
    assert tomllib.loads((repo / "pyproject.toml").read_text())["tool"]["ruff"]["extend"] == (
        "../ruff-base.toml"
    )
    assert (
        'pyproject.toml:3: [tool.ruff] already extends "../ruff-base.toml"; extend takes one '
        "file, so hardkit left it alone. To use the preset, change line 3\n"
        '    extend = "../ruff-base.toml"\nto\n    extend = "hardkit-ruff.toml"\n'
    ) in out
    # Everything else was still done.
    assert (repo / RUFF_PRESET).is_file()
    assert "[tool.pyright]" in (repo / "pyproject.toml").read_text()


_TRAILING_COMMA = '{"include": ["src"], }'  # what the parser sees: the extra comma blanked


def _json_error_column(text: str) -> int:
    """Where this interpreter's json reports the error: 3.13 names the trailing comma."""
    import json

    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.colno
    raise AssertionError(f"{text!r} is valid JSON")


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        (
            "pyproject.toml",
            '[project]\nname = "x"\n[tool.ruff\n',
            "pyproject.toml:3:11: not valid TOML",
        ),
        (
            ".pre-commit-config.yaml",
            "repos:\n  - repo: [\n",
            ".pre-commit-config.yaml:3:1: not valid YAML",
        ),
        (
            "pyrightconfig.json",
            '{"include": ["src"],,}\n',
            f"pyrightconfig.json:1:{_json_error_column(_TRAILING_COMMA)}: not valid JSON",
        ),
    ],
)
def test_an_unparsable_file_stops_init_with_one_line_and_no_write(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, where: str
) -> None:
    write(repo, {name: content})
    before = _snapshot(repo)
    assert main(["init"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"hardkit: error: {where}")
    assert lines[0].endswith("(nothing was changed)")
    assert _snapshot(repo) == before


def test_pyrightconfig_json_gets_extends_instead_of_pyproject(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = '{\n  // strict in CI\n  "include": ["src"],\n}\n'
    write(repo, {"pyproject.toml": '[project]\nname = "x"\n', "pyrightconfig.json": config})
    assert main(["init"]) == 0
    assert "[tool.pyright]" not in (repo / "pyproject.toml").read_text()
    new = (repo / "pyrightconfig.json").read_text()
    assert new == config.replace("{\n", '{\n  "extends": "hardkit-pyright.json",\n')
    assert parse_jsonc(new) == {"extends": "hardkit-pyright.json", "include": ["src"]}
    assert 'pyrightconfig.json: added "extends": "hardkit-pyright.json"' in capsys.readouterr().out


def test_without_pyproject_ruff_toml_and_pyrightconfig_are_created(repo: Path) -> None:
    assert main(["init"]) == 0
    assert (repo / "ruff.toml").read_text() == 'extend = "hardkit-ruff.toml"\n'
    assert parse_jsonc((repo / "pyrightconfig.json").read_text()) == {
        "extends": "hardkit-pyright.json"
    }
    assert not (repo / "pyproject.toml").exists()


def test_init_notes_settings_that_replace_the_presets(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        {
            "pyproject.toml": (
                '[tool.ruff.lint]\nselect = ["E", "F"]\n\n'
                '[tool.pyright]\ntypeCheckingMode = "basic"\n'
            )
        },
    )
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert (
        "note: pyproject.toml: your lint.select replaces the preset's rule selection; "
        "rename it extend-select to add to it"
    ) in out
    assert 'note: pyproject.toml: your typeCheckingMode overrides the preset\'s "strict"' in out


def test_sync_rewrites_an_old_preset_and_check_reports_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = render_preset(RUFF_PRESET, "0.0.1").replace('  "PERF",\n', "")
    write(
        repo,
        {
            "pyproject.toml": '[tool.ruff]\nextend = "hardkit-ruff.toml"\n',
            RUFF_PRESET: old.replace("\n", "\r\n"),
        },
    )
    assert main(["sync", "--check"]) == 1
    out = capsys.readouterr().out.splitlines()
    line = render_preset(RUFF_PRESET, "0.0.1").splitlines().index('  "PERF",') + 1
    assert out[0] == (
        f"hardkit-ruff.toml:{line}:1: HK403 hardkit-ruff.toml was written by hardkit 0.0.1 and "
        f"differs from hardkit {__version__}'s preset; `hardkit sync` rewrites it"
    )
    assert (repo / RUFF_PRESET).read_bytes().decode() == old.replace("\n", "\r\n")
    # Only the ruff preset is in use here: sync leaves pyright alone.
    assert main(["sync"]) == 0
    assert capsys.readouterr().out == (
        f"hardkit-ruff.toml: rewrote it with hardkit {__version__}'s preset (it was hardkit "
        "0.0.1's)\nhardkit changed 1 file.\n"
    )
    shipped = render_preset(RUFF_PRESET, __version__)
    assert (repo / RUFF_PRESET).read_bytes().decode() == shipped.replace("\n", "\r\n")
    assert not (repo / PYRIGHT_PRESET).exists()
    assert main(["sync", "--check"]) == 0
    assert capsys.readouterr().out == "The presets are present, current and extended.\n"


def test_sync_check_reports_missing_and_unextended_presets(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        {
            "pyproject.toml": (
                '[project]\nname = "x"\n\n[tool.pyright]\nextends = "hardkit-pyright.json"\n'
            ),
            RUFF_PRESET: render_preset(RUFF_PRESET, __version__),
        },
    )
    assert main(["sync", "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "hardkit-pyright.json: missing; `hardkit sync` writes it",
        "pyproject.toml:1:1: HK401 no [tool.ruff] table, so hardkit-ruff.toml is never read "
        '(add extend = "hardkit-ruff.toml")',
        "Run `hardkit sync` to rewrite the presets, `hardkit init` to wire them in.",
    ]
    assert main(["sync"]) == 0
    assert (repo / PYRIGHT_PRESET).is_file()


def test_sync_check_honours_the_projects_ignore(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        {
            "pyproject.toml": (
                '[tool.ruff]\nextend = "hardkit-ruff.toml"\n\n[tool.hardkit]\nignore = ["HK402"]\n'
            ),
            RUFF_PRESET: render_preset(RUFF_PRESET, __version__),
            PYRIGHT_PRESET: render_preset(PYRIGHT_PRESET, __version__),
        },
    )
    assert main(["sync", "--check"]) == 0, capsys.readouterr().out


def test_init_then_check_finds_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"pyproject.toml": PYPROJECT})
    assert main(["init"]) == 0
    assert main(["check", "--select", "HK4", "."]) == 0, capsys.readouterr().out


def test_a_local_hardkit_hook_is_left_to_its_owner(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local = (
        "repos:\n  - repo: local\n    hooks:\n      - id: hardkit\n        name: hardkit\n"
        "        entry: hardkit check\n        language: system\n        types: [python]\n"
    )
    write(repo, {".pre-commit-config.yaml": local})
    assert main(["init"]) == 0
    assert (repo / ".pre-commit-config.yaml").read_text() == local
    assert (
        "note: .pre-commit-config.yaml: it runs hardkit as a local hook; left it as it is; "
        "add hardkit-presets to it yourself"
    ) in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {".pre-commit-config.yaml": "- repo: local\n"},
            ".pre-commit-config.yaml: could not add the hardkit hooks safely (the top level is "
            "not a block mapping)",
        ),
        (
            {"pyproject.toml": b"[project]\nname = 'caf\xe9'\n"},
            "pyproject.toml: cannot read it: invalid UTF-8 byte 0xe9",
        ),
    ],
    ids=["yaml-list", "not-utf8"],
)
def test_a_file_init_cannot_edit_safely_stops_it(
    repo: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str | bytes], message: str
) -> None:
    write(repo, files)
    before = _snapshot(repo)
    assert main(["init"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"hardkit: error: {message} (nothing was changed)"]
    assert _snapshot(repo) == before
