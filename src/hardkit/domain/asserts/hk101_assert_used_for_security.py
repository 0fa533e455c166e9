"""HK101: an ``assert`` doing a security check, which ``python -O`` removes."""

from __future__ import annotations

from collections.abc import Iterable

from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    import ast
    from typing import ClassVar

    from hardkit.domain.config import Config
    from hardkit.domain.findings import Finding

MESSAGE = "assert used for a security check; python -O removes it"


class AssertUsedForSecurity(Rule[PythonFile]):
    code = "HK101"
    name = "assert-used-for-security"
    summary = "An assert statement performs a security check that python -O removes"
    kind = FileKind.PYTHON
    fixable = True
    doc = RuleDoc(
        what_it_does=(
            "Finds `assert` statements that do a security check in non-test code. An assert "
            "is a security check when its condition names the security vocabulary — an "
            "identifier (name, attribute, called function, keyword argument) or a string "
            'subscript key (`request.headers["Authorization"]`) containing a whole word '
            "such as `auth`, `permission`, `admin`, `token`, `csrf`, `password`, `secret`, "
            "`signature`, `tenant` or the two words `api key` (words are split on `_`, `.`, "
            "`-` and case changes, so `tokenizer`, `author` and `allowance` do not count) — "
            "or when it sits in a request handler (a function decorated `route`, `get`, "
            "`post`, `api_view`, `login_required`, … or taking `request`/`req`) and tests "
            "one of the handler's parameters. Asserts without any name (`assert False`) "
            "and asserts in test code (`test-paths`) are never reported."
        ),
        why_is_this_bad=(
            "`python -O` (and `PYTHONOPTIMIZE`, which many container images set) compiles "
            "asserts away. A permission check written as an assert silently stops "
            "existing in exactly the deployments that tuned for speed, and the request "
            "it should have refused goes through. Unlike bandit's B101 or ruff's S101, "
            "which report every assert, this rule reports only the asserts that guard "
            "something, so it can stay switched on."
        ),
        example=(
            "```python\n"
            '@app.post("/orders/{ref}/refund")\n'
            "def refund(ref: str, request: Request) -> None:\n"
            '    assert request.user.is_staff, "staff only"\n'
            "    ...\n"
            "```"
        ),
        use_instead=(
            "```python\n"
            '@app.post("/orders/{ref}/refund")\n'
            "def refund(ref: str, request: Request) -> None:\n"
            "    if not request.user.is_staff:\n"
            '        raise PermissionError("staff only")\n'
            "    ...\n"
            "```"
        ),
        fix_safety=(
            "The fix is safe. `assert COND, MSG` becomes `if not COND:` followed by "
            "`raise AssertionError(MSG)`, which behaves exactly like the assert without "
            "`-O`: the condition is evaluated once, the message only on failure, and the "
            "same exception with the same message is raised. Parentheses are added only "
            "where precedence needs them (`and`/`or`, conditional expressions, lambdas, "
            "`:=`); `assert not x` becomes `if x:`, and a single `is`/`is not`/`in`/`not in` "
            "test is inverted (`assert x is not None` becomes `if x is None:`), which is exact "
            "for identity and membership; `==` and `<` keep their `not`. The fix is right "
            "in one-line suites (`if x: assert y`), among several statements on a line "
            "(`a(); assert b`) and for conditions spanning lines; comments, indentation "
            "style and line endings are kept. Set `assert-fix-exception` to raise "
            "something more specific."
        ),
        options=(
            "- `security-names` (list of strings): words or phrases added to the vocabulary, "
            'e.g. `["approval", "payment token"]`.\n'
            '- `assert-fix-exception` (string, default `"AssertionError"`): the exception '
            'the fix raises, e.g. `"PermissionError"`.\n'
            "- `test-paths` (list of globs): files where asserts are tests, never reported."
        ),
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): never rely on `assert` for a security check\n"
            "- Python reference, [The assert statement]"
            "(https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement)\n"
            "- bandit [B101 assert_used]"
            "(https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        # -- not security checks ---------------------------------------------------------
        valid("def area(width):\n    assert width > 0, 'width must be positive'\n"),
        valid("def total(order):\n    assert isinstance(order.amount, int)\n"),
        valid("def first(rows):\n    result = rows[0]\n    assert result is not None\n"),
        valid("def f(request):\n    assert False, 'unreachable'\n"),
        valid("assert 0\n"),
        valid("assert tokenizer.ready and author.name and allowance > 0\n"),
        valid("assert kind == 'admin', 'only the string mentions admin'\n"),
        valid("assert count > 0, 'token count must be positive'\n"),
        valid("class View:\n    def get(self, request):\n        assert self.template\n"),
        valid("def helper(user):\n    def inner(token):\n        return token\n    assert inner\n"),
        # -- test code is never checked --------------------------------------------------
        valid("def test_admin(user):\n    assert user.is_admin\n", path="tests/test_auth.py"),
        valid("def test_x(token):\n    assert token\n", path="app/test_tokens.py"),
        valid("def login_check(user):\n    assert user.logged_in\n", path="app/login_test.py"),
        valid("import pytest\n\nassert pytest.token\n", path="src/app/conftest.py"),
        valid(
            "def check(user):\n    assert user.is_staff\n",
            path="spec/auth_spec.py",
            config={"test-paths": ["spec/**"]},
        ),
        # -- suppressed --------------------------------------------------------------------
        valid("assert user.is_admin  # noqa: HK101\n"),
        valid("x = compute(  # noqa: HK101\n    1); assert token\n"),
        # -- the vocabulary, whole words -----------------------------------------------------
        invalid(
            "def refund(user):\n    assert user.is_staff, 'staff only'\n    return user\n",
            line=2,
            column=5,
            fixed=(
                "def refund(user):\n"
                "    if not user.is_staff:\n"
                "        raise AssertionError('staff only')\n"
                "    return user\n"
            ),
        ),
        invalid(
            "def check(headers):\n    assert headers['Authorization'].startswith('Bearer ')\n",
            line=2,
            column=5,
        ),
        invalid("def load(blob, t):\n    assert fetch(blob, tenant=t)\n", line=2, column=5),
        invalid("def f(user, ctx):\n    assert user.isAdmin and ctx.APIKey\n", line=2, column=5),
        invalid("assert has_perm(user, 'orders.refund')\n", line=1, column=1),
        invalid("assert request_ctx.x_api_key\n", line=1, column=1),
        invalid("assert headers['X-CSRF-Token'] == cookie\n", line=1, column=1),
        invalid(
            "assert order.approval\n",
            line=1,
            column=1,
            config={"security-names": ["approval"]},
        ),
        invalid(
            "SECRET_KEY = load()\nassert SECRET_KEY, 'set SECRET_KEY'\n",
            line=2,
            column=1,
            fixed=(
                "SECRET_KEY = load()\nif not SECRET_KEY:\n"
                "    raise AssertionError('set SECRET_KEY')\n"
            ),
        ),
        invalid("assert user.is_admin  # noqa\n", line=1, column=1),  # a bare noqa is not enough
        invalid("assert user.is_admin  # noqa: S101\n", line=1, column=1),
        # -- request handlers: any parameter is input ----------------------------------------
        invalid(
            "@app.post('/orders')\ndef create(payload):\n    assert payload.amount < 100\n",
            line=3,
            column=5,
            fixed=(
                "@app.post('/orders')\n"
                "def create(payload):\n"
                "    if not payload.amount < 100:\n"
                "        raise AssertionError\n"
            ),
        ),
        invalid("def view(request, order_id):\n    assert order_id.isdigit()\n", line=2, column=5),
        invalid("def view(req):\n    assert isinstance(req.json, dict)\n", line=2, column=5),
        invalid("@login_required\ndef edit(request, pk):\n    assert pk\n", line=3, column=5),
        invalid(
            "@router.websocket('/ws')\nasync def ws(socket):\n    assert socket.headers\n",
            line=3,
            column=5,
        ),
        invalid(
            "@api_view(['POST'])\ndef pay(data, *, limit=10):\n    assert len(data) < limit\n",
            line=3,
            column=5,
        ),
        invalid(
            "@app.get('/')\ndef index(q):\n    def inner():\n        assert q\n    return inner\n",
            line=4,
            column=9,
        ),
        # -- the fix in every statement position -----------------------------------------------
        invalid(
            "def f(user):\n    if user: assert user.is_superuser\n    return user\n",
            line=2,
            column=14,
            fixed=(
                "def f(user):\n"
                "    if user:\n"
                "        if not user.is_superuser:\n"
                "            raise AssertionError\n"
                "    return user\n"
            ),
        ),
        invalid(
            "if ok:\n    pass\nelse: assert has_permission(user), 'denied'\n",
            line=3,
            column=7,
            fixed=(
                "if ok:\n"
                "    pass\n"
                "else:\n"
                "    if not has_permission(user):\n"
                "        raise AssertionError('denied')\n"
            ),
        ),
        invalid(
            "if x:\n    pass\nelif y: assert token  # c\nelse: pass\n",
            line=3,
            column=9,
            fixed=(
                "if x:\n"
                "    pass\n"
                "elif y:  # c\n"
                "    if not token:\n"
                "        raise AssertionError\n"
                "else: pass\n"
            ),
        ),
        invalid(
            "with lock: assert token.valid  # hold the lock\n",
            line=1,
            column=12,
            fixed=(
                "with lock:  # hold the lock\n"
                "    if not token.valid:\n"
                "        raise AssertionError\n"
            ),
        ),
        invalid(
            "for role in roles: assert role.allowed; count += 1\n",
            line=1,
            column=20,
            fixed=(
                "for role in roles:\n"
                "    if not role.allowed:\n"
                "        raise AssertionError\n"
                "    count += 1\n"
            ),
        ),
        invalid(
            "def f(token): assert token\n",
            line=1,
            column=15,
            fixed="def f(token):\n    if not token:\n        raise AssertionError\n",
        ),
        invalid(
            "try: assert token\nexcept KeyError: pass\n",
            line=1,
            column=6,
            fixed="try:\n    if not token:\n        raise AssertionError\nexcept KeyError: pass\n",
        ),
        invalid(
            "match x:\n    case 1: assert token\n",
            line=2,
            column=13,
            fixed=(
                "match x:\n    case 1:\n        if not token:\n            raise AssertionError\n"
            ),
        ),
        invalid(
            "a(); assert is_admin(user); c()\n",
            line=1,
            column=6,
            fixed="a()\nif not is_admin(user):\n    raise AssertionError\nc()\n",
        ),
        invalid(
            "assert token; assert user.is_admin\n",
            line=1,
            column=1,
            more=[(1, 15)],
            fixed=(
                "if not token:\n"
                "    raise AssertionError\n"
                "if not user.is_admin:\n"
                "    raise AssertionError\n"
            ),
        ),
        invalid(
            "assert token;  # trailing\n",
            line=1,
            column=1,
            fixed="if not token:\n    raise AssertionError  # trailing\n",
        ),
        invalid(
            "x = compute(\n    1); assert token\n",
            line=2,
            column=9,
            fixed="x = compute(\n    1)\nif not token:\n    raise AssertionError\n",
        ),
        # -- conditions and messages ------------------------------------------------------
        invalid(
            "def f(user):\n"
            "    assert (\n"
            "        user.is_staff  # staff may\n"
            "        or user.is_owner  # and owners\n"
            "    ), 'nope'\n",
            line=2,
            column=5,
            fixed=(
                "def f(user):\n"
                "    if not (\n"
                "        user.is_staff  # staff may\n"
                "        or user.is_owner  # and owners\n"
                "    ):\n"
                "        raise AssertionError('nope')\n"
            ),
        ),
        invalid(
            "def f(user):\n    assert user.is_staff and \\\n        user.is_active\n",
            line=2,
            column=5,
            fixed=(
                "def f(user):\n"
                "    if not (user.is_staff and \\\n"
                "        user.is_active):\n"
                "        raise AssertionError\n"
            ),
        ),
        invalid(
            "if x: assert (token and\n    y)\n",
            line=1,
            column=7,
            fixed="if x:\n    if not (token and\n    y):\n        raise AssertionError\n",
        ),
        invalid(
            "assert (user := current_user()).is_admin\n",
            line=1,
            column=1,
            fixed="if not (user := current_user()).is_admin:\n    raise AssertionError\n",
        ),
        invalid(
            "assert (perm := lookup(user))\n",
            line=1,
            column=1,
            fixed="if not (perm := lookup(user)):\n    raise AssertionError\n",
        ),
        invalid(
            "assert user.is_admin if strict else True\n",
            line=1,
            column=1,
            fixed="if not (user.is_admin if strict else True):\n    raise AssertionError\n",
        ),
        invalid(
            "assert user.is_admin or user.is_owner, 'owners and admins only'\n",
            line=1,
            column=1,
            fixed=(
                "if not (user.is_admin or user.is_owner):\n"
                "    raise AssertionError('owners and admins only')\n"
            ),
        ),
        invalid(
            "assert not user.is_banned and user.is_staff\n",
            line=1,
            column=1,
            fixed="if not (not user.is_banned and user.is_staff):\n    raise AssertionError\n",
        ),
        invalid(
            "def pay(payment_token):\n    assert payment_token is not None, 'token required'\n",
            line=2,
            column=5,
            fixed=(
                "def pay(payment_token):\n"
                "    if payment_token is None:\n"
                "        raise AssertionError('token required')\n"
            ),
        ),
        invalid(
            "assert role in ROLES, f'unknown role {role}'\n",
            line=1,
            column=1,
            fixed="if role not in ROLES:\n    raise AssertionError(f'unknown role {role}')\n",
        ),
        invalid(
            "assert tenant not in suspended\n",
            line=1,
            column=1,
            fixed="if tenant in suspended:\n    raise AssertionError\n",
        ),
        invalid(
            "assert token == expected_token\n",
            line=1,
            column=1,
            fixed="if not token == expected_token:\n    raise AssertionError\n",
        ),
        invalid(
            "assert not forbidden(user)\n",
            line=1,
            column=1,
            fixed="if forbidden(user):\n    raise AssertionError\n",
        ),
        invalid(
            "assert not (token or admin)\n",
            line=1,
            column=1,
            fixed="if (token or admin):\n    raise AssertionError\n",
        ),
        invalid(
            "def f(token):\n    assert token.valid, f'bad token {token.id}'\n",
            line=2,
            column=5,
            fixed=(
                "def f(token):\n"
                "    if not token.valid:\n"
                "        raise AssertionError(f'bad token {token.id}')\n"
            ),
        ),
        invalid(
            "def f(user):\n    assert user.is_admin, (  # explain\n        'admins only'\n    )\n",
            line=2,
            column=5,
            fixed=(
                "def f(user):\n"
                "    if not user.is_admin:\n"
                "        raise AssertionError(  # explain\n"
                "        'admins only'\n"
                "    )\n"
            ),
        ),
        invalid(
            "def f(user):\n    assert user.is_admin, ('a', 1)\n",
            line=2,
            column=5,
            fixed=(
                "def f(user):\n    if not user.is_admin:\n        raise AssertionError(('a', 1))\n"
            ),
        ),
        invalid(
            "assert user.is_admin, 'bad %s' % user  # why\n",
            line=1,
            column=1,
            fixed="if not user.is_admin:\n    raise AssertionError('bad %s' % user)  # why\n",
        ),
        # -- the file's own style: exception, newlines, indentation -------------------------
        invalid(
            "assert user.is_admin, 'admins only'\n",
            line=1,
            column=1,
            fixed="if not user.is_admin:\n    raise PermissionError('admins only')\n",
            config={"assert-fix-exception": "PermissionError"},
        ),
        invalid(
            "def f(user):\r\n    assert user.is_admin  # CRLF stays\r\n    return user\r\n",
            line=2,
            column=5,
            fixed=(
                "def f(user):\r\n"
                "    if not user.is_admin:\r\n"
                "        raise AssertionError  # CRLF stays\r\n"
                "    return user\r\n"
            ),
        ),
        invalid(
            "class Gate:\n\tdef open(self, user):\n\t\tif user: assert user.is_staff\n",
            line=3,
            column=12,
            fixed=(
                "class Gate:\n"
                "\tdef open(self, user):\n"
                "\t\tif user:\n"
                "\t\t\tif not user.is_staff:\n"
                "\t\t\t\traise AssertionError\n"
            ),
        ),
        invalid(
            # a new block steps like the nearest one written: match's cases (4)
            "def f(x):\n  match x:\n      case _: assert token; y()\n",
            line=3,
            column=15,
            fixed=(
                "def f(x):\n"
                "  match x:\n"
                "      case _:\n"
                "          if not token:\n"
                "              raise AssertionError\n"
                "          y()\n"
            ),
        ),
        invalid(
            "x = 1  # \x0c a form feed is not a line break\n"
            "def f(user):\n    assert user.is_admin\n",
            line=3,
            column=5,
            fixed=(
                "x = 1  # \x0c a form feed is not a line break\n"
                "def f(user):\n"
                "    if not user.is_admin:\n"
                "        raise AssertionError\n"
            ),
        ),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        return "assert" in text

    def check(self, file: PythonFile) -> Iterable[Finding]:
        if file.is_test:
            return ()
        from hardkit.domain.asserts import ast_screen
        from hardkit.domain.asserts.security_words import vocabulary

        vocab = vocabulary(file.config.security_names)
        asserts = ast_screen.security_asserts(file.ast, vocab)
        if not asserts:
            return ()  # the screen is exact: no finding
        if file.fixing:
            return list(_findings(file))  # the fix is built on LibCST
        return _screened(file, asserts)


def _screened(file: PythonFile, asserts: list[ast.Assert]) -> list[Finding]:
    """The findings, read off the ``ast`` screen: the same positions and anchors as the
    LibCST check (tests/unit/test_hk101_check_without_libcst.py), and a fix built only
    when fixing (``DEFERRED``): a check never loads LibCST."""
    from hardkit.domain.asserts.logical_lines import logical_line_starts
    from hardkit.domain.findings import DEFERRED

    anchors = logical_line_starts(file.ast, file.lines, asserts)
    return [
        file.finding(AssertUsedForSecurity.code, file.ast_span(node), MESSAGE, DEFERRED, anchor)
        for node, anchor in zip(asserts, anchors, strict=True)
    ]


def _findings(file: PythonFile) -> Iterable[Finding]:
    from hardkit.domain.asserts.fix import assert_fix  # LibCST: only when fixing
    from hardkit.domain.asserts.libcst_checks import security_asserts
    from hardkit.domain.asserts.security_words import vocabulary

    tree = file.cst
    vocab = vocabulary(file.config.security_names)
    for node, site in security_asserts(tree.module, vocab):
        anchor = tree.span(site.anchor).line
        fix = assert_fix(file, node, site)
        yield file.finding(AssertUsedForSecurity.code, tree.span(node), MESSAGE, fix, anchor)
