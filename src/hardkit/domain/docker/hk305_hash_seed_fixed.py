from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.config import Config
from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_VAR = "PYTHONHASHSEED"


class HashSeedFixed(Rule[DockerfileSource]):
    code = "HK305"
    name = "hash-seed-fixed"
    summary = "An `ENV` or `ARG` fixes `PYTHONHASHSEED`"
    kind = FileKind.DOCKERFILE
    doc = RuleDoc(
        what_it_does=(
            "Reports an `ENV` or an `ARG` default, in any stage or before the first `FROM`, "
            "that sets `PYTHONHASHSEED` to anything but `random`. The value is read as "
            "BuildKit reads it (quotes removed, variables expanded), so "
            '`ENV PYTHONHASHSEED="0"` and `ARG SEED=0` … `ENV PYTHONHASHSEED=$SEED` are '
            "both caught; a value taken from a build argument without a default is "
            "reported too, since only `random` is safe and that needs no argument. An "
            "empty value is left alone: CPython treats it as unset, which is random. "
            "Python code that sets the variable is HK103."
        ),
        why_is_this_bad=(
            "Hash randomisation (on by default since Python 3.3) is what stops an attacker "
            "from sending request data whose keys all collide in a `dict`, turning every "
            "lookup into a linear scan — a cheap denial of service (CVE-2012-1150). A fixed "
            "hash seed in the image switches that protection off for every process in it; it is "
            "usually left over from making a test reproducible."
        ),
        example="```dockerfile\nFROM python:3.13-slim\nENV PYTHONHASHSEED=0\n```",
        use_instead=(
            "```dockerfile\nFROM python:3.13-slim\n# no PYTHONHASHSEED: random is the default\n"
            "```\n\nFix reproducibility where it is needed: set the hash seed in the test "
            "command (`PYTHONHASHSEED=0 pytest`), not in the image."
        ),
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): leave the hash seed random\n"
            "- Python docs, [PYTHONHASHSEED]"
            "(https://docs.python.org/3/using/cmdline.html#envvar-PYTHONHASHSEED)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("FROM python:3.13-slim\nENV PYTHONHASHSEED=random\n"),
        valid('FROM python:3.13-slim\nENV PYTHONHASHSEED="random"\n'),
        valid("FROM python:3.13-slim\nENV PYTHONHASHSEED=\n"),
        valid("FROM python:3.13-slim\nARG PYTHONHASHSEED\n"),
        valid("FROM python:3.13-slim\nENV PYTHONHASHSEED=${SEED:-random}\n"),
        valid("FROM python:3.13-slim\n# hardkit ignore=HK305\nENV PYTHONHASHSEED=0\n"),
        invalid("FROM python:3.13-slim\nENV PYTHONHASHSEED=0\n", line=2, column=5),
        invalid("FROM python:3.13-slim\nENV PYTHONHASHSEED 42\n", line=2, column=5),
        invalid(
            "FROM python:3.13-slim\nENV PYTHONUNBUFFERED=1 \\\n    PYTHONHASHSEED='0'\n",
            line=3,
            column=5,
        ),
        invalid("ARG PYTHONHASHSEED=0\nFROM python:3.13-slim\n", line=1, column=5),
        invalid("FROM python:3.13-slim AS test\nARG PYTHONHASHSEED=123\n", line=2, column=5),
        invalid("FROM python:3.13-slim\nARG SEED=0\nENV PYTHONHASHSEED=$SEED\n", line=3, column=5),
        invalid("FROM python:3.13-slim\nARG SEED\nENV PYTHONHASHSEED=${SEED}\n", line=3, column=5),
        invalid("FROM python:3.13-slim\nENV PYTHONHASHSEED=Random\n", line=2, column=5),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        del config
        return _VAR in text

    def check(self, file: DockerfileSource) -> Iterator[Finding]:
        for setting in file.model.all_settings():
            if setting.name != _VAR or (setting.known and setting.value in ("random", "")):
                continue
            what = f"to `{setting.value}`" if setting.known else "from a build argument"
            message = (
                f"{setting.instruction.command} sets {_VAR} {what}: a fixed hash seed turns "
                "off the hash randomisation that protects dicts against hash-flooding; "
                "leave it unset (random)"
            )
            yield file.finding(self.code, setting.instruction, message, _VAR)
