"""Adopting hardkit on legacy code: baselines, and rules no suppression can hide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hardkit.entrypoints.cli import main
from tests.fake_rule import flag_rule
from tests.helpers import write

__all__ = ["flag_rule"]

pytestmark = pytest.mark.usefixtures("project", "flag_rule")

LEGACY = "import os\n\nA = 'FLAG'\n\n\ndef f():\n    return 'FLAG'\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--no-cache", *args])
    return code, capsys.readouterr().out


def test_baseline_hides_recorded_findings_after_lines_move(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"legacy.py": LEGACY})
    assert main(["check", "--write-baseline", "baseline.json"]) == 0
    assert capsys.readouterr().err == "Wrote 2 finding(s) to baseline.json.\n"
    document = json.loads((project / "baseline.json").read_text())
    assert document["version"] == 1
    assert [(e["path"], e["code"], e["line"]) for e in document["findings"]] == [
        ("legacy.py", "HK999", 3),
        ("legacy.py", "HK999", 7),
    ]
    # Lines inserted above, unrelated edits elsewhere: still hidden.
    write(project, {"legacy.py": "# header\n# more\n" + LEGACY.replace("import os", "import sys")})
    assert run(capsys, "--baseline", "baseline.json") == (
        0,
        "All checks passed!\n2 findings hidden by the baseline.\n",
    )


def test_a_new_finding_on_top_of_the_baseline_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"legacy.py": LEGACY})
    main(["check", "--write-baseline", "baseline.json"])
    write(project, {"legacy.py": LEGACY + "B = 'FLAG FLAG'\n"})
    code, out = run(capsys, "--baseline", "baseline.json", "-q")
    assert (code, out) == (
        1,
        "legacy.py:8:6: HK999 [*] FLAG found\nlegacy.py:8:11: HK999 [*] FLAG found\n",
    )


def test_an_identical_statement_added_is_new(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"a.py": "x = 'FLAG'\n"})
    main(["check", "--write-baseline", "b.json"])
    write(project, {"a.py": "x = 'FLAG'\nx = 'FLAG'\n"})
    assert run(capsys, "--baseline", "b.json", "-q") == (1, "a.py:2:6: HK999 [*] FLAG found\n")


def test_fixed_then_reintroduced_is_reported_once_pruned(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"a.py": "x = 'FLAG'\ny = 'FLAG'\n"})
    main(["check", "--write-baseline", "b.json"])
    write(project, {"a.py": "x = 'ok'\ny = 'FLAG'\n"})
    code, out = run(capsys, "--baseline", "b.json")
    assert code == 0
    assert out.splitlines()[-1] == "1 baseline entry no longer matches; --write-baseline prunes it."
    main(["check", "--write-baseline", "b.json"])
    capsys.readouterr()
    assert len(json.loads((project / "b.json").read_text())["findings"]) == 1
    write(project, {"a.py": "x = 'FLAG'\ny = 'FLAG'\n"})
    assert run(capsys, "--baseline", "b.json", "-q") == (1, "a.py:1:6: HK999 [*] FLAG found\n")


def test_baseline_from_config_is_relative_to_the_project(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, {"src/a.py": "x = 'FLAG'\n"})
    main(["check", "--write-baseline", "hardkit-baseline.json"])
    write(project, {"pyproject.toml": "[tool.hardkit]\nbaseline = 'hardkit-baseline.json'\n"})
    monkeypatch.chdir(project / "src")
    assert run(capsys, "-q")[0] == 0


def test_a_missing_or_broken_baseline_is_a_clear_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"a.py": "x = 1\n", "bad.json": '{"version": 7}'})
    assert main(["check", "--baseline", "nope.json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hardkit: error: ")
    assert "nope.json: baseline file not found (create it with --write-baseline" in err
    assert main(["check", "--baseline", "bad.json"]) == 2
    assert "bad.json: not a version 1 hardkit baseline" in capsys.readouterr().err


def test_unsuppressible_rules_ignore_noqa_and_report_the_attempt(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            "pyproject.toml": "[tool.hardkit]\nunsuppressible = ['HK999']\n",
            "a.py": "x = 'FLAG'  # noqa: HK999\ny = 'FLAG'  # noqa: HK999, HK002\n",
        },
    )
    code, out = run(capsys, "-q")
    assert code == 1
    assert out.splitlines() == [
        "a.py:1:6: HK999 [*] FLAG found",
        "a.py:1:13: HK002 this comment cannot suppress HK999: it is listed in `unsuppressible`",
        "a.py:2:6: HK999 [*] FLAG found",
        "a.py:2:13: HK002 this comment cannot suppress HK999: it is listed in `unsuppressible`",
    ]


def test_unsuppressible_rules_ignore_per_file_ignores(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            "pyproject.toml": (
                "[tool.hardkit]\nunsuppressible = ['HK9']\n"
                "per-file-ignores = { 'legacy/**' = ['HK999'] }\n"
            ),
            "legacy/a.py": "x = 'FLAG'\n",
        },
    )
    code, out = run(capsys, "-q")
    assert code == 1
    assert out.splitlines() == [
        "legacy/a.py:1:6: HK002 per-file-ignores cannot suppress HK999: "
        "it is listed in `unsuppressible`",
        "legacy/a.py:1:6: HK999 [*] FLAG found",
    ]


def test_a_baseline_still_hides_unsuppressible_findings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {"pyproject.toml": "[tool.hardkit]\nunsuppressible = ['HK999']\n", "a.py": "x = 'FLAG'\n"},
    )
    main(["check", "--write-baseline", "b.json"])
    assert run(capsys, "--baseline", "b.json", "-q") == (0, "")
