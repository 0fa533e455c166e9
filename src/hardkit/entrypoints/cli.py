"""``hardkit``: the command-line interface.

Exit codes follow ruff: 0 nothing left to report, 1 findings (or unreadable files)
remain, 2 a usage, configuration or internal error. Errors are one line on stderr;
``--debug`` adds the traceback.

Each sub-command lives in its own module; only the one being run is imported and given
its options, so ``hardkit check one_file.py`` pays for nothing else.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence

from hardkit.domain.config import ConfigError
from hardkit.domain.values import TYPE_CHECKING
from hardkit.entrypoints.common import EXIT_ERROR, UsageError

if TYPE_CHECKING:
    import argparse
    from typing import NoReturn


def _hook_command_line(argv: list[str]) -> argparse.Namespace | None:
    """The options of ``hardkit check`` as a hook runs it, read without argparse (see
    ``check_command.quick_args``); None for any other command line."""
    if argv[:1] != ["check"]:
        return None
    from hardkit.entrypoints.check_command import quick_args

    return quick_args(argv[1:])


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
    args = _hook_command_line(argv)
    if args is None:
        from hardkit.entrypoints.parsing import build_parser

        parser = build_parser(argv)
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # the command's own usage, as for any other mistake in its options
            owner: argparse.ArgumentParser = getattr(args, "command_parser", parser)
            owner.error(f"unrecognized arguments: {' '.join(unknown)}")
        if getattr(args, "handler", None) is None:
            parser.print_help()
            return EXIT_ERROR
    handler: Callable[[argparse.Namespace], int] = args.handler
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
