"""Words of identifiers, and the ``security-names`` vocabulary (whole words, phrases)."""

from __future__ import annotations

import pytest

from hardkit.domain.asserts.security_words import split_words, vocabulary


@pytest.mark.parametrize(
    ("identifier", "words"),
    [
        ("is_admin", ("is", "admin")),
        ("isAdmin", ("is", "admin")),
        ("HTTPRequest", ("http", "request")),
        ("APIKey", ("api", "key")),
        ("X-CSRF-Token", ("x", "csrf", "token")),
        ("XCSRFToken", ("xcsrf", "token")),
        ("request.user.is_staff", ("request", "user", "is", "staff")),
        ("__debug__", ("debug",)),
        ("oauth2Token", ("oauth", "2", "token")),
        ("sha256", ("sha", "256")),
        ("Authorization", ("authorization",)),
        ("ÜberToken", ("über", "token")),
        ("", ()),
        ("_", ()),
    ],
)
def test_split_words(identifier: str, words: tuple[str, ...]) -> None:
    assert split_words(identifier) == words


WORDS = ("admin", "token", "api key", "secret")


@pytest.mark.parametrize(
    "identifier", ["is_admin", "isAdmin", "X-Api-Key", "api_key", "apiKey", "CSRF_TOKEN", "secret"]
)
def test_configured_words_match_whole_words(identifier: str) -> None:
    assert vocabulary(WORDS).matches(identifier)


@pytest.mark.parametrize(
    "identifier",
    ["administration", "tokenizer", "keyword_api", "api", "key", "secretary", "apikey"],
)
def test_other_identifiers_do_not_match(identifier: str) -> None:
    assert not vocabulary(WORDS).matches(identifier)


def test_security_names_add_words_and_phrases_and_there_are_none_by_default() -> None:
    vocab = vocabulary(("approval", "payment token", "twoFactor"))
    assert vocab.matches("needs_approval")
    assert vocab.matches("paymentToken")
    assert vocab.matches("two_factor_ok")
    assert not vocab.matches("approvals")
    assert not vocab.matches("is_admin")  # HK101 decides on shapes, not on a word list
    assert not vocabulary().matches("is_admin")
