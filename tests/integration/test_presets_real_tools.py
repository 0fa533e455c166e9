"""The presets under the real tools, after a real `hardkit init`: ruff and pyright read them.

Each test runs the tool on the same sample repository before and after `hardkit init`,
so a check it reports afterwards is one the preset turned on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hardkit.entrypoints.cli import main
from tests.helpers import write

SERVICE = """\
import datetime


def now() -> datetime.datetime:
    return datetime.datetime.now()


def delete(user: object, admin: bool) -> None:
    assert admin  # noqa: HK101


def remove(user: object, owner: bool) -> None:
    assert owner  # noqa: HK101, E501
"""

TEST_FILE = """\
def test_login() -> None:
    password = "hunter2"
    print(password)
    assert password
"""

SAMPLE = {
    "pyproject.toml": '[project]\nname = "orders"\nversion = "0"\nrequires-python = ">=3.10"\n',
    "src/orders/__init__.py": "",
    "src/orders/service.py": SERVICE,
    "src/orders/settings.py": 'password = "hunter2"\n',
    "tests/unit/test_login.py": TEST_FILE,
}


def _tool(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _ruff(root: Path, *args: str) -> list[tuple[str, str]]:
    done = _tool("ruff", "check", "--no-cache", "--output-format", "json", *args, cwd=root)
    assert done.returncode in (0, 1), done.stderr
    return sorted(
        (Path(d["filename"]).relative_to(root).as_posix(), d["code"])
        for d in json.loads(done.stdout)
    )


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, SAMPLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_ruff_reads_the_preset_through_extend(sample: Path) -> None:
    before = _ruff(sample, ".")
    assert ("src/orders/service.py", "DTZ005") not in before
    assert main(["init"]) == 0
    found = _ruff(sample, ".")
    # Rules only the preset enables: naive datetime (DTZ), a hard-coded password (S105).
    assert ("src/orders/service.py", "DTZ005") in found
    assert ("src/orders/settings.py", "S105") in found
    # RUF100 is on: the unused E501 is reported; HK101 is neither unused nor invalid (RUF102).
    assert [f for f in found if f[1].startswith("RUF")] == [("src/orders/service.py", "RUF100")]
    # Test code: the per-file ignores of the preset hold when it is extended from the root.
    assert [f for f in found if f[0].startswith("tests/")] == []


def test_the_preset_applies_when_ruff_runs_from_a_subdirectory(sample: Path) -> None:
    assert main(["init"]) == 0
    assert _ruff(sample / "tests", ".") == []
    assert ("orders/settings.py", "S105") in _ruff(sample / "src", ".")


def _ruff_fix(root: Path) -> str:
    done = _tool("ruff", "check", "--no-cache", "--fix", "--select", "RUF", ".", cwd=root)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return (root / "src/orders/service.py").read_text()


def test_noqa_hk_survives_ruff_fix_with_ruf100_on(sample: Path) -> None:
    assert main(["init"]) == 0
    fixed = _ruff_fix(sample)
    assert "    assert admin  # noqa: HK101\n" in fixed
    assert "    assert owner  # noqa: HK101\n" in fixed  # RUF100 removed only E501


def test_without_the_presets_external_ruff_fix_deletes_noqa_hk(sample: Path) -> None:
    """The control: the same run with `lint.external` taken out of the preset."""
    assert main(["init"]) == 0
    preset = sample / "hardkit-ruff.toml"
    preset.write_text(preset.read_text().replace('external = ["HK"]', ""))
    fixed = _ruff_fix(sample)
    assert "# noqa: HK101" not in fixed


def _pyright(root: Path, target: str) -> set[str]:
    done = _tool("pyright", "--outputjson", target, cwd=root)
    report = json.loads(done.stdout)
    return {d.get("rule", "") for d in report["generalDiagnostics"] if d["severity"] == "error"}


PYRIGHT_SAMPLE = """\
def total(prices):
    return sum(prices)


count: int = 1  # type: ignore
"""


def test_pyright_reads_the_preset_through_extends(sample: Path) -> None:
    write(sample, {"src/orders/pricing.py": PYRIGHT_SAMPLE})
    before = _pyright(sample, "src/orders/pricing.py")
    assert "reportMissingParameterType" not in before
    assert main(["init"]) == 0
    after = _pyright(sample, "src/orders/pricing.py")
    assert "reportMissingParameterType" in after  # strict mode, through `extends`
    assert "reportUnnecessaryTypeIgnoreComment" in after  # an extra of the preset


def test_pyright_reads_extends_in_a_pyrightconfig_with_comments(sample: Path) -> None:
    write(
        sample,
        {
            "src/orders/pricing.py": PYRIGHT_SAMPLE,
            "pyrightconfig.json": '{\n  // checked in CI\n  "include": ["src"],\n}\n',
        },
    )
    assert main(["init"]) == 0
    assert '"extends": "hardkit-pyright.json"' in (sample / "pyrightconfig.json").read_text()
    assert "reportMissingParameterType" in _pyright(sample, "src/orders/pricing.py")
