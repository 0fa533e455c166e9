"""``hardkit doctor`` on hardkit's own repository and on the bundled example, against
golden outputs in ``tests/data/doctor/``.

The scorecards follow the repositories: when hardkit's layout or tooling changes (a CI
workflow, property tests, a Dockerfile, new HK3xx rules), regenerate them and review the
diff::

    HARDKIT_REGEN_GOLDEN=1 .venv/bin/pytest tests/integration/test_doctor_golden.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from hardkit.entrypoints.cli import main

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "data" / "doctor"
REGENERATE = os.environ.get("HARDKIT_REGEN_GOLDEN") == "1"
CASES = [
    ("hardkit", "."),
    ("orders-service", "examples/orders-service"),
]
FORMATS = [("text", "txt"), ("json", "json")]


@pytest.mark.parametrize(("name", "path"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize(("output_format", "suffix"), FORMATS, ids=[f[0] for f in FORMATS])
def test_doctor_scorecard_matches_the_golden_output(
    name: str,
    path: str,
    output_format: str,
    suffix: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    code = main(["doctor", path, "--output-format", output_format])
    out = capsys.readouterr().out
    golden = GOLDEN / f"{name}.{suffix}"
    if REGENERATE:
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), (
        f"{golden.relative_to(REPO)} is out of date; if the change is intended, run "
        "HARDKIT_REGEN_GOLDEN=1 pytest tests/integration/test_doctor_golden.py"
    )
    assert code == (0 if _ok(out, output_format) else 1)


def _ok(out: str, output_format: str) -> bool:
    if output_format == "json":
        return bool(json.loads(out)["ok"])
    summary = re.search(r"failed \((\d+) required\)[^\n]*\n\Z", out)
    assert summary is not None, "the text report ends with its summary line"
    return summary.group(1) == "0"
