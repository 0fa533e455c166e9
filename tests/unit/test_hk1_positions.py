"""Where the HK1xx rules report, in every statement position and on awkward syntax.

The rules read CPython's ``ast`` only (issue 19): these cases pin the walk that finds the
statements (``context.sites``) and the spans reported. HK101's cases mark their words as
``security-names`` so that the position, not the decision, is under test.
"""

from __future__ import annotations

import sys

import pytest

from tests.hk1_paths import positions, python_file

WORDS = {"security-names": ["token", "admin", "secret", "perm"]}

HK101_CASES: list[tuple[str, list[tuple[int, int]]]] = [
    ("assert x['token']\n", [(1, 1)]),
    ("assert x.get('token')\n", [(1, 1)]),
    ("assert x[f'token']\n", []),
    ("assert True\nassert None\nassert ...\nassert not None\nassert 'token'\n", []),
    ("assert f'{token}'\n", [(1, 1)]),
    ("assert (lambda token: 1)\n", [(1, 1)]),
    ("assert foo(token=1)\n", [(1, 1)]),
    ("assert x.author.tokenizer\n", []),
    ("assert (y := x).admin\n", [(1, 1)]),
    ("assert 'é' == x.token  # 'ü'\n", [(1, 1)]),
    ("x = 'é'; assert y.token\n", [(1, 10)]),
    ("if x: assert token\nelse: assert admin\n", [(1, 7), (2, 7)]),
    ("class A:\n    assert is_admin\n", [(2, 5)]),
    ("try:\n    pass\nexcept E:\n    assert token\nfinally:\n    assert perm\n", [(4, 5), (6, 5)]),
    ("try:\n    pass\nexcept* E:\n    assert token\n", [(4, 5)]),
    (
        "match x:\n    case 1:\n        assert token\n    case _: assert y.admin\n",
        [(3, 9), (4, 13)],
    ),
    ("while x:\n    assert token\nelse:\n    assert secret\n", [(2, 5), (4, 5)]),
    ("for a in b:\n    pass\nelse: assert token\n", [(3, 7)]),
    ("async def f():\n    async with a: assert token\n", [(2, 19)]),
    ("def f():\n    def g():\n        class C:\n            assert token\n", [(4, 13)]),
    ("def f(user):\n    assert user.is_admin\n", [(2, 5)]),  # not a configured word
]

# PEP 654 `except*` and PEP 646 `x[*a]`: the ast of Python 3.10 cannot parse them.
PY311_SYNTAX = ("except*", "[*")


@pytest.mark.parametrize(("source", "expected"), HK101_CASES)
def test_hk101_positions(source: str, expected: list[tuple[int, int]]) -> None:
    if sys.version_info < (3, 11) and any(syntax in source for syntax in PY311_SYNTAX):
        pytest.skip("Python 3.11 syntax, which this interpreter's ast rejects")
    assert positions("HK101", python_file(source, WORDS)) == expected


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
    ("if __debug__:\n    import auth.x\n", []),
    ("if __debug__:\n    check_permission(user)\n", [(1, 1)]),
    ("if __debug__:\n    verify(request.headers['X-Signature'])\n", [(1, 1)]),
    ("if __debug__:\n    ok = note.author == request.user\n", [(1, 1)]),
    ("if __debug__:\n    x = hmac.compare_digest(a, b)\n", [(1, 1)]),
    ("if __debug__:\n    log('token', token=token)\n", []),
    ("if __debug__:\n    x = True or None\n", []),
    ("if __debug__: check(user.is_admin)\n", [(1, 1)]),
    ("def f():\n    if __debug__:\n        if __debug__:\n            raise X\n", [(2, 5), (3, 9)]),
    ("class A:\n    if __debug__:\n        raise X\n", [(2, 5)]),
]


@pytest.mark.parametrize(("source", "expected"), HK102_CASES)
def test_hk102_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions("HK102", python_file(source)) == expected


def test_hk102_spans_the_header_up_to_the_end_of_the_condition() -> None:
    """As LibCST measured it: the ``if`` keyword to the condition's last character
    (a closing parenthesis of the condition itself is not part of it)."""
    from hardkit.domain.registry import rules_by_code

    file = python_file("if (__debug__):\n    raise X\nif __debug__ and (a) :  # c\n    raise X\n")
    found = [f[2:6] for f in rules_by_code()["HK102"].check(file)]
    assert found == [(1, 1, 1, 14), (3, 1, 3, 21)]


HK103_CASES: list[tuple[str, list[tuple[int, int]]]] = [
    ("import os\nos.environ['PYTHONHASHSEED'] = '0'\n", [(2, 1)]),
    ("import os\nos.environ['PYTHONHASHSEED'] = 'random'\n", []),
    ("env['PYTHONHASHSEED'], b = '0', 1\n", [(1, 1)]),
    ("env['PYTHONHASHSEED'] = other['PYTHONHASHSEED'] = 'random'\n", [(1, 1), (1, 25)]),
    ("env['PYTHONHASH' 'SEED'] = '1'\n", [(1, 1)]),
    ("env[f'PYTHONHASHSEED'] = '1'\n", []),
    ("env: dict = {}\nenv['PYTHONHASHSEED']: str\n", [(2, 1)]),
    ("run(env={**os.environ, 'PYTHONHASHSEED': '0'})\n", [(1, 24)]),
    ("run(env={**os.environ, 'PYTHONHASHSEED': 'random'})\n", []),
    ("os.environ.update(x, PYTHONHASHSEED='0')\n", [(1, 22)]),
    ("os.environ.pop(*args)\n", []),
    ("@dec({'PYTHONHASHSEED': '0'})\ndef f(): pass\n", [(1, 7)]),
    ("if env.pop('PYTHONHASHSEED', None): pass\n", [(1, 4)]),
    ("match x:\n    case {'a': 1} if setdefault('PYTHONHASHSEED', 1): pass\n", [(2, 22)]),
    ("lambda: os.putenv('PYTHONHASHSEED', '0')\n", [(1, 9)]),
]


@pytest.mark.parametrize(("source", "expected"), HK103_CASES)
def test_hk103_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions("HK103", python_file(source)) == expected
