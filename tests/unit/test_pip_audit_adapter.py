"""The pip-audit adapter: its command line, the pins it writes, and what it makes of
pip-audit's exit status, JSON report and stderr (recorded from real runs: see
tests/data/audit/README.md)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from hardkit.adapters.pip_audit import (
    MISSING,
    Completed,
    PipAudit,
    command,
    interpret,
    parse_report,
    requirements_text,
    unique_name_groups,
)
from hardkit.domain.supply_chain.audit import (
    Advisory,
    AuditError,
    AuditUnavailable,
    PackageAudit,
    Pin,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "audit"


def _data(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_command_audits_the_pins_as_they_are() -> None:
    argv = command(Path("/s/pinned.txt"), Path("/s/pip-audit.json"), python="/py")
    assert argv == [
        "/py",
        "-m",
        "pip_audit",
        "--requirement",
        "/s/pinned.txt",
        "--no-deps",
        "--disable-pip",
        "--format",
        "json",
        "--output",
        "/s/pip-audit.json",
        "--aliases",
        "on",
        "--desc",
        "off",
        "--progress-spinner",
        "off",
    ]


def test_command_runs_the_pip_audit_beside_hardkit() -> None:
    assert command(Path("r.txt"), Path("o.json"))[:3] == [sys.executable, "-m", "pip_audit"]


def test_requirements_text_is_exact_pins_without_markers() -> None:
    pins = [Pin("Jinja2", "2.10", 4), Pin("requests", "2.19.1", 9)]
    assert requirements_text(pins) == "Jinja2==2.10\nrequests==2.19.1\n"


def test_a_name_pinned_twice_goes_to_a_second_run() -> None:
    pins = [
        Pin("numpy", "1.26.4", 1),
        Pin("six", "1.16.0", 2),
        Pin("NumPy", "2.1.0", 3),
        Pin("numpy", "1.26.4", 4),  # the same pin from a second lock file: audited once
    ]
    groups = unique_name_groups(pins)
    assert [[(p.name, p.version) for p in g] for g in groups] == [
        [("numpy", "1.26.4"), ("six", "1.16.0")],
        [("NumPy", "2.1.0")],
    ]


def test_parse_report_reads_pip_audits_json() -> None:
    report = parse_report(_data("pip-audit-vulnerable.json"))
    by_name = {p.name: p for p in report.packages}
    assert len(report.packages) == 7
    assert by_name["certifi"] == PackageAudit("certifi", "2026.10.19.post1")
    assert by_name["requests"].advisories == (
        Advisory("PYSEC-2018-28", ("CVE-2018-18074",), ("2.20.0",)),
        Advisory("PYSEC-2023-74", ("CVE-2023-32681", "GHSA-j8r2-6x86-q33q"), ("2.31.0",)),
    )


def test_parse_report_reads_skipped_packages() -> None:
    report = parse_report(_data("pip-audit-not-found.json"))
    assert report.packages[0] == PackageAudit(
        "certifi",
        skip_reason=(
            "Dependency not found on PyPI and could not be audited: certifi (2026.10.19.post1)"
        ),
    )
    assert all(p.skip_reason for p in report.packages)


@pytest.mark.parametrize("text", ["", "[]", '{"dependencies": [{"version": "1"}]}', "{"])
def test_a_report_that_is_not_pip_audits_is_one_line_error(text: str) -> None:
    with pytest.raises(AuditError, match=r"^pip-audit's JSON report was not understood"):
        parse_report(text)


def test_exit_1_with_a_report_means_vulnerabilities() -> None:
    done = Completed(
        1, "Found 6 known vulnerabilities in 4 packages\n", _data("pip-audit-vulnerable.json")
    )
    assert len(interpret(done).packages) == 7


def test_exit_0_with_every_package_skipped_is_still_a_report() -> None:
    # The service decides what "nothing looked up" means (tests/unit/test_audit_service.py).
    done = Completed(0, _data("pip-audit-not-found.stderr"), _data("pip-audit-not-found.json"))
    assert all(p.skip_reason for p in interpret(done).packages)


def test_unresolvable_osv_service_is_one_clear_line() -> None:
    done = Completed(1, _data("pip-audit-osv-unreachable.stderr"), None)
    with pytest.raises(AuditUnavailable) as caught:
        interpret(done)
    assert str(caught.value) == (
        "pip-audit could not reach the vulnerability service at api.osv.dev "
        "(ConnectionError); hardkit audit needs the network (PIP_AUDIT_VULNERABILITY_SERVICE "
        "picks pip-audit's service: pypi or osv)"
    )


def test_refused_proxy_is_one_clear_line_naming_the_service_not_the_proxy() -> None:
    done = Completed(1, _data("pip-audit-proxy-refused.stderr"), None)
    with pytest.raises(AuditUnavailable) as caught:
        interpret(done)
    message = str(caught.value)
    assert message.startswith(
        "pip-audit could not reach the vulnerability service at "
        "vulnerability-feed.invalid (ProxyError);"
    )
    assert "\n" not in message
    assert "Traceback" not in message


def test_pip_audits_own_connection_error_is_unavailable() -> None:
    stderr = (
        "ERROR:pip_audit._cli:Could not connect to PyPI's vulnerability feed\n"
        "ERROR:pip_audit._cli:Tip: your network may be blocking this service. "
        "Try another service with `-s SERVICE`\n"
    )
    with pytest.raises(AuditUnavailable, match=r"could not reach the vulnerability service;"):
        interpret(Completed(1, stderr, None))


def test_other_failures_name_pip_audits_error() -> None:
    stderr = (
        "WARNING:pip_audit._cli:--no-deps is supported, but users are encouraged to fully "
        "hash their pinned dependencies\n"
        "ERROR:pip_audit._cli:requirement six is not pinned to an exact version: six>=1\n"
    )
    with pytest.raises(AuditError) as caught:
        interpret(Completed(1, stderr, None))
    assert not isinstance(caught.value, AuditUnavailable)
    assert str(caught.value) == (
        "pip-audit failed (exit status 1): requirement six is not pinned to an exact "
        "version: six>=1"
    )


def test_pip_audit_missing_is_unavailable() -> None:
    stderr = "/usr/bin/python3: No module named pip_audit\n"
    with pytest.raises(AuditUnavailable) as caught:
        interpret(Completed(1, stderr, None))
    assert str(caught.value) == MISSING


def test_a_crash_without_a_report_names_the_last_line() -> None:
    with pytest.raises(AuditError, match=r"^pip-audit failed \(exit status -9\): Killed$"):
        interpret(Completed(-9, "Killed\n", None))


class _FakeProcess:
    """Stands in for the pip-audit process: records each command line and the pins file
    it was given, and writes a recorded report where ``--output`` says."""

    def __init__(self, report: str | None, returncode: int = 1, stderr: str = "") -> None:
        self.report, self.returncode, self.stderr = report, returncode, stderr
        self.calls: list[tuple[list[str], str]] = []

    def __call__(self, argv: Sequence[str]) -> tuple[int, str]:
        argv = list(argv)
        pins = Path(argv[argv.index("--requirement") + 1]).read_text(encoding="utf-8")
        self.calls.append((argv, pins))
        if self.report is not None:
            Path(argv[argv.index("--output") + 1]).write_text(self.report, encoding="utf-8")
        return self.returncode, self.stderr


def test_pip_audit_runs_once_per_group_and_reads_each_report() -> None:
    process = _FakeProcess(_data("pip-audit-vulnerable.json"))
    pins = [Pin("requests", "2.19.1", 3), Pin("numpy", "1.26.4", 5), Pin("numpy", "2.1.0", 8)]
    report = PipAudit(run=process, python="/py")(pins)
    assert [pins for _, pins in process.calls] == [
        "requests==2.19.1\nnumpy==1.26.4\n",
        "numpy==2.1.0\n",
    ]
    assert process.calls[0][0][:3] == ["/py", "-m", "pip_audit"]
    assert len(report.packages) == 14  # the recorded report, once per run
    scratch = Path(process.calls[0][0][process.calls[0][0].index("--output") + 1]).parent
    assert not scratch.exists(), "the scratch directory is removed"


def test_pip_audit_without_a_report_raises_the_reason() -> None:
    process = _FakeProcess(None, 1, _data("pip-audit-osv-unreachable.stderr"))
    with pytest.raises(AuditUnavailable):
        PipAudit(run=process)([Pin("requests", "2.19.1", 3)])
