"""``hardkit check``: the options of DESIGN §3, and the report."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

from hardkit.domain.values import TYPE_CHECKING, cast
from hardkit.entrypoints.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    OUTPUT_FORMATS,
    UsageError,
    codes,
    positive,
    use_color,
)

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import TextIO

    from hardkit.service.check import CheckReport
    from hardkit.service.session import CheckOptions


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
    check.add_argument(
        "--stdin-filename",
        type=Path,
        metavar="NAME",
        help=(
            "with the path -: check the source read from stdin as if it were the file NAME "
            "(for editors); with --fix, print the fixed source on stdout and the report on "
            "stderr"
        ),
    )
    check.set_defaults(handler=_run_check)


STDIN = Path("-")

# ``hardkit check`` as a hook runs it: pre-commit puts the hook's arguments (``--fix``)
# before the files. Such a command line is read here without argparse, whose import, parser
# and gettext look-ups cost a one-file run about a tenth of its instructions. Any other
# (another option, an option after a file, a word starting with "-") goes to argparse,
# which has the last word on errors and help; tests/property/test_quick_args.py holds both
# readings of every command line equal.
_SWITCHES = {
    "--fix": "fix",
    "--diff": "diff",
    "--statistics": "statistics",
    "--no-cache": "no_cache",
    "--exit-zero": "exit_zero",
    "--quiet": "quiet",
    "-q": "quiet",
}
_DEFAULTS: dict[str, object] = {
    "debug": False,
    "command": "check",
    "select": None,
    "extend_select": None,
    "ignore": None,
    "output_format": "text",
    "jobs": None,
    "config": None,
    "baseline": None,
    "write_baseline": None,
    "stdin_filename": None,
}


def quick_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """``check``'s options from ``argv`` (what follows ``check``) when they are switches
    followed by paths, as argparse would read them; None for any other command line."""
    values = {**_DEFAULTS, **dict.fromkeys(_SWITCHES.values(), False)}
    at = 0
    while at < len(argv) and argv[at] in _SWITCHES:
        values[_SWITCHES[argv[at]]] = True
        at += 1
    paths: list[Path] = []
    for arg in argv[at:]:
        if not arg or arg.startswith("-"):
            return None
        paths.append(Path(arg))
    values.update(paths=paths, handler=_run_check)
    return cast("argparse.Namespace", SimpleNamespace(**values))


def _run_check(args: argparse.Namespace) -> int:
    from hardkit.adapters.reporters import STATISTICS_FORMATS

    if args.fix and args.diff:
        raise UsageError("--fix and --diff cannot be used together")
    if args.statistics and args.output_format not in STATISTICS_FORMATS:
        raise UsageError(f"--statistics prints text or json, not {args.output_format}")
    stdin_name = _stdin_name(args)
    if stdin_name is not None:
        return _run_stdin(args, stdin_name)
    from hardkit.service.session import check

    report = check(_options(args))
    _warn(report.warnings)
    if report.baseline_written is not None:
        if not args.quiet:
            sys.stderr.write(
                f"Wrote {report.baseline_written} finding(s) to {args.write_baseline}.\n"
            )
        return EXIT_OK
    if args.diff:
        return _show_diff(args, report)
    return _show_report(args, report, sys.stdout)


def _options(args: argparse.Namespace) -> CheckOptions:
    from hardkit.service.session import CheckOptions

    return CheckOptions(
        paths=tuple(p for p in args.paths if p != STDIN),
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
        finding_ids=args.output_format == "gitlab",
    )


def _stdin_name(args: argparse.Namespace) -> Path | None:
    """The name stdin's source is checked as, when the path is ``-`` (or no path is
    given with ``--stdin-filename``)."""
    reads_stdin = STDIN in args.paths or (not args.paths and args.stdin_filename)
    if not reads_stdin:
        if args.stdin_filename:
            raise UsageError("--stdin-filename names the source read from stdin: give - as PATH")
        return None
    if args.paths not in ([], [STDIN]):
        raise UsageError("- (stdin) cannot be checked together with other paths")
    if args.write_baseline:
        raise UsageError("--write-baseline needs files, not stdin")
    if not args.stdin_filename:
        raise UsageError(
            "- reads the source from stdin: name the file it stands for with "
            "--stdin-filename NAME (its kind and its settings come from the name)"
        )
    return args.stdin_filename


def _run_stdin(args: argparse.Namespace, name: Path) -> int:
    from hardkit.service.session import check_stdin

    checked = check_stdin(name, sys.stdin.buffer.read(), _options(args))
    report = checked.report
    _warn(report.warnings)
    if args.diff:
        return _show_diff(args, report)
    if checked.fixed is None:
        return _show_report(args, report, sys.stdout)
    sys.stdout.flush()
    sys.stdout.buffer.write(checked.fixed)  # the editor replaces its buffer with this
    sys.stdout.buffer.flush()
    return _show_report(args, report, sys.stderr)


def _warn(lines: list[str]) -> None:
    sys.stderr.write("".join(f"hardkit: warning: {line}\n" for line in lines))


def _show_diff(args: argparse.Namespace, report: CheckReport) -> int:
    sys.stdout.write("".join(report.diffs))
    if not args.quiet:
        sys.stderr.write(_would_fix(report.fixes_applied))
    return EXIT_FINDINGS if report.diffs and not args.exit_zero else EXIT_OK


def _show_report(args: argparse.Namespace, report: CheckReport, stream: TextIO) -> int:
    from hardkit.adapters.reporters import ReportView, render

    view = ReportView(
        findings=tuple(report.findings),
        errors=tuple(report.errors),
        fixes_applied=report.fixes_applied,
        fix_mode=args.fix,
        statistics=args.statistics,
        quiet=args.quiet,
        baseline_hidden=report.baseline_hidden,
        baseline_stale=report.baseline_stale,
        color=args.output_format == "text" and use_color(stream),
        finding_ids=tuple(report.finding_ids),
    )
    stream.write(render(args.output_format, view))
    if args.exit_zero or not (report.findings or report.errors):
        return EXIT_OK
    return EXIT_FINDINGS


def _would_fix(count: int) -> str:
    if count == 0:
        return "Nothing to fix.\n"
    return f"Would fix {count} error{'s' if count != 1 else ''}.\n"
