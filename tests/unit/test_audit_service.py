"""The audit service with a fake at its port: the auditor returns pip-audit's recorded
report, so everything up to the network call runs for real (lock reading, selection,
matching the report back to the lock's lines, suppression)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from hardkit.adapters.pip_audit import parse_report
from hardkit.domain.supply_chain.audit import (
    AuditError,
    AuditReport,
    AuditUnavailable,
    PackageAudit,
    Pin,
)
from hardkit.service.audit import AuditOptions, run_audit
from tests.helpers import write

DATA = Path(__file__).resolve().parents[1] / "data" / "audit"
LOCK = (DATA / "uv.lock").read_text(encoding="utf-8")
VULNERABLE = parse_report((DATA / "pip-audit-vulnerable.json").read_text(encoding="utf-8"))
NOT_FOUND = parse_report((DATA / "pip-audit-not-found.json").read_text(encoding="utf-8"))


class RecordedAuditor:
    """The port, answering with a recorded pip-audit report (none: every pin clean);
    remembers what it was asked."""

    def __init__(self, report: AuditReport | None = None) -> None:
        self.report = report
        self.asked: list[list[tuple[str, str]]] = []

    def __call__(self, pins: Sequence[Pin]) -> AuditReport:
        self.asked.append([(p.name, p.version) for p in pins])
        if self.report is None:
            return AuditReport(tuple(PackageAudit(p.name, p.version) for p in pins))
        return self.report


def _project(root: Path, files: dict[str, str]) -> Path:
    write(root, {"pyproject.toml": '[project]\nname = "app"\n', **files})
    return root


def test_each_advisory_is_a_finding_on_its_packages_line(tmp_path: Path) -> None:
    root = _project(tmp_path, {"uv.lock": LOCK})
    auditor = RecordedAuditor(VULNERABLE)
    result = run_audit(AuditOptions(), auditor, root)
    assert auditor.asked == [
        [
            ("certifi", "2026.10.19.post1"),
            ("chardet", "3.0.4"),
            ("idna", "2.7"),
            ("jinja2", "2.10"),
            ("markupsafe", "3.0.4"),
            ("requests", "2.19.1"),
            ("urllib3", "1.23"),
        ]
    ]
    assert [(f.path, f.line, f.column, f.end_column, f.code) for f in result.findings] == [
        ("uv.lock", 31, 1, 14, "HK501"),
        ("uv.lock", 36, 1, 16, "HK501"),
        ("uv.lock", 36, 1, 16, "HK501"),
        ("uv.lock", 49, 1, 18, "HK501"),
        ("uv.lock", 49, 1, 18, "HK501"),
        ("uv.lock", 60, 1, 17, "HK501"),
    ]
    assert [f.message for f in result.findings if f.line == 49] == [
        "requests 2.19.1 has a known vulnerability PYSEC-2018-28 (also CVE-2018-18074); "
        "fixed in 2.20.0",
        "requests 2.19.1 has a known vulnerability PYSEC-2023-74 (also CVE-2023-32681, "
        "GHSA-j8r2-6x86-q33q); fixed in 2.31.0",
    ]
    assert result.errors == ()
    assert result.notes == ()
    assert result.audited == 7


def test_paths_are_shown_relative_to_the_current_directory(tmp_path: Path) -> None:
    _project(tmp_path, {"services/api/uv.lock": LOCK})
    lock = tmp_path / "services" / "api" / "uv.lock"
    result = run_audit(AuditOptions(locks=(lock,)), RecordedAuditor(VULNERABLE), tmp_path)
    assert {f.path for f in result.findings} == {"services/api/uv.lock"}


def test_every_pin_skipped_means_the_service_could_not_be_reached(tmp_path: Path) -> None:
    root = _project(tmp_path, {"uv.lock": LOCK})
    with pytest.raises(AuditUnavailable) as caught:
        run_audit(AuditOptions(), RecordedAuditor(NOT_FOUND), root)
    assert str(caught.value) == (
        "the vulnerability service answered for none of the 7 pinned packages (pip-audit: "
        "Dependency not found on PyPI and could not be audited: certifi (2026.10.19.post1)); "
        "it cannot be reached from here, or the packages are not published where it looks"
    )


def test_some_pins_skipped_are_notes(tmp_path: Path) -> None:
    root = _project(tmp_path, {"uv.lock": LOCK})
    partly = AuditReport(
        tuple(
            NOT_FOUND.packages[i] if p.name == "chardet" else p
            for i, p in enumerate(VULNERABLE.packages)
        )
    )
    result = run_audit(AuditOptions(), RecordedAuditor(partly), root)
    assert result.notes == (
        "uv.lock: chardet not audited: Dependency not found on PyPI and could not be "
        "audited: chardet (3.0.4)",
    )
    assert len(result.findings) == 6


def test_hk501_switched_off_makes_no_network_call(tmp_path: Path) -> None:
    root = _project(tmp_path, {"uv.lock": LOCK})
    write(root, {"pyproject.toml": '[tool.hardkit]\nignore = ["HK5"]\n'})
    auditor = RecordedAuditor(VULNERABLE)
    result = run_audit(AuditOptions(), auditor, root)
    assert (auditor.asked, result.findings) == ([], ())


def test_per_file_ignores_hide_a_lock_files_findings(tmp_path: Path) -> None:
    root = _project(tmp_path, {"uv.lock": LOCK, "legacy/uv.lock": LOCK})
    write(
        root, {"pyproject.toml": '[tool.hardkit]\nper-file-ignores = {"legacy/**" = ["HK501"]}\n'}
    )
    options = AuditOptions(locks=(Path("uv.lock"), Path("legacy/uv.lock")))
    auditor = RecordedAuditor(VULNERABLE)
    result = run_audit(options, auditor, root)
    assert {f.path for f in result.findings} == {"uv.lock"}
    assert len(auditor.asked) == 1, "the pins of every lock go to the auditor in one call"


def test_a_requirements_file_with_a_suppression_comment(tmp_path: Path) -> None:
    text = "# hardkit ignore=HK501\nrequests==2.19.1\njinja2==2.10\n"
    root = _project(tmp_path, {"requirements.txt": text})
    result = run_audit(AuditOptions(), RecordedAuditor(VULNERABLE), root)
    assert [(f.path, f.line) for f in result.findings] == [
        ("requirements.txt", 3),
        ("requirements.txt", 3),
    ]


def test_unpinned_requirements_are_errors_and_the_rest_is_audited(tmp_path: Path) -> None:
    text = "requests==2.19.1\nflask>=2\n-e ./lib\n"
    root = _project(tmp_path, {"requirements.txt": text})
    auditor = RecordedAuditor(VULNERABLE)
    result = run_audit(AuditOptions(), auditor, root)
    assert auditor.asked == [[("requests", "2.19.1")]]
    assert [(e.path, e.message) for e in result.errors] == [
        (
            "requirements.txt",
            "line 2: 'flask>=2' is not pinned to one version (==), so it was not audited "
            "(hardkit audit never resolves)",
        )
    ]
    assert result.notes == ("requirements.txt: ./lib not audited: an editable requirement",)


def test_default_lock_is_uv_lock_then_pylock_then_requirements(tmp_path: Path) -> None:
    root = _project(tmp_path, {"requirements.txt": "six==1.16.0\n", "requirements-dev.txt": ""})
    auditor = RecordedAuditor()
    run_audit(AuditOptions(), auditor, root)
    assert auditor.asked == [[("six", "1.16.0")]]
    write(
        root,
        {"pylock.toml": 'lock-version = "1.0"\n[[packages]]\nname = "idna"\nversion = "3.7"\n'},
    )
    run_audit(AuditOptions(), auditor, root)
    write(root, {"uv.lock": LOCK})
    run_audit(AuditOptions(), auditor, root)
    assert [asked[0] for asked in auditor.asked] == [
        ("six", "1.16.0"),
        ("idna", "3.7"),
        ("certifi", "2026.10.19.post1"),
    ]


def test_no_lock_file_is_a_usage_error(tmp_path: Path) -> None:
    root = _project(tmp_path, {})
    with pytest.raises(AuditError, match=r"^no uv\.lock, pylock\.toml or requirements\*\.txt"):
        run_audit(AuditOptions(), RecordedAuditor(), root)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("poetry.lock", "poetry.lock: not a lock file hardkit audit reads"),
        ("missing/uv.lock", "missing/uv.lock: cannot read: No such file or directory"),
    ],
)
def test_a_named_file_that_cannot_be_audited_is_a_usage_error(
    tmp_path: Path, name: str, message: str
) -> None:
    root = _project(tmp_path, {"poetry.lock": ""})
    with pytest.raises(AuditError, match=f"^{message}"):
        run_audit(AuditOptions(locks=(Path(name),)), RecordedAuditor(), root)


def test_a_lock_that_does_not_parse_is_hk001_and_the_others_are_audited(tmp_path: Path) -> None:
    root = _project(tmp_path, {"uv.lock": LOCK, "old/uv.lock": "[[package]\nname = 1\n"})
    options = AuditOptions(locks=(Path("uv.lock"), Path("old/uv.lock")))
    result = run_audit(options, RecordedAuditor(VULNERABLE), root)
    broken = [f for f in result.findings if f.path == "old/uv.lock"]
    assert [(f.code, f.line, f.column) for f in broken] == [("HK001", 1, 10)]
    assert broken[0].message.startswith("not valid TOML")
    assert sum(f.code == "HK501" for f in result.findings) == 6


def test_both_versions_of_a_forked_package_are_matched(tmp_path: Path) -> None:
    text = (
        'version = 1\n\n[[package]]\nname = "numpy"\nversion = "1.26.4"\n'
        'source = { registry = "https://mirror.example.invalid/simple" }\n\n'
        '[[package]]\nname = "numpy"\nversion = "2.1.0"\n'
        'source = { registry = "https://mirror.example.invalid/simple" }\n'
    )
    report = parse_report(
        '{"dependencies": [{"name": "numpy", "version": "1.26.4", "vulns": []}, '
        '{"name": "numpy", "version": "2.1.0", "vulns": [{"id": "GHSA-xxxx-yyyy-zzzz", '
        '"fix_versions": [], "aliases": []}]}], "fixes": []}'
    )
    root = _project(tmp_path, {"uv.lock": text})
    result = run_audit(AuditOptions(), RecordedAuditor(report), root)
    assert [(f.line, f.message) for f in result.findings] == [
        (9, "numpy 2.1.0 has a known vulnerability GHSA-xxxx-yyyy-zzzz; no fixed release yet")
    ]


def test_the_bundled_examples_stale_lock() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "orders-service"
    report = parse_report(
        '{"dependencies": ['
        '{"name": "h11", "version": "0.14.0", "vulns": [{"id": "GHSA-vqfr-h8mv-ghfj", '
        '"fix_versions": ["0.16.0"], "aliases": ["CVE-2025-43859"]}]}, '
        '{"name": "starlette", "version": "0.38.6", "vulns": [{"id": "GHSA-f96h-pmfr-66vw", '
        '"fix_versions": ["0.40.0"], "aliases": ["CVE-2024-47874"]}]}], "fixes": []}'
    )
    auditor = RecordedAuditor(report)
    result = run_audit(AuditOptions(locks=(example / "uv.lock",)), auditor, example)
    asked = dict(auditor.asked[0])
    assert len(asked) == 16
    assert "orders-service" not in asked  # the project itself is no dependency
    assert (asked["starlette"], asked["h11"]) == ("0.38.6", "0.14.0")
    assert [(f.path, f.line, f.message) for f in result.findings] == [
        (
            "uv.lock",
            79,
            "h11 0.14.0 has a known vulnerability GHSA-vqfr-h8mv-ghfj (also CVE-2025-43859); "
            "fixed in 0.16.0",
        ),
        (
            "uv.lock",
            201,
            "starlette 0.38.6 has a known vulnerability GHSA-f96h-pmfr-66vw (also "
            "CVE-2024-47874); fixed in 0.40.0",
        ),
    ]
