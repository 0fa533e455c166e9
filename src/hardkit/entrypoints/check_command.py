"""``hardkit check``: the options of DESIGN §3, and the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hardkit.entrypoints.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    OUTPUT_FORMATS,
    UsageError,
    codes,
    positive,
    use_color,
)


def configure(check: argparse.ArgumentParser) -> None:
    check.description = (
        "Check files and directories (default: the current directory). Directories "
        "are walked honouring .gitignore and the exclude settings. Exit status: 0 "
        "clean, 1 findings remain, 2 usage or configuration error."
    )
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument(
        "--diff", action="store_true", help="print what --fix would change; write nothing"
    )
    check.add_argument(
        "--select", type=codes, metavar="CODES", help="only these codes or prefixes (HK1,HK301)"
    )
    check.add_argument(
        "--extend-select", type=codes, metavar="CODES", help="add codes to the selection"
    )
    check.add_argument("--ignore", type=codes, metavar="CODES", help="skip these codes")
    check.add_argument(
        "--output-format", choices=OUTPUT_FORMATS, default="text", help="report format"
    )
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    check.add_argument(
        "--jobs", type=positive, metavar="N", help="worker processes (default: automatic)"
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    check.add_argument("--config", type=Path, metavar="FILE", help="pyproject.toml or hardkit.toml")
    check.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="hide the findings recorded in FILE; report only new ones",
    )
    check.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record today's findings in FILE (replacing it: entries that no longer match go)",
    )
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    check.set_defaults(handler=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from hardkit.adapters.reporters import ReportView, render
    from hardkit.service.session import CheckOptions, check

    if args.fix and args.diff:
        raise UsageError("--fix and --diff cannot be used together")
    options = CheckOptions(
        paths=tuple(args.paths),
        select=args.select,
        extend_select=args.extend_select or [],
        ignore=args.ignore or [],
        config_file=args.config,
        fix=args.fix,
        diff=args.diff,
        use_cache=not args.no_cache,
        jobs=args.jobs,
        baseline=args.baseline,
        write_baseline=args.write_baseline,
    )
    report = check(options)
    sys.stderr.write("".join(f"hardkit: warning: {line}\n" for line in report.warnings))
    if report.baseline_written is not None:
        if not args.quiet:
            sys.stderr.write(
                f"Wrote {report.baseline_written} finding(s) to {args.write_baseline}.\n"
            )
        return EXIT_OK
    if args.diff:
        sys.stdout.write("".join(report.diffs))
        if not args.quiet:
            sys.stderr.write(f"Would fix {report.fixes_applied} error(s).\n")
        return EXIT_FINDINGS if report.diffs and not args.exit_zero else EXIT_OK
    view = ReportView(
        findings=tuple(report.findings),
        errors=tuple(report.errors),
        fixes_applied=report.fixes_applied,
        fix_mode=args.fix,
        statistics=args.statistics,
        quiet=args.quiet,
        baseline_hidden=report.baseline_hidden,
        baseline_stale=report.baseline_stale,
        color=args.output_format == "text" and use_color(sys.stdout),
    )
    sys.stdout.write(render(args.output_format, view))
    if args.exit_zero or not (report.findings or report.errors):
        return EXIT_OK
    return EXIT_FINDINGS
