"""The kinds of Python service Dockerfiles met in public repositories, each written here
as a small project (its Dockerfile and the scripts and configurations it copies), with
what a platform engineer expects HK3xx to report. Run through the real CLI, so the build
context is found and read as in a user's repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hardkit.entrypoints.cli import main
from tests.helpers import write

SHA = "sha256:" + "4be1c2d3" * 8
SLIM = f"python:3.13-slim@{SHA}"
GOSU = '#!/bin/sh\nset -e\nchown -R app:app /data\nexec gosu app "$@"\n'
PLAIN = '#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec "$@"\n'
SV_LONGRUN = "longrun\n"

# kind: (files, expected findings as "path:line:code")
KINDS: dict[str, tuple[dict[str, str], list[str]]] = {
    "entrypoint drops with gosu": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\n"
            "COPY docker-entrypoint.sh /usr/local/bin/\n"
            'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n',
            "docker-entrypoint.sh": GOSU,
        },
        [],
    ),
    "entrypoint re-execs itself with gosu $PUID": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\nWORKDIR /app\n"
            'COPY . .\nENTRYPOINT ["/app/docker/run.sh"]\n',
            "docker/run.sh": '#!/bin/bash\nif [ "$(id -u)" = "0" ]; then\n'
            '  exec gosu "$PUID" "$BASH_SOURCE" "$@"\nfi\nexec python -m app\n',
        },
        [],
    ),
    "entrypoint keeps root": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\n"
            "COPY entrypoint.sh /entrypoint.sh\n"
            'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["uvicorn", "app:app"]\n',
            "entrypoint.sh": PLAIN,
        },
        ["Dockerfile:1:HK307"],
    ),
    "docker/Dockerfile built from the repository root, su-exec": (
        {
            "docker/Dockerfile": f"FROM python:3.13-alpine@{SHA}\nENV PYTHONFAULTHANDLER=1\n"
            "RUN apk add su-exec\nCOPY docker/start.sh /start.sh\nCOPY app /app\n"
            'CMD ["/start.sh"]\n',
            "docker/start.sh": '#!/bin/sh\nexec su-exec app:app python -m app "$@"\n',
            "app/__init__.py": "",
        },
        [],
    ),
    "script run by su USER -c": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\nCOPY init.sh /init.sh\n"
            'ENTRYPOINT ["/init.sh"]\n',
            "init.sh": '#!/bin/sh\nexec su "$APP_USER" -s /bin/sh -c "python start.py"\n',
        },
        [],
    ),
    "s6-overlay v3 services (a vendor base starting /init)": (
        {
            "Dockerfile": "FROM ghcr.io/linuxserver/baseimage-alpine:3.21\n"
            "RUN apk add python3 && pip install app\nCOPY root/ /\n",
            "root/etc/s6-overlay/s6-rc.d/init-app-config/run": "#!/bin/sh\nmkdir -p /config\n",
            "root/etc/s6-overlay/s6-rc.d/init-app-config/type": "oneshot\n",
            "root/etc/s6-overlay/s6-rc.d/svc-app/run": "#!/usr/bin/with-contenv bash\n"
            "exec s6-notifyoncheck -d -n 300 -c 'nc -z localhost 8000' \\\n"
            "    s6-setuidgid abc python3 -m app\n",
            "root/etc/s6-overlay/s6-rc.d/svc-app/type": SV_LONGRUN,
        },
        ["Dockerfile:1:HK301", "Dockerfile:1:HK304"],
    ),
    "s6-overlay services.d running Python as root": (
        {
            "Dockerfile": f"FROM python:3.12-alpine@{SHA}\nENV PYTHONFAULTHANDLER=1\n"
            'COPY rootfs /\nENTRYPOINT ["/init"]\n',
            "rootfs/etc/services.d/bridge/run": (
                "#!/command/with-contenv sh\npython /app/bridge.py\n"
            ),
        },
        ["Dockerfile:1:HK307"],
    ),
    "runit with chpst -u": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\nCOPY service /etc/service\n"
            'CMD ["runsvdir", "/etc/service"]\n',
            "service/web/run": "#!/bin/sh\nexec chpst -u app gunicorn app:app\n",
        },
        [],
    ),
    "supervisord programs with user=": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\nCOPY . /srv\n"
            "COPY deploy/supervisord.conf /etc/supervisor/supervisord.conf\n"
            'CMD ["supervisord", "-n"]\n',
            "deploy/supervisord.conf": "[supervisord]\nnodaemon=true\nuser=root\n\n"
            "[include]\nfiles = /etc/supervisor/conf.d/*.conf\n\n"
            "[program:web]\ncommand=gunicorn --bind :8000 app.wsgi\nuser=app\n\n"
            "[program:nginx]\ncommand=nginx -g 'daemon off;'\n",
        },
        [],
    ),
    "supervisord programs as root": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\nWORKDIR /app\nCOPY . .\n"
            'ENTRYPOINT ["supervisord", "-c", "supervisord.conf"]\n',
            "supervisord.conf": "[supervisord]\nnodaemon=true\n\n[program:worker]\n"
            "command=python3 run.py --worker\n\n[program:api]\ncommand=python3 run.py --api\n",
        },
        ["Dockerfile:1:HK307"],
    ),
    "uWSGI drops to its uid": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\nCOPY etc/ /etc/app/\n"
            'CMD ["uwsgi", "--ini", "/etc/app/uwsgi.ini"]\n',
            "etc/uwsgi.ini": "[uwsgi]\nhttp-socket = :8000\nmodule = app.wsgi\nuid = app\n",
        },
        [],
    ),
    "distroless nonroot, pinned": (
        {
            "Dockerfile": f"FROM {SLIM} AS build\nRUN pip install --target /deps app\n"
            f"FROM gcr.io/distroless/python3-debian12:nonroot@{SHA}\n"
            "ENV PYTHONFAULTHANDLER=1\nCOPY --from=build /deps /deps\n"
            'CMD ["-m", "app"]\n',
        },
        [],
    ),
    "distroless default user, no version tags": (
        {
            "Dockerfile": "FROM gcr.io/distroless/python3-debian12\nCOPY app.py /\n"
            'CMD ["app.py"]\n',
        },
        ["Dockerfile:1:HK301", "Dockerfile:1:HK304", "Dockerfile:1:HK307"],
    ),
    "Chainguard runtime, -dev builder": (
        {
            "Dockerfile": "FROM cgr.dev/chainguard/python:latest-dev AS build\n"
            "RUN pip install --user app\nFROM cgr.dev/chainguard/python:latest\n"
            "ENV PYTHONFAULTHANDLER=1\n"
            "COPY --from=build /home/nonroot/.local /home/nonroot/.local\n"
            'ENTRYPOINT ["python", "-m", "app"]\n',
        },
        ["Dockerfile:1:HK301", "Dockerfile:3:HK301"],
    ),
    "Jupyter stack image": (
        {
            "Dockerfile": "FROM quay.io/jupyter/scipy-notebook:2025-01-06\nUSER root\n"
            "RUN apt-get update && apt-get install -y graphviz\nUSER ${NB_UID}\n"
            "RUN pip install --no-cache-dir altair\n",
        },
        ["Dockerfile:1:HK301", "Dockerfile:1:HK304"],
    ),
    "full-size python final stage": (
        {"Dockerfile": f"FROM python:3.12-bookworm@{SHA}\nENV PYTHONFAULTHANDLER=1\nUSER 1000\n"},
        ["Dockerfile:1:HK303"],
    ),
    "alpine, ubuntu and a vendor base are not judged by HK303": (
        {
            "alpine.Dockerfile": (
                f"FROM python:3.12-alpine@{SHA}\nENV PYTHONFAULTHANDLER=1\nUSER 1000\n"
            ),
            "ubuntu.Dockerfile": f"FROM ubuntu:24.04@{SHA}\nRUN apt-get install -y python3-pip\n"
            "ENV PYTHONFAULTHANDLER=1\nUSER 1000\n",
            "vendor.Dockerfile": f"FROM acme/python-runtime:3.12@{SHA}\nRUN pip install app\n"
            "ENV PYTHONFAULTHANDLER=1\nUSER 1000\n",
        },
        [],
    ),
    "uv copied from its image, by tag": (
        {
            "Dockerfile": f"FROM {SLIM}\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n"
            "RUN uv sync --frozen\nENV PYTHONFAULTHANDLER=1\nUSER 1000\n",
        },
        ["Dockerfile:2:HK301", "Dockerfile:2:HK302"],
    ),
    "a tool mounted from an image": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\n"
            "RUN --mount=type=bind,from=ghcr.io/acme/wheels:1.2,source=/w,target=/w "
            "pip install /w/*.whl\nUSER 1000\n",
        },
        ["Dockerfile:3:HK301"],
    ),
    "scratch holding a whole Python stage": (
        {
            "Dockerfile": f"FROM {SLIM} AS base\nRUN pip install app\nFROM scratch\n"
            'COPY --from=base / /\nCMD ["/usr/local/bin/app"]\n',
        },
        ["Dockerfile:3:HK304", "Dockerfile:3:HK307"],
    ),
    "locally built bases and named build contexts": (
        {
            "Dockerfile": "FROM localhost/acme/builder:dev AS builder\nFROM app-base\n"
            "COPY --from=builder /venv /venv\nCOPY --from=plugins . /plugins\n"
            "ENV PYTHONFAULTHANDLER=1\nCMD python -m app\n",
        },
        [],
    ),
    "a stage chosen by the target platform": (
        {
            "Dockerfile": f"FROM python:3.12-slim@{SHA} AS base-amd64\nFROM {SLIM} AS base-arm64\n"
            "FROM base-${TARGETARCH}\nENV PYTHONFAULTHANDLER=1\nCMD python -m app\n",
        },
        ["Dockerfile:3:HK307"],
    ),
    "Windows image": (
        {
            "Dockerfile": f"FROM python:3.12-windowsservercore-ltsc2022@{SHA}\n"
            "RUN pip install app\nENV PYTHONFAULTHANDLER=1\nUSER ContainerUser\n",
        },
        [],
    ),
    "workers per CPU in CMD and in the entrypoint script": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\nUSER 1000\n"
            "COPY start.sh /start.sh\n"
            'CMD ["/start.sh"]\n',
            "start.sh": '#!/bin/sh\n: "${WEB_CONCURRENCY:=$(( 2 * $(nproc) + 1 ))}"\n'
            "exec gunicorn -k uvicorn.workers.UvicornWorker app:app\n",
        },
        ["Dockerfile:5:HK309"],
    ),
    "workers per CPU through gunicorn -c": (
        {
            "Dockerfile": f"FROM {SLIM}\nENV PYTHONFAULTHANDLER=1\nUSER 1000\nWORKDIR /srv\n"
            "COPY . .\n"
            'CMD ["gunicorn", "--config", "deploy/gunicorn_settings.py", "app:app"]\n',
            "deploy/gunicorn_settings.py": "import multiprocessing\n\n"
            "workers = multiprocessing.cpu_count() * 2 + 1\n",
        },
        ["Dockerfile:6:HK309"],
    ),
    "a gunicorn configuration module": (
        {
            "gunicorn.conf.py": "import os\n\nbind = '0.0.0.0:8000'\n"
            "workers = int(os.getenv('WEB_CONCURRENCY', os.cpu_count() * 2 + 1))\n",
            "deploy/gunicorn_conf.py": "import os\n\n"
            "workers = int(os.getenv('WEB_CONCURRENCY', os.cpu_count()))\n",
        },
        ["gunicorn.conf.py:4:HK309"],
    ),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind(kind: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files, expected = KINDS[kind]
    write(project, files)
    main(["check", "--no-cache", "--select", "HK3", "--output-format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == []
    found = sorted(f"{f['path']}:{f['line']}:{f['code']}" for f in report["findings"])
    assert found == sorted(expected)
