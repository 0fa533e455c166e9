"""Asserts HK101 does not judge (issue 15): a start-up function's or a configuration
class's checks, checks on configuration and constants only, and tests, test doubles and
smoke scripts written outside the test paths."""

from __future__ import annotations

import ast

from hardkit.domain.asserts.context import Facts, Site
from hardkit.domain.asserts.shapes import expressions, is_config, is_constant, name_of
from hardkit.domain.asserts.words import CONFIG_CLASSES, SETUP_FUNCTIONS, word_set, words_of


def contract(test: ast.expr, facts: Facts) -> bool:
    """A start-up function's check, or one on configuration and constants only."""
    if facts.function.name in SETUP_FUNCTIONS and not facts.handler:
        return True
    if facts.cls is not None and not facts.handler and _is_config_class(facts.cls):
        return True
    leaves: list[ast.expr] = [
        n for n in expressions(test) if isinstance(n, (ast.Name, ast.Attribute))
    ]
    tops = [n for n in leaves if not _inside_other(n, leaves)]
    return bool(tops) and all(is_config(n) or is_constant(n) for n in tops)


def test_like(site: Site, path: str) -> bool:
    """A test, a test double or a smoke script written outside the test paths: ``def
    test_reset(client)``, ``class TestApi``, ``class FakeGateway``, ``def smoke_login``,
    ``fakes/payments.py``: they assert how they were called or what came back."""
    if any(f.name.startswith(_TEST_FUNCTIONS) for f in site.functions):
        return True
    classes = [words_of(c.name)[:1] for c in site.classes if c is not None]
    if any(c and (c[0] == "test" or c[0] in _DOUBLES) for c in classes):
        return True
    parts = [p.removesuffix(".py") for p in path.replace("\\", "/").split("/")]
    return any(words_of(p)[:1] and words_of(p)[0] in _DOUBLE_MODULES for p in parts[:-1]) or (
        bool(parts) and words_of(parts[-1])[:1] in {(w,) for w in _DOUBLE_FILES}
    )


_TEST_FUNCTIONS = ("test_", "smoke_", "selfcheck", "self_check")
_DOUBLES = word_set("fake stub mock dummy spy")
_DOUBLE_MODULES = word_set("fakes fake mocks mock stubs stub testing selfcheck smoke doubles")
_DOUBLE_FILES = word_set("fake mock stub smoke selfcheck")


def _is_config_class(cls: ast.ClassDef) -> bool:
    names = [cls.name, *(name_of(base) or "" for base in cls.bases)]
    return any(CONFIG_CLASSES.intersection(words_of(name)) for name in names)


def _inside_other(node: ast.expr, nodes: list[ast.expr]) -> bool:
    return any(isinstance(o, ast.Attribute) and o.value is node for o in nodes)
