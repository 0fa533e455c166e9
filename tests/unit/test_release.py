"""The release path: a tag per version, the changelog's section as the notes, publishing
with trusted publishing, a GitHub release (.github/workflows/release.yml and
scripts/release.py)."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from hardkit import __version__
from tests.helpers import write

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def _release() -> ModuleType:
    scripts = str(ROOT / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    return importlib.import_module("release")


release = _release()


def _workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _uses(job: dict[str, Any]) -> list[str]:
    return [step.get("uses", "") for step in job["steps"]]


def test_a_version_tag_starts_the_release_and_nothing_else_does() -> None:
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "read"}


def test_the_jobs_check_then_build_then_publish_then_release() -> None:
    jobs = _workflow()["jobs"]
    assert list(jobs) == ["check", "build", "publish", "github-release"]
    assert [jobs[name].get("needs") for name in jobs] == [None, "check", "build", "publish"]
    assert 'scripts/release.py check "$GITHUB_REF_NAME"' in _runs(jobs["check"])
    assert "make check" in _runs(jobs["check"])
    assert "uv build" in _runs(jobs["build"])
    assert 'release.py notes "$GITHUB_REF_NAME" > release-notes.md' in _runs(jobs["build"])


def test_publishing_uses_trusted_publishing_and_no_stored_token() -> None:
    publish = _workflow()["jobs"]["publish"]
    assert publish["environment"] == "release"
    assert publish["permissions"] == {"id-token": "write"}
    step = next(s for s in publish["steps"] if "gh-action-pypi-publish" in s.get("uses", ""))
    assert "with" not in step or "password" not in step["with"]
    assert "secrets." not in WORKFLOW.read_text(encoding="utf-8")


def test_the_github_release_carries_the_changelog_section_and_the_files() -> None:
    job = _workflow()["jobs"]["github-release"]
    assert job["permissions"] == {"contents": "write"}
    command = _runs(job).strip()
    assert command.startswith('gh release create "$GITHUB_REF_NAME" dist/*')
    assert "--verify-tag" in command
    assert "--notes-file release-notes.md" in command


CHANGELOG = """\
# Changelog

## [Unreleased]

## [1.2.0] - 2027-03-01

### Added

- A rule.

## [1.1.0] - 2027-01-10

- Older.
"""


def _project(root: Path, version: str, changelog: str = CHANGELOG) -> Path:
    write(
        root,
        {"src/hardkit/__init__.py": f'__version__ = "{version}"\n', "CHANGELOG.md": changelog},
    )
    return root


def test_the_notes_are_the_versions_changelog_section(tmp_path: Path) -> None:
    root = _project(tmp_path, "1.2.0")
    assert release.check("v1.2.0", root) == "### Added\n\n- A rule.\n"


@pytest.mark.parametrize(
    ("version", "tag", "changelog", "error"),
    [
        ("1.2.0", "v1.2.1", CHANGELOG, "tag v1.2.1 does not name this version: __version__ "
         "is 1.2.0, so the tag is v1.2.0"),
        ("1.2.0", "1.2.0", CHANGELOG, "tag 1.2.0 does not name this version"),
        ("1.3.0", "v1.3.0", CHANGELOG, 'CHANGELOG.md has no section for 1.3.0: move the '
         'Unreleased entries under "## [1.3.0] - YYYY-MM-DD"'),
        ("1.2.0", "v1.2.0", CHANGELOG.replace("[1.2.0] - 2027-03-01", "[1.2.0]"),
         'the 1.2.0 heading needs its date'),
        ("1.2.0", "v1.2.0", CHANGELOG.replace("### Added\n\n- A rule.\n", ""),
         "the 1.2.0 section is empty"),
    ],
)  # fmt: skip
def test_a_tag_that_does_not_agree_stops_the_release(
    tmp_path: Path, version: str, tag: str, changelog: str, error: str
) -> None:
    root = _project(tmp_path, version, changelog)
    with pytest.raises(release.ReleaseError, match=re.escape(error)):
        release.check(tag, root)


def test_main_prints_the_notes_or_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path, "1.2.0")
    assert release.main(["notes", "v1.2.0", "--root", str(root)]) == 0
    assert capsys.readouterr().out == "### Added\n\n- A rule.\n"
    assert release.main(["check", "v9.9.9", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("release: tag v9.9.9 does not name this version")
    assert err.count("\n") == 1


def test_this_repository_is_ready_to_tag_or_says_what_is_missing() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert release.version() == __version__
    if f"## [{__version__}] - " in changelog:
        assert release.check(f"v{__version__}")
    else:
        with pytest.raises(release.ReleaseError, match="move the Unreleased entries"):
            release.check(f"v{__version__}")
