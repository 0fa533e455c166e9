"""``hardkit check``'s command line as a hook runs it is read without argparse
(``check_command.quick_args``): every command line it reads, it reads as argparse does,
and it leaves every other one to argparse."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardkit.entrypoints.check_command import quick_args
from hardkit.entrypoints.parsing import build_parser

SWITCHES = ["--fix", "--diff", "--statistics", "--no-cache", "--exit-zero", "--quiet", "-q"]
PATHS = ["app.py", "src", ".", "a b.py", "ünï.py", "x=y.py", "Dockerfile", "pkg/mod.py"]
OTHERS = [
    "--select",
    "HK1",
    "--output-format",
    "json",
    "--jobs",
    "2",
    "--config",
    "--",
    "-",
    "",
    "--no-c",
    "-x",
    "--debug",
    "--stdin-filename",
]
WORDS = st.lists(st.sampled_from(SWITCHES + PATHS + OTHERS), max_size=7)


def _argparse(argv: list[str]) -> dict[str, object] | None:
    """What argparse makes of ``check ARGV``: its namespace (without the parser object it
    carries), or None when it refuses the command line."""
    full = ["check", *argv]
    parser = build_parser(full)
    try:
        args, unknown = parser.parse_known_args(full)
    except SystemExit:
        return None
    if unknown:
        return None
    found = vars(args)
    found.pop("command_parser")
    return found


@given(WORDS)
def test_what_it_reads_it_reads_as_argparse_does(argv: list[str]) -> None:
    quick = quick_args(argv)
    if quick is not None:
        assert vars(quick) == _argparse(argv)


@given(st.lists(st.sampled_from(SWITCHES)), st.lists(st.sampled_from(PATHS)))
def test_switches_then_paths_are_always_read(switches: list[str], paths: list[str]) -> None:
    """pre-commit's command lines: the hook's arguments, then the files."""
    quick = quick_args([*switches, *paths])
    assert quick is not None
    assert quick.paths == [Path(p) for p in paths]
    assert vars(quick) == _argparse([*switches, *paths])


@pytest.mark.parametrize(
    "argv",
    [
        ["app.py", "--fix"],  # an option after a file: argparse refuses it
        ["--select", "HK1", "app.py"],
        ["--no-c", "app.py"],  # an abbreviation: argparse's to expand
        ["-"],  # stdin
        ["--", "-weird.py"],
        ["--help"],
    ],
)
def test_other_command_lines_go_to_argparse(argv: list[str]) -> None:
    assert quick_args(argv) is None


def test_the_handler_is_argparse_s() -> None:
    quick, parsed = quick_args(["--fix", "app.py"]), _argparse(["--fix", "app.py"])
    assert quick is not None
    assert parsed is not None
    assert (quick.fix, quick.handler) == (True, parsed["handler"])
