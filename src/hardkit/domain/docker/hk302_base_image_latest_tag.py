from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_SHA = "sha256:" + "9c5d8a6b" * 8


class BaseImageLatestTag(Rule[DockerfileSource]):
    code = "HK302"
    name = "base-image-latest-tag"
    summary = "An image the build pulls has no tag or the tag `latest`"
    kind = FileKind.DOCKERFILE
    doc = RuleDoc(
        what_it_does=(
            "Reports an image the build pulls — the `FROM` of any stage, a `COPY "
            "--from=IMAGE`, a `RUN --mount=...,from=IMAGE` — with no tag (which means "
            "`latest`) or with the tag `latest`, with or without a digest. Stage "
            "references, `scratch` and locally built images are left alone (what counts "
            "as an image the build pulls: see HK301); `ARG`s before the first `FROM` are "
            "expanded with their defaults, and an image that cannot be resolved is left to "
            "HK301. Images whose registry publishes no version tags at all — distroless "
            "(`gcr.io/distroless/…`) and Chainguard's free images (`cgr.dev/chainguard/…`) — "
            "are left to HK301 too: a digest is the only way to pin them."
        ),
        why_is_this_bad=(
            "`latest` is not a version: it is whatever was pushed last, so the Python "
            "version, the OS release and every library in the image change without a "
            "line of the Dockerfile changing. With a digest the build is reproducible, but "
            "`python@sha256:…` still hides which version it is: nobody reviewing the file "
            "can tell, and update bots cannot propose the next patch release."
        ),
        example=f"```dockerfile\nFROM python\nFROM python:latest@{_SHA[:15]}…\n```",
        use_instead=f"```dockerfile\nFROM python:3.13-slim@{_SHA[:15]}…\n```",
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): base images pinned by digest, not by tag\n"
            "- hadolint [DL3006](https://github.com/hadolint/hadolint/wiki/DL3006) and "
            "[DL3007](https://github.com/hadolint/hadolint/wiki/DL3007); hardkit also "
            "reads `ARG` defaults, registry ports and digests"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("FROM python:3.13-slim\n"),
        valid(f"FROM python:3.13-slim@{_SHA}\n"),
        valid("FROM localhost:5000/orders/base:2.1\n"),
        valid("FROM localhost:5000/orders/base\n"),
        valid("FROM gcr.io/distroless/python3-debian12\n"),
        valid("FROM cgr.dev/chainguard/python:latest\n"),
        valid("FROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.8.17 /uv /bin/\n"),
        valid("FROM scratch\n"),
        valid("FROM python:3.13-slim AS Build\nFROM build\n"),
        valid("ARG BASE\nFROM ${BASE}\n"),
        invalid("FROM python\n", line=1, column=6),
        invalid("FROM python:latest\n", line=1, column=6),
        invalid(f"FROM python@{_SHA}\n", line=1, column=6),
        invalid(f"FROM python:latest@{_SHA}\n", line=1, column=6),
        invalid("FROM quay.io/orders/base\n", line=1, column=6),
        invalid(
            "FROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n",
            line=2,
            column=13,
        ),
        invalid(
            "FROM python:3.13-slim\nCOPY --from=oven/bun /usr/local/bin/bun /bin/\n",
            line=2,
            column=13,
        ),
        invalid("ARG TAG=latest\nFROM python:${TAG}\n", line=2, column=6),
        invalid("FROM python:3.13 AS build\nFROM nginx\n", line=2, column=6),
    )

    def check(self, file: DockerfileSource) -> Iterator[Finding]:
        for image in file.model.external_images():
            ref = image.ref
            if ref is None or not ref.untagged_or_latest or ref.publishes_no_version_tags:
                continue
            if ref.tag is None:
                how = f"has no tag, so it is `{ref.name}:latest`"
                if ref.digest is not None:
                    how = "has no tag: the digest pins it, but nobody can tell which version it is"
            else:
                how = "uses the `latest` tag: whatever was pushed last"
            what = "base image" if image.via == "FROM" else f"image (`{image.via}`)"
            message = (
                f"{what} `{ref.text}` {how}; name the version, "
                f"e.g. `{ref.name}:<version>@sha256:<digest>`"
            )
            span = file.image_span(image)
            yield file.finding(self.code, image.instruction, message, span=span)
