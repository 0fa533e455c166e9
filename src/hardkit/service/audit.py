"""``hardkit audit``: the pinned set of each lock file, audited, reported as HK501.

The lock files are read and parsed here (a file that does not parse is HK001, as in
``hardkit check``); the pins of all of them go to the auditor in one call, the port
that ``entrypoints`` wires to pip-audit; its report is matched back to each file's
entries by the HK501 rule, and the project's selection, ``per-file-ignores`` and
suppressions apply as for any other file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from hardkit.adapters.discovery import project_key
from hardkit.adapters.source import DecodeError, SourceText, decode_text
from hardkit.domain.findings import FileError, Finding
from hardkit.domain.registry import rules_for
from hardkit.domain.rule import FileKind
from hardkit.domain.sources import ParseFailure
from hardkit.domain.supply_chain.audit import (
    AuditedLock,
    AuditError,
    Auditor,
    AuditReport,
    AuditUnavailable,
    LockContents,
    Pin,
    canonical_name,
    wholly_skipped,
)
from hardkit.domain.supply_chain.lockfiles import lock_format, pylock_contents, uv_lock_contents
from hardkit.domain.supply_chain.requirements import requirements_contents
from hardkit.service.analyse import PARSE_ERROR, Settings, finish_findings
from hardkit.service.session import CheckOptions, load_config, settings_for

# Looked for in the current directory when no --lock is given, in this order; the
# requirements files only when there is neither lock.
DEFAULT_LOCKS = ("uv.lock", "pylock.toml")


class AuditOptions(NamedTuple):
    locks: tuple[Path, ...] = ()
    config_file: Path | None = None


class AuditResult(NamedTuple):
    findings: tuple[Finding, ...] = ()
    errors: tuple[FileError, ...] = ()
    notes: tuple[str, ...] = ()  # what was not audited, and why
    audited: int = 0  # pins looked up


class _Lock(NamedTuple):
    key: str  # project-relative: what per-file-ignores match
    display: str  # relative to the current directory: what the report shows
    source: SourceText
    contents: LockContents


def default_locks(cwd: Path) -> tuple[Path, ...]:
    for name in DEFAULT_LOCKS:
        if (cwd / name).is_file():
            return (cwd / name,)
    requirements = tuple(sorted(cwd.glob("requirements*.txt")))
    if requirements:
        return requirements
    raise AuditError(
        "no uv.lock, pylock.toml or requirements*.txt in the current directory; "
        "name the lock file with --lock FILE"
    )


def run_audit(options: AuditOptions, auditor: Auditor, cwd: Path) -> AuditResult:
    """Audit the lock files of ``options`` (default: the one in ``cwd``) with ``auditor``.

    Raises ``AuditError`` (one line for the user) when a named file cannot be read or
    is no lock file, and ``AuditUnavailable`` when the vulnerability service cannot
    be reached.
    """
    paths = tuple(p if p.is_absolute() else cwd / p for p in options.locks) or default_locks(cwd)
    loaded = load_config(paths, options.config_file, cwd)
    settings = settings_for(CheckOptions(), loaded)
    findings: list[Finding] = []
    locks: list[_Lock] = []
    for path in paths:
        lock, unparsed = _read(path, project_key(path, loaded.root), _display(path, cwd))
        kept = finish_findings(lock.key, FileKind.LOCK, lock.source, unparsed, settings)
        findings += [f._replace(path=lock.display) for f in kept]
        locks.append(lock)
    pins = [pin for lock in locks for pin in lock.contents.pins]
    report = _audit(pins, auditor, settings)
    for lock in locks:
        findings += _findings(lock, report, settings)
    return AuditResult(
        tuple(sorted(findings, key=Finding.sort_key)),
        tuple(_unpinned(locks)),
        tuple(_notes(locks, report)),
        audited=len({(p.canonical, p.version) for p in pins}) if report.packages else 0,
    )


def _display(path: Path, cwd: Path) -> str:
    import os

    try:
        return Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def _read(path: Path, key: str, display: str) -> tuple[_Lock, list[Finding]]:
    """The lock's pins, or (when it does not parse) none and an HK001 finding."""
    fmt = lock_format(path.name)
    if fmt is None:
        raise AuditError(
            f"{display}: not a lock file hardkit audit reads "
            "(uv.lock, pylock.toml, pylock.*.toml or a pinned requirements .txt file)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AuditError(f"{display}: cannot read: {exc.strerror or exc}") from None
    try:
        source = decode_text(data)
    except DecodeError as exc:
        empty = _Lock(key, display, SourceText("", "utf-8"), LockContents())
        return empty, [_parse_error(key, str(exc), exc.line, exc.column)]
    try:
        contents = _contents(fmt, source.text)
    except ParseFailure as exc:
        return _Lock(key, display, source, LockContents()), [
            _parse_error(key, str(exc), exc.line, exc.column)
        ]
    return _Lock(key, display, source, contents), []


def _parse_error(key: str, message: str, line: int, column: int) -> Finding:
    return Finding(PARSE_ERROR, key, line, column, line, column, message)


def _contents(fmt: str, text: str) -> LockContents:
    if fmt == "requirements":
        return requirements_contents(text)
    from hardkit.adapters.config_text import parse_toml

    data = parse_toml(text)
    return uv_lock_contents(data, text) if fmt == "uv" else pylock_contents(data, text)


def _audit(pins: Sequence[Pin], auditor: Auditor, settings: Settings) -> AuditReport:
    if not pins or not rules_for(FileKind.LOCK, settings.codes):
        return AuditReport()  # nothing pinned, or HK501 switched off: no network call
    report = auditor(pins)
    if wholly_skipped(pins, report):
        reason = next((p.skip_reason for p in report.packages if p.skip_reason), "")
        raise AuditUnavailable(
            f"the vulnerability service answered for none of the {len(pins)} pinned "
            f"packages (pip-audit: {reason}); it cannot be reached from here, or the "
            "packages are not published where it looks"
        )
    return report


def _findings(lock: _Lock, report: AuditReport, settings: Settings) -> list[Finding]:
    audited = AuditedLock(lock.key, lock.source.text, lock.contents.pins, report)
    found = [f for rule in rules_for(FileKind.LOCK, settings.codes) for f in rule.check(audited)]
    kept = finish_findings(lock.key, FileKind.LOCK, lock.source, found, settings)
    return [f._replace(path=lock.display) for f in kept]


def _unpinned(locks: Sequence[_Lock]) -> list[FileError]:
    return [
        FileError(
            lock.display,
            f"line {u.line}: {u.requirement!r} is not pinned to one version (==), so it "
            "was not audited (hardkit audit never resolves)",
        )
        for lock in locks
        for u in lock.contents.unpinned
    ]


def _notes(locks: Sequence[_Lock], report: AuditReport) -> list[str]:
    notes = [
        f"{lock.display}: {entry.name} not audited: {entry.reason}"
        for lock in locks
        for entry in lock.contents.not_audited
    ]
    for package in report.packages:
        if package.skip_reason is None:
            continue
        where = [lock.display for lock in locks if _holds(lock, package.name)]
        prefix = f"{where[0]}: " if where else ""
        notes.append(f"{prefix}{package.name} not audited: {package.skip_reason}")
    return notes


def _holds(lock: _Lock, name: str) -> bool:
    return any(pin.canonical == canonical_name(name) for pin in lock.contents.pins)
