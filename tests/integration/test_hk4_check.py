"""HK401-HK403 through `hardkit check`: the cache, explicit files, HK001 and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from hardkit import __version__
from hardkit.domain.presets.shipped import PYRIGHT_PRESET, RUFF_PRESET, render_preset
from hardkit.entrypoints.cli import main
from tests.helpers import write


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().out.splitlines() if ": HK" in line]


def test_a_preset_appearing_beside_pyproject_is_not_hidden_by_the_cache(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, {"pyproject.toml": "[tool.ruff]\nline-length = 100\n"})
    assert main(["check", "."]) == 0  # cached: pyproject.toml, nothing beside it
    write(repo, {RUFF_PRESET: render_preset(RUFF_PRESET, __version__)})
    capsys.readouterr()
    assert main(["check", "."]) == 1
    assert _lines(capsys) == [
        "pyproject.toml:1:1: HK401 [tool.ruff] does not extend hardkit-ruff.toml "
        '(add extend = "hardkit-ruff.toml")'
    ]
    (repo / RUFF_PRESET).unlink()
    assert main(["check", "."]) == 0


def test_a_pre_commit_run_on_pyproject_alone_still_sees_the_presets(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        {
            "pyproject.toml": '[project]\nname = "x"\n',
            PYRIGHT_PRESET: render_preset(PYRIGHT_PRESET, __version__),
        },
    )
    assert main(["check", "pyproject.toml"]) == 1
    assert _lines(capsys) == [
        "pyproject.toml:1:1: HK402 no [tool.pyright] table, so hardkit-pyright.json is never "
        'read (add extends = "hardkit-pyright.json")'
    ]


def test_an_unparsable_config_file_is_hk001_and_the_rest_is_checked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        {
            "pyproject.toml": "[tool.ruff\n",
            "pyrightconfig.json": '{"extends": "hardkit-pyright.json"}\n',
            PYRIGHT_PRESET: "{}\n",
        },
    )
    assert main(["check", "--select", "HK001,HK4", "."]) == 1
    lines = _lines(capsys)
    assert lines[0].startswith("hardkit-pyright.json:1:1: HK403 ")
    assert lines[1].startswith("pyproject.toml:1:11: HK001 not valid TOML: Expected ']'")
    assert len(lines) == 2


def test_fix_rewrites_an_out_of_date_preset_in_its_own_line_endings(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = render_preset(RUFF_PRESET, "0.0.1").replace('  "ASYNC",\n', "")
    write(repo, {RUFF_PRESET: old.replace("\n", "\r\n").encode()})
    assert main(["check", "--fix", RUFF_PRESET]) == 0, capsys.readouterr().out
    shipped = render_preset(RUFF_PRESET, __version__).replace("\n", "\r\n")
    assert (repo / RUFF_PRESET).read_bytes() == shipped.encode()
    assert main(["check", RUFF_PRESET]) == 0


def test_a_preset_from_a_newer_hardkit_is_reported_without_a_fix(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = render_preset(RUFF_PRESET, "99.0.0") + "# a rule family of the future\n"
    write(repo, {RUFF_PRESET: newer})
    assert main(["check", "--fix", RUFF_PRESET]) == 1
    assert (repo / RUFF_PRESET).read_text() == newer
    line = len(newer.splitlines())
    assert _lines(capsys) == [
        f"hardkit-ruff.toml:{line}:1: HK403 hardkit-ruff.toml was written by hardkit 99.0.0, "
        f"newer than this hardkit {__version__}; upgrade hardkit"
    ]


def test_the_example_shows_the_family(capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).parents[2] / "examples" / "orders-service"
    assert main(["check", "--no-cache", "--select", "HK4", str(example)]) == 1
    codes = [line.split(": ")[1].split()[0] for line in _lines(capsys)]
    assert codes == ["HK403", "HK401", "HK402"]
