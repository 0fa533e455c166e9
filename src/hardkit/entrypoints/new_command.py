"""``hardkit new``: a new service from hardkit's project template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hardkit import __version__


def configure(new: argparse.ArgumentParser) -> None:
    new.description = (
        "Create a service from hardkit's project template (copier): the src/ layout "
        "with domain, adapters, service and entrypoints and a working example, unit, "
        "integration and property tests, benchmarks, a load test, docs, a Makefile "
        "whose `make check` CI runs on the checklist's matrix, pre-commit hooks, a "
        "hardened Dockerfile and a profiling runbook; it passes `hardkit doctor`. The "
        "project is locked with `uv lock`. Needs the 'new' extra (hardkit[new]). Exit "
        "status: 0 created, 1 created but `uv lock` failed, 2 nothing created (usage "
        "error, a directory that is not empty, copier or uv missing)."
    )
    new.add_argument("path", type=Path, metavar="PATH", help="the new project's directory")
    new.add_argument(
        "--name", metavar="NAME", help="the project's name (default: the directory's name)"
    )
    new.add_argument(
        "--defaults",
        action="store_true",
        help="ask nothing: the default answer to every other question",
    )
    new.add_argument(
        "--no-lock",
        action="store_true",
        help="skip `uv lock` (it needs the package index); run it in the project later",
    )
    new.set_defaults(handler=_run_new)


def _run_new(args: argparse.Namespace) -> int:
    from hardkit.service.new_project import run_new

    out, err, status = run_new(
        args.path, __version__, name=args.name, defaults=args.defaults, lock=not args.no_lock
    )
    sys.stdout.write("".join(line + "\n" for line in out))
    sys.stderr.write("".join(line + "\n" for line in err))
    return status
