FROM mcr.microsoft.com/devcontainers/python:1-3.12-bookworm
ARG USERNAME=vscode
RUN apt-get update && export DEBIAN_FRONTEND=noninteractive \
    && apt-get -y install --no-install-recommends postgresql-client redis-tools \
    && apt-get clean -y && rm -rf /var/lib/apt/lists/*
COPY requirements-dev.txt /tmp/pip-tmp/
RUN pip3 --disable-pip-version-check --no-cache-dir install -r /tmp/pip-tmp/requirements-dev.txt \
    && rm -rf /tmp/pip-tmp
USER ${USERNAME}
