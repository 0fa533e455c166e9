"""The HK1xx vocabulary: word splitting, whole-word matching, request handlers."""

from __future__ import annotations

import pytest

from hardkit.domain.asserts.security_words import (
    ConditionFacts,
    handler_parameters,
    is_security_assert,
    split_words,
    vocabulary,
)


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


@pytest.mark.parametrize(
    "identifier",
    [
        "is_admin",
        "isSuperuser",
        "has_perm",
        "check_permission",
        "CSRF_COOKIE_NAME",
        "api_key",
        "apiKey",
        "X-Api-Key",
        "apikey",
        "user_roles",
        "owner_id",
        "Authorization",
        "hmac_digest",
        "is_logged_in",
    ],
)
def test_security_identifiers_match(identifier: str) -> None:
    assert vocabulary().matches(identifier)


@pytest.mark.parametrize(
    "identifier",
    [
        "tokenizer",
        "author",
        "allowance",
        "authority",
        "permanent",
        "administration",
        "rolex",
        "keyword_api",  # "api key" is a phrase: the words in that order
        "api",
        "key",
        "secretary",
        "staffing",
    ],
)
def test_other_identifiers_do_not_match(identifier: str) -> None:
    assert not vocabulary().matches(identifier)


def test_security_names_extend_the_vocabulary_with_words_and_phrases() -> None:
    vocab = vocabulary(("approval", "payment token", "twoFactor"))
    assert vocab.matches("needs_approval")
    assert vocab.matches("paymentToken")
    assert vocab.matches("two_factor_ok")
    assert not vocab.matches("approvals")
    assert vocab.matches("is_admin")  # the defaults stay


def _facts(
    identifiers: set[str], keys: frozenset[str] = frozenset(), names: set[str] | None = None
) -> ConditionFacts:
    used = identifiers if names is None else names
    return ConditionFacts(frozenset(identifiers), keys, frozenset(used))


def test_a_condition_without_any_name_is_never_a_security_check() -> None:
    facts = ConditionFacts(frozenset(), frozenset({"Authorization"}), frozenset())
    assert not is_security_assert(facts, (frozenset({"x"}),), vocabulary())


def test_string_keys_count() -> None:
    facts = _facts({"headers"}, frozenset({"Authorization"}))
    assert is_security_assert(facts, (), vocabulary())


def test_handler_parameters_count_only_as_plain_names() -> None:
    params = frozenset({"order_id"})
    assert is_security_assert(_facts({"order_id"}), (params,), vocabulary())
    attribute_only = _facts({"x", "order_id"}, names={"x"})
    assert not is_security_assert(attribute_only, (params,), vocabulary())


@pytest.mark.parametrize(
    ("decorators", "params", "expected"),
    [
        (["get"], ["item_id"], {"item_id"}),
        (["route"], ["self", "cls", "x"], {"x"}),
        ([None, "login_required"], ["pk"], {"pk"}),
        ([], ["self", "request", "pk"], {"request", "pk"}),
        ([], ["req"], {"req"}),
        (["property"], ["self", "x"], set()),
        ([], ["requests"], set()),
    ],
)
def test_request_handlers(
    decorators: list[str | None], params: list[str], expected: set[str]
) -> None:
    assert handler_parameters(decorators, params) == frozenset(expected)
