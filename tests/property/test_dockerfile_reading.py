"""Properties of reading Dockerfiles: any text either reads or is a ParseFailure (HK001),
every HK3xx rule runs on whatever reads, and the HK304 fix is idempotent and leaves every
other byte alone."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hardkit.domain.config import Config
from hardkit.domain.docker.source import DockerfileSource, read_dockerfile
from hardkit.domain.docker.words import (  # pyright: ignore[reportPrivateUsage]
    Word,
    WordError,
    _Lexer,
    expand,
)
from hardkit.domain.fixes import apply_fixes
from hardkit.domain.registry import all_rules
from hardkit.domain.rule import FileKind, Rule
from hardkit.domain.sources import ParseFailure

RULES: list[Rule[Any]] = [r for r in all_rules() if r.kind is FileKind.DOCKERFILE]

WORDS = st.sampled_from(
    [
        "FROM",
        "from",
        "ARG",
        "ENV",
        "USER",
        "CMD",
        "ENTRYPOINT",
        "RUN",
        "COPY",
        "AS",
        "python:3.13",
        "python",
        "scratch",
        "base",
        "${V}",
        "$V",
        "${V:-x}",
        "V=1",
        "PYTHONHASHSEED=0",
        "PYTHONFAULTHANDLER=",
        "PYTHONOPTIMIZE=1",
        "root",
        "0:0",
        '["python", "-O"]',
        "gosu",
        "<<EOF",
        "EOF",
        "\\",
        "`",
        "'",
        '"',
        "#",
        "# escape=`",
        "--platform=$BUILDPLATFORM",
        "-X",
        "faulthandler",
    ]
)
LINES = st.lists(st.lists(WORDS, max_size=5).map(" ".join), max_size=12)
NEWLINES = st.sampled_from(["\n", "\r\n"])


def _read(text: str) -> DockerfileSource | None:
    try:
        return read_dockerfile("Dockerfile", text, Config())
    except ParseFailure:
        return None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_or_is_hk001(text: str) -> None:
    file = _read(text)
    if file is not None:
        for rule in RULES:
            list(rule.check(file))


@settings(max_examples=300, deadline=None)
@given(LINES, NEWLINES)
def test_dockerfile_like_text_reads_or_is_hk001_and_rules_run(
    lines: list[str], newline: str
) -> None:
    file = _read(newline.join(lines))
    if file is not None:
        for rule in RULES:
            for finding in rule.check(file):
                assert 1 <= finding.anchor_line <= finding.line <= len(file.lines)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_words_expand_or_raise_word_error(word: str) -> None:
    with contextlib.suppress(WordError):
        expand(word, {"V": "3.13", "E": ""})


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.sampled_from(["\\", "`"]))
def test_a_word_with_nothing_to_expand_is_read_as_the_lexer_reads_it(
    word: str, escape: str
) -> None:
    """``expand`` skips the lexer for a word without ``$``, quotes or the escape
    character: the lexer, run on it anyway, gives the same word."""
    scope = {"V": "3.13"}
    plain = "".join(c for c in word if c not in ("$", "'", '"', escape))
    lexer = _Lexer(plain, scope, escape)
    assert expand(plain, scope, escape) == Word(lexer.until(None), frozenset(lexer.unknown))


FAULTHANDLER = next(r for r in RULES if r.code == "HK304")


@settings(max_examples=200, deadline=None)
@given(LINES, NEWLINES)
def test_the_hk304_fix_only_adds_its_line_and_settles(lines: list[str], newline: str) -> None:
    text = "FROM python:3.13-slim" + newline + newline.join(lines)
    file = _read(text)
    fixes = [f.fix for f in FAULTHANDLER.check(file)] if file is not None else []
    if not fixes or fixes[0] is None:
        return
    fixed, applied = apply_fixes(text, [fixes[0]])
    assert applied == 1
    edit = fixes[0].edits[0]
    assert fixed[: edit.start] + fixed[edit.start + len(edit.content) :] == text
    assert edit.content.strip() == "ENV PYTHONFAULTHANDLER=1"
    again = _read(fixed)
    assert again is not None
    assert list(FAULTHANDLER.check(again)) == []
