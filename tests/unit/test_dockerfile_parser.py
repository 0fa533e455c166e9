"""hardkit's Python implementation of BuildKit's Dockerfile grammar, case by case.

Each expectation here was checked against BuildKit's own parser (the differential tests
in ``tests/property/test_dockerfile_parser_differential.py`` hold the two together on
generated and real Dockerfiles); these run without it, on every platform.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hardkit.domain.docker.instructions import Instruction
from hardkit.domain.docker.parser import parse_dockerfile, parse_instructions
from hardkit.domain.sources import ParseFailure


def one(text: str) -> Instruction:
    (instruction,) = parse_instructions(text)
    return instruction


def summary(text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...], bool, int, int]]:
    return [
        (i.command, i.args, i.flags, i.json, i.line, i.end_line) for i in parse_instructions(text)
    ]


def test_lines_comments_and_blank_lines() -> None:
    text = (
        "# a comment\n\nFROM python:3.13-slim AS build\n  # indented comment\nRUN pip install x\n"
    )
    assert summary(text) == [
        ("FROM", ("python:3.13-slim", "AS", "build"), (), False, 3, 3),
        ("RUN", ("pip install x",), (), False, 5, 5),
    ]


def test_continuation_lines_join_without_the_escape_and_keep_their_spaces() -> None:
    text = "RUN apt-get update \\\n    && apt-get install -y gcc\nUSER app\n"
    run, user = parse_instructions(text)
    assert run.args == ("apt-get update     && apt-get install -y gcc",)
    assert (run.line, run.end_line) == (1, 2)
    assert (user.line, user.end_line) == (3, 3)


def test_comments_and_empty_lines_inside_a_continued_instruction_are_skipped() -> None:
    text = "RUN a \\\n# a comment\n\n    b \\\n  # indented\n    c\nCMD x\n"
    run, cmd = parse_instructions(text)
    assert run.args == ("a     b     c",)
    assert (run.line, run.end_line, cmd.line) == (1, 6, 7)


def test_an_empty_continuation_line_does_not_end_the_instruction() -> None:
    assert summary("RUN a \\\n\nRUN b\n") == [("RUN", ("a RUN b",), (), False, 1, 3)]


def test_spaces_after_the_escape_still_continue_the_line() -> None:
    assert one("RUN a \\  \t\n b\n").args == ("a  b",)


def test_an_escaped_escape_character_at_the_end_does_not_continue() -> None:
    assert summary("RUN echo a\\\\\nRUN b\n") == [
        ("RUN", ("echo a\\\\",), (), False, 1, 1),
        ("RUN", ("b",), (), False, 2, 2),
    ]


def test_the_escape_directive() -> None:
    parsed = parse_dockerfile("# escape=`\nFROM windows `\n  AS base\nRUN dir C:\\ `\n /b\n")
    assert parsed.escape == "`"
    assert [(i.args, i.line, i.end_line) for i in parsed.instructions] == [
        (("windows", "AS", "base"), 2, 3),
        (("dir C:\\  /b",), 4, 5),
    ]


def test_directives_end_at_the_first_other_line() -> None:
    assert parse_dockerfile("\n# escape=`\nRUN a `\n").escape == "\\"
    assert parse_dockerfile("# syntax=docker/dockerfile:1\n#escape = ` \nRUN a\n").escape == "`"
    assert parse_dockerfile("# unknown=x\n# escape=`\nRUN a\n").escape == "\\"


@pytest.mark.parametrize(
    "text",
    [
        "# escape=x\nFROM a\n",
        "# escape=`\n# escape=`\nFROM a\n",
        "# syntax=a\n# syntax=b\nFROM a\n",
        "",
        "# only a comment\n\n",
        'CMD ["a", 1]\n',
        "ENV A\n",
        "ENV A=1 B\n",
        "RUN <<EOF\necho never ends\n",
    ],
)
def test_what_buildkit_refuses(text: str) -> None:
    with pytest.raises(ParseFailure):
        parse_instructions(text)


def test_json_and_shell_forms() -> None:
    assert summary('CMD ["python", "-m", "app"]\nCMD python -m app\nCMD [python]\n') == [
        ("CMD", ("python", "-m", "app"), (), True, 1, 1),
        ("CMD", ("python -m app",), (), False, 2, 2),
        ("CMD", ("[python]",), (), False, 3, 3),
    ]


def test_json_quirks_of_go_s_decoder() -> None:
    # what follows the array is ignored; NaN and out-of-range numbers are not JSON
    assert one('CMD ["a"] b\n').args == ("a",)
    assert one("CMD [NaN]\n").args == ("[NaN]",)
    assert one("CMD [1e999]\n").args == ("[1e999]",)
    assert one('CMD ["\\ud800"]\n').args == ("\ufffd",)
    assert one("COPY [] \n").args == ()


def test_copy_and_from_split_at_ascii_whitespace() -> None:
    assert one("COPY  --chown=app:app  a b\t/dst/\n") == Instruction(
        command="COPY",
        args=("a", "b", "/dst/"),
        flags=("--chown=app:app",),
        json=False,
        original="COPY  --chown=app:app  a b\t/dst/",
        line=1,
        end_line=1,
    )


def test_flags_are_read_with_quotes_and_end_at_a_lone_double_dash() -> None:
    assert one("RUN --mount=type=cache,target='/root/.cache' pip install x\n").flags == (
        "--mount=type=cache,target=/root/.cache",
    )
    run = one("RUN --network=none -- --not-a-flag\n")
    assert (run.flags, run.args) == (("--network=none",), ("--not-a-flag",))
    copy = one("COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /bin/\n")
    assert (copy.flags, copy.args) == (("--from=ghcr.io/astral-sh/uv:0.8",), ("/uv", "/bin/"))


def test_env_label_and_arg_keep_quotes_for_later() -> None:
    assert one('ENV A="x y" B=1\n').args == ("A", '"x y"', "B", "1")
    assert one("ENV A x y z\n").args == ("A", "x y z")
    assert one("LABEL a=b\n").args == ("a", "b")
    assert one("ARG V=3.13 W\n").args == ("V=3.13", "W")
    assert one("ENV A=a\\ b\n").args == ("A", "a\\ b")


def test_onbuild_and_healthcheck() -> None:
    onbuild = one("ONBUILD COPY . /app\n")
    assert (onbuild.command, onbuild.sub_command, onbuild.args) == (
        "ONBUILD",
        "COPY",
        (".", "/app"),
    )
    health = one('HEALTHCHECK --interval=5s CMD ["curl", "-f", "x"]\n')
    assert (health.flags, health.args, health.json) == (
        ("--interval=5s",),
        ("CMD", "curl", "-f", "x"),
        True,
    )
    assert one("HEALTHCHECK NONE\n").args == ("NONE",)


def test_an_unknown_instruction_is_kept_for_the_checks_to_refuse() -> None:
    assert one("FORM python\n").args == ("",)


def test_heredocs() -> None:
    text = (
        "FROM python:3.13-slim\n"
        "RUN <<EOF\n"
        "pip install x\n"
        "EOF\n"
        "COPY <<-'SCRIPT' /entrypoint.sh\n"
        "\t#!/bin/sh\n"
        "\texec app\n"
        "\tSCRIPT\n"
        "CMD x\n"
    )
    _, run, copy, cmd = parse_instructions(text)
    assert (run.args, run.heredocs, run.line, run.end_line) == (
        ("<<EOF",),
        ("pip install x\n",),
        2,
        4,
    )
    assert run.original == "RUN <<EOF\npip install x\nEOF\n"
    assert (copy.args, copy.heredocs, copy.line, copy.end_line) == (
        ("<<-'SCRIPT'", "/entrypoint.sh"),
        ("\t#!/bin/sh\n\texec app\n",),
        5,
        8,
    )
    assert cmd.line == 9


def test_several_heredocs_on_one_line_and_none_in_json_form() -> None:
    run = one("RUN <<A cat - <<B\na\nA\nb\nB\n")
    assert (run.heredocs, run.end_line) == (("a\n", "b\n"), 5)
    assert summary('RUN ["<<EOF"]\nEOF\n')[1][0] == "EOF"


def test_a_line_the_shell_lexer_cannot_read_opens_no_heredoc() -> None:
    assert summary("RUN <<EOF echo 'unbalanced\nEOF\n") == [
        ("RUN", ("<<EOF echo 'unbalanced",), (), False, 1, 1),
        ("EOF", ("",), (), False, 2, 2),
    ]


def test_crlf_line_endings_and_a_missing_final_newline() -> None:
    text = "FROM a\r\nRUN x \\\r\n  y\r\nRUN <<EOF\r\nbody\r\nEOF\r\nUSER app"
    _, run, heredoc, user = parse_instructions(text)
    assert run.args == ("x   y",)
    assert heredoc.heredocs == ("body\r\n",)
    assert (user.args, user.line) == (("app",), 7)


def test_a_byte_order_mark_is_skipped() -> None:
    assert one("\ufeffFROM a\n").command == "FROM"


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["--a=b", "--", "--mount=type=cache,target=/x", "-x", "x", "---y", " ", "\t", "\x0b"]
        ),
        max_size=8,
    ).map("".join)
)
def test_flags_read_word_by_word_are_the_flags_read_character_by_character(line: str) -> None:
    """The fast path for lines without quotes or backslashes agrees with the scanner."""
    from hardkit.domain.docker.arguments import _plain_flags, _scan_flags

    rest, flags = _scan_flags(line)
    assert _plain_flags(line) == (rest, tuple(flags))
