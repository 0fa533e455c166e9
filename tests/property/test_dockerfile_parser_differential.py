"""hardkit's Dockerfile grammar against BuildKit's own parser (the ``dockerfile`` wheel):
on every Dockerfile in this repository (fixtures, examples, the perf set, every HK3xx
rule example) and on generated ones, both read the same instructions — command,
arguments, flags, JSON form, original line, heredoc bodies, first and last line — or
both refuse the text.

The wheel is a development dependency for a few platforms: without it these tests skip
and the rest of the HK3xx suite still runs. ``perf/dockerfile_corpus.py`` runs the same
comparison over a folder of real Dockerfiles.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hardkit.domain.registry import all_rules
from hardkit.domain.rule import FileKind
from tests.buildkit_oracle import assert_same_as_buildkit, require_oracle

ROOT = Path(__file__).parent.parent.parent


def _repository_dockerfiles() -> list[Path]:
    from hardkit.domain.kinds import is_dockerfile_name

    places = ("tests", "perf", "examples", "src")
    return sorted(
        path
        for place in places
        for path in (ROOT / place).rglob("*")
        if path.is_file() and is_dockerfile_name(path.name)
    )


FILES = _repository_dockerfiles()
EXAMPLES = [
    (f"{rule.code}-{n}", example.source)
    for rule in all_rules()
    if rule.kind is FileKind.DOCKERFILE
    for n, example in enumerate(rule.examples)
]


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def test_there_are_dockerfiles_to_compare() -> None:
    assert len(FILES) > 20
    assert len(EXAMPLES) > 50


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_dockerfile_of_the_repository(path: Path) -> None:
    require_oracle()
    assert_same_as_buildkit(_text(path))


@pytest.mark.parametrize(("name", "text"), EXAMPLES, ids=[n for n, _ in EXAMPLES])
def test_every_rule_example(name: str, text: str) -> None:
    require_oracle()
    assert_same_as_buildkit(text)


# -- generated Dockerfiles ---------------------------------------------------------------

# Pieces chosen for the grammar's corners: commands in any case, flags and quotes,
# escapes and continuations, comments, directives, JSON that Go and Python read apart,
# heredoc openers and terminators, variables, Unicode and odd whitespace.
PIECES = [
    "FROM", "from", "RUN", "run", "CMD", "COPY", "ADD", "ENV", "ARG", "LABEL", "ONBUILD",
    "HEALTHCHECK", "USER", "EXPOSE", "VOLUME", "SHELL", "WORKDIR", "MAINTAINER",
    "STOPSIGNAL", "ENTRYPOINT", "BOGUS", "NONE", "python:3", "a=b", "a=", "=b", "a", "b c",
    "'x y'", '"x y"', "'", '"', "''", '""', "\\", "`", "\\\\", '\\"', "\\'", '`"', "$x",
    "${x}", "${x:-y}", "${x:-a b}", "${x:+y}", "${x?}", "${1}", "$@", "${", "${}", "${x",
    "$", "<<EOF", "<<-EOF", "<<'EOF'", '<<"E F"', "<<E\\ F", "2<<EOF", "<<", "<<-",
    "<<EOF<<", "cat<<EOF", "<<$E", "<<${E}", "<<E", "E", "\tE", "EOF", "\tEOF", "--from=x",
    "--mount=type=cache,target=/x", "--", "--a='b c'", '--x="y', "-x", "--interval=5s",
    '["a","b"]', '["a"', "[1]", "[]", '["a"] x', "[NaN]", "[1e999]", '["\\ud800"]', "{}",
    "#", "# c", "#escape=`", "# escape=\\", "# syntax=x", "#escape=x", "# ESCAPE = `",
    " ", "\t", "\x0b", "\x0c", "\x85", "\xa0", "\u2028", "\u3000", "é", "İ", "K",
    "ONBUILD RUN", "ONBUILD ONBUILD", "ONBUILD COPY --from=a",
]  # fmt: skip
ENDINGS = ["", "", "", " \\", "\\", "`", " ` ", "\\ \t"]


@st.composite
def dockerfiles(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        words = draw(st.lists(st.sampled_from(PIECES), max_size=5))
        separator = draw(st.sampled_from([" ", "  ", "\t", ""]))
        indent = draw(st.sampled_from(["", "", "", " ", "\t"]))
        lines.append(indent + separator.join(words) + draw(st.sampled_from(ENDINGS)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from([newline, ""]))


@settings(max_examples=1000, deadline=None)
@given(dockerfiles())
def test_generated_dockerfiles(text: str) -> None:
    require_oracle()
    assert_same_as_buildkit(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\0", codec="utf-8"), max_size=200))
def test_any_text(text: str) -> None:
    require_oracle()
    assert_same_as_buildkit(text)
