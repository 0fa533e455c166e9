"""``hardkit init`` and ``hardkit sync``: the presets in a repository."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hardkit import __version__


def configure_init(init: argparse.ArgumentParser) -> None:
    init.description = (
        "Onboard the repository in the current directory (run it at the repository "
        "root): write hardkit-ruff.toml and hardkit-pyright.json; make the ruff config "
        "(.ruff.toml, ruff.toml or pyproject.toml [tool.ruff]) extend the first and the "
        "pyright config (pyrightconfig.json or pyproject.toml [tool.pyright]) extend the "
        "second; add the hardkit and hardkit-presets hooks to .pre-commit-config.yaml. "
        "Every comment and the layout of your files are kept, and a second run changes "
        "nothing. An existing extend of your own is never replaced: init shows the line "
        "to change instead. Exit status: 0 done, 1 a line is left for you to change, "
        "2 a file could not be parsed (then nothing is written)."
    )
    init.add_argument(
        "--dry-run", action="store_true", help="print the changes as a diff; write nothing"
    )
    init.set_defaults(handler=_run_init)


def configure_sync(sync: argparse.ArgumentParser) -> None:
    sync.description = (
        "Rewrite hardkit-ruff.toml and hardkit-pyright.json in the current directory "
        "with the presets of the installed hardkit (the ones the repository uses; both "
        "when it uses neither). With --check nothing is written: exit 1 when a preset "
        "is missing or out of date, or the ruff or pyright config does not extend it "
        "(HK401-HK403), as the hardkit-presets hook does."
    )
    sync.add_argument(
        "--check", action="store_true", help="exit 1 if the presets differ; write nothing"
    )
    sync.set_defaults(handler=_run_sync)


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
