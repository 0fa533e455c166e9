from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar


class BaseImageNotSlim(Rule[DockerfileSource]):
    code = "HK303"
    name = "base-image-not-slim"
    summary = "The final image of a Python service is neither slim nor distroless"
    kind = FileKind.DOCKERFILE
    doc = RuleDoc(
        what_it_does=(
            "Looks at the image the final stage of a Python Dockerfile descends from "
            "(through any stages it builds on) and reports it unless it is distroless "
            "(`distroless` in the image path, or `cgr.dev/chainguard/…`), slim (`slim` as a "
            "word of the tag: `3.13-slim`, `slim-bookworm`) or `scratch`. Build stages may "
            "use any image: only what ships is judged. The finding points at the final "
            "stage's `FROM` line.\n\n"
            "The final stage is the last `FROM`, or the stage `dockerfile-target` names. It "
            "is a Python stage when its image name contains `python`, or an instruction of "
            "it or of a stage it builds on mentions `python`, `pip`, `uv`, `gunicorn`, "
            "`uvicorn` or a `.py` file; other final stages (an `nginx` front end) are left "
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
            "`allowed-base-images` (globs; `*` also spans `/`) lists further images that "
            "count as minimal, matched against the image with its tag and against its name "
            'alone, e.g. `allowed-base-images = ["python:*-alpine*", "registry.acme.io/base/*"]`. '
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
        valid("FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY app.py /app/\n"),
        valid("FROM cgr.dev/chainguard/python:latest\n"),
        valid("FROM python:3.13 AS build\nRUN pip wheel .\nFROM python:3.13-slim\n"),
        valid(
            "FROM python:3.13 AS build\nRUN pip wheel .\n"
            "FROM nginx:1.27\nCOPY --from=build /site /srv\n"
        ),
        valid("FROM scratch\nCOPY app.py /\n"),
        valid("ARG BASE\nFROM ${BASE}\nCMD python app.py\n"),
        valid("FROM python:3.13-alpine\n", config={"allowed-base-images": ["python:*-alpine"]}),
        valid(
            "FROM python:3.13 AS test\nRUN pytest\n"
            "FROM python:3.13-slim AS runtime\nFROM test AS lint\n",
            config={"dockerfile-target": "runtime"},
        ),
        invalid("FROM python:3.13\n", line=1, column=1),
        invalid("FROM python:3.13-alpine\n", line=1, column=1),
        invalid("FROM debian:bookworm\nRUN apt-get install -y python3\n", line=1, column=1),
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
        if ref is None or ref.is_scratch or ref.is_distroless or ref.is_slim:
            return
        if ref.matches_any(file.config.allowed_base_images):
            return
        via = ""
        if origin is not file.final:
            via = f" (through stage `{origin.name}`, line {origin.from_instruction.line})"
        message = (
            f"the final image `{ref.without_digest}`{via} is neither slim nor distroless: "
            "ship on a `-slim` tag or a distroless image, or list it in `allowed-base-images`"
        )
        yield file.finding(self.code, file.final.from_instruction, message)
