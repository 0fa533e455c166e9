from __future__ import annotations

from hardkit.domain.rule import Example, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_CONFIG = {"unsuppressible": ["HK101"]}
_ADMIN_ASSERT = "def delete(user):\n    assert user.is_admin  # noqa: HK101\n"


class UnsuppressibleRuleSuppressed(Rule[object]):
    """Produced by the engine's suppression step (see ``domain.suppression``)."""

    code = "HK002"
    name = "unsuppressible-rule-suppressed"
    summary = "A suppression names a rule the configuration makes unsuppressible"
    doc = RuleDoc(
        what_it_does=(
            "Reports every attempt to suppress a finding of a rule listed in "
            "`unsuppressible`: a `# noqa: HK101` comment, a Dockerfile "
            "`# hardkit ignore=HK301` line, or a `per-file-ignores` entry. The original "
            "finding is reported as well; the suppression has no effect. HK002 itself "
            "cannot be suppressed."
        ),
        why_is_this_bad=(
            "Some rules guard things a team has decided must never be waived locally: an "
            "authorisation check that `python -O` would delete, a root container. With "
            "`unsuppressible` the decision is made once, in review of the configuration, "
            "instead of one `noqa` at a time; a suppression comment that silently did "
            "nothing would mislead the next reader, so it is reported."
        ),
        example=(
            '```toml\n[tool.hardkit]\nunsuppressible = ["HK101"]\n```\n\n'
            f"```python\n{_ADMIN_ASSERT}```"
        ),
        use_instead=(
            "```python\ndef delete(user):\n    if not user.is_admin:\n"
            '        raise PermissionError("admin only")\n```'
        ),
        options="`unsuppressible`: the codes or prefixes (`HK1`) that no suppression can hide.",
        references=(
            "- [ruff#18032](https://github.com/astral-sh/ruff/issues/18032): "
            "the request for unsuppressible rules"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("x = 1  # noqa: HK101\n", config=_CONFIG),
        valid("def f(request):\n    return request  # noqa: HK203\n", config=_CONFIG),
        invalid(
            "assert (\n",
            line=1,
            column=8,
            config={"unsuppressible": ["HK001"], "per-file-ignores": {"example.py": ["HK001"]}},
        ),
    )
