"""`--output-format gitlab`: a GitLab Code Quality report (artifacts:reports:codequality).

GitLab's documentation of the report ("Code Quality report format") lists what each
issue must carry, and GitLab reads nothing else into its merge-request widget:

* ``description`` (string): a description of the code quality violation;
* ``check_name`` (string): a unique name representing the check, or rule;
* ``fingerprint`` (string): a unique fingerprint to identify this specific violation;
  GitLab compares the fingerprints of two pipelines to tell new issues from fixed ones;
* ``severity`` (string): one of ``info``, ``minor``, ``major``, ``critical``,
  ``blocker``;
* ``location.path`` (string): the file, relative to the repository root (no ``./``);
* ``location.lines.begin`` (integer): the line on which the violation occurs.

The schema below is those fields written down; every report here is validated against
it. The fingerprints must stay the same from one run to the next and when the flagged
code moves to other lines (GitLab would otherwise show it as fixed and re-introduced).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from hardkit.entrypoints.cli import main
from tests.helpers import write

SEVERITIES = ["info", "minor", "major", "critical", "blocker"]
CODE_QUALITY_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": SEVERITIES},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^(\\./|/)"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}

VIEWS = """\
def delete(request):
    assert request.user.is_staff, "staff only"


def update(request):
    assert request.user.is_staff, "staff only"
"""
DOCKERFILE = (
    f"FROM python:3.13-slim@sha256:{'a' * 64}\n"
    "ENV PYTHONFAULTHANDLER=1\n"
    "USER app\n"
    'CMD ["python", "-O", "-m", "app"]\n'
)


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    code = main(["check", "--output-format", "gitlab", *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    issues: list[dict[str, Any]] = json.loads(out)
    jsonschema.validate(issues, CODE_QUALITY_SCHEMA)
    return issues


def _by_place(issues: list[dict[str, Any]]) -> dict[tuple[str, str, int], str]:
    return {
        (i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]): i["fingerprint"]
        for i in issues
    }


@pytest.fixture
def service(project: Path) -> Path:
    write(project, {"app/views.py": VIEWS, "Dockerfile": DOCKERFILE})
    return project


def test_every_issue_has_the_documented_fields(
    service: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issues = _report(capsys)
    assert [
        (i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["severity"])
        for i in issues
    ] == [
        ("HK308", "Dockerfile", 4, "minor"),  # a warning
        ("HK101", "app/views.py", 2, "major"),
        ("HK101", "app/views.py", 6, "major"),
    ]
    assert issues[1]["description"].startswith("HK101 assert checks `request.user.is_staff`")
    assert len({i["fingerprint"] for i in issues}) == 3, "identical statements differ"


def test_fingerprints_are_the_same_on_the_next_run_cached_or_not(
    service: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _by_place(_report(capsys))
    assert _by_place(_report(capsys)) == first  # from the cache
    assert _by_place(_report(capsys, "--no-cache")) == first


def test_fingerprints_survive_lines_moving(
    service: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _report(capsys)
    write(service, {"app/views.py": '"""Views."""\n\nimport os\n\n\n' + VIEWS})
    after = _report(capsys)
    assert [i["location"]["lines"]["begin"] for i in after if i["check_name"] == "HK101"] == [
        7,
        11,
    ]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_editing_the_flagged_statement_makes_a_new_fingerprint(
    service: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _by_place(_report(capsys))
    second = VIEWS.rindex('"staff only"')
    write(service, {"app/views.py": VIEWS[:second] + '"admins only"\n'})
    after = _by_place(_report(capsys))
    assert after[("HK101", "app/views.py", 2)] == before[("HK101", "app/views.py", 2)]
    assert after[("HK101", "app/views.py", 6)] != before[("HK101", "app/views.py", 6)]
    assert after[("HK308", "Dockerfile", 4)] == before[("HK308", "Dockerfile", 4)]


def test_a_file_that_cannot_be_checked_is_an_issue_too(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "broken.py").symlink_to(project / "missing.py")
    issues = _report(capsys, "broken.py")
    assert [(i["check_name"], i["location"]["path"], i["severity"]) for i in issues] == [
        ("hardkit-file-error", "broken.py", "critical")
    ]


def test_a_clean_run_is_an_empty_list(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"app.py": "x = 1\n"})
    assert _report(capsys) == []


def test_statistics_with_json_counts_per_rule(
    service: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--statistics", "--output-format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["version"] == 1
    assert [f["code"] for f in document["findings"]] == ["HK308", "HK101", "HK101"]
    assert document["statistics"] == [
        {"code": "HK101", "name": "assert-used-for-security", "count": 2, "fixable": True},
        {"code": "HK308", "name": "asserts-stripped", "count": 1, "fixable": False},
    ]


@pytest.mark.parametrize("output_format", ["sarif", "github", "gitlab"])
def test_statistics_with_a_format_that_has_no_place_for_them_is_a_usage_error(
    service: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    assert main(["check", "--statistics", "--output-format", output_format]) == 2
    assert capsys.readouterr().err == (
        f"hardkit: error: --statistics prints text or json, not {output_format}\n"
    )
