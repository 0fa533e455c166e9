"""Protocol verification on what another party sent (issue 15): a sent time against the
clock (a reset link's, an assertion's ``NotOnOrAfter``), replay (a nonce or a voter seen
before, a link already used), and who sent a message (``msg.sender in validators``).

Each needs the checked value to come from the function's parameters — a message, a
request, an id the caller chose — not from the function itself: a nonce it drew or a
time it read is its own."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from hardkit.domain.asserts.integrity import amount_comparison
from hardkit.domain.asserts.shapes import name_of
from hardkit.domain.asserts.words import CLOCK_CALLS, MESSAGE_PARAMETERS, word_set, words_of

_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
# A duration or bound is the limit of a wait, not a sent time: ``time() - start < timeout``.
_DURATIONS = word_set(
    "timeout ttl limit max interval delay seconds duration window age grace leeway retries"
)
# Collections of what was seen before: ``seen_nonces``, ``self.already_voted``.
_SEEN = word_set("seen used spent consumed redeemed replayed processed already voted known")
# Flags of a one-time value already spent: ``link.used``.
_SPENT = word_set("used redeemed consumed spent replayed")
# Who sent a message, and the sets that say who may: ``vote.voter in self.validators``.
_SENDERS = word_set("sender voter signer proposer author peer validator")
_ALLOWED = word_set(
    "validators signers peers members trusted allowed allowlist whitelist authorities admins "
    "owners participants"
)

# Parameters that hold a transfer another party sent.
_TRANSFERS = word_set("tx txn transaction transfer payment")
# Parameters that hold what another party sent.
_SENT = MESSAGE_PARAMETERS | word_set(
    "vote tx txn transaction transfer payment block announce announcement envelope proposal "
    "request req token nonce link code stamp timestamp assertion response saml invite"
)

SENT_TIME = "an expiry check on a sent time"
PAYMENT = "a check on a payment"
REPLAY = "a replay check"
SENDER = "a check of who sent it"


class Sent:
    """What the function was sent, followed through its local names: every parameter of an
    entry point, else the message-like ones (``msg``, ``vote``, ``request``, ``link_id``)."""

    def __init__(
        self, parameters: list[str], origins: Mapping[str, ast.expr], *, entry: bool
    ) -> None:
        self.parameters = frozenset(
            p for p in parameters
            if p not in {"self", "cls"} and (entry or _SENT.intersection(words_of(p)))
        )  # fmt: skip
        self.origins = origins

    def given(self, node: ast.AST, depth: int = 0, *, messages_only: bool = False) -> bool:
        """Made from a parameter (``messages_only``: a transfer's: ``tx``, ``payment``)."""
        if depth > 6:
            return False
        for leaf in _leaves(node):
            name = leaf.id
            wanted = _TRANSFERS.intersection(words_of(name)) if messages_only else True
            if name in self.parameters and wanted and not _DURATIONS & set(words_of(name)):
                return True
            origin = self.origins.get(name)
            if origin is not None and self.given(origin, depth + 1, messages_only=messages_only):
                return True
        return False


def _leaves(node: ast.AST) -> list[ast.Name]:
    """The names a value is made of, not the functions or modules it calls."""
    callees: set[int] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            callees.update(id(n) for n in ast.walk(child.func) if isinstance(n, ast.Name))
    return [n for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) not in callees]


def check(test: ast.expr, sent: Sent) -> tuple[ast.expr, str] | None:
    """The part of ``test`` that verifies a protocol message, and its kind."""
    for node in ast.walk(test):
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            found = _compare(node, sent)
            if found is not None:
                return node, found
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            flag = node.operand
            spent = isinstance(flag, ast.Attribute) and _SPENT.intersection(words_of(flag.attr))
            if spent and isinstance(flag, ast.Attribute) and sent.given(flag.value):
                return node, REPLAY
    return None


def _compare(node: ast.Compare, sent: Sent) -> str | None:
    op, left, right = node.ops[0], node.left, node.comparators[0]
    if isinstance(op, _ORDERING) and _sent_time(left, right, sent):
        return SENT_TIME
    if isinstance(op, ast.NotIn) and _words(right) & _SEEN and sent.given(left):
        return REPLAY
    amounts = isinstance(op, _ORDERING) and amount_comparison(node) is not None
    if amounts and sent.given(node, messages_only=True):
        return PAYMENT  # ``state.balance_of(tx.sender) >= tx.amount``: a sent transfer
    if isinstance(op, ast.In) and isinstance(left, ast.Attribute):
        who = _SENDERS.intersection(words_of(left.attr))
        if who and _words(right) & _ALLOWED and sent.given(left.value):
            return SENDER
    return None


def _sent_time(left: ast.expr, right: ast.expr, sent: Sent) -> bool:
    """A clock on one side and, beside or against it, a time another party sent."""
    clocked = [side for side in (left, right) if _clock(side)]
    if not clocked:
        return False
    return any(sent.given(side) for side in (left, right))


def _clock(node: ast.expr) -> bool:
    return any(isinstance(n, ast.Call) and name_of(n.func) in CLOCK_CALLS for n in ast.walk(node))


def _words(node: ast.expr) -> set[str]:
    return {w for n in ast.walk(node) if isinstance(n, (ast.Name, ast.Attribute))
            for w in words_of(n.id if isinstance(n, ast.Name) else n.attr)}  # fmt: skip
