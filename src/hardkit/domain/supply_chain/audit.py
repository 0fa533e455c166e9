"""Auditing pinned dependencies: the pinned set of a lock file, and what pip-audit said.

A lock file (``uv.lock``, ``pylock.toml``, a pinned ``requirements.txt``) is read into
``LockContents``: the packages pinned to one version, with the line of each entry, and
the entries that cannot be audited as they stand. The audit itself (pip-audit over
exactly those pins, no resolution) is the service's port; its answer is an
``AuditReport``. ``AuditedLock`` puts the two together for HK501.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from hardkit.domain.findings import Finding
from hardkit.domain.values import NamedTuple

_SEPARATORS = re.compile(r"[-_.]+")


def canonical_name(name: str) -> str:
    """A distribution name as PEP 503 compares them: ``Jinja2`` and ``jinja2`` alike."""
    return _SEPARATORS.sub("-", name).lower()


class Pin(NamedTuple):
    """A package pinned to one version, and where its entry is in the lock file."""

    name: str
    version: str
    line: int  # 1-based: the entry's ``name`` line (a requirement's own line)
    column: int = 1
    end_column: int = 1

    @property
    def canonical(self) -> str:
        return canonical_name(self.name)


class Unpinned(NamedTuple):
    """A requirement that names no single version: auditing it would mean resolving."""

    line: int
    requirement: str


class NotAudited(NamedTuple):
    """An entry that pip-audit cannot look up by name and version (a git or path source)."""

    name: str
    reason: str


class LockContents(NamedTuple):
    pins: tuple[Pin, ...] = ()
    unpinned: tuple[Unpinned, ...] = ()
    not_audited: tuple[NotAudited, ...] = ()


class Advisory(NamedTuple):
    """One known vulnerability: its id, the other ids it is known by, and the releases
    that fix it (empty when there is none yet)."""

    id: str
    aliases: tuple[str, ...] = ()
    fix_versions: tuple[str, ...] = ()


class PackageAudit(NamedTuple):
    """pip-audit's verdict on one pinned package; ``skip_reason`` when it could not look."""

    name: str
    version: str = ""
    advisories: tuple[Advisory, ...] = ()
    skip_reason: str | None = None


class AuditReport(NamedTuple):
    packages: tuple[PackageAudit, ...] = ()


# The port: audit exactly these pins (no resolution) and say what is known about them.
# Raises ``AuditUnavailable`` when the vulnerability service cannot be reached.
Auditor = Callable[[Sequence[Pin]], AuditReport]


class AuditError(Exception):
    """``hardkit audit`` cannot give an answer (exit 2, one line)."""


class AuditUnavailable(AuditError):
    """The vulnerability service could not be reached, or pip-audit could not run."""


class AuditedLock(NamedTuple):
    """A lock file with pip-audit's report on its pins: what HK501 looks at."""

    path: str
    text: str
    pins: tuple[Pin, ...]
    report: AuditReport

    def pin_for(self, package: PackageAudit) -> Pin | None:
        """The lock entry pip-audit's ``package`` is about (same name, same version when
        the lock holds the name more than once)."""
        same_name = [p for p in self.pins if p.canonical == canonical_name(package.name)]
        exact = [p for p in same_name if p.version == package.version]
        if exact:
            return exact[0]
        return same_name[0] if len(same_name) == 1 else None

    def finding(self, code: str, pin: Pin, message: str) -> Finding:
        return Finding(code, self.path, pin.line, pin.column, pin.line, pin.end_column, message)


def wholly_skipped(pins: Sequence[Pin], report: AuditReport) -> bool:
    """pip-audit looked up none of ``pins``: each came back skipped (e.g. "not found on
    PyPI" for every one, which is what a blocked vulnerability feed looks like)."""
    if not any(p.skip_reason for p in report.packages):
        return False
    looked_up = {canonical_name(p.name) for p in report.packages if p.skip_reason is None}
    return not any(pin.canonical in looked_up for pin in pins)
