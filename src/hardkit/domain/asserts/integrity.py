"""Integrity of what arrived from elsewhere (issue 15, held-out misses): a digest of
downloaded or received bytes compared with the expected one, and the amounts of a money
movement. Both shapes are everyday invariants in code that only handles its own values (a
build script hashing its outputs, a report adding up totals), so each counts only with what
the function does: it fetches or receives the bytes, it moves the money."""

from __future__ import annotations

import ast

from hardkit.domain.asserts.principals import is_request_object
from hardkit.domain.asserts.shapes import is_constant, is_none, name_of, receiver, words_in
from hardkit.domain.asserts.words import (
    FETCH_CALLS,
    HTTP_CLIENTS,
    LEDGER_WORDS,
    MONEY_MOVES,
    MONEY_WORDS,
    word_set,
    words_of,
)

_EQUALITY = (ast.Eq, ast.NotEq, ast.In, ast.NotIn)
_HASH_CALLS = word_set(
    "sha1 sha224 sha256 sha384 sha512 sha3_256 sha3_512 md5 blake2b blake2s hexdigest digest "
    "file_digest fingerprint crc32 adler32"
)
_DIGEST_WORDS = word_set("digest digests checksum checksums sha md5 blake2b hash fingerprint crc")
# A constant set of pins: ``TRUSTED_ROOT_FINGERPRINTS``, ``PINNED_KEYS``.
_PIN_WORDS = word_set("trusted pinned pin pins known")
_NETWORK_METHODS = word_set("get post put patch request head stream send")


def digest_comparison(node: ast.expr) -> ast.Compare | None:
    """``sha256(blob).hexdigest() == expected``, ``checksum in published``: a digest compared
    with another value (not ``None``, not its length)."""
    if not isinstance(node, ast.Compare) or not all(isinstance(o, _EQUALITY) for o in node.ops):
        return None
    operands = [node.left, *node.comparators]
    if any(is_none(o) or _length(o) for o in operands):
        return None
    return node if any(map(_digest, operands)) and not all(map(is_constant, operands)) else None


def pinned(node: ast.Compare) -> bool:
    """The digest is looked up among pinned or trusted ones: a certificate or key pin."""
    for operand in (node.left, *node.comparators):
        name = name_of(operand) if isinstance(operand, (ast.Name, ast.Attribute)) else None
        if name and name.isupper() and _PIN_WORDS.intersection(words_of(name)):
            return True
    return False


def _digest(node: ast.expr) -> bool:
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and name_of(child.func) in _HASH_CALLS:
            return True
    return bool(_DIGEST_WORDS.intersection(words_in(node)))


def _length(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and name_of(node.func) == "len"


def fetches(function: ast.AST) -> bool:
    """The function reads bytes from the network: ``urlopen(url)``, ``requests.get(url)``,
    ``self.session.get(url)``, ``sock.recv(n)`` (not ``request.session.get(key)``)."""
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        name = name_of(node.func) or ""
        if name in FETCH_CALLS or words_of(name)[:1] in {("download",), ("fetch",)}:
            return True
        target = receiver(node)
        if name in _NETWORK_METHODS and target is not None and _client(target):
            return True
    return False


def _client(node: ast.expr) -> bool:
    if isinstance(node, ast.Attribute) and is_request_object(node.value):
        return False  # request.session: the web framework's session, not an HTTP client
    name = name_of(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
    return name is not None and bool(HTTP_CLIENTS.intersection(words_of(name)))


def moves_money(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """``refund_order``, ``withdraw_funds``, ``settle_invoice``, ``release_escrow``; or a
    function (a script's ``main``) that calls ``gateway.refund(...)``, ``payout(...)``,
    ``stripe.Refund.create(...)``."""
    words = words_of(function.name.lstrip("_"))
    if MONEY_MOVES.intersection(words[:1]):
        return True  # the verb: ``refund_order``, not ``summarize_refunds``
    if LEDGER_WORDS.intersection(words):
        return True  # ``add_to_mempool``, ``apply_transfer``: a ledger takes a transfer in
    return any(isinstance(node, ast.Call) and _money_call(node) for node in ast.walk(function))


def _money_call(node: ast.Call) -> bool:
    words = words_of(name_of(node.func) or "")
    if MONEY_MOVES.intersection(words[:1]):
        return True
    target = receiver(node)
    if words[:1] in {("create",), ("send",), ("submit",)} and target is not None:
        return bool(MONEY_MOVES.intersection(words_of(name_of(target) or "")))
    return False


def amount_comparison(node: ast.expr) -> ast.Compare | None:
    """A comparison of amounts (``refund <= order.paid_amount``), not of constants alone."""
    if not isinstance(node, ast.Compare):
        return None
    operands = [node.left, *node.comparators]
    if all(map(is_constant, operands)) or any(map(is_none, operands)):
        return None
    return node if any(MONEY_WORDS.intersection(words_in(o)) for o in operands) else None
