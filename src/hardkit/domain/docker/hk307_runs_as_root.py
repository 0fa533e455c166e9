from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.docker.bases import runs_as_non_root
from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_ADVICE = (
    "add `USER <non-root uid>` to the final stage, or drop privileges in the ENTRYPOINT "
    "or the script it runs (gosu, su-exec, setpriv, s6-setuidgid)"
)
_ENTRYPOINT = '#!/bin/sh\nset -e\nchown -R app /data\nexec gosu app "$@"\n'
_S6_RUN = "#!/command/with-contenv sh\nexec s6-setuidgid app python -m app\n"
_SUPERVISORD = (
    "[supervisord]\nnodaemon=true\n\n[program:web]\ncommand=gunicorn app:app\nuser=app\n\n"
    "[program:worker]\ncommand=celery -A app worker\nuser=app\n"
)


class RunsAsRoot(Rule[DockerfileSource]):
    code = "HK307"
    name = "runs-as-root"
    summary = "A Python image runs its process as root"
    kind = FileKind.DOCKERFILE
    doc = RuleDoc(
        what_it_does=(
            "Reports a Python final stage with no `USER` (its own or inherited from the "
            "stages it builds on), or whose last `USER` is `root`, `0`, or `0:…`/`root:…` — "
            "unless privileges are dropped before the Python process starts. hardkit reads "
            "(never runs) what the container starts: the `ENTRYPOINT`/`CMD` itself, and one "
            "level down the script it runs when the Dockerfile copies it from the build "
            "context (or writes it with `COPY <<EOF`). A drop is `gosu USER`, `su-exec "
            "USER`, `setpriv --reuid`, `runuser -u`, `s6-setuidgid USER`, `chpst -u`, "
            "`chroot --userspec`, `su USER -c`, `sudo -u`, uWSGI's `uid` (`--uid` or its "
            "`.ini`); s6-overlay (`/init`, or a base image that starts it) or runit whose "
            "copied service `run` scripts switch user; supervisord whose copied "
            "configuration runs its programs with `user=`.\n\n"
            "Images that already run as a non-root user pass without `USER`: distroless "
            "`:nonroot` tags, Chainguard's images (not their `-dev` tags), the Jupyter "
            "docker-stacks images, and those `non-root-base-images` lists. The `USER` value "
            'is read as BuildKit reads it (`USER "root"` is root; `USER ${APP_UID}` with no '
            "default is not judged). The finding points at the final stage's `FROM` line; "
            "build stages may run as root. (What counts as the final stage and as Python: "
            "see HK303.) An image that cannot be resolved, or that is built locally, may "
            "set its own user, so only an explicit root `USER` is reported there."
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
        options=(
            "`non-root-base-images` (globs, as `allowed-base-images`) lists base images that "
            "already run as a non-root user, e.g. the team's own base. `docker-context` "
            "names the build context the copied scripts are read from."
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
        valid("FROM cgr.dev/chainguard/python:latest\nCOPY app.py /app/\n"),
        valid("FROM quay.io/jupyter/scipy-notebook:2025-01-06\nRUN pip install app\n"),
        valid(
            "FROM registry.example/python-base:3.13\nRUN pip install app\n",
            config={"non-root-base-images": ["registry.example/python-base:*"]},
        ),
        valid('FROM python:3.13-slim\nENTRYPOINT ["gosu", "app", "python", "-m", "app"]\n'),
        valid("FROM python:3.13-slim\nUSER root\nCMD exec su-exec app:app python app.py\n"),
        valid(
            "FROM python:3.13-slim\n"
            'CMD ["setpriv", "--reuid=10001", "--init-groups", "python", "app.py"]\n'
        ),
        valid("FROM python:3.13-slim\nCMD chroot --userspec=app / python app.py\n"),
        valid(
            "FROM python:3.13-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\n"
            'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["python", "-m", "app"]\n',
            files={"docker-entrypoint.sh": _ENTRYPOINT},
        ),
        valid(
            "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\n"
            'ENTRYPOINT ["/usr/bin/tini", "--", "./docker/start.sh"]\n',
            files={"docker/start.sh": _ENTRYPOINT},
        ),
        valid(
            "FROM python:3.13-slim\nCOPY <<EOF /entrypoint.sh\n"
            'exec su-exec app "$@"\nEOF\nENTRYPOINT ["/entrypoint.sh"]\n'
        ),
        valid(
            'FROM python:3.13-alpine\nCOPY rootfs/ /\nRUN pip install app\nENTRYPOINT ["/init"]\n',
            files={"rootfs/etc/services.d/app/run": _S6_RUN},
        ),
        valid(
            "FROM ghcr.io/linuxserver/baseimage-alpine:3.21\nRUN pip install app\nCOPY root/ /\n",
            files={
                "root/etc/s6-overlay/s6-rc.d/svc-app/run": _S6_RUN,
                "root/etc/s6-overlay/s6-rc.d/svc-app/type": "longrun\n",
            },
        ),
        valid(
            "FROM python:3.13-slim\nRUN pip install app supervisor\n"
            "COPY supervisord.conf /etc/supervisor/conf.d/app.conf\n"
            'CMD ["supervisord", "-c", "/etc/supervisor/conf.d/app.conf"]\n',
            files={"supervisord.conf": _SUPERVISORD},
        ),
        valid(
            "FROM python:3.13-slim\nCOPY uwsgi.ini /etc/uwsgi.ini\n"
            'CMD ["uwsgi", "--ini", "/etc/uwsgi.ini"]\n',
            files={"uwsgi.ini": "[uwsgi]\nmodule = app.wsgi\nuid = app\ngid = app\n"},
        ),
        valid(
            "FROM python:3.13-slim\nCOPY docker/entrypoint.sh /entrypoint.sh\n"
            'ENTRYPOINT ["/entrypoint.sh"]\n',
            path="docker/Dockerfile",
            files={"docker/entrypoint.sh": _ENTRYPOINT},
        ),
        valid(
            "FROM python:3.13-slim\nCOPY docker/entrypoint.sh /entrypoint.sh\n"
            'ENTRYPOINT ["/entrypoint.sh"]\n',
            path="services/api/Dockerfile",
            files={"docker/entrypoint.sh": _ENTRYPOINT},
        ),
        valid("FROM python:3.13-slim\nARG APP_UID\nUSER ${APP_UID}\n"),
        valid("ARG BASE\nFROM ${BASE}\nCMD python app.py\n"),
        valid("FROM our-base\nCMD python app.py\n"),
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
        invalid("FROM cgr.dev/chainguard/python:latest-dev\nCOPY app.py /\n", line=1, column=1),
        invalid("ARG BASE\nFROM ${BASE}\nUSER root\nCMD python app.py\n", line=2, column=1),
        invalid(
            "FROM python:3.13-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\n"
            'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["python", "-m", "app"]\n',
            files={"docker-entrypoint.sh": '#!/bin/sh\npython manage.py migrate\nexec "$@"\n'},
            line=1,
            column=1,
        ),
        invalid(
            'FROM python:3.13-alpine\nCOPY rootfs/ /\nRUN pip install app\nENTRYPOINT ["/init"]\n',
            files={"rootfs/etc/services.d/app/run": "#!/bin/sh\nexec python -m app\n"},
            line=1,
            column=1,
        ),
        invalid(
            "FROM python:3.13-slim\nRUN pip install app supervisor\n"
            "COPY supervisord.conf /etc/supervisord.conf\n"
            'CMD ["supervisord"]\n',
            files={"supervisord.conf": "[program:web]\ncommand=gunicorn app:app\n"},
            line=1,
            column=1,
        ),
        invalid(
            'FROM python:3.13-slim\nRUN pip install app\nENTRYPOINT ["/docker-entrypoint.sh"]\n',
            files={"docker-entrypoint.sh": _ENTRYPOINT},
            line=1,
            column=1,
        ),
    )

    def check(self, file: DockerfileSource) -> Iterator[Finding]:
        if not file.python_final:
            return
        final = file.final
        user = final.user
        if user is not None and not user.is_root:
            return
        why = f"the last USER is `{user.value}` (line {user.instruction.line})" if user else ""
        if user is None:
            ref = file.model.origin(final).ref
            if ref is None or ref.is_local:
                return  # its default user is unknown (HK301 reports an unresolved image)
            if runs_as_non_root(ref) or ref.matches_any(file.config.non_root_base_images):
                return
            why = f"no USER instruction, and `{ref.without_digest}` starts as root"
        if file.privilege_drop is not None:
            return
        message = f"the Python final stage runs as root: {why}; {_ADVICE}"
        yield file.finding(self.code, final.from_instruction, message)
