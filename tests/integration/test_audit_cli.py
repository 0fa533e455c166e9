"""``hardkit audit`` from the command line.

Most tests run the CLI in-process with only the pip-audit *process* replaced: a fake
that writes pip-audit's recorded report where ``--output`` says and returns its recorded
exit status and stderr (tests/data/audit/README.md). The real adapter, service and
reporters run. The last tests run the real pip-audit: on a machine whose network cannot
reach a vulnerability service (this one) they must end in one clear line and exit 2.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from hardkit.adapters import pip_audit
from hardkit.entrypoints.cli import main
from tests.helpers import write

DATA = Path(__file__).resolve().parents[1] / "data" / "audit"


def _data(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


class FakePipAudit:
    def __init__(self, returncode: int, stderr: str, report: str | None) -> None:
        self.returncode, self.stderr, self.report = returncode, stderr, report
        self.runs: list[list[str]] = []

    def __call__(self, argv: Sequence[str]) -> tuple[int, str]:
        argv = list(argv)
        self.runs.append(argv)
        if self.report is not None:
            Path(argv[argv.index("--output") + 1]).write_text(self.report, encoding="utf-8")
        return self.returncode, self.stderr


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the recorded uv.lock, as the current directory."""
    write(tmp_path, {"pyproject.toml": '[project]\nname = "app"\n'})
    shutil.copy(DATA / "uv.lock", tmp_path / "uv.lock")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _fake(
    monkeypatch: pytest.MonkeyPatch, returncode: int, stderr: str, report: str | None
) -> FakePipAudit:
    fake = FakePipAudit(returncode, stderr, report)
    monkeypatch.setattr(pip_audit, "_run", fake)
    return fake


def _vulnerable(monkeypatch: pytest.MonkeyPatch) -> FakePipAudit:
    stderr = "Found 6 known vulnerabilities in 4 packages\n"
    return _fake(monkeypatch, 1, stderr, _data("pip-audit-vulnerable.json"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["audit", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = _vulnerable(monkeypatch)
    code, out, err = run(capsys)
    assert code == 1
    assert out == (
        "uv.lock:31:1: HK501 idna 2.7 has a known vulnerability PYSEC-2024-60 "
        "(also CVE-2024-3651); fixed in 3.7\n"
        "uv.lock:36:1: HK501 jinja2 2.10 has a known vulnerability PYSEC-2019-217 "
        "(also CVE-2019-10906); fixed in 2.10.1\n"
        "uv.lock:36:1: HK501 jinja2 2.10 has a known vulnerability PYSEC-2021-66 "
        "(also CVE-2020-28493, SNYK-PYTHON-JINJA2-1012994); fixed in 2.11.3\n"
        "uv.lock:49:1: HK501 requests 2.19.1 has a known vulnerability PYSEC-2018-28 "
        "(also CVE-2018-18074); fixed in 2.20.0\n"
        "uv.lock:49:1: HK501 requests 2.19.1 has a known vulnerability PYSEC-2023-74 "
        "(also CVE-2023-32681, GHSA-j8r2-6x86-q33q); fixed in 2.31.0\n"
        "uv.lock:60:1: HK501 urllib3 1.23 has a known vulnerability PYSEC-2019-132 "
        "(also CVE-2019-11236); fixed in 1.24.3\n"
        "Found 6 errors.\n"
    )
    assert err == ""
    assert len(fake.runs) == 1


def test_json_report(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _vulnerable(monkeypatch)
    code, out, _ = run(capsys, "--output-format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["version"] == 1
    assert document["errors"] == []
    assert document["findings"][0] == {
        "code": "HK501",
        "name": "vulnerable-dependency",
        "path": "uv.lock",
        "line": 31,
        "column": 1,
        "end_line": 31,
        "end_column": 14,
        "severity": "error",
        "message": "idna 2.7 has a known vulnerability PYSEC-2024-60 (also CVE-2024-3651); "
        "fixed in 3.7",
        "fixable": False,
    }
    assert [f["line"] for f in document["findings"]] == [31, 36, 36, 49, 49, 60]


def test_sarif_report_validates(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import jsonschema

    _vulnerable(monkeypatch)
    code, out, _ = run(capsys, "--output-format", "sarif")
    assert code == 1
    schema = json.loads((DATA.parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    document = json.loads(out)
    jsonschema.Draft7Validator(schema).validate(document)
    sarif_run = document["runs"][0]
    rules = sarif_run["tool"]["driver"]["rules"]
    results = sarif_run["results"]
    assert {rules[r["ruleIndex"]]["id"] for r in results} == {"HK501"}
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == "uv.lock"
    assert first["region"]["startLine"] == 31


def test_github_report(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _vulnerable(monkeypatch)
    code, out, _ = run(capsys, "--output-format", "github")
    assert code == 1
    assert out.splitlines()[3] == (
        "::error file=uv.lock,line=49,col=1,endLine=49,endColumn=18,title=HK501::HK501 "
        "requests 2.19.1 has a known vulnerability PYSEC-2018-28 (also CVE-2018-18074); "
        "fixed in 2.20.0"
    )


def test_clean_audit(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = json.loads(_data("pip-audit-vulnerable.json"))
    for dependency in clean["dependencies"]:
        dependency["vulns"] = []
    _fake(monkeypatch, 0, "No known vulnerabilities found\n", json.dumps(clean))
    assert run(capsys) == (0, "All checks passed!\n", "")


@pytest.mark.parametrize(
    "recording", ["pip-audit-osv-unreachable.stderr", "pip-audit-proxy-refused.stderr"]
)
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_unreachable_service_is_one_line_and_exit_2(
    locked: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    recording: str,
    output_format: str,
) -> None:
    _fake(monkeypatch, 1, _data(recording), None)
    code, out, err = run(capsys, "--output-format", output_format)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("hardkit: error: pip-audit could not reach the vulnerability service")


def test_every_package_skipped_is_one_line_and_exit_2(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _data("pip-audit-not-found.json")
    _fake(monkeypatch, 0, _data("pip-audit-not-found.stderr"), report)
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert err == (
        "hardkit: error: the vulnerability service answered for none of the 7 pinned "
        "packages (pip-audit: Dependency not found on PyPI and could not be audited: certifi "
        "(2026.10.19.post1)); it cannot be reached from here, or the packages are not "
        "published where it looks\n"
    )


def test_notes_and_unpinned_requirements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {"requirements.txt": "requests==2.19.1\nflask>=2\n-r dev.txt\n"})
    monkeypatch.chdir(tmp_path)
    fake = _vulnerable(monkeypatch)
    code, out, err = run(capsys)
    assert code == 1
    assert out.splitlines() == [
        "requirements.txt:1:1: HK501 requests 2.19.1 has a known vulnerability PYSEC-2018-28 "
        "(also CVE-2018-18074); fixed in 2.20.0",
        "requirements.txt:1:1: HK501 requests 2.19.1 has a known vulnerability PYSEC-2023-74 "
        "(also CVE-2023-32681, GHSA-j8r2-6x86-q33q); fixed in 2.31.0",
        "requirements.txt: error: line 2: 'flask>=2' is not pinned to one version (==), so "
        "it was not audited (hardkit audit never resolves)",
        "Found 2 errors.",
        "1 file could not be checked.",
    ]
    assert err == (
        "hardkit: note: requirements.txt: -r dev.txt not audited: an included file: audit it "
        "with its own --lock\n"
    )
    pins = Path(fake.runs[0][fake.runs[0].index("--requirement") + 1])
    assert not pins.exists(), "the pins file lived in a scratch directory"
    assert main(["audit", "--quiet"]) == 1
    assert capsys.readouterr().err == ""


def test_without_the_audit_extra_one_line_and_exit_2(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plain install has no pip-audit (it comes with `hardkit[audit]`): this interpreter
    cannot import it, and nothing is read or run."""
    monkeypatch.setitem(sys.modules, "pip_audit", None)  # what find_spec sees: not installed
    fake = _vulnerable(monkeypatch)
    assert run(capsys) == (
        2,
        "",
        "hardkit: error: hardkit audit needs pip-audit: install hardkit with its audit extra "
        "(uv tool install 'hardkit[audit]' or pipx install 'hardkit[audit]'); the "
        "hardkit-audit hook installs it itself\n",
    )
    assert fake.runs == []
    with pytest.raises(SystemExit) as helped:  # the help needs no pip-audit
        main(["audit", "--help"])
    assert helped.value.code == 0


def test_no_lock_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    fake = _vulnerable(monkeypatch)
    assert run(capsys) == (
        2,
        "",
        "hardkit: error: no uv.lock, pylock.toml or requirements*.txt in the current "
        "directory; name the lock file with --lock FILE\n",
    )
    assert fake.runs == []


def test_exit_zero(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _vulnerable(monkeypatch)
    code, out, _ = run(capsys, "--exit-zero", "--lock", "uv.lock")
    assert code == 0
    assert out.endswith("Found 6 errors.\n")


def _offline_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """pip-audit's HTTP cache in a fresh directory: no cached answer from earlier runs."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("PIP_CACHE_DIR", str(tmp_path / "cache" / "pip"))


def test_real_pip_audit_behind_a_refused_proxy(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real pip-audit, its requests sent to a closed loopback port: whatever network
    the machine has, the service is unreachable."""
    _offline_env(monkeypatch, locked)
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("hardkit: error: pip-audit could not reach the vulnerability service")


def test_real_pip_audit_on_this_network(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real pip-audit as the network allows: where the vulnerability service cannot be
    reached (this development machine) one clear line and exit 2; where it can, the
    advisories of requests 2.19.1 on its line. Never a traceback."""
    _offline_env(monkeypatch, locked)
    code, out, err = run(capsys, "--lock", "uv.lock")
    assert "Traceback" not in out + err
    if code == 2:
        assert out == ""
        assert err.count("\n") == 1
        assert err.startswith("hardkit: error: ")
        assert "vulnerability service" in err
    else:
        assert code == 1
        assert "uv.lock:49:1: HK501 requests 2.19.1 has a known vulnerability PYSEC-2018-28" in out
