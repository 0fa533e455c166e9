"""``hardkit doctor``: a scorecard against the hardening checklist."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hardkit.domain.doctor.verdicts import CHECKLIST_URL
from hardkit.entrypoints.common import EXIT_FINDINGS, EXIT_OK, UsageError, use_color


def configure(doctor: argparse.ArgumentParser) -> None:
    doctor.description = (
        "A scorecard of a repository against hardkit's hardening checklist (A.1-A.6, "
        f"{CHECKLIST_URL}): layout, tooling, make check, CI matrix and Dockerfile "
        "hardening. Reads files "
        "only. Exit status: 0 every required item passes, 1 a required item fails, "
        "2 usage error."
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
        color = use_color(sys.stdout)
        sys.stdout.write(render_doctor_text(card, path.as_posix(), unicode=unicode, color=color))
    return EXIT_OK if card.ok else EXIT_FINDINGS
