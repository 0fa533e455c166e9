"""Words of identifiers, and the ``security-names`` a user configures (DESIGN §1).

Light on purpose (no ``dataclasses``, no LibCST): the HK1xx rules import it on every run
that checks a file mentioning ``assert``, ``__debug__`` or ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from hardkit.domain.values import NamedTuple

DEBUG_NAME = "__debug__"
HASH_SEED = "PYTHONHASHSEED"

_SEPARATORS = re.compile(r"[_.\-\s]+")


def _char_class(char: str) -> str:
    if char.isdigit():
        return "digit"
    return "upper" if char.isupper() else "lower"


def _is_boundary(text: str, index: int) -> bool:
    before, here = _char_class(text[index - 1]), _char_class(text[index])
    if (before == "digit") != (here == "digit"):
        return True
    if before == "lower" and here == "upper":
        return True
    # "HTTPRequest": a run of capitals ends before the capital that starts a word.
    following = text[index + 1] if index + 1 < len(text) else ""
    return before == here == "upper" and bool(following) and _char_class(following) == "lower"


@functools.lru_cache(maxsize=4096)
def split_words(identifier: str) -> tuple[str, ...]:
    """Lower-cased words of an identifier: split on ``_ . -``, spaces and case changes."""
    words: list[str] = []
    for part in _SEPARATORS.split(identifier):
        start = 0
        for index in range(1, len(part)):
            if _is_boundary(part, index):
                words.append(part[start:index])
                start = index
        if part:
            words.append(part[start:])
    return tuple(word.lower() for word in words)


class Vocabulary(NamedTuple):
    """Security words and phrases; a phrase matches whole consecutive words only."""

    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    def matches(self, identifier: str) -> bool:
        found = split_words(identifier)
        if self.words.intersection(found):
            return True
        return any(_contains(found, phrase) for phrase in self.phrases)

    def mentions(self, identifiers: Iterable[str]) -> bool:
        return any(self.matches(identifier) for identifier in identifiers)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


@functools.lru_cache(maxsize=32)
def vocabulary(extra: tuple[str, ...] = ()) -> Vocabulary:
    """The words of the ``security-names`` setting (none by default: HK101 decides on the
    shape of a check, ``decision.py``; configured words mark more checks)."""
    split = [split_words(name) for name in extra]
    return Vocabulary(
        words=frozenset(words[0] for words in split if len(words) == 1),
        phrases=tuple(words for words in split if len(words) > 1),
    )
