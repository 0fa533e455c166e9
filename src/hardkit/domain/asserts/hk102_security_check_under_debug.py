"""HK102: a security check inside ``if __debug__:``, which ``python -O`` removes whole."""

from __future__ import annotations

from collections.abc import Iterable

from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

    from hardkit.domain.config import Config
    from hardkit.domain.findings import Finding

MESSAGE = "security check inside `if __debug__`; python -O removes the whole block"


class SecurityCheckUnderDebug(Rule[PythonFile]):
    code = "HK102"
    name = "security-check-under-debug"
    summary = "A security check sits in an if __debug__ block that python -O removes"
    kind = FileKind.PYTHON
    doc = RuleDoc(
        what_it_does=(
            "Finds `if __debug__:` blocks (and `if __debug__ and …:`, `elif __debug__:`) in "
            "non-test code whose body raises an exception or makes a security check of the "
            "kinds HK101 knows: a permission predicate or flag (`check_permission(user)`, "
            "`user.is_staff`), the principal compared with an owner, a credential verified "
            "(`verify(signature)`, `compare_digest`), a login test — or names a "
            "`security-names` word."
        ),
        why_is_this_bad=(
            "`__debug__` is a compile-time constant: under `python -O` it is `False` and the "
            "compiler drops the whole block. A check placed there — a `raise` on a bad "
            "signature, a permission test — exists in development and vanishes in the "
            "optimised production build, exactly like an assert."
        ),
        example=(
            "```python\n"
            "def apply_discount(user, percent):\n"
            "    if __debug__:\n"
            "        if percent > 50 and not user.is_manager:\n"
            '            raise PermissionError("needs a manager")\n'
            "    ...\n"
            "```"
        ),
        use_instead=(
            "```python\n"
            "def apply_discount(user, percent):\n"
            "    if percent > 50 and not user.is_manager:\n"
            '        raise PermissionError("needs a manager")\n'
            "    ...\n"
            "```"
        ),
        options=(
            "- `security-names` (list of strings): words that mark a security check.\n"
            "- `test-paths` (list of globs): files never reported."
        ),
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): never rely on `assert` for a security check; "
            "`if __debug__:` blocks go with the asserts\n"
            "- Python reference, [`__debug__`]"
            "(https://docs.python.org/3/library/constants.html#debug__)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("if __debug__:\n    print('starting in debug mode')\n"),
        valid("if __debug__:\n    log.debug('tokenizer ready', author=author)\n"),
        valid("if not __debug__:\n    raise RuntimeError('run without -O')\n"),
        valid("if __debug__ or strict:\n    raise ValueError\n"),
        valid("if debug:\n    check_permission(user)\n"),
        valid("if __debug__:\n    pass\nelse:\n    raise RuntimeError\n"),
        valid(
            "if __debug__:\n    raise PermissionError\n",
            path="tests/test_views.py",
        ),
        valid("if __debug__:\n    check_permission(user)\n", path="conftest.py"),
        invalid(
            "def pay(user, amount):\n"
            "    if __debug__:\n"
            "        if amount > 1000:\n"
            "            raise ValueError('limit exceeded')\n",
            line=2,
            column=5,
        ),
        invalid("if __debug__:\n    check_permission(user)\n", line=1, column=1),
        invalid("if __debug__: verify(request.headers['X-Signature'])\n", line=1, column=1),
        invalid("if __debug__ and strict:\n    require(user.is_staff)\n", line=1, column=1),
        invalid("if strict and (__debug__ and x):\n    raise ValueError\n", line=1, column=1),
        invalid(
            "if mode == 'fast':\n    pass\nelif __debug__:\n    raise ValueError\n",
            line=3,
            column=1,
        ),
        invalid(
            "class Gate:\n"
            "    def open(self, badge):\n"
            "        if __debug__:  # dev builds only\n"
            "            self._check_approval(badge)\n",
            line=3,
            column=9,
            config={"security-names": ["approval"]},
        ),
        invalid(
            "if __debug__:\n    raise PermissionError\n",
            path="app/views.py",
            line=1,
            column=1,
            config={"test-paths": ["spec/**"]},
        ),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        return "__debug__" in text

    def check(self, file: PythonFile) -> Iterable[Finding]:
        if file.is_test:
            return ()
        from hardkit.domain.asserts.debug_blocks import debug_blocks
        from hardkit.domain.asserts.logical_lines import logical_line_starts
        from hardkit.domain.asserts.security_words import vocabulary
        from hardkit.domain.sources import Span

        blocks = debug_blocks(file.ast, vocabulary(file.config.security_names))
        findings: list[Finding] = []
        anchors = logical_line_starts(file.ast, file.lines, blocks)
        for node, anchor in zip(blocks, anchors, strict=True):
            start, test = file.ast_span(node), file.ast_span(node.test)
            header = Span(start.line, start.column, test.end_line, test.end_column)
            findings.append(file.finding(self.code, header, MESSAGE, anchor_line=anchor))
        return findings
