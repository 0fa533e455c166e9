"""What a stage copies into its image (``COPY``/``ADD``), and the images it takes files
from (``COPY --from=IMAGE``, ``RUN --mount=...,from=IMAGE``).

Paths are read as BuildKit reads them: variables expanded from the ``ARG``s and ``ENV``s
in scope, a relative destination taken from the ``WORKDIR``. A ``--from`` that names an
earlier stage (or its position) is that stage; anything else is an image reference.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from hardkit.domain.docker.instructions import Instruction
from hardkit.domain.docker.words import Word, WordError, expand
from hardkit.domain.values import NamedTuple

_URL_PREFIXES = ("http://", "https://", "git@", "git://", "ssh://")


class Copy(NamedTuple):
    """One ``COPY``/``ADD``: its local sources, or the stage it copies from."""

    instruction: Instruction
    sources: tuple[str, ...]  # as the context (or the stage) names them; heredocs: "<<NAME"
    dest: str  # an absolute path in the image, normalised
    into_dir: bool  # the destination is a directory (a trailing "/", or several sources)
    from_stage: int | None = None  # --from an earlier stage: its position
    from_image: bool = False  # --from an image: nothing of the build context
    heredocs: tuple[str, ...] = ()  # COPY <<EOF bodies, in order

    @property
    def local(self) -> bool:
        """Its sources are files of the build context."""
        return self.from_stage is None and not self.from_image


class ImageUse(NamedTuple):
    """An image a ``COPY --from`` or ``RUN --mount=from=`` reads, as written and read."""

    instruction: Instruction
    flag: str  # the whole flag as written: --from=ghcr.io/astral-sh/uv:latest
    written: str  # the image as written
    image: Word  # the image as BuildKit reads it


def resolve(path: str, workdir: str) -> str:
    """An image path: absolute as written, or under the ``WORKDIR``."""
    joined = path if path.startswith("/") else posixpath.join(workdir or "/", path)
    return posixpath.normpath(joined).replace("//", "/")


def read_word(word: str, scope: Mapping[str, str], escape: str) -> Word:
    try:
        return expand(word, scope, escape)
    except WordError:
        return Word(word)


def copy_of(
    instruction: Instruction,
    scope: Mapping[str, str],
    escape: str,
    workdir: str,
    stage_names: Mapping[str, int],
) -> tuple[Copy | None, ImageUse | None]:
    """The ``Copy`` an instruction makes, and the image it reads from, if any."""
    words = [read_word(w, scope, escape).text for w in instruction.args]
    if len(words) < 2:
        return None, None
    *sources, dest = words
    if instruction.command == "ADD":
        sources = [s for s in sources if not s.startswith(_URL_PREFIXES)]
    into_dir = dest.endswith("/") or len(instruction.args) > 2
    stage, use = None, None
    written = instruction.flag("from")
    if written is not None:
        stage, use = _from(instruction, f"--from={written}", written, scope, escape, stage_names)
    copy = Copy(
        instruction,
        tuple(sources),
        resolve(dest, workdir),
        into_dir,
        from_stage=stage,
        from_image=use is not None or (written is not None and stage is None),
        heredocs=instruction.heredocs if instruction.command == "COPY" else (),
    )
    return copy, use


def mount_images(
    instruction: Instruction,
    scope: Mapping[str, str],
    escape: str,
    stage_names: Mapping[str, int],
) -> list[ImageUse]:
    """The images a ``RUN --mount=...,from=IMAGE`` reads."""
    uses: list[ImageUse] = []
    for flag in instruction.flags:
        if not flag.startswith("--mount="):
            continue
        for field in flag[len("--mount=") :].split(","):
            key, eq, value = field.partition("=")
            if eq and key.strip().lower() == "from" and value:
                _, use = _from(instruction, flag, value.strip("'\""), scope, escape, stage_names)
                if use is not None:
                    uses.append(use)
    return uses


def _from(
    instruction: Instruction,
    flag: str,
    written: str,
    scope: Mapping[str, str],
    escape: str,
    stage_names: Mapping[str, int],
) -> tuple[int | None, ImageUse | None]:
    """The stage a ``--from``/``from=`` names, or the image use it is."""
    word = read_word(written, scope, escape)
    if word.known:
        text = word.text.lower()
        if text in stage_names:
            return stage_names[text], None
        if text.isdigit():
            return int(text), None
    return None, ImageUse(instruction, flag, written, word)
