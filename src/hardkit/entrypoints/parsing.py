"""The argument parser of every sub-command (argparse), built for the command named.

``hardkit check`` as a hook runs it (``check_command.quick_args``) needs none of this:
importing argparse, building a parser and looking its messages up in gettext's catalogues
cost a one-file run about a tenth of its instructions.
"""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Sequence

from hardkit import __version__

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


class Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized without importing shutil (a hook pays for every import)."""

    def __init__(self, prog: str) -> None:
        try:
            width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
        except (ValueError, OSError):
            width = 80
        super().__init__(prog, width=max(width - 2, 40))
