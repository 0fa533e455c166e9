"""What a release tag must agree with, and its notes (``.github/workflows/release.yml``).

    python scripts/release.py check vX.Y.Z   # the tag is "v" + __version__, and
                                             # CHANGELOG.md has "## [X.Y.Z] - YYYY-MM-DD"
    python scripts/release.py notes vX.Y.Z   # that section's text, for the GitHub release

A tag that does not match stops the release before anything is built or published;
the message says what to fix (one line on stderr, exit 1).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_VERSION = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)


class ReleaseError(Exception):
    """The tag, the version and the changelog do not agree."""


def version(root: Path = ROOT) -> str:
    text = (root / "src" / "hardkit" / "__init__.py").read_text(encoding="utf-8")
    found = _VERSION.search(text)
    if found is None:
        raise ReleaseError("src/hardkit/__init__.py has no __version__ line")
    return found.group(1)


def section(changelog: str, number: str) -> str:
    """The text under ``## [number] - YYYY-MM-DD``, up to the next ``## `` heading."""
    heading = re.compile(rf"^## \[{re.escape(number)}\](.*)$", re.MULTILINE)
    found = heading.search(changelog)
    if found is None:
        raise ReleaseError(
            f"CHANGELOG.md has no section for {number}: move the Unreleased entries under "
            f'"## [{number}] - YYYY-MM-DD"'
        )
    if not re.fullmatch(r" - \d{4}-\d{2}-\d{2}", found.group(1)):
        raise ReleaseError(f'CHANGELOG.md: the {number} heading needs its date: "- YYYY-MM-DD"')
    rest = changelog[found.end() :]
    following = re.search(r"^## ", rest, re.MULTILINE)
    body = (rest[: following.start()] if following else rest).strip()
    if not body:
        raise ReleaseError(f"CHANGELOG.md: the {number} section is empty")
    return body + "\n"


def check(tag: str, root: Path = ROOT) -> str:
    """The release notes of ``tag``, once the tag, the version and the changelog agree."""
    current = version(root)
    if tag != f"v{current}":
        raise ReleaseError(
            f"tag {tag} does not name this version: __version__ is {current}, so the tag "
            f"is v{current}"
        )
    return section((root / "CHANGELOG.md").read_text(encoding="utf-8"), current)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check a release tag, or print its notes.")
    parser.add_argument("action", choices=("check", "notes"))
    parser.add_argument("tag", help="the release tag, vX.Y.Z")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        notes = check(args.tag, args.root)
    except ReleaseError as exc:
        sys.stderr.write(f"release: {exc}\n")
        return 1
    if args.action == "notes":
        sys.stdout.write(notes)
    else:
        sys.stdout.write(f"{args.tag}: version and changelog agree\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
