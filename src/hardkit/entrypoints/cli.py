"""``hardkit``: the command-line interface.

Exit codes follow ruff: 0 nothing left to report, 1 findings (or unreadable files)
remain, 2 a usage, configuration or internal error. Errors are one line on stderr;
``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from hardkit import __version__
from hardkit.domain.config import ConfigError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUT_FORMATS = ("text", "json", "sarif", "github")


class UsageError(Exception):
    pass


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized without importing shutil (a hook pays for every import)."""

    def __init__(self, prog: str) -> None:
        try:
            width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
        except (ValueError, OSError):
            width = 80
        super().__init__(prog, width=max(width - 2, 40))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hardkit",
        formatter_class=_Formatter,
        description=(
            "Production-hardening checks for Python services: security asserts that "
            "python -O removes, layering of domain/, Dockerfile hardening, and the "
            "ruff/pyright presets that go with them."
        ),
        epilog="Run 'hardkit COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"hardkit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_check(commands)
    _add_rule(commands)
    _add_doctor(commands)
    _add_init(commands)
    _add_sync(commands)
    _add_audit(commands)
    return parser


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:  # pyright: ignore[reportPrivateUsage]
    check = commands.add_parser(
        "check",
        formatter_class=_Formatter,
        help="check Python files and Dockerfiles",
        description=(
            "Check files and directories (default: the current directory). Directories "
            "are walked honouring .gitignore and the exclude settings. Exit status: 0 "
            "clean, 1 findings remain, 2 usage or configuration error."
        ),
    )
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument(
        "--diff", action="store_true", help="print what --fix would change; write nothing"
    )
    check.add_argument(
        "--select", type=_codes, metavar="CODES", help="only these codes or prefixes (HK1,HK301)"
    )
    check.add_argument(
        "--extend-select", type=_codes, metavar="CODES", help="add codes to the selection"
    )
    check.add_argument("--ignore", type=_codes, metavar="CODES", help="skip these codes")
    check.add_argument(
        "--output-format", choices=OUTPUT_FORMATS, default="text", help="report format"
    )
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    check.add_argument(
        "--jobs", type=_positive, metavar="N", help="worker processes (default: automatic)"
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


def _add_rule(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:  # pyright: ignore[reportPrivateUsage]
    rule = commands.add_parser(
        "rule",
        formatter_class=_Formatter,
        help="explain a rule",
        description="Print a rule's documentation, or every rule's with --all.",
    )
    rule.add_argument("code", nargs="?", metavar="CODE", help="a rule code, e.g. HK101")
    rule.add_argument("--all", action="store_true", help="document every rule")
    rule.set_defaults(handler=_run_rule)


def _add_doctor(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:  # pyright: ignore[reportPrivateUsage]
    doctor = commands.add_parser(
        "doctor",
        help="score a repository against Appendix A of the hardening standard",
        description=(
            "A scorecard of a repository against Appendix A of the hardening standard: "
            "layout, tooling, make check, CI matrix and Dockerfile hardening. Reads files "
            "only. Exit status: 0 every required item passes, 1 a required item fails, "
            "2 usage error."
        ),
    )
    doctor.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=Path(),
        metavar="PATH",
        help="the repository (default: .)",
    )
    doctor.add_argument(
        "--output-format", choices=("text", "json"), default="text", help="report format"
    )
    doctor.set_defaults(handler=_run_doctor)


def _add_init(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:  # pyright: ignore[reportPrivateUsage]
    init = commands.add_parser(
        "init",
        help="set up hardkit in this repository (presets, extends, pre-commit hooks)",
        formatter_class=_Formatter,
        description=(
            "Onboard the repository in the current directory (run it at the repository "
            "root): write hardkit-ruff.toml and hardkit-pyright.json; make the ruff config "
            "(.ruff.toml, ruff.toml or pyproject.toml [tool.ruff]) extend the first and the "
            "pyright config (pyrightconfig.json or pyproject.toml [tool.pyright]) extend the "
            "second; add the hardkit and hardkit-presets hooks to .pre-commit-config.yaml. "
            "Every comment and the layout of your files are kept, and a second run changes "
            "nothing. An existing extend of your own is never replaced: init shows the line "
            "to change instead. Exit status: 0 done, 1 a line is left for you to change, "
            "2 a file could not be parsed (then nothing is written)."
        ),
    )
    init.add_argument(
        "--dry-run", action="store_true", help="print the changes as a diff; write nothing"
    )
    init.set_defaults(handler=_run_init)


def _add_sync(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:  # pyright: ignore[reportPrivateUsage]
    sync = commands.add_parser(
        "sync",
        help="rewrite the presets from this hardkit (--check: only compare)",
        formatter_class=_Formatter,
        description=(
            "Rewrite hardkit-ruff.toml and hardkit-pyright.json in the current directory "
            "with the presets of the installed hardkit (the ones the repository uses; both "
            "when it uses neither). With --check nothing is written: exit 1 when a preset "
            "is missing or out of date, or the ruff or pyright config does not extend it "
            "(HK401-HK403), as the hardkit-presets hook does."
        ),
    )
    sync.add_argument(
        "--check", action="store_true", help="exit 1 if the presets differ; write nothing"
    )
    sync.set_defaults(handler=_run_sync)


def _add_audit(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:  # pyright: ignore[reportPrivateUsage]
    audit = commands.add_parser(
        "audit",
        help="known vulnerabilities in the locked dependencies (pip-audit; HK501)",
        formatter_class=_Formatter,
        description=(
            "Audit exactly the versions pinned in uv.lock (or pylock.toml, or pinned "
            "requirements*.txt files) with pip-audit, resolving nothing, and report each "
            "known vulnerability as HK501 on the package's entry in the lock file. Needs "
            "the network. Exit status: 0 nothing found, 1 vulnerabilities (or unpinned "
            "requirements) found, 2 the vulnerability service cannot be reached, or a "
            "usage or configuration error."
        ),
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
    from hardkit.adapters.pip_audit import PipAudit
    from hardkit.adapters.reporters import ReportView, render
    from hardkit.domain.audit import AuditError
    from hardkit.service.audit import AuditOptions, run_audit

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
        color=args.output_format == "text" and _use_color(sys.stdout),
    )
    sys.stdout.write(render(args.output_format, view))
    if args.exit_zero or not (result.findings or result.errors):
        return EXIT_OK
    return EXIT_FINDINGS


def _print_run(result: tuple[list[str], list[str], int]) -> int:
    out, err, status = result
    sys.stdout.write("".join(line + "\n" for line in out))
    sys.stderr.write("".join(line + "\n" for line in err))
    return status


def _run_init(args: argparse.Namespace) -> int:
    from hardkit.service.onboarding import run_init

    return _print_run(run_init(Path.cwd(), __version__, dry_run=args.dry_run))


def _run_sync(args: argparse.Namespace) -> int:
    from hardkit.service.onboarding import run_sync

    return _print_run(run_sync(Path.cwd(), __version__, check=args.check))


def _use_color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


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
        color=args.output_format == "text" and _use_color(sys.stdout),
    )
    sys.stdout.write(render(args.output_format, view))
    if args.exit_zero or not (report.findings or report.errors):
        return EXIT_OK
    return EXIT_FINDINGS


def _can_encode(stream: object, text: str) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _run_doctor(args: argparse.Namespace) -> int:
    from hardkit.adapters.reporters.doctor import render_doctor_json, render_doctor_text
    from hardkit.service.doctor import run_doctor

    path: Path = args.path
    if not path.is_dir():
        reason = "not a directory" if path.exists() else "no such directory"
        raise UsageError(f"{path}: {reason}")
    card = run_doctor(path)
    if args.output_format == "json":
        sys.stdout.write(render_doctor_json(card, path.as_posix()))
    else:
        unicode = _can_encode(sys.stdout, "\u2713\u2717\u2013\u2192")
        color = _use_color(sys.stdout)
        sys.stdout.write(render_doctor_text(card, path.as_posix(), unicode=unicode, color=color))
    return EXIT_OK if card.ok else EXIT_FINDINGS


def _run_rule(args: argparse.Namespace) -> int:
    from hardkit.domain.docs import rule_markdown
    from hardkit.domain.registry import all_rules, rules_by_code

    if args.all:
        sys.stdout.write("\n\n".join(rule_markdown(rule) for rule in all_rules()))
        return EXIT_OK
    if not args.code:
        raise UsageError("give a rule code (hardkit rule HK101) or --all")
    rule = rules_by_code().get(args.code.upper())
    if rule is None:
        raise UsageError(f"unknown rule code {args.code!r}; 'hardkit rule --all' lists them")
    sys.stdout.write(rule_markdown(rule))
    return EXIT_OK


def _error(line: str) -> None:
    sys.stderr.write(line + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return handler(args)
    except ConfigError as exc:
        for problem in exc.problems:
            _error(f"hardkit: error: {problem}")
        return EXIT_ERROR
    except UsageError as exc:
        _error(f"hardkit: error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("hardkit: interrupted")
        return 130
    except Exception as exc:
        if args.debug:
            raise
        _error(f"hardkit: internal error: {type(exc).__name__}: {exc} (rerun with --debug)")
        return EXIT_ERROR
