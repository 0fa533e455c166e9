"""What every sub-command shares: exit codes, errors, argument types."""

from __future__ import annotations

import os

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUT_FORMATS = ("text", "json", "sarif", "github", "gitlab")


class UsageError(Exception):
    """A mistake in how hardkit was called: one line on stderr, exit 2."""


def codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def positive(value: str) -> int:
    import argparse  # called by argparse only: it is loaded

    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def use_color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
