"""pip-audit as a subprocess: audit exactly a pinned set, read its JSON report.

pip-audit refuses ``uv.lock`` itself, so the pins are written as a requirements file of
``name==version`` lines and audited with ``--no-deps --disable-pip``: nothing is
resolved or installed, each pin is looked up as it is. Environment markers are left
out on purpose (pip-audit would evaluate them against *this* interpreter and skip the
pins of other platforms). A name pinned twice (uv's forked resolutions) goes to a
second run, as pip-audit rejects two versions of one name in one run.

pip-audit exits 0 (nothing found) or 1 (vulnerabilities found, or it failed); the JSON
report file is what tells the two apart. A failure to reach the vulnerability service
becomes ``AuditUnavailable`` with one line of explanation: pip-audit's traceback is
never shown.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, cast

from hardkit.domain.supply_chain.audit import (
    Advisory,
    AuditError,
    AuditReport,
    AuditUnavailable,
    PackageAudit,
    Pin,
)

REPORT_NAME = "pip-audit.json"
TIMEOUT_SECONDS = 600  # a hung service must not hang a commit forever

# What a run that could not reach the service leaves on stderr: requests' and urllib3's
# exceptions (pip-audit lets most of them through as a traceback), and pip-audit's own
# "Tip: your network may be blocking this service" after a connection error it handles.
_NETWORK_MARKERS = (
    "ConnectionError",
    "ConnectTimeout",
    "ReadTimeout",
    "ProxyError",
    "SSLError",
    "NameResolutionError",
    "NewConnectionError",
    "Max retries exceeded",
    "Could not connect",
    "network may be blocking",
)
_HOST = re.compile(r"host='(?P<host>[^']+)'")
_EXCEPTION_LINE = re.compile(r"(?P<type>[A-Za-z_][\w.]*(?:Error|Exception|Timeout)): ")
_LOGGED_ERROR = re.compile(r"ERROR:pip_audit[\w.]*:(?P<message>.*)")


# pip-audit comes with the extra, not with every hook environment (issue 17: it brought
# 26 of a plain install's 35 packages).
MISSING = (
    "hardkit audit needs pip-audit: install hardkit with its audit extra "
    "(uv tool install 'hardkit[audit]' or pipx install 'hardkit[audit]'); "
    "the hardkit-audit hook installs it itself"
)


def installed() -> bool:
    """pip-audit is importable by this interpreter, the one ``command`` runs."""
    from importlib.util import find_spec

    return find_spec("pip_audit") is not None


class Completed(NamedTuple):
    """What a pip-audit run left: its exit status, stderr, and the JSON report (if any)."""

    returncode: int
    stderr: str
    report: str | None


Runner = Callable[[Sequence[str]], tuple[int, str]]  # argv -> (exit status, stderr)


def command(requirements: Path, report: Path, python: str | None = None) -> list[str]:
    """The pip-audit command line for one requirements file of pins."""
    return [
        python or sys.executable,
        "-m",
        "pip_audit",
        "--requirement",
        str(requirements),
        "--no-deps",  # the pins are the whole set: resolve nothing
        "--disable-pip",  # and install nothing (no virtual environment, no pip)
        "--format",
        "json",
        "--output",
        str(report),
        "--aliases",
        "on",
        "--desc",
        "off",
        "--progress-spinner",
        "off",
    ]


def requirements_text(pins: Sequence[Pin]) -> str:
    return "".join(f"{pin.name}=={pin.version}\n" for pin in pins)


def unique_name_groups(pins: Sequence[Pin]) -> list[list[Pin]]:
    """``pins`` split so that no group names a package twice (first come, first group)."""
    groups: list[list[Pin]] = []
    names: list[set[str]] = []
    seen: set[tuple[str, str]] = set()
    for pin in pins:
        if (pin.canonical, pin.version) in seen:
            continue
        seen.add((pin.canonical, pin.version))
        index = next((i for i, n in enumerate(names) if pin.canonical not in n), len(groups))
        if index == len(groups):
            groups.append([])
            names.append(set())
        groups[index].append(pin)
        names[index].add(pin.canonical)
    return groups


def parse_report(text: str) -> AuditReport:
    """pip-audit's ``--format json`` output as typed values."""
    import json

    try:
        data = json.loads(text)
        entries = cast("list[dict[str, Any]]", data["dependencies"])
        return AuditReport(tuple(_package(entry) for entry in entries))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AuditError(f"pip-audit's JSON report was not understood ({exc!r})") from None


def _package(entry: dict[str, Any]) -> PackageAudit:
    name = str(entry["name"])
    if "skip_reason" in entry:
        return PackageAudit(name, skip_reason=str(entry["skip_reason"]))
    vulns = cast("list[dict[str, Any]]", entry.get("vulns", []))
    return PackageAudit(name, str(entry["version"]), tuple(_advisory(v) for v in vulns))


def _advisory(vuln: dict[str, Any]) -> Advisory:
    aliases = tuple(str(a) for a in cast("list[object]", vuln.get("aliases", [])))
    fixed = tuple(str(v) for v in cast("list[object]", vuln.get("fix_versions", [])))
    return Advisory(str(vuln["id"]), aliases, fixed)


def interpret(done: Completed) -> AuditReport:
    """The report of a finished run, or the one-line reason there is none."""
    if done.returncode in (0, 1) and done.report is not None:
        return parse_report(done.report)
    raise failure(done.returncode, done.stderr)


def failure(returncode: int, stderr: str) -> AuditError:
    """Why a pip-audit run produced no report, in one line."""
    if any(marker in stderr for marker in _NETWORK_MARKERS):
        return AuditUnavailable(
            f"pip-audit could not reach the vulnerability service{_where(stderr)}; "
            "hardkit audit needs the network (PIP_AUDIT_VULNERABILITY_SERVICE picks "
            "pip-audit's service: pypi or osv)"
        )
    if "No module named pip_audit" in stderr:
        return AuditUnavailable(MISSING)
    logged = [m["message"].strip() for m in _LOGGED_ERROR.finditer(stderr)]
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    detail = logged[0] if logged else (lines[-1] if lines else "no message")
    return AuditError(f"pip-audit failed (exit status {returncode}): {detail}")


def _where(stderr: str) -> str:
    """`` at HOST (ExceptionName)`` from the last exception (the outermost), as far as
    the traceback tells."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    host = _HOST.search(lines[-1]) if lines else None
    host = host or _HOST.search(stderr)
    errors = [m["type"].rsplit(".", 1)[-1] for m in _EXCEPTION_LINE.finditer(stderr)]
    parts = [f"at {host['host']}" if host else "", f"({errors[-1]})" if errors else ""]
    shown = " ".join(p for p in parts if p)
    return f" {shown}" if shown else ""


def _run(argv: Sequence[str]) -> tuple[int, str]:
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed argument list
            list(argv), capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        return -1, f"ReadTimeout: pip-audit did not finish in {TIMEOUT_SECONDS} s"
    except OSError as exc:
        return -1, f"cannot start pip-audit: {exc.strerror or exc}"
    return done.returncode, done.stderr


class PipAudit:
    """The ``Auditor`` port on the real pip-audit. ``run`` is injectable for tests."""

    def __init__(self, run: Runner | None = None, python: str | None = None) -> None:
        self._run = run or _run
        self._python = python

    def __call__(self, pins: Sequence[Pin]) -> AuditReport:
        packages: list[PackageAudit] = []
        for group in unique_name_groups(pins):
            packages.extend(self._audit(group).packages)
        return AuditReport(tuple(packages))

    def _audit(self, pins: Sequence[Pin]) -> AuditReport:
        with tempfile.TemporaryDirectory(prefix="hardkit-audit-") as scratch:
            requirements = Path(scratch) / "pinned.txt"
            requirements.write_text(requirements_text(pins), encoding="utf-8")
            report = Path(scratch) / REPORT_NAME
            returncode, stderr = self._run(command(requirements, report, self._python))
            text = report.read_text(encoding="utf-8") if report.is_file() else None
        return interpret(Completed(returncode, stderr, text))
