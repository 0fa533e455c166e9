"""HK101's decision: is this assert a security check, and why (issue 15).

An assert is a security check when removing it (``python -O``) would let an unauthorised,
unauthenticated, forged or hostile request or input through. The signals, in the order a
reason is given:

1. its ``AssertionError`` is caught around it to refuse the request (a 4xx, a permission
   error);
2. the condition tests a right (``has_perm``, ``is_staff``, ``user.role``), compares the
   principal with an object's owner, or verifies a secret (``check_password``,
   ``compare_digest``, a signature, a claim);
3. it tests the principal's login (``is_authenticated``) in a request handler;
4. it checks the form, size or membership of untrusted input (request data, a handler's
   parameters, RPC arguments, archive members), or guards a path against traversal;
5. it compares or calls inside a verification function (``_verify``, ``oauth_callback``);
6. it names a configured ``security-names`` word.

What is not: narrowing (``is not None``, ``isinstance``, truthiness of an object),
asserts outside functions and checks on configuration (contracts), and a check that a
decorator, mixin, base view, dependency or an earlier ``if … : return`` already makes.
"""

from __future__ import annotations

import ast

from hardkit.domain.asserts import (
    credentials,
    inputs,
    integrity,
    own_values,
    principals,
    protocol,
)
from hardkit.domain.asserts.context import Facts, Site, catches_assertion_error
from hardkit.domain.asserts.contracts import contract, test_like
from hardkit.domain.asserts.entries import registered
from hardkit.domain.asserts.reasons import (
    AUTHENTICATION,
    CREDENTIAL,
    INPUT,
    INTEGRITY,
    OWNERSHIP,
    PAYMENT,
    PERMISSION,
    SSRF,
    TRAVERSAL,
    Reason,
)
from hardkit.domain.asserts.redundancy import looked_up_after, redundant
from hardkit.domain.asserts.refusals import refused, refused_broadly
from hardkit.domain.asserts.security_words import Vocabulary
from hardkit.domain.asserts.shapes import (
    expressions,
    identifiers,
    is_narrowing,
    is_plain_object,
    name_of,
    negated_nodes,
)
from hardkit.domain.asserts.words import (
    AUTH_FUNCTION_WORDS,
    READ_VERBS,
    words_of,
)


class Judge:
    """Decides for the asserts of one module; caches what it learns per function."""

    def __init__(
        self, path: str, vocab: Vocabulary, registered: frozenset[str] = frozenset()
    ) -> None:
        self.path = path
        self.vocab = vocab
        self.registered = registered
        self._facts: dict[int, Facts] = {}

    def facts(self, site: Site) -> Facts | None:
        if not site.functions:
            return None
        key = id(site.functions[-1])
        found = self._facts.get(key)
        if found is None:
            found = self._facts[key] = Facts(site, self.path, self.registered)
        return found

    def reason(self, site: Site) -> Reason | None:
        """Why the assert at ``site`` is a security check, or None."""
        node = site.node
        if not isinstance(node, ast.Assert):
            return None
        test = node.test
        configured = self._configured(test)
        facts = self.facts(site)
        if facts is None or contract(test, facts) or test_like(site, self.path):
            return configured
        if own_values.own(test, facts.function, facts.origins(node.lineno), node.lineno):
            return configured
        caught = refused(site)
        if caught is not None:
            return Reason(test, caught)
        found = _checked(test, facts, node.lineno, refused_broadly(site, facts))
        if found is None or redundant(found, test, facts, node.lineno):
            return configured
        if looked_up_after(test, facts.function, node.lineno):
            return configured
        return found

    def _configured(self, test: ast.expr) -> Reason | None:
        for identifier in identifiers(test):
            if self.vocab.matches(identifier):
                return Reason(test, f"`{identifier}` is a configured security name")
        return None


def _checked(test: ast.expr, facts: Facts, line: int, serves: bool) -> Reason | None:
    origins = facts.origins(line)
    verified = _verified_by_call(test, origins)
    if verified is not None:
        return verified
    if is_narrowing(test):
        return _present(test, facts, origins)
    context = set(words_of(facts.function.name)) | {
        w for p in facts.parameters for w in words_of(p)
    }
    negated = negated_nodes(test)
    for node in expressions(test):
        refusal = isinstance(node, ast.Call) and id(node) in negated
        if (principals.permission_check(node) and not refusal) or principals.allowlisted(node):
            return Reason(node, PERMISSION)
        if principals.ownership_check(node):
            return Reason(node, OWNERSHIP)
        if _credential_call(node, id(node) in negated) or credentials.credential_comparison(
            node, context
        ):
            return Reason(node, CREDENTIAL)
    entry = facts.handler or facts.remote or facts.receiver
    sent = protocol.check(test, protocol.Sent(facts.parameters, origins, entry=entry))
    if sent is not None:
        return Reason(*sent)
    return _integrity(test, facts, origins) or _in_context(test, facts, origins, serves)


def _credential_call(node: ast.expr, negated: bool) -> bool:
    """A verification call, not one expected to fail (``not cert.has_expired()`` counts,
    ``not verify(sig)`` is a test of a refusal)."""
    if not credentials.credential_call(node):
        return False
    if not negated:
        return True
    words = set(words_of(name_of(node) or ""))
    return not words & {"verify", "check", "valid", "authenticate", "compare", "matches"}


def _integrity(test: ast.expr, facts: Facts, origins: dict[str, ast.expr]) -> Reason | None:
    """A digest of bytes the function fetched or was sent, compared with the expected one (or
    looked up among pinned ones); an amount compared where the function moves money."""
    untrusted = inputs.Inputs(facts.input_parameters(), rpc=facts.rpc, origins=origins)
    moves = facts.moves_money
    for node in expressions(test):
        digest = integrity.digest_comparison(node)
        if digest is not None:
            if integrity.pinned(digest):
                return Reason(digest, CREDENTIAL)
            operands = [digest.left, *digest.comparators]
            if facts.fetches or any(untrusted.untrusted(o) for o in operands):
                return Reason(digest, INTEGRITY)
        amounts = integrity.amount_comparison(node) if moves else None
        if amounts is not None:
            return Reason(amounts, PAYMENT)
    return None


def _present(test: ast.expr, facts: Facts, origins: dict[str, ast.expr]) -> Reason | None:
    """A narrowing shape that is still a check: someone is logged in (``assert
    self.current_user`` in a handler), or untrusted input was given (``assert self.arg``)."""
    if not (facts.handler or facts.rpc or facts.remote):
        return None
    present = principals.present_principal(test) if facts.routed or facts.remote else None
    # a local ``user`` is an object the handler fetched, not who is logged in
    local = isinstance(present, ast.Name) and (
        present.id in origins or present.id in facts.parameters
    )
    if present is not None and not local:
        return Reason(present, AUTHENTICATION)
    if principals.permission_check(test):  # ``ctx.author.guild_permissions.ban_members``
        return Reason(test, PERMISSION)
    if principals.authentication_check(test):  # ``session.authenticated``
        return Reason(test, AUTHENTICATION)
    untrusted = inputs.Inputs(facts.input_parameters(), rpc=facts.rpc, origins=origins)
    if is_plain_object(test) and untrusted.untrusted(test):
        return Reason(test, INPUT)
    return None


def _verified_by_call(test: ast.expr, origins: dict[str, ast.expr]) -> Reason | None:
    """``user = authenticate(...)`` then ``assert user is not None``, or ``assert
    ssl.match_hostname(cert, host) is None``: the narrowing tests a credential (or
    permission) check's result."""
    for node in expressions(test):
        if isinstance(node, ast.Compare) and credentials.credential_call(node.left):
            return Reason(node, CREDENTIAL)
        if isinstance(node, ast.Name) and node.id in origins:
            origin = origins[node.id]
            if credentials.credential_call(origin):
                return Reason(test, CREDENTIAL)
            if principals.permission_check(origin) and isinstance(origin, ast.Call):
                return Reason(test, PERMISSION)
    return None


def _in_context(
    test: ast.expr, facts: Facts, origins: dict[str, ast.expr], serves: bool
) -> Reason | None:
    if facts.handler or facts.remote or serves:
        for node in expressions(test):
            if principals.authentication_check(node):
                return Reason(node, AUTHENTICATION)
    guard = inputs.network_guard(test, origins, fetches=facts.fetches)
    if guard is not None:
        return Reason(guard, SSRF)
    untrusted = inputs.Inputs(facts.input_parameters(), rpc=facts.rpc, origins=origins)
    checked = inputs.input_check(test, untrusted)
    if checked is not None:
        return Reason(checked, INPUT)
    guarded = inputs.traversal_guard(test, origins)
    if guarded is not None:
        return Reason(guarded, TRAVERSAL)
    if _verifies(facts.function.name) and _decides(test):
        return Reason(test, f"a check in `{facts.function.name}`, a verification function")
    return None


def _verifies(name: str) -> bool:
    """``_verify``, ``authenticate_api_key``, ``oauth_callback``, ``decode_access_token``."""
    words = set(words_of(name))
    if AUTH_FUNCTION_WORDS.intersection(words):
        return True
    return bool(READ_VERBS.intersection(words)) and credentials.names_credential(words)


def _decides(test: ast.expr) -> bool:
    """A comparison or a call, not with the object's own setting (``x == self.algorithm``
    is an invariant): what a verification step looks like."""
    shapes = {
        id(inner)
        for node in expressions(test)
        if isinstance(node, ast.Compare) and _shape_test(node)
        for inner in ast.walk(node)
    }
    for node in expressions(test):
        if is_narrowing(node) or _narrowing_call(node) or id(node) in shapes:
            continue
        if isinstance(node, ast.Compare) and not any(
            map(_own_setting, [node.left, *node.comparators])
        ):
            return True
        if (
            isinstance(node, ast.Call)
            and not _inside_narrowing(node, test)
            and not _format_call(node)
        ):
            return True
    return False


def _shape_test(node: ast.Compare) -> bool:
    """What a value looks like, not whether it is genuine: a length or an array's shape
    (``len(state) >= 32``), a key present (``"access_token" in token``), or two fields of
    one object against each other (``cert.not_after > cert.not_before``)."""
    operands = [node.left, *node.comparators]
    if any(map(_measures, operands)):
        return True
    if isinstance(node.ops[0], ast.In | ast.NotIn) and isinstance(node.left, ast.Constant):
        return True
    bases = {_base(operand) for operand in operands}
    return len(operands) == 2 and len(bases) == 1 and None not in bases


def _measures(node: ast.expr) -> bool:
    if isinstance(node, ast.Call):
        return name_of(node.func) == "len"
    return isinstance(node, ast.Attribute) and node.attr in {"shape", "ndim", "dtype", "size"}


def _base(node: ast.expr) -> str | None:
    """``cert`` for ``cert.not_valid_after``; None for anything but a field of a name."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id
    return None


def _format_call(node: ast.Call) -> bool:
    """``stored.startswith("$argon2")``: the format of a value, not its verification."""
    return (
        isinstance(node.func, ast.Attribute)
        and node.func.attr in {"startswith", "endswith"}
        and all(isinstance(arg, ast.Constant) for arg in node.args)
    )


def _narrowing_call(node: ast.AST) -> bool:
    """``all(isinstance(c, Cert) for c in chain)``: narrowing of every item."""
    if not (isinstance(node, ast.Call) and name_of(node.func) in {"all", "any"} and node.args):
        return False
    item = node.args[0]
    return isinstance(item, ast.GeneratorExp) and is_narrowing(item.elt)


def _inside_narrowing(node: ast.Call, test: ast.expr) -> bool:
    return any(
        (is_narrowing(outer) or _narrowing_call(outer)) and node in ast.walk(outer)
        for outer in ast.walk(test)
        if outer is not node and isinstance(outer, ast.expr)
    )


def _own_setting(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def security_asserts(
    module: ast.Module, path: str, vocab: Vocabulary
) -> list[tuple[ast.Assert, Reason]]:
    """The asserts HK101 reports, in source order, with why."""
    from hardkit.domain.asserts.context import sites

    judge = Judge(path, vocab, registered(module))
    found: list[tuple[ast.Assert, Reason]] = []
    for site in sites(module, ast.Assert):
        reason = judge.reason(site)
        if reason is not None and isinstance(site.node, ast.Assert):
            found.append((site.node, reason))
    return found


def caught_asserts(
    module: ast.Module, path: str, vocab: Vocabulary
) -> list[tuple[ast.Assert, int]]:
    """The asserts HK104 reports: inside a ``try`` of their function whose handler catches
    ``AssertionError`` by name, and not HK101's; with the handler's line."""
    from hardkit.domain.asserts.context import sites

    judge = Judge(path, vocab, registered(module))
    found: list[tuple[ast.Assert, int]] = []
    for site in sites(module, ast.Assert):
        handlers = [h for h in map(catches_assertion_error, site.tries) if h is not None]
        if handlers and isinstance(site.node, ast.Assert) and judge.reason(site) is None:
            found.append((site.node, handlers[-1].lineno))
    return found
