"""``hardkit``: the command-line interface.

Exit codes follow ruff: 0 nothing left to report, 1 findings (or unreadable files)
remain, 2 a usage, configuration or internal error. Errors are one line on stderr;
``--debug`` adds the traceback.

Each sub-command lives in its own module; only the one being run is imported and given
its options, so ``hardkit check one_file.py`` pays for nothing else.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence

from hardkit import __version__
from hardkit.domain.config import ConfigError
from hardkit.domain.values import TYPE_CHECKING
from hardkit.entrypoints.common import EXIT_ERROR, Formatter, UsageError

if TYPE_CHECKING:
    from typing import NoReturn

# name -> (module, its configure function, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("check_command", "configure", "check Python files and Dockerfiles"),
    "rule": ("rule_command", "configure", "explain a rule"),
    "init": (
        "presets_command",
        "configure_init",
        "set up hardkit in this repository (presets, extends, pre-commit hooks)",
    ),
    "sync": (
        "presets_command",
        "configure_sync",
        "rewrite the presets from this hardkit (--check: only compare)",
    ),
    "audit": (
        "audit_command",
        "configure",
        "known vulnerabilities in the locked dependencies (pip-audit; HK501)",
    ),
    "doctor": (
        "doctor_command",
        "configure",
        "score a repository against the hardening checklist",
    ),
    "new": (
        "new_command",
        "configure",
        "create a service from hardkit's project template (needs hardkit[new])",
    ),
}


def _chosen(argv: Sequence[str]) -> str | None:
    """The sub-command named on the command line (the first word that is one), if any."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with ``argv``, only the sub-command it names gets its options."""
    parser = argparse.ArgumentParser(
        prog="hardkit",
        formatter_class=Formatter,
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
    chosen = _chosen(argv) if argv is not None else None
    if chosen not in COMMANDS:
        chosen = None  # no command, or a mistyped one: all of them, for the help or error
    for name, (module, configure, help_text) in COMMANDS.items():
        if chosen is not None and name != chosen:
            continue  # each parser costs start-up time; the others cannot be reached now
        sub = commands.add_parser(name, help=help_text, formatter_class=Formatter)
        getattr(importlib.import_module(f"hardkit.entrypoints.{module}"), configure)(sub)
        sub.set_defaults(command_parser=sub)
    return parser


def _error(line: str) -> None:
    sys.stderr.write(line + "\n")


def _tolerant_streams() -> None:
    """A character the terminal's encoding cannot show (a non-ASCII file name on an ASCII
    terminal) is printed escaped: it must never fail the run."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # the command's own usage, as for any other mistake in its options
        owner: argparse.ArgumentParser = getattr(args, "command_parser", parser)
        owner.error(f"unrecognized arguments: {' '.join(unknown)}")
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_ERROR
    _tolerant_streams()
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


def run() -> NoReturn:
    """The ``hardkit`` command and ``python -m hardkit``: ``main()``, then the exit.

    The process ends without tearing the interpreter down (as mypy does): by then every
    file hardkit wrote is closed and renamed and every worker joined, so the teardown
    would only free memory the operating system takes back anyway, and it cost 10% of a
    hook's run (16M of 159M instructions on one clean file, measured with cachegrind).
    The output is flushed first; a reader that stopped reading (``| head``) is no error.
    Under coverage, which saves its data at exit, the ordinary exit is kept."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    if "coverage" in sys.modules:
        sys.exit(code)
    os._exit(code)
