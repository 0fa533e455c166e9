from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

    from hardkit.domain.docker.stages import ExternalImage

_SHA = "sha256:" + "9c5d8a6b" * 8
_SLIM = f"python:3.13-slim@{_SHA}"


class BaseImageNotDigestPinned(Rule[DockerfileSource]):
    code = "HK301"
    name = "base-image-not-digest-pinned"
    summary = "A base image is named by tag, not pinned by its sha256 digest"
    kind = FileKind.DOCKERFILE
    doc = RuleDoc(
        what_it_does=(
            "Reports every image the build pulls without an `@sha256:<64 hex digits>` "
            "digest: the `FROM` of every stage, and the images a `COPY --from=IMAGE` or a "
            "`RUN --mount=...,from=IMAGE` reads (`COPY --from=ghcr.io/astral-sh/uv:latest "
            "/uv /bin/`, the line uv's own docs teach, pulls an image too). A `FROM` or "
            "`--from` naming an earlier stage is not an image and `scratch` is no image at "
            "all; images built locally are not pulled — a `localhost` registry, or a bare "
            "name that is no official image (`FROM runtime-image`, a named build context). "
            "`ARG`s declared before the first `FROM` are expanded with their defaults, so "
            "`FROM python:${PYTHON_VERSION}` is judged as the image it names; a variable "
            "with no default (`ARG BASE` … `FROM ${BASE}`) cannot be read before the build "
            "and is reported as unresolvable."
        ),
        why_is_this_bad=(
            "A tag is a pointer that moves: `python:3.13-slim` is rebuilt every few days, "
            "and a registry (or anyone who can push to it) can point it at different "
            "content at any time. The same Dockerfile then builds a different image "
            "tomorrow, a rollback no longer restores what ran yesterday, and a compromised "
            "tag reaches production silently. A digest names the content itself: the build "
            "gets exactly those bytes or fails. A binary copied out of an image (`uv`, "
            "`bun`, `gosu`) ships in yours just the same.\n\n"
            "hardkit makes no network call; the message shows how to look the digest up."
        ),
        example=(
            "```dockerfile\nFROM python:3.13-slim\n"
            "COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /bin/\n```"
        ),
        use_instead=(
            "```dockerfile\n# docker buildx imagetools inspect python:3.13-slim\n"
            "# (or: crane digest python:3.13-slim)\n"
            f"FROM {_SLIM}\n"
            f"COPY --from=ghcr.io/astral-sh/uv:0.8@{_SHA} /uv /bin/\n```\n\n"
            "Keep the tag beside the digest: it tells readers (and Renovate or Dependabot, "
            "which update both together) which version the digest is."
        ),
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): a distroless or slim base image, pinned by digest\n"
            "- Docker docs, [Pin base image versions]"
            "(https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)\n"
            "- uv docs, [Using uv in Docker](https://docs.astral.sh/uv/guides/integration/docker/)"
            " (pins `COPY --from` by digest too)\n"
            "- hadolint has no such check: "
            "[hadolint#773](https://github.com/hadolint/hadolint/issues/773)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid(f"FROM {_SLIM}\nUSER app\n"),
        valid(f"FROM {_SLIM} AS build\nRUN pip wheel .\nFROM build\n"),
        valid("FROM scratch\nCOPY app /app\n"),
        valid(f"ARG BASE={_SLIM}\nFROM ${{BASE}}\n"),
        valid(f"FROM --platform=$BUILDPLATFORM {_SLIM} AS build\n"),
        valid("# hardkit ignore=HK301\nFROM python:3.13-slim\n"),
        valid("# hardkit ignore=HK301,HK304\nFROM \\\n    python:3.13-slim\n"),
        valid(f"FROM {_SLIM}\nCOPY --from=ghcr.io/astral-sh/uv:0.8@{_SHA} /uv /bin/\n"),
        valid(f"FROM {_SLIM} AS build\nFROM {_SLIM}\nCOPY --from=build /app /app\n"),
        valid(f"FROM {_SLIM} AS build\nFROM {_SLIM}\nCOPY --from=0 /app /app\n"),
        valid(f"FROM {_SLIM} AS Build\nFROM {_SLIM}\nRUN --mount=from=build,src=/w,target=/w x\n"),
        valid("FROM localhost:5000/orders/base:2.1\n"),
        valid("FROM localhost/searxng/searxng:builder\n"),
        valid(f"FROM runtime-image\nCOPY --from=plugin-src . /src\nFROM {_SLIM}\n"),
        invalid("FROM python:3.13-slim\n", line=1, column=6),
        invalid(
            f"FROM {_SLIM} AS build\nFROM nginx:1.27-alpine\n"
            "COPY --from=build /site /usr/share/nginx/html\n",
            line=2,
            column=6,
        ),
        invalid("ARG PY=3.13\nFROM python:${PY}-slim AS base\n", line=2, column=6),
        invalid("ARG BASE\nFROM ${BASE}\n", line=2, column=6),
        invalid("FROM --platform=linux/amd64 python:3.13-slim@sha256:9c5d\n", line=1, column=29),
        invalid("from \\\n    python:3.13-slim \\\n    AS build\n", line=2, column=5),
        invalid(
            "# hardkit ignore=HK304\nFROM python:3.13-slim\n",
            line=2,
            column=6,
        ),
        invalid(
            f"FROM {_SLIM}\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n",
            line=2,
            column=13,
        ),
        invalid(
            f"FROM {_SLIM}\nCOPY --chown=app --from=gcr.io/x/gosu:1.17 /gosu /usr/local/bin/\n",
            line=2,
            column=25,
        ),
        invalid(
            f"FROM {_SLIM}\nRUN --mount=type=bind,from=node:22,source=/usr/local/bin/node,"
            "target=/node ls\n",
            line=2,
            column=28,
        ),
        invalid(
            f"ARG UV=0.8\nFROM {_SLIM}\nCOPY --from=ghcr.io/astral-sh/uv:$UV /uv /bin/\n",
            line=3,
            column=13,
        ),
        invalid("FROM docker.io/library/python:3.13-slim\n", line=1, column=6),
    )

    def check(self, file: DockerfileSource) -> Iterator[Finding]:
        for image in file.model.external_images():
            message = _problem(image)
            if message is not None:
                yield file.finding(
                    self.code, image.instruction, message, span=file.image_span(image)
                )


def _problem(image: ExternalImage) -> str | None:
    written = image.written
    what = "base image" if image.via == "FROM" else f"image (`{image.via}`)"
    if not image.image.known:
        names = ", ".join(f"`{n}`" for n in sorted(image.image.unknown))
        return (
            f"{what} `{written}` cannot be resolved: {names} has no default, so the "
            "image is whatever the build is given; give the ARG a digest-pinned default "
            f"(`ARG {sorted(image.image.unknown)[0]}=image:tag@sha256:<digest>`)"
        )
    ref = image.ref
    if ref is None or ref.pinned:
        return None
    shown = f"`{written}` (`{ref.text}`)" if written != ref.text else f"`{written}`"
    if ref.digest is not None:
        return f"{what} {shown} has a digest that is not a full sha256 (64 hex digits)"
    pulled = ref.without_digest
    return (
        f"{what} {shown} is not pinned by digest; look it up with "
        f"`docker buildx imagetools inspect {pulled}` or `crane digest {pulled}` and write "
        f"`{pulled}@sha256:<digest>`"
    )
