"""The Dockerfile stage model, read with BuildKit's grammar: what the HK3xx rules see."""

from __future__ import annotations

import pytest

from hardkit.domain.config import Config
from hardkit.domain.docker.bases import runs_as_non_root
from hardkit.domain.docker.images import parse_image
from hardkit.domain.docker.source import DockerfileSource, read_dockerfile
from hardkit.domain.docker.words import WordError, expand
from hardkit.domain.sources import ParseFailure


def read(text: str, target: str | None = None) -> DockerfileSource:
    return read_dockerfile("Dockerfile", text, Config(dockerfile_target=target))


# -- words: quotes, escapes and variables as BuildKit's shell lexer reads them -------------


@pytest.mark.parametrize(
    ("word", "expected", "unknown"),
    [
        ('"x y"', "x y", set()),
        ("'$V'", "$V", set()),
        ('"$V"', "3.13", set()),
        ("a\\ b", "a b", set()),
        ('"a\\"b"', 'a"b', set()),
        ('"a\\qb"', "a\\qb", set()),
        ("$V-slim", "3.13-slim", set()),
        ("${V}-slim", "3.13-slim", set()),
        ("${NOPE}", "", {"NOPE"}),
        ("$NOPE", "", {"NOPE"}),
        ("${NOPE:-3.12}", "3.12", set()),
        ("${NOPE-3.12}", "3.12", set()),
        ("${EMPTY:-d}", "d", set()),
        ("${EMPTY-d}", "", set()),
        ("${V:+set}", "set", set()),
        ("${NOPE:+set}", "", set()),
        ("${V%.*}", "3", set()),
        ("${V#*.}", "13", set()),
        ("${IMG##*/}", "python:3.13", set()),
        ("${IMG%%/*}", "docker.io", set()),
        ("${V/3/4}", "4.13", set()),
        ("$", "$", set()),
        ("100%", "100%", set()),
    ],
)
def test_words_are_read_like_buildkit(word: str, expected: str, unknown: set[str]) -> None:
    scope = {"V": "3.13", "EMPTY": "", "IMG": "docker.io/library/python:3.13"}
    result = expand(word, scope)
    assert (result.text, set(result.unknown)) == (expected, unknown)


def test_escape_directive_changes_the_escape_character() -> None:
    assert expand("a`$V", {"V": "x"}, escape="`").text == "a$V"
    assert expand("C:\\app", {}, escape="`").text == "C:\\app"


@pytest.mark.parametrize("word", ["${", "${}", "${:-x}", '"open', "'open", "${V:x}"])
def test_bad_substitutions_are_errors(word: str) -> None:
    with pytest.raises(WordError):
        expand(word, {"V": "1"})


# -- images ------------------------------------------------------------------------------

DIGEST = "sha256:" + "ab" * 32


@pytest.mark.parametrize(
    ("text", "name", "tag", "digest"),
    [
        ("python", "python", None, None),
        ("python:3.13-slim", "python", "3.13-slim", None),
        (f"python@{DIGEST}", "python", None, DIGEST),
        (f"python:3.13@{DIGEST}", "python", "3.13", DIGEST),
        ("localhost:5000/app", "localhost:5000/app", None, None),
        ("localhost:5000/app:1.2", "localhost:5000/app", "1.2", None),
        ("gcr.io/distroless/python3:nonroot", "gcr.io/distroless/python3", "nonroot", None),
    ],
)
def test_image_references_split_into_parts(
    text: str, name: str, tag: str | None, digest: str | None
) -> None:
    ref = parse_image(text)
    assert (ref.name, ref.tag, ref.digest) == (name, tag, digest)


def test_image_properties() -> None:
    assert parse_image(f"python:3.13@{DIGEST}").pinned
    assert not parse_image("python:3.13@sha256:abc").pinned
    assert not parse_image(f"python:3.13@{DIGEST.upper()}").pinned
    assert parse_image("python:slim-bookworm").is_slim
    assert not parse_image("python:3.13-slimmer").is_slim
    assert runs_as_non_root(parse_image("gcr.io/distroless/python3-debian12:debug-nonroot"))
    assert not runs_as_non_root(parse_image("acme/nonroot:nonroot"))
    assert runs_as_non_root(parse_image("cgr.dev/chainguard/python:latest"))
    assert not runs_as_non_root(parse_image("cgr.dev/chainguard/python:latest-dev"))
    assert runs_as_non_root(parse_image("quay.io/jupyter/minimal-notebook:2025-01-06"))
    assert not runs_as_non_root(parse_image("quay.io/jupyterhub/jupyterhub:5"))
    assert parse_image("cgr.dev/chainguard/python:latest").is_distroless
    assert parse_image("scratch").is_scratch
    assert parse_image("registry.acme.io/base/python:3.13").matches_any(("registry.acme.io/*",))


# -- stages ------------------------------------------------------------------------------


def test_args_before_the_first_from_are_expanded_with_their_defaults() -> None:
    file = read("ARG PY=3.13\nARG IMAGE=python:${PY}-slim\nFROM ${IMAGE} AS base\n")
    stage = file.model.stages[0]
    assert stage.image_text == "${IMAGE}"
    assert stage.ref == parse_image("python:3.13-slim")


def test_from_a_variable_without_default_is_unresolvable() -> None:
    stage = read("ARG BASE\nFROM ${BASE}\n").model.stages[0]
    assert (stage.image.known, set(stage.image.unknown), stage.ref) == (False, {"BASE"}, None)


def test_build_platform_arguments_have_no_value_in_the_file() -> None:
    stage = read("FROM --platform=$BUILDPLATFORM ${TARGETARCH}/python:3.13\n").model.stages[0]
    assert set(stage.image.unknown) == {"TARGETARCH"}
    assert stage.from_instruction.flag("platform") == "$BUILDPLATFORM"


def test_stage_references_are_case_insensitive_and_only_backwards() -> None:
    file = read(
        "FROM python:3.13-slim AS Build\nFROM BUILD AS runtime\nFROM later\nFROM x AS later\n"
    )
    stages = file.model.stages
    assert [s.base for s in stages] == [None, 0, None, None]
    assert stages[2].ref == parse_image("later")


def test_a_stage_inherits_env_user_and_command_from_the_stage_it_builds_on() -> None:
    file = read(
        "FROM python:3.13-slim AS base\nENV PYTHONFAULTHANDLER=1 A=x\nUSER app\n"
        'CMD ["python", "-m", "app"]\nFROM base AS runtime\nENV B=${A}y\n'
    )
    final = file.final
    assert file.model.origin(final).name == "base"
    assert {k: v.value for k, v in final.env.items()} == {
        "PYTHONFAULTHANDLER": "1",
        "A": "x",
        "B": "xy",
    }
    assert final.user is not None
    assert final.user.value == "app"
    assert final.runtime_words == ("python", "-m", "app")


def test_args_end_with_their_stage_and_must_be_redeclared() -> None:
    file = read("ARG V=1\nFROM python:3.13-slim AS a\nENV A=$V\nFROM a\nARG V\nENV B=$V\n")
    assert not file.model.stages[0].env["A"].known
    assert file.final.env["B"].value == "1"


def test_env_values_of_one_instruction_see_the_values_from_before_it() -> None:
    file = read("FROM python:3.13-slim\nENV A=1\nENV A=2 B=$A\n")
    assert (file.final.env["A"].value, file.final.env["B"].value) == ("2", "1")


def test_an_entrypoint_resets_an_inherited_cmd_but_not_its_own_stage_s() -> None:
    file = read(
        'FROM python:3.13-slim AS a\nCMD ["serve"]\nFROM a AS b\nENTRYPOINT ["python"]\n'
        'FROM python:3.13-slim\nCMD ["-m", "app"]\nENTRYPOINT ["python"]\n'
    )
    assert file.model.stages[1].runtime_words == ("python",)
    assert file.final.runtime_words == ("python", "-m", "app")


def test_the_final_stage_is_the_last_one_or_the_configured_target() -> None:
    text = "FROM python:3.13-slim AS runtime\nFROM python:3.13 AS test\n"
    assert read(text).final.name == "test"
    assert read(text, target="Runtime").final.name == "runtime"
    assert read(text, target="missing").final.name == "test"


@pytest.mark.parametrize(
    ("text", "python"),
    [
        ("FROM python:3.13-slim\n", True),
        ("FROM debian:12\nRUN apt-get install -y python3\n", True),
        ("FROM debian:12\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\n", True),
        ("FROM debian:12\nCMD gunicorn app:wsgi\n", True),
        ("FROM debian:12\nCOPY main.py /srv/\n", True),
        ("FROM debian:12\nRUN pip3 install x\n", True),
        ("FROM python:3.13 AS build\nRUN make\nFROM build\n", True),
        ("FROM nginx:1.27\nCOPY site /srv\n", False),
        (
            "FROM python:3.13 AS build\nRUN pip wheel .\n"
            "FROM nginx:1.27\nCOPY --from=build /a /b\n",
            False,
        ),
        ("FROM node:22\nRUN npm ci --ignore-scripts\nCMD node pipeline.js\n", False),
    ],
)
def test_python_final_stage(text: str, python: bool) -> None:
    assert read(text).python_final is python


def test_heredocs_continuations_and_the_escape_directive() -> None:
    text = (
        "# escape=`\nFROM python:3.13-slim\nRUN <<EOF\nset -e\npip install uv\nEOF\n"
        "ENV A=1 `\n    B=2\nUSER app\n"
    )
    file = read(text)
    run, env, user = file.final.instructions
    assert (run.line, run.end_line, run.heredocs) == (3, 6, ("set -e\npip install uv\n",))
    assert (env.line, env.end_line) == (7, 8)
    assert (user.line, file.model.escape) == (9, "`")


def test_lowercase_instructions_and_json_forms() -> None:
    file = read('from python:3.13-slim as app\ncmd ["python", "app.py"]\nentrypoint exec run\n')
    assert file.final.name == "app"
    cmd, entrypoint = file.final.cmd, file.final.entrypoint
    assert cmd is not None
    assert cmd.json
    assert entrypoint is not None
    assert not entrypoint.json


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("import os\nprint(os.name)\n", 1, "unknown instruction: import"),
        ("\x1f\n", 1, "unknown instruction: '\\x1f'"),
        ("RUN echo hi\nFROM python\n", 1, "RUN before the first FROM"),
        ("ARG A=1\n", 1, "no FROM"),
        ("# only a comment\n", 1, "no instructions"),
        ("", 1, "no instructions"),
        ("FROM a b\n", 1, "one or three arguments"),
        ("FROM a IS b\n", 1, "'AS'"),
        ("FROM a AS 1st\n", 1, "invalid stage name"),
        ("FROM a AS x\nFROM b AS X\n", 2, "duplicate stage name"),
        ("FROM --network=host a\n", 1, "unknown flag --network"),
        ("FROM a\nUSER\n", 2, "USER requires exactly one argument"),
        ("FROM a\nONBUILD FROM b\n", 2, "ONBUILD cannot run FROM"),
        ("FROM a\nRUN <<EOF\nnever closed\n", 2, "unterminated heredoc"),
        ("# escape=x\nFROM a\n", 1, "invalid escape token"),
        ("FROM a\nENV X=${\n", 2, "cannot read"),
        ("FROM ${\n", 1, "cannot read"),
        ("FROM a\nENV\n", 2, "ENV requires at least one argument"),
        ("FROM a\nENV A \n", 2, "ENV must have two arguments"),
        ("FROM a\nRUN <<EOF\nok\nEOF\nRUN x\nLABEL k=v\nRUN <<END\n", 7, "unterminated heredoc"),
        ("FROM a\nRUN <<EOF\nok\nEOF\nENV K\nRUN y\n", 5, "ENV must have two arguments"),
    ],
)
def test_what_buildkit_refuses_is_a_parse_failure(text: str, line: int, message: str) -> None:
    with pytest.raises(ParseFailure) as caught:
        read(text)
    assert (caught.value.line, message in str(caught.value)) == (line, True), str(caught.value)


def test_spans_point_at_the_word_after_the_flags() -> None:
    file = read("FROM --platform=python \\\n    python:3.13 AS b\nENV A=1 PYTHONHASHSEED=0\n")
    stage = file.final
    assert file.span(stage.from_instruction, "python:3.13")[:2] == (2, 5)
    assert file.span(stage.from_instruction)[:2] == (1, 1)
    env = stage.instructions[0]
    assert file.span(env, "PYTHONHASHSEED")[:2] == (3, 9)
