from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.docker.bases import smaller_variant
from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar


class BaseImageNotSlim(Rule[DockerfileSource]):
    code = "HK303"
    name = "base-image-not-slim"
    summary = "The final image of a Python service is a full-size base that has a slim variant"
    kind = FileKind.DOCKERFILE
    doc = RuleDoc(
        what_it_does=(
            "Looks at the image the final stage of a Python Dockerfile descends from "
            "(through any stages it builds on) and reports it when it is a known "
            "full-size base that has a smaller variant: the official `python` (or `pypy`) "
            "image — pulled directly or through a mirror such as "
            "`public.ecr.aws/docker/library/python` — whose tag has neither `slim` nor "
            "`alpine` as a word (`3.13`, `3.13-bookworm`, `3`, none); `debian` without "
            "`slim`; `buildpack-deps`; uv's Debian images (`ghcr.io/astral-sh/uv:"
            "python3.13-bookworm`); and the uvicorn/gunicorn server images built on "
            "`python` that publish `-slim` tags (`tiangolo/uvicorn-gunicorn-fastapi`, …). "
            "The message names the smaller variant. Build stages may use any image: only "
            "what ships is judged. The finding points at the final stage's `FROM` line.\n\n"
            "Minimal bases pass (`-slim` tags, Alpine, distroless, Chainguard and Wolfi, "
            "`scratch`, `ubi-minimal`), and so does every image hardkit cannot know a "
            "smaller variant of: `ubuntu`, the Jupyter images, a vendor's or the team's own "
            "base, Windows images (`windowsservercore`, `nanoserver`).\n\n"
            "The final stage is the last `FROM`, or the stage `dockerfile-target` names. It "
            "is a Python stage when its image name contains `python`, or an instruction of "
            "it or of a stage it builds on mentions `python`, `pip`, `uv`, `gunicorn`, "
            "`uvicorn` or a `.py` file, or it copies the whole filesystem of a Python stage "
            "(`COPY --from=build / /`); other final stages (an `nginx` front end) are left "
            "alone. An image that cannot be resolved is judged by HK301 alone."
        ),
        why_is_this_bad=(
            "A full `python:3.13` image carries compilers, headers, a package manager and "
            "hundreds of packages the service never uses: each is attack surface, a source "
            "of CVE reports to triage, and hundreds of megabytes to pull on every deploy. "
            "Build in a full image if you must, and ship the result on a slim or distroless "
            "one."
        ),
        example='```dockerfile\nFROM python:3.13\nCOPY . /app\nCMD ["python", "-m", "app"]\n```',
        use_instead=(
            "```dockerfile\nFROM python:3.13 AS build\nRUN pip wheel --wheel-dir /wheels .\n\n"
            "FROM python:3.13-slim\nCOPY --from=build /wheels /wheels\n"
            "RUN pip install --no-cache-dir /wheels/*.whl\n```"
        ),
        options=(
            "`allowed-base-images` (globs; `*` also spans `/`) lists images that may ship "
            "anyway, matched against the image with its tag and against its name alone, e.g. "
            '`allowed-base-images = ["python:3.13-bookworm", "buildpack-deps:*"]`. '
            "`dockerfile-target` names the stage that ships, like `docker build --target`."
        ),
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): a distroless or slim base image\n"
            "- [GoogleContainerTools/distroless](https://github.com/GoogleContainerTools/distroless)\n"
            "- Docker docs, [Choose the right base image]"
            "(https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid('FROM python:3.13-slim\nCMD ["python", "-m", "app"]\n'),
        valid("FROM python:slim-bookworm\n"),
        valid("FROM python:3.13-alpine\nRUN pip install app\n"),
        valid("FROM python:3-alpine3.21\nRUN pip install app\n"),
        valid("FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY app.py /app/\n"),
        valid("FROM cgr.dev/chainguard/python:latest\n"),
        valid("FROM python:3.13 AS build\nRUN pip wheel .\nFROM python:3.13-slim\n"),
        valid(
            "FROM python:3.13 AS build\nRUN pip wheel .\n"
            "FROM nginx:1.27\nCOPY --from=build /site /srv\n"
        ),
        valid("FROM scratch\nCOPY app.py /\n"),
        valid("ARG BASE\nFROM ${BASE}\nCMD python app.py\n"),
        valid("FROM ubuntu:24.04\nRUN apt-get install -y python3\n"),
        valid("FROM quay.io/jupyter/scipy-notebook:2025-01-06\nRUN pip install app\n"),
        valid("FROM ghcr.io/linuxserver/baseimage-alpine:3.21\nRUN pip install app\n"),
        valid("FROM python:3.12-windowsservercore-ltsc2022\nRUN pip install app\n"),
        valid("FROM ghcr.io/astral-sh/uv:python3.13-bookworm-slim\nRUN uv sync\n"),
        valid("FROM debian:bookworm-slim\nRUN apt-get install -y python3\n"),
        valid("FROM python:3.13\n", config={"allowed-base-images": ["python:3.13"]}),
        valid(
            "FROM python:3.13 AS test\nRUN pytest\n"
            "FROM python:3.13-slim AS runtime\nFROM test AS lint\n",
            config={"dockerfile-target": "runtime"},
        ),
        invalid("FROM python:3.13\n", line=1, column=1),
        invalid("FROM python\n", line=1, column=1),
        invalid("FROM python:3.12-bookworm\n", line=1, column=1),
        invalid("FROM public.ecr.aws/docker/library/python:3.13.2\n", line=1, column=1),
        invalid("FROM debian:bookworm\nRUN apt-get install -y python3\n", line=1, column=1),
        invalid("FROM buildpack-deps:bookworm\nRUN pip install app\n", line=1, column=1),
        invalid(
            "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\nCOPY app /app\n", line=1, column=1
        ),
        invalid("FROM ghcr.io/astral-sh/uv:python3.13-bookworm\nRUN uv sync\n", line=1, column=1),
        invalid(
            "FROM python:3.13 AS base\nRUN pip install .\n\nFROM base AS runtime\n",
            line=4,
            column=1,
        ),
        invalid(
            "FROM python:3.13-slim AS runtime\nFROM python:3.13 AS test\nRUN pytest\n",
            line=2,
            column=1,
        ),
        invalid(
            "FROM python:3.13-slim AS runtime\nFROM python:3.13 AS dev\n",
            config={"dockerfile-target": "dev"},
            line=2,
            column=1,
        ),
    )

    def check(self, file: DockerfileSource) -> Iterator[Finding]:
        if not file.python_final:
            return
        origin = file.model.origin(file.final)
        ref = origin.ref
        if ref is None or ref.matches_any(file.config.allowed_base_images):
            return
        smaller = smaller_variant(ref)
        if smaller is None:
            return
        via = ""
        if origin is not file.final:
            via = f" (through stage `{origin.name}`, line {origin.from_instruction.line})"
        message = (
            f"the final image `{ref.without_digest}`{via} is a full-size base: ship on "
            f"`{smaller}` (or a distroless image), or list it in `allowed-base-images`"
        )
        yield file.finding(self.code, file.final.from_instruction, message)
