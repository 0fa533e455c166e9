from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_ADVICE = (
    "add `USER <non-root uid>` to the final stage, or drop privileges in the ENTRYPOINT "
    "(gosu, su-exec, setpriv)"
)


class RunsAsRoot(Rule[DockerfileSource]):
    code = "HK307"
    name = "runs-as-root"
    summary = "A Python image runs its process as root"
    kind = FileKind.DOCKERFILE
    doc = RuleDoc(
        what_it_does=(
            "Reports a Python final stage with no `USER` (its own or inherited from the "
            "stages it builds on), or whose last `USER` is `root`, `0`, or `0:…`/`root:…`. "
            "It is left alone when the image is distroless with a `nonroot` tag and no "
            "`USER` switches back to root, or when the `ENTRYPOINT`/`CMD` drops privileges "
            "(`gosu`, `su-exec`, `setpriv`, `runuser`, `chroot --userspec`). The `USER` "
            'value is read as BuildKit reads it (`USER "root"` is root; '
            "`USER ${APP_UID}` with no default is not judged). The finding points at the "
            "final stage's `FROM` line; build stages may run as root. (What counts as the "
            "final stage and as Python: see HK303.) An image that cannot be resolved is "
            "judged by HK301 alone, so only an explicit root `USER` is reported there."
        ),
        why_is_this_bad=(
            "A process running as root in a container is one kernel or runtime bug away "
            "from root on the host, and even without an escape it can rewrite its own code, "
            "read every mounted secret and bind privileged ports. Official Python images "
            "start as root unless told otherwise."
        ),
        example=(
            '```dockerfile\nFROM python:3.13-slim\nCOPY . /app\nCMD ["python", "-m", "app"]\n```'
        ),
        use_instead=(
            "```dockerfile\nFROM python:3.13-slim\n"
            "RUN useradd --system --uid 10001 app\nCOPY --chown=app . /app\nUSER 10001\n"
            'CMD ["python", "-m", "app"]\n```\n\nor, when the entrypoint must start as '
            "root (to fix volume permissions), drop privileges before exec'ing Python:\n\n"
            '```dockerfile\nENTRYPOINT ["gosu", "app", "python", "-m", "app"]\n```'
        ),
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): drop privileges before the Python process starts\n"
            "- Docker docs, [USER](https://docs.docker.com/build/building/best-practices/#user)\n"
            "- hadolint [DL3002](https://github.com/hadolint/hadolint/wiki/DL3002) (hardkit "
            "also reports a missing `USER`, and ignores build stages)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("FROM python:3.13-slim\nUSER app\n"),
        valid("FROM python:3.13-slim\nUSER 10001:10001\n"),
        valid("FROM python:3.13-slim AS base\nUSER app\nFROM base\nCOPY . /app\n"),
        valid(
            "FROM python:3.13-slim AS build\nUSER root\nRUN pip wheel .\n"
            "FROM python:3.13-slim\nUSER app\n"
        ),
        valid("FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY app.py /\n"),
        valid("FROM gcr.io/distroless/python3-debian12:debug-nonroot AS runtime\n"),
        valid('FROM python:3.13-slim\nENTRYPOINT ["gosu", "app", "python", "-m", "app"]\n'),
        valid("FROM python:3.13-slim\nUSER root\nCMD exec su-exec app:app python app.py\n"),
        valid(
            "FROM python:3.13-slim\n"
            'CMD ["setpriv", "--reuid=10001", "--init-groups", "python", "app.py"]\n'
        ),
        valid("FROM python:3.13-slim\nCMD chroot --userspec=app / python app.py\n"),
        valid("FROM python:3.13-slim\nARG APP_UID\nUSER ${APP_UID}\n"),
        valid("ARG BASE\nFROM ${BASE}\nCMD python app.py\n"),
        valid("FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\n"),
        valid("FROM python:3.13-slim\nUSER ROOT\n"),
        invalid('FROM python:3.13-slim\nCMD ["python", "-m", "app"]\n', line=1, column=1),
        invalid("FROM python:3.13-slim\nUSER app\nUSER root\n", line=1, column=1),
        invalid("FROM python:3.13-slim\nUSER 0\n", line=1, column=1),
        invalid("FROM python:3.13-slim\nUSER 0:0\n", line=1, column=1),
        invalid('FROM python:3.13-slim\nUSER "root:root"\n', line=1, column=1),
        invalid("FROM python:3.13-slim\nARG RUN_AS=root\nUSER $RUN_AS\n", line=1, column=1),
        invalid(
            "FROM python:3.13-slim AS base\nUSER root\n\nFROM base AS runtime\nCOPY . /app\n",
            line=4,
            column=1,
        ),
        invalid("FROM gcr.io/distroless/python3-debian12:latest\n", line=1, column=1),
        invalid("FROM gcr.io/distroless/python3-debian12:nonroot\nUSER root\n", line=1, column=1),
        invalid("ARG BASE\nFROM ${BASE}\nUSER root\nCMD python app.py\n", line=2, column=1),
    )

    def check(self, file: DockerfileSource) -> Iterator[Finding]:
        if not file.python_final:
            return
        final = file.final
        user = final.user
        if user is not None and not user.is_root:
            return
        if final.drops_privileges:
            return
        if user is None:
            origin = file.model.origin(final)
            if not origin.image.known:
                return  # its default user is unknown: HK301 reports the image
            if origin.ref is not None and origin.ref.runs_as_nonroot:
                return
            why = "no USER instruction, and the image starts as root"
        else:
            why = f"the last USER is `{user.value}` (line {user.instruction.line})"
        message = f"the Python final stage runs as root: {why}; {_ADVICE}"
        yield file.finding(self.code, final.from_instruction, message)
