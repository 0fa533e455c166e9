"""Image references (``[registry[:port]/]path[:tag][@sha256:digest]``) and what they say
about the image: pinned, tagged, slim, distroless, nonroot."""

from __future__ import annotations

import fnmatch
import re

from hardkit.domain.values import NamedTuple

_DIGEST = re.compile(r"sha256:[0-9a-f]{64}\Z")
_TAG_WORD = re.compile(r"[-._]")


class ImageRef(NamedTuple):
    """A resolved image reference, split into its parts (``tag``/``digest`` None if absent)."""

    text: str
    name: str
    tag: str | None
    digest: str | None

    @property
    def is_scratch(self) -> bool:
        return self.name.lower() == "scratch" and self.tag is None and self.digest is None

    @property
    def pinned(self) -> bool:
        """Pinned by a full sha256 content digest."""
        return self.digest is not None and _DIGEST.match(self.digest) is not None

    @property
    def untagged_or_latest(self) -> bool:
        return self.tag is None or self.tag == "latest"

    @property
    def tag_words(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in _TAG_WORD.split(self.tag)) if self.tag else ()

    @property
    def is_distroless(self) -> bool:
        name = self.name.lower()
        return "distroless" in name or name.startswith("cgr.dev/chainguard/")

    @property
    def is_slim(self) -> bool:
        return "slim" in self.tag_words

    @property
    def runs_as_nonroot(self) -> bool:
        """A distroless image whose tag says its default user is ``nonroot``."""
        return self.is_distroless and "nonroot" in self.tag_words

    @property
    def without_digest(self) -> str:
        return f"{self.name}:{self.tag}" if self.tag is not None else self.name

    def matches_any(self, patterns: tuple[str, ...]) -> bool:
        """Whether a glob (``*`` spans ``/`` too) matches the reference without its digest,
        or the image name alone."""
        candidates = (self.without_digest, self.name)
        return any(fnmatch.fnmatchcase(c, p) for p in patterns for c in candidates)


def parse_image(text: str) -> ImageRef:
    name, at, digest = text.partition("@")
    tag: str | None = None
    colon = name.rfind(":")
    if colon > name.rfind("/"):
        name, tag = name[:colon], name[colon + 1 :]
    return ImageRef(text=text, name=name, tag=tag, digest=digest if at else None)
