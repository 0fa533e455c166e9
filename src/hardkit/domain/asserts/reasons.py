"""What HK101 says an assert checks: the reason's node and its kind (issue 15)."""

from __future__ import annotations

import ast

from hardkit.domain.values import NamedTuple

PERMISSION = "a permission check"
OWNERSHIP = "an ownership check"
CREDENTIAL = "a credential check"
AUTHENTICATION = "an authentication check"
INPUT = "validation of untrusted input"
TRAVERSAL = "a path traversal guard"
INTEGRITY = "an integrity check of received data"
PAYMENT = "a check on a payment"
SSRF = "a server-side request forgery guard"


class Reason(NamedTuple):
    """Why an assert is a security check: what it checks (``node``) and the kind."""

    node: ast.expr
    kind: str
