from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding, Severity
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_VAR = "PYTHONOPTIMIZE"
_CONSEQUENCE = (
    "asserts and `if __debug__:` blocks are gone in production: make sure no security "
    "check relies on them (HK101, HK102)"
)


class AssertsStripped(Rule[DockerfileSource]):
    code = "HK308"
    name = "asserts-stripped"
    summary = "A Python image runs with `-O`: asserts and `__debug__` blocks are removed"
    kind = FileKind.DOCKERFILE
    severity = Severity.WARNING
    doc = RuleDoc(
        what_it_does=(
            "Warns when a Python final stage sets `PYTHONOPTIMIZE` (to anything but empty "
            "or `0`) in its environment, or when its `ENTRYPOINT`/`CMD` starts `python` "
            "with `-O` or `-OO` (also combined, like `-BO`; options after `-m module` or the "
            "script belong to the program and are not counted). The finding points at the "
            "`ENV` or at the `-O`. (What counts as the final stage and as Python: see HK303.)"
        ),
        why_is_this_bad=(
            "`-O` is not a speed switch: it deletes every `assert` statement and every "
            "`if __debug__:` block from the running code. Any authorisation, tenant or "
            "input check written that way silently stops existing in production, where it "
            "matters. The warning is a reminder to keep hardkit's HK101/HK102 on; if the "
            "code is clean, `-O` buys almost nothing and `-OO` also drops docstrings some "
            "libraries read."
        ),
        example='```dockerfile\nFROM python:3.13-slim\nCMD ["python", "-O", "-m", "app"]\n```',
        use_instead=(
            '```dockerfile\nFROM python:3.13-slim\nCMD ["python", "-m", "app"]\n```\n\n'
            "If you keep `-O`, suppress this warning on the line above (`# hardkit "
            "ignore=HK308`) and make HK101/HK102 unsuppressible."
        ),
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): never rely on `assert` for a security check\n"
            "- Python docs, [-O](https://docs.python.org/3/using/cmdline.html#cmdoption-O) and "
            "[PYTHONOPTIMIZE](https://docs.python.org/3/using/cmdline.html#envvar-PYTHONOPTIMIZE)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid('FROM python:3.13-slim\nCMD ["python", "-m", "app"]\n'),
        valid('FROM python:3.13-slim\nCMD ["python", "-m", "app", "-O"]\n'),
        valid("FROM python:3.13-slim\nENV PYTHONOPTIMIZE=0\n"),
        valid("FROM python:3.13-slim\nENV PYTHONOPTIMIZE=\n"),
        valid('FROM nginx:1.27-alpine\nCMD ["nginx", "-g", "daemon off;"]\n'),
        valid('FROM python:3.13-slim\n# hardkit ignore=HK308\nCMD ["python", "-O", "-m", "app"]\n'),
        invalid('FROM python:3.13-slim\nCMD ["python", "-O", "-m", "app"]\n', line=2, column=17),
        invalid("FROM python:3.13-slim\nCMD python3 -OO app.py\n", line=2, column=13),
        invalid("FROM python:3.13-slim\nENV PYTHONOPTIMIZE=1\n", line=2, column=5),
        invalid(
            'FROM python:3.13-slim\nENTRYPOINT ["/usr/local/bin/python", "-BO"]\nCMD ["app.py"]\n',
            line=2,
            column=39,
        ),
        invalid(
            'FROM python:3.13-slim\nCMD ["sh", "-c", "exec gosu app python -O -m app"]\n',
            line=2,
            column=40,
        ),
        invalid(
            "FROM python:3.13-slim AS base\nENV PYTHONOPTIMIZE=2\nFROM base\n",
            line=2,
            column=5,
        ),
    )

    def check(self, file: DockerfileSource) -> Iterator[Finding]:
        if not file.python_final:
            return
        final = file.final
        setting = final.env.get(_VAR)
        if setting is not None and setting.known and setting.value.strip() not in ("", "0"):
            message = f"{_VAR}={setting.value} runs Python as with -O: {_CONSEQUENCE}"
            yield file.finding(self.code, setting.instruction, message, _VAR)
        for run in final.python_runs:
            word = run.optimize_word
            instruction = final.runtime_instruction_with(word) if word else None
            if word and instruction:
                message = f"`python {word}`: {_CONSEQUENCE}"
                yield file.finding(self.code, instruction, message, word)
