"""Secrets and their proofs: passwords, tokens, signatures, certificates, claims, expiry
(issue 15's credential kind)."""

from __future__ import annotations

import ast

from hardkit.domain.asserts.shapes import (
    identifiers,
    is_constant,
    is_none,
    name_of,
    receiver,
    words_in,
)
from hardkit.domain.asserts.words import (
    CLAIM_KEYS,
    CLOCK_CALLS,
    COMPARE_VERBS,
    CREDENTIAL_CALLS,
    CREDENTIAL_NOUNS,
    EXPIRY_WORDS,
    KEY_QUALIFIERS,
    TOKEN_QUALIFIERS,
    VERIFY_VERBS,
    word_set,
    words_of,
)

_EQUALITY = (ast.Eq, ast.NotEq, ast.In, ast.NotIn)
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
# Attributes that describe a value rather than hold a secret: ``token.type == NAME``.
_DESCRIPTIONS = word_set(
    "type kind tag name string value line lineno version length size count priority "
    "topological stream status shape dtype ndim"
)
_PROTOCOL_FIELDS = frozenset({"in_response_to", "InResponseTo", "inresponseto"})
_CERTIFICATE = frozenset({"cert", "certificate", "x509"})
_VALIDITY = frozenset({"expired", "valid", "revoked", "trusted"})
# Beside an expiry, words that make it a credential's: a token's, a link's, an invite's.
_EXPIRING = word_set(
    "claims token invite invitation link code session sig signature otp reset key "
    "cert certificate password"
)


def names_credential(words: set[str]) -> bool:
    """Words that name a secret: ``password``, ``signature``, ``csrf``, or a qualified
    token (``access_token``, ``X-CSRF-Token``) — a bare ``token`` is too often a lexer's."""
    if CREDENTIAL_NOUNS.intersection(words):
        return True
    if {"api", "key"} <= words or "apikey" in words:
        return True
    if "key" in words and KEY_QUALIFIERS.intersection(words):
        return True  # public_key, signing_key, device_key: not a dict's key
    return "token" in words and bool(TOKEN_QUALIFIERS.intersection(words))


def credential_call(node: ast.expr) -> bool:
    """A call that verifies a secret: ``check_password(...)``, ``compare_digest(...)``,
    ``key.verify(...)``, ``check_token(...)``, ``cert.has_expired()``, ``is_equal(pwd, x)``."""
    if not isinstance(node, ast.Call):
        return False
    name = name_of(node.func)
    if name is None:
        return False
    if name in CREDENTIAL_CALLS:
        return True
    words = set(words_of(name))
    if VERIFY_VERBS.intersection(words) and names_credential(words):
        return True
    if words & {"verify", "verified", "authenticate"} and any(
        names_credential({w for i in identifiers(arg) for w in words_of(i.lower())})
        for arg in node.args
    ):
        return True  # ``xmlsec_verify(doc, IDP_CERT)``, ``ed25519_verify(key, msg.sig, body)``
    if _VALIDITY.intersection(words) and _certificate(node, words):
        return True
    if COMPARE_VERBS.intersection(words):  # is_equal(pwd, stored): what is compared counts
        return any(names_credential(words_in(arg)) for arg in node.args)
    return False


def _certificate(node: ast.Call, words: set[str]) -> bool:
    if _CERTIFICATE.intersection(words):
        return True
    target = receiver(node)
    return target is not None and bool(_CERTIFICATE.intersection(words_in(target)))


def credential_comparison(node: ast.expr, context_words: set[str]) -> bool:
    """``signature == expected``, ``claims["aud"] == CLIENT_ID``, ``cert_hash == PIN``,
    ``state == session["oauth_state"]``; and an expiry of a credential against the clock
    (``claims["exp"] > time.time()``). ``context_words``: the enclosing function's name and
    parameters, for expiries."""
    if not isinstance(node, ast.Compare):
        return False
    operands = [node.left, *node.comparators]
    for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
        if isinstance(op, _EQUALITY) and _compares_secrets(left, right):
            return True
        if isinstance(op, _ORDERING) and _expiry(left, right, context_words):
            return True
    return False


def _compares_secrets(left: ast.expr, right: ast.expr) -> bool:
    if is_none(left) or is_none(right) or _describes(left) or _describes(right):
        return False
    if _empty(left) or _empty(right):
        return False  # ``password != ""``: given at all, a contract on an argument
    return _secret(left) or _secret(right)


def _empty(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value in ("", b"")


def _secret(node: ast.expr) -> bool:
    if is_constant(node):
        return False
    if isinstance(node, ast.Subscript) and _claim_key(node):
        return True
    if _claim_read(node):
        return True  # ``header.get("alg")``, ``claims.get("aud")``
    if name_of(node) in _PROTOCOL_FIELDS:
        return True  # a SAML response answering a request we sent: ``InResponseTo``
    if isinstance(node, ast.Call) and "issuer" in words_of(name_of(node.func) or ""):
        return True  # pyOpenSSL's ``cert.get_issuer()``
    return names_credential(words_in(node, calls=False))


def _claim_read(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value in CLAIM_KEYS
    )


def _claim_key(node: ast.Subscript) -> bool:
    key = node.slice
    return isinstance(key, ast.Constant) and key.value in CLAIM_KEYS


def _describes(node: ast.expr) -> bool:
    """``len(x)``, ``type(x)``, ``token.type``: a property of a value, not the value."""
    if isinstance(node, ast.Call):
        return name_of(node.func) in {"len", "type", "bool"}
    return isinstance(node, ast.Attribute) and node.attr in _DESCRIPTIONS


def _expiry(left: ast.expr, right: ast.expr, context_words: set[str]) -> bool:
    for limit, clock in ((left, right), (right, left)):
        if not _is_clock(clock):
            continue
        words = words_in(limit)
        if isinstance(limit, ast.Subscript) and _claim_key(limit):
            return True
        if EXPIRY_WORDS.intersection(words) and _EXPIRING.intersection(words | context_words):
            return True
    return False


def _is_clock(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and name_of(node.func) in CLOCK_CALLS
