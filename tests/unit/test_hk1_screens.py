"""The ``ast`` screens of HK101/HK102 report exactly what the LibCST checks report.

The rules build LibCST only when the screen finds something, so a screen that said "no"
where LibCST says "yes" would hide a finding. Each snippet here is an awkward corner of
one of the two trees; the expected positions pin the semantics as well.
"""

from __future__ import annotations

import sys

import pytest

from hardkit.domain.registry import rules_by_code
from tests.hk1_paths import hk101_paths, hk102_paths, python_file

HK101_CASES: list[tuple[str, list[tuple[int, int]]]] = [
    ("assert x['token']\n", [(1, 1)]),
    ("assert x['token',]\n", []),  # a tuple key, not a string key
    ("assert x[('token')]\n", [(1, 1)]),
    ("assert x['tok' 'en']\n", [(1, 1)]),
    ("assert x[f'token']\n", []),
    ("assert x[b'token']\n", []),
    ("assert x[*a, 'token']\n", []),
    ("assert x['a', 'token']\n", []),
    ("assert x[token:1]\n", [(1, 1)]),
    ("assert True\nassert None\nassert ...\nassert not None\nassert 'token'\n", []),
    ("assert {}['token']\n", []),  # no name at all
    ("assert f'{token}'\n", [(1, 1)]),
    ("assert f'{x!r:>{token}}'\n", [(1, 1)]),
    ("assert (lambda token: 1)\n", [(1, 1)]),
    ("assert (lambda *, token=1: 1)\n", [(1, 1)]),
    ("assert (lambda *tokens, **secrets: 1)\n", [(1, 1)]),
    ("assert [t for token in y]\n", [(1, 1)]),
    ("assert foo(**auth)\nassert foo(*token)\nassert foo(token=1)\n", [(1, 1), (2, 1), (3, 1)]),
    ("assert foo(**{'token': 1})\n", []),  # a dict key is not a subscript key
    ("assert x.author.tokenizer\n", []),
    ("assert (y := x).admin\n", [(1, 1)]),
    ("assert (admin := x)\n", [(1, 1)]),
    ("assert 'é' == x.token  # 'ü'\n", [(1, 1)]),
    ("x = 'é'; assert y.token\n", [(1, 10)]),
    ("if x: assert token\nelse: assert admin\n", [(1, 7), (2, 7)]),
    ("class A:\n    assert is_staff\n", [(2, 5)]),
    ("try:\n    pass\nexcept E:\n    assert token\nfinally:\n    assert perm\n", [(4, 5), (6, 5)]),
    ("try:\n    pass\nexcept* E:\n    assert token\n", [(4, 5)]),
    (
        "match x:\n    case 1:\n        assert token\n    case _: assert y.admin\n",
        [(3, 9), (4, 13)],
    ),
    ("while x:\n    assert token\nelse:\n    assert secret\n", [(2, 5), (4, 5)]),
    ("for a in b:\n    pass\nelse: assert token\n", [(3, 7)]),
    ("async def f():\n    async with a: assert token\n", [(2, 19)]),
    # request handlers
    ("def f(request):\n    assert request\n", [(2, 5)]),
    ("def f(request):\n    assert request.x\n    assert False\n", [(2, 5)]),
    ("def f(self, request):\n    assert self.x\n", []),
    ("def f(cls, req):\n    assert cls.x\n", []),
    ("def f(x):\n    assert x\n", []),
    ("def f(x, /, y, *a, z, **request):\n    assert a\n", [(2, 5)]),
    ("def f(*, req):\n    assert req\n", [(2, 5)]),
    ("@app.get\ndef f(x):\n    assert x\n", [(3, 5)]),
    ("@app.get('/')\ndef f(x):\n    assert x > 0\n", [(3, 5)]),
    ("@a.b.c.route()\ndef f(x):\n    assert x\n", [(3, 5)]),
    ("@x[0].post\ndef f(x):\n    assert x\n", [(3, 5)]),
    ("@(lambda f: f)\ndef f(x):\n    assert x\n", []),
    ("@routes[0]\ndef f(x):\n    assert x\n", []),
    ("@get.cache\ndef f(x):\n    assert x\n", []),
    ("@app.get('/')\ndef f(x):\n    assert y\n", []),
    ("@app.get('/')\ndef f(x):\n    assert y.x\n", []),  # an attribute named like a parameter
    ("@app.get('/')\ndef f(x):\n    assert y(x=1)\n", []),  # a keyword named like one
    ("@app.get('/')\ndef f(x):\n    assert (lambda x: 1)\n", []),  # a lambda parameter
    ("@app.get('/')\ndef f(x):\n    assert [x for x in y]\n", [(3, 5)]),
    ("def f(request):\n    def g(y):\n        assert request\n", [(3, 9)]),
    ("def f(request):\n    def g(request):\n        assert y\n", []),
    ("def f(request):\n    class C:\n        assert request\n", [(3, 9)]),
    ("def f(request):\n    class C:\n        def m(self):\n            assert self\n", []),
    ("@app.get('/')\nasync def f(x):\n    assert x\n", [(3, 5)]),
    ("def f(request): assert request\n", [(1, 17)]),
    ("lambda request: request\nassert request\n", []),
]


# PEP 654 `except*` and PEP 646 `x[*a]`: the ast of Python 3.10 cannot parse them.
PY311_SYNTAX = ("except*", "[*")


@pytest.mark.parametrize(("source", "expected"), HK101_CASES)
def test_hk101_screen_and_check_agree(source: str, expected: list[tuple[int, int]]) -> None:
    if sys.version_info < (3, 11) and any(syntax in source for syntax in PY311_SYNTAX):
        pytest.skip("Python 3.11 syntax, which this interpreter's ast rejects")
    screened, checked = hk101_paths(python_file(source))
    assert checked == expected
    assert screened == checked


HK102_CASES: list[tuple[str, list[tuple[int, int]]]] = [
    ("if __debug__:\n    raise X\n", [(1, 1)]),
    ("if (__debug__):\n    raise X\n", [(1, 1)]),
    ("if __debug__ and (a and __debug__):\n    raise X\n", [(1, 1)]),
    ("if a and b and __debug__:\n    raise X\n", [(1, 1)]),
    ("if x or __debug__:\n    raise X\n", []),
    ("if __debug__ or x:\n    raise X\n", []),
    ("if not __debug__:\n    raise X\n", []),
    ("while __debug__:\n    raise X\n", []),
    ("if __debug__:\n    pass\nelse:\n    raise X\n", []),
    ("if x:\n    pass\nelif __debug__:\n    raise X\n", [(3, 1)]),
    ("if __debug__:\n    def f():\n        raise X\n", [(1, 1)]),
    ("if __debug__:\n    import auth.x\n", [(1, 1)]),
    ("if __debug__:\n    import x as token\n", [(1, 1)]),
    ("if __debug__:\n    from .auth import y\n", [(1, 1)]),
    ("if __debug__:\n    from . import admin\n", [(1, 1)]),
    ("if __debug__:\n    from api.key import x\n", []),  # words of different names
    ("if __debug__:\n    import api_key\n", [(1, 1)]),
    ("if __debug__:\n    global token\n", [(1, 1)]),
    ("if __debug__:\n    try:\n        pass\n    except E as token:\n        pass\n", [(1, 1)]),
    ("if __debug__:\n    match x:\n        case {'a': token}:\n            pass\n", [(1, 1)]),
    ("if __debug__:\n    match x:\n        case Point(admin=1):\n            pass\n", [(1, 1)]),
    ("if __debug__:\n    match x:\n        case [*tokens]:\n            pass\n", [(1, 1)]),
    ("if __debug__:\n    match x:\n        case {**secrets}:\n            pass\n", [(1, 1)]),
    ("if __debug__:\n    with a as token:\n        pass\n", [(1, 1)]),
    ("if __debug__:\n    class Token:\n        pass\n", [(1, 1)]),
    ("if __debug__:\n    def f(secret):\n        pass\n", [(1, 1)]),
    ("if __debug__:\n    class A(metaclass=Admin):\n        pass\n", [(1, 1)]),
    ("if __debug__:\n    x = y['X-Csrf-Token']\n", [(1, 1)]),
    ("if __debug__:\n    log('token')\n", []),
    ("if __debug__:\n    x = True or None\n", []),
    ("if __debug__:\n    lambda token: 1\n", [(1, 1)]),
    ("if __debug__: check(user.is_admin)\n", [(1, 1)]),
    ("def f():\n    if __debug__:\n        if __debug__:\n            raise X\n", [(2, 5), (3, 9)]),
]


@pytest.mark.parametrize(("source", "expected"), HK102_CASES)
def test_hk102_screen_and_check_agree(source: str, expected: list[tuple[int, int]]) -> None:
    screened, checked = hk102_paths(python_file(source))
    assert checked == expected
    assert screened == checked


def _rule_example_sources() -> list[tuple[str, str]]:
    rules = rules_by_code()
    return [(code, e.source) for code in ("HK101", "HK102") for e in rules[code].examples]


@pytest.mark.parametrize(("code", "source"), _rule_example_sources())
def test_screens_agree_on_every_rule_example(code: str, source: str) -> None:
    file = python_file(source, {"security-names": ["approval"]})
    screened, checked = (hk101_paths if code == "HK101" else hk102_paths)(file)
    assert screened == checked
