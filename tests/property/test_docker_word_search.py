"""Dockerfile text scans written as loops, not regular expressions, agree with their
definitions on any text: where a finding points (a word not glued to word characters,
``.`` or ``-``, nor to an ``=`` before it), and whether a word holds whitespace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from hardkit.domain.docker.commands import _has_space  # pyright: ignore[reportPrivateUsage]
from hardkit.domain.docker.source import _find_word  # pyright: ignore[reportPrivateUsage]

_CHARS = st.sampled_from([*"ab1_.-=: /@\t\n", "é", "٣", "\u2028"])
_TEXT = st.text(_CHARS, max_size=30)
_WORD = st.text(_CHARS, min_size=1, max_size=4)


def _by_regex(text: str, word: str, start: int) -> int:
    found = re.compile(rf"(?<![\w.\-=]){re.escape(word)}(?![\w.\-])").search(text, start)
    return found.start() if found else -1


@given(_TEXT, _WORD, st.integers(min_value=0, max_value=32))
def test_the_search_is_the_regular_expression(text: str, word: str, start: int) -> None:
    assert _find_word(text, word, start) == _by_regex(text, word, start)


@given(_TEXT, _WORD, _TEXT)
def test_a_word_written_on_its_own_is_found(before: str, word: str, after: str) -> None:
    text = f"{before} {word} {after}"
    assert _find_word(text, word, 0) == _by_regex(text, word, 0)


@given(st.text(st.sampled_from(list("ab \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000é")), max_size=12))
def test_has_space_is_any_whitespace_character(text: str) -> None:
    assert _has_space(text) == any(c.isspace() for c in text)
