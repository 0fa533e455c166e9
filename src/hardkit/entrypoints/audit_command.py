"""``hardkit audit``: pip-audit over the locked dependencies (HK501)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hardkit.entrypoints.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    OUTPUT_FORMATS,
    UsageError,
    use_color,
)


def configure(audit: argparse.ArgumentParser) -> None:
    audit.description = (
        "Audit exactly the versions pinned in uv.lock (or pylock.toml, or pinned "
        "requirements*.txt files) with pip-audit, resolving nothing, and report each "
        "known vulnerability as HK501 on the package's entry in the lock file. Needs "
        "the network. Exit status: 0 nothing found, 1 vulnerabilities (or unpinned "
        "requirements) found, 2 the vulnerability service cannot be reached, or a "
        "usage or configuration error."
    )
    audit.add_argument(
        "--lock",
        type=Path,
        action="append",
        metavar="FILE",
        help=(
            "uv.lock, pylock.toml or a pinned requirements file; repeatable (default: "
            "uv.lock here, else pylock.toml, else requirements*.txt)"
        ),
    )
    audit.add_argument(
        "--output-format", choices=OUTPUT_FORMATS, default="text", help="report format"
    )
    audit.add_argument("--config", type=Path, metavar="FILE", help="pyproject.toml or hardkit.toml")
    audit.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    audit.add_argument("--quiet", "-q", action="store_true", help="print findings only, no notes")
    audit.set_defaults(handler=_run_audit)


def _run_audit(args: argparse.Namespace) -> int:
    from hardkit.adapters.pip_audit import MISSING, PipAudit, installed
    from hardkit.adapters.reporters import ReportView, render
    from hardkit.domain.supply_chain.audit import AuditError
    from hardkit.service.audit import AuditOptions, run_audit

    if not installed():
        raise UsageError(MISSING)
    options = AuditOptions(locks=tuple(args.lock or ()), config_file=args.config)
    try:
        result = run_audit(options, PipAudit(), Path.cwd())
    except AuditError as exc:
        raise UsageError(str(exc)) from None
    if not args.quiet:
        sys.stderr.write("".join(f"hardkit: note: {note}\n" for note in result.notes))
    view = ReportView(
        findings=result.findings,
        errors=result.errors,
        quiet=args.quiet,
        color=args.output_format == "text" and use_color(sys.stdout),
    )
    sys.stdout.write(render(args.output_format, view))
    if args.exit_zero or not (result.findings or result.errors):
        return EXIT_OK
    return EXIT_FINDINGS
