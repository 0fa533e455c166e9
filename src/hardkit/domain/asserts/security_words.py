"""The HK1xx security vocabulary and what makes an assert a security check (DESIGN §1).

Everything here works on plain strings and sets, so the cheap ``ast`` screen and the
LibCST check share one definition of "security check" and cannot drift apart. It is
imported on every start-up (the registry imports the rules), so it stays light: no
``dataclasses`` (~15 ms), no LibCST.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from hardkit.domain.values import NamedTuple

_WORDS = """
    auth authn authz authenticate authenticated authorize authorized authorise authorised
    authorization authorisation permission permissions perm perms privilege privileges role
    roles admin superuser staff owner token tokens jwt csrf xsrf password passwords passwd
    secret secrets signature signatures hmac apikey credential credentials claims acl login
    logged verified allowed forbidden tenant
"""
DEFAULT_VOCABULARY: tuple[str, ...] = (*_WORDS.split(), "api key")

# A function decorated with one of these (last dotted name) is a request handler.
_DECORATORS = """
    route get post put patch delete head options websocket api_view action view_config
    login_required permission_required
"""
HANDLER_DECORATORS = frozenset(_DECORATORS.split())
# ...and so is any function with one of these parameters.
HANDLER_PARAMETERS = frozenset({"request", "req"})
# Parameters whose use does not make an assert input validation.
RECEIVER_PARAMETERS = frozenset({"self", "cls"})

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
    """The default vocabulary extended by the ``security-names`` setting."""
    split = [split_words(name) for name in (*DEFAULT_VOCABULARY, *extra)]
    return Vocabulary(
        words=frozenset(words[0] for words in split if len(words) == 1),
        phrases=tuple(words for words in split if len(words) > 1),
    )


class ConditionFacts(NamedTuple):
    """What an assert's condition mentions, however it was parsed.

    ``identifiers``: names, attribute names, keyword-argument names, lambda parameters.
    ``keys``: string subscript keys (``headers["Authorization"]``).
    ``names``: plain names only (a parameter is *used* only through one of these).
    """

    identifiers: frozenset[str]
    keys: frozenset[str]
    names: frozenset[str]


def handler_parameters(
    decorators: Iterable[str | None], parameters: Iterable[str]
) -> frozenset[str]:
    """The parameters whose use in an assert is input validation; empty if not a handler."""
    params = tuple(parameters)
    is_handler = any(
        d in HANDLER_DECORATORS for d in decorators
    ) or not HANDLER_PARAMETERS.isdisjoint(params)
    return frozenset(params) - RECEIVER_PARAMETERS if is_handler else frozenset()


def is_security_assert(
    facts: ConditionFacts, handlers: Iterable[frozenset[str]], vocab: Vocabulary
) -> bool:
    """DESIGN §1 HK101: the condition names the vocabulary, or a handler's parameter."""
    if not facts.identifiers:
        return False  # ``assert False``, ``assert 0``: no name at all, never a security check
    if vocab.mentions(facts.identifiers) or vocab.mentions(facts.keys):
        return True
    return any(not facts.names.isdisjoint(params) for params in handlers)
