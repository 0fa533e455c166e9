"""What hardkit knows about base images: the full-size ones that have a smaller variant
(HK303) and the ones that already run as a non-root user (HK307).

Only images whose variants are well known are judged: the official ``python``, ``pypy``
and ``debian`` images, ``buildpack-deps``, uv's Debian images and the uvicorn/gunicorn
server images built on ``python`` that publish ``-slim`` tags. Alpine, Ubuntu, Jupyter,
a vendor's or the team's own base, and Windows images are not judged: either there is
no smaller variant or hardkit cannot know it.
"""

from __future__ import annotations

import re

from hardkit.domain.docker.images import ImageRef

_VERSION_HEAD = re.compile(r"(?:python)?[0-9][0-9.]*(?:rc[0-9]*|[ab][0-9]+)?\Z|rc\Z")
_DEBIAN_RELEASES = ("bookworm", "trixie", "bullseye", "buster", "stretch", "forky", "sid")
_WINDOWS = ("windowsservercore", "nanoserver", "ltsc", "servercore")
_SERVER_IMAGES = frozenset(
    {
        "tiangolo/uvicorn-gunicorn",
        "tiangolo/uvicorn-gunicorn-fastapi",
        "tiangolo/uvicorn-gunicorn-starlette",
        "tiangolo/meinheld-gunicorn",
        "tiangolo/meinheld-gunicorn-flask",
    }
)


def smaller_variant(ref: ImageRef) -> str | None:
    """The smaller variant of a known full-size base (``python:3.13`` ->
    ``python:3.13-slim``), or None when the image is minimal or not known."""
    if ref.tag_has(*_WINDOWS) or ref.tag_has("slim", "alpine"):
        return None
    tag = ref.tag or ""
    if ref.is_official("python", "pypy"):
        return f"{ref.name}:{_python_slim(tag)}"
    if ref.is_official("debian"):
        return f"{ref.name}:{'stable' if tag in ('', 'latest') else tag}-slim"
    if ref.is_official("buildpack-deps"):
        release = next((w for w in ref.tag_words if w in _DEBIAN_RELEASES), "bookworm")
        return f"debian:{release}-slim"
    if ref.path.lower() in _SERVER_IMAGES and tag.startswith("python"):
        return f"{ref.name}:{tag}-slim"
    if ref.name.lower() == "ghcr.io/astral-sh/uv" and ref.tag_has(*_DEBIAN_RELEASES, "debian"):
        return f"{ref.name}:{tag}-slim"
    return None


def _python_slim(tag: str) -> str:
    """``3.13`` -> ``3.13-slim``, ``3.13-bookworm`` -> ``3.13-slim-bookworm``,
    ``bookworm`` -> ``slim-bookworm``, none or ``latest`` -> ``slim``."""
    if tag in ("", "latest"):
        return "slim"
    parts = tag.split("-")
    version = 0
    while version < len(parts) and _VERSION_HEAD.match(parts[version]):
        version += 1
    if not version:
        return f"slim-{tag}"
    return "-".join([*parts[:version], "slim", *parts[version:]])


def runs_as_non_root(ref: ImageRef) -> bool:
    """Images whose default user is not root: distroless ``:nonroot`` tags, Chainguard's
    images (not their ``-dev`` tags), the Jupyter docker-stacks images (``jovyan``)."""
    name = ref.name.lower()
    if ref.is_distroless and "nonroot" in ref.tag_words:
        return True
    if name.startswith("cgr.dev/chainguard/"):
        return "dev" not in ref.tag_words
    path = ref.path.lower()
    jupyter = path.startswith("jupyter/") or name.startswith("quay.io/jupyter/")
    return jupyter and path.endswith(("-notebook", "docker-stacks-foundation"))
