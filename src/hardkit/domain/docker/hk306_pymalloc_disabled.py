from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.config import Config
from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_VAR = "PYTHONMALLOC"
_SYSTEM_MALLOC = frozenset({"malloc", "malloc_debug"})


class PymallocDisabled(Rule[DockerfileSource]):
    code = "HK306"
    name = "pymalloc-disabled"
    summary = "A Python image sets `PYTHONMALLOC=malloc`, a valgrind-only setting"
    kind = FileKind.DOCKERFILE
    doc = RuleDoc(
        what_it_does=(
            "Reports the `ENV` that leaves `PYTHONMALLOC` set to `malloc` (or "
            "`malloc_debug`, the same allocator with debug hooks) in the environment of a "
            "Python final stage — its own `ENV`s and those of the stages it builds on. The "
            "finding points at that `ENV`, wherever it is. (What counts as the final stage "
            "and as Python: see HK303.)"
        ),
        why_is_this_bad=(
            "`PYTHONMALLOC=malloc` replaces pymalloc, CPython's allocator for small "
            "objects, with the C library's `malloc` so that valgrind and other memory "
            "checkers can see every allocation. In production it only makes the service "
            "slower and its memory more fragmented; it belongs in a debugging session, not "
            "in the image."
        ),
        example="```dockerfile\nFROM python:3.13-slim\nENV PYTHONMALLOC=malloc\n```",
        use_instead=(
            "```dockerfile\nFROM python:3.13-slim\n```\n\nSet it for one run when you need "
            "it: `docker run -e PYTHONMALLOC=malloc … valgrind python app.py`."
        ),
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): `PYTHONMALLOC=malloc` only under valgrind\n"
            "- Python docs, [PYTHONMALLOC]"
            "(https://docs.python.org/3/using/cmdline.html#envvar-PYTHONMALLOC)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("FROM python:3.13-slim\nENV PYTHONMALLOC=pymalloc\n"),
        valid("FROM python:3.13-slim\nENV PYTHONMALLOC=malloc\nENV PYTHONMALLOC=pymalloc\n"),
        valid(
            "FROM python:3.13-slim AS valgrind\nENV PYTHONMALLOC=malloc\n"
            "FROM python:3.13-slim AS runtime\n"
        ),
        invalid("FROM python:3.13-slim\nENV PYTHONMALLOC=malloc\n", line=2, column=5),
        invalid("FROM python:3.13-slim\nENV PYTHONMALLOC=malloc_debug\n", line=2, column=5),
        invalid(
            'FROM python:3.13-slim AS base\nENV PYTHONMALLOC="malloc"\nFROM base\n',
            line=2,
            column=5,
        ),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        del config
        return _VAR in text

    def check(self, file: DockerfileSource) -> Iterator[Finding]:
        if not file.python_final:
            return
        setting = file.final.env.get(_VAR)
        if setting is None or not setting.known or setting.value not in _SYSTEM_MALLOC:
            return
        message = (
            f"{_VAR}={setting.value} replaces pymalloc with the C allocator, a setting for "
            "valgrind: the service runs slower; set it per run when debugging, not in the image"
        )
        yield file.finding(self.code, setting.instruction, message, _VAR)
