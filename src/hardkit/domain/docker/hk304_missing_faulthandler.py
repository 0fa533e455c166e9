from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

FIX_LINE = "ENV PYTHONFAULTHANDLER=1"


class MissingFaulthandler(Rule[DockerfileSource]):
    code = "HK304"
    name = "missing-faulthandler"
    summary = "A Python image does not enable the fault handler (`PYTHONFAULTHANDLER`)"
    kind = FileKind.DOCKERFILE
    fixable = True
    fix_always = False
    doc = RuleDoc(
        what_it_does=(
            "Reports a Python final stage whose environment — its own `ENV`s and those of "
            "the stages it builds on — does not set `PYTHONFAULTHANDLER` to a non-empty "
            "value, and whose `ENTRYPOINT`/`CMD` does not run `python -X faulthandler`. "
            "The finding points at the final stage's `FROM` line. (What counts as the final "
            "stage and as Python: see HK303.)"
        ),
        why_is_this_bad=(
            "When a C extension segfaults, CPython dies without a word: the container "
            "exits with code 139 and the logs show nothing. With the fault handler on, "
            "Python prints the traceback of every thread on SIGSEGV, SIGFPE, SIGABRT, "
            "SIGBUS and SIGILL — the one clue to which call crashed. It costs nothing "
            "until a crash. An empty `PYTHONFAULTHANDLER=` leaves it off."
        ),
        example='```dockerfile\nFROM python:3.13-slim\nCMD ["python", "-m", "app"]\n```',
        use_instead=(
            "```dockerfile\nFROM python:3.13-slim\nENV PYTHONFAULTHANDLER=1\n"
            'CMD ["python", "-m", "app"]\n```'
        ),
        fix_safety=(
            "The fix inserts `ENV PYTHONFAULTHANDLER=1` on its own line right after the "
            "final `FROM` (after its last continuation line), with the file's own line "
            "endings; nothing else changes. It is safe: the variable only turns the fault "
            "handler on. No fix is offered when the final stage itself sets the variable "
            "empty later on (the inserted line would be overridden; edit that line), or "
            "when the `FROM` ends with the escape character."
        ),
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): set `PYTHONFAULTHANDLER=1`\n"
            "- Python docs, [faulthandler](https://docs.python.org/3/library/faulthandler.html) "
            "and [PYTHONFAULTHANDLER]"
            "(https://docs.python.org/3/using/cmdline.html#envvar-PYTHONFAULTHANDLER)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=1\n"),
        valid('FROM python:3.13-slim\nENV PYTHONUNBUFFERED=1 PYTHONFAULTHANDLER="yes"\n'),
        valid('FROM python:3.13-slim\nCMD ["python", "-X", "faulthandler", "-m", "app"]\n'),
        valid("FROM python:3.13-slim\nCMD python3.13 -Xfaulthandler app.py\n"),
        valid(
            "FROM python:3.13-slim AS base\nENV PYTHONFAULTHANDLER=1\n"
            "FROM base AS runtime\nCOPY . /app\n"
        ),
        valid("FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\n"),
        valid("FROM python:3.13-slim AS build\nRUN pip wheel .\nFROM nginx:1.27-alpine\n"),
        valid("FROM alpine:3.21 AS tools\nRUN apk add curl\nFROM scratch\nCOPY --from=tools / /\n"),
        valid("# hardkit ignore=HK301,HK304\nFROM python:3.13-slim\n"),
        invalid(
            'FROM python:3.13-slim\nCMD ["python", "-m", "app"]\n',
            line=1,
            column=1,
            fixed='FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=1\nCMD ["python", "-m", "app"]\n',
        ),
        invalid(
            "FROM python:3.13-slim AS build\nRUN pip install app\n"
            'FROM scratch\nCOPY --from=build / /\nCMD ["/usr/local/bin/app"]\n',
            line=3,
            column=1,
            fixed=(
                "FROM python:3.13-slim AS build\nRUN pip install app\n"
                "FROM scratch\nENV PYTHONFAULTHANDLER=1\nCOPY --from=build / /\n"
                'CMD ["/usr/local/bin/app"]\n'
            ),
        ),
        invalid(
            "FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=\nCMD python app.py\n",
            line=1,
            column=1,
        ),
        invalid(
            'FROM python:3.13-slim\nCMD ["python", "-m", "app", "-X", "faulthandler"]\n',
            line=1,
            column=1,
            fixed=(
                "FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=1\n"
                'CMD ["python", "-m", "app", "-X", "faulthandler"]\n'
            ),
        ),
        invalid(
            "FROM python:3.13-slim AS build\nENV PYTHONFAULTHANDLER=\nFROM build\nUSER app\n",
            line=3,
            column=1,
            fixed=(
                "FROM python:3.13-slim AS build\nENV PYTHONFAULTHANDLER=\nFROM build\n"
                "ENV PYTHONFAULTHANDLER=1\nUSER app\n"
            ),
        ),
        invalid(
            "# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM `\r\n  python:3.13-slim `\r\n"
            "  AS runtime\r\nRUN pip install `\r\n  orders\r\n",
            line=3,
            column=1,
            fixed=(
                "# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM `\r\n  python:3.13-slim `\r\n"
                "  AS runtime\r\nENV PYTHONFAULTHANDLER=1\r\nRUN pip install `\r\n  orders\r\n"
            ),
        ),
        invalid(
            "FROM python:3.13-slim",
            line=1,
            column=1,
            fixed="FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=1",
        ),
        invalid(
            "FROM python:3.13-slim\n# hardkit ignore=HK304\nENV PYTHONUNBUFFERED=1\n",
            line=1,
            column=1,
            fixed=(
                "FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=1\n# hardkit ignore=HK304\n"
                "ENV PYTHONUNBUFFERED=1\n"
            ),
        ),
    )

    def check(self, file: DockerfileSource) -> Iterator[Finding]:
        if not file.python_final:
            return
        final = file.final
        setting = final.env.get("PYTHONFAULTHANDLER")
        if setting is not None and (setting.value or not setting.known):
            return
        if any("faulthandler" in run.xoptions for run in final.python_runs):
            return
        fix = file.insert_after(final.from_instruction, FIX_LINE)
        why = "does not set PYTHONFAULTHANDLER"
        if setting is not None:
            line = setting.instruction.line
            why = f"sets PYTHONFAULTHANDLER empty (line {line}), which leaves it off"
            if setting.instruction in final.instructions:
                fix = None
        message = (
            f"the Python final stage {why}: a segfault in a C extension kills the process "
            f"without a traceback; add `{FIX_LINE}`"
        )
        yield file.finding(self.code, final.from_instruction, message, fix=fix)
