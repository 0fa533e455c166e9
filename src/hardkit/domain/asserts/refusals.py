"""An assert whose ``AssertionError`` the code around it turns into a refusal (a 4xx, a
permission error): HK101's first signal (issue 15)."""

from __future__ import annotations

import ast

from hardkit.domain.asserts.context import Facts, Site, catches_assertion_error
from hardkit.domain.asserts.shapes import name_of, words_in
from hardkit.domain.asserts.words import word_set, words_of


def refused(site: Site) -> str | None:
    """The kind of the assert whose AssertionError a handler turns into a refusal."""
    for block in reversed(site.tries):
        handler = catches_assertion_error(block)
        if handler is not None and _refuses(handler):
            return f"refused at line {handler.lineno} when it fails"
    return None


def refused_broadly(site: Site, facts: Facts) -> bool:
    """A function given the request that answers with a refusal when anything in a ``try``
    fails (``except:``, ``except Exception:``): it serves the request, wherever it lives."""
    if not facts.takes_request:
        return False
    for block in site.tries:
        for handler in block.handlers:
            broad = handler.type is None or name_of(handler.type) in {"Exception", "BaseException"}
            if broad and _refuses(handler):
                return True
    return False


_REFUSALS = word_set(
    "permission denied forbidden unauthorized unauthorised unauthenticated "
    "authentication abort suspicious bad invalid http"
)


def _refuses(handler: ast.ExceptHandler) -> bool:
    """A handler that answers with a 4xx or an error: ``return HttpResponseForbidden()``,
    ``raise PermissionDenied``, ``abort(403)``, ``return {"error": ...}``."""
    for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            if 400 <= node.value < 500 and not isinstance(node.value, bool):
                return True
        elif isinstance(node, ast.Raise) and node.exc is not None:
            if name_of(node.exc) != "AssertionError" and _REFUSALS & words_in(node.exc):
                return True
        elif isinstance(node, ast.Call) and _REFUSALS & set(words_of(name_of(node.func) or "")):
            return True
        elif isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            if "error" in keys:
                return True
    return False
