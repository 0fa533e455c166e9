"""The stages of a Dockerfile as BuildKit builds them.

``ARG``s before the first ``FROM`` are expanded with their defaults and are what a
``FROM`` line sees. A ``FROM`` naming an earlier stage (case-insensitively, after
expansion) builds on that stage and inherits its environment, ``USER``, ``ENTRYPOINT``
and ``CMD``; ``ARG``s end with their stage. The final stage is the last one, or the one a
configured target names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from hardkit.domain.docker.commands import PythonRun, command_words, python_runs
from hardkit.domain.docker.copies import Copy, ImageUse, copy_of, mount_images, resolve
from hardkit.domain.docker.images import ImageRef, parse_image
from hardkit.domain.docker.instructions import Instruction
from hardkit.domain.docker.words import Word, WordError, expand
from hardkit.domain.sources import ParseFailure
from hardkit.domain.values import NamedTuple

_PYTHON_MENTION = re.compile(r"python|gunicorn|uvicorn|\bpip[0-9.]*\b|\buvx?\b|\.py\b", re.I)
_PYTHON_HINTS = ("python", "gunicorn", "uvicorn", "pip", "uv", ".py")


def _mentions_python(text: str) -> bool:
    """``_PYTHON_MENTION`` in ``text``; the search runs only where a hint occurs."""
    lower = text.lower()
    return any(hint in lower for hint in _PYTHON_HINTS) and bool(_PYTHON_MENTION.search(text))


# BuildKit's automatic platform ARGs, defined before the first FROM without a declaration.
# Their value depends on the build, so an image naming them stays unresolved; a FROM that
# picks a stage by them (``FROM base-${TARGETARCH}``) is read as a build for linux/amd64.
PLATFORM_ARGS = (
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
)


_PLATFORM = dict(PLATFORM_ARGS)
_PLATFORM_NAMES = frozenset(_PLATFORM)


class Setting(NamedTuple):
    """A value an ``ENV`` (or an ``ARG`` default) gave a variable, read as BuildKit reads
    it (``known`` is False when it uses a variable without a value), and where."""

    name: str
    value: str
    known: bool
    instruction: Instruction


_NO_ENV: Mapping[str, Setting] = MappingProxyType({})


class UserSetting(NamedTuple):
    value: str
    known: bool
    instruction: Instruction

    @property
    def is_root(self) -> bool:
        user = self.value.split(":", 1)[0]
        return self.known and user in ("root", "0")


class Stage(NamedTuple):
    position: int  # 0 for the first FROM
    name: str | None  # lower-case, as BuildKit compares stage names
    from_instruction: Instruction
    image: Word  # the FROM argument, expanded from the ARGs before the first FROM
    base: int | None  # the earlier stage it builds on; None for an external image
    instructions: tuple[Instruction, ...]  # its own, after the FROM
    env: Mapping[str, Setting] = _NO_ENV
    settings: tuple[Setting, ...] = ()  # its own ENV values and ARG defaults, in order
    user: UserSetting | None = None
    entrypoint: Instruction | None = None
    cmd: Instruction | None = None
    workdir: str = "/"  # the last WORKDIR (inherited from the stage it builds on)
    copies: tuple[Copy, ...] = ()  # its own COPY/ADD instructions, in order
    image_uses: tuple[ImageUse, ...] = ()  # images its COPY --from / RUN --mount read

    @property
    def image_text(self) -> str:
        """The image as written in the ``FROM`` line."""
        return self.from_instruction.args[0]

    @property
    def runtime_words(self) -> tuple[str, ...]:
        """The words the container runs: its ``ENTRYPOINT``, then its ``CMD``."""
        run = (i for i in (self.entrypoint, self.cmd) if i is not None)
        return tuple(word for instruction in run for word in command_words(instruction))

    @property
    def python_runs(self) -> tuple[PythonRun, ...]:
        """Every ``python`` its ``ENTRYPOINT``/``CMD`` starts, with its options."""
        return python_runs(self.runtime_words)

    def runtime_instruction_with(self, word: str) -> Instruction | None:
        """The ``CMD`` or ``ENTRYPOINT`` (in that order) whose words include ``word``."""
        candidates = (i for i in (self.cmd, self.entrypoint) if i is not None)
        return next((i for i in candidates if word in command_words(i)), None)

    @property
    def ref(self) -> ImageRef | None:
        """The external image, when this stage names one that can be resolved."""
        if self.base is not None or not self.image.known:
            return None
        return parse_image(self.image.text)


class ExternalImage(NamedTuple):
    """An image the build pulls: a ``FROM`` that names no stage, a ``COPY --from`` or a
    ``RUN --mount=...,from=`` that names no stage. ``ref`` is None when a variable without
    a value leaves it unknown."""

    instruction: Instruction
    written: str  # as written
    image: Word  # as BuildKit reads it
    via: str  # "FROM", "COPY --from" or "RUN --mount from"
    flag: str | None = None  # the flag it is written in

    @property
    def ref(self) -> ImageRef | None:
        return parse_image(self.image.text) if self.image.known else None


class StageModel(NamedTuple):
    escape: str
    global_settings: tuple[Setting, ...]  # the ARG defaults before the first FROM
    stages: tuple[Stage, ...]
    final: Stage

    def all_settings(self) -> tuple[Setting, ...]:
        return self.global_settings + tuple(s for stage in self.stages for s in stage.settings)

    def chain(self, stage: Stage) -> tuple[Stage, ...]:
        """``stage`` and the stages it builds on, nearest first."""
        out = [stage]
        while out[-1].base is not None:
            out.append(self.stages[out[-1].base])
        return tuple(out)

    def origin(self, stage: Stage) -> Stage:
        """The stage of the chain that names the external image."""
        return self.chain(stage)[-1]

    def is_python(self, stage: Stage, seen: frozenset[int] = frozenset()) -> bool:
        """Its image name contains ``python``, or an instruction of it or of a stage it
        builds on mentions python, pip, uv, gunicorn, uvicorn or a ``.py`` file, or it
        copies the whole filesystem of a Python stage (``COPY --from=build / /``)."""
        origin = self.origin(stage)
        if origin.image.known and "python" in origin.image.text.lower():
            return True
        chain = self.chain(stage)
        if any(
            _mentions_python(instruction.original)
            for member in chain
            for instruction in (member.from_instruction, *member.instructions)
        ):
            return True
        whole = {
            copy.from_stage
            for member in chain
            for copy in member.copies
            if copy.from_stage is not None and copy.dest == "/" and "/" in copy.sources
        }
        seen = seen | {stage.position}
        return any(
            self.is_python(self.stages[i], seen)
            for i in whole
            if i not in seen and 0 <= i < len(self.stages)
        )

    def external_images(self) -> tuple[ExternalImage, ...]:
        """Every image the build pulls, in file order; images built locally (a
        ``localhost`` registry, a bare name that is no official image) are left out."""
        found: list[ExternalImage] = []
        for stage in self.stages:
            if stage.base is None:
                found.append(
                    ExternalImage(stage.from_instruction, stage.image_text, stage.image, "FROM")
                )
            for use in stage.image_uses:
                via = "COPY --from" if use.instruction.command == "COPY" else "RUN --mount from"
                found.append(ExternalImage(use.instruction, use.written, use.image, via, use.flag))
        return tuple(e for e in found if e.ref is None or not (e.ref.is_local or e.ref.is_scratch))

    def image_files(self, stage: Stage) -> tuple[Copy, ...]:
        """Every ``COPY``/``ADD`` that put files into ``stage``'s image, latest first
        (its own, then those of the stages it builds on)."""
        return tuple(copy for member in self.chain(stage) for copy in reversed(member.copies))


def build_model(
    instructions: Sequence[Instruction], escape: str, target: str | None = None
) -> StageModel:
    """Raises ``ParseFailure`` where BuildKit could not read a value (``${``)."""
    first = next(i for i, ins in enumerate(instructions) if ins.command == "FROM")
    meta: dict[str, str] = {}
    global_settings: list[Setting] = []
    for instruction in instructions[:first]:
        global_settings.extend(_declare(instruction, meta, {}, meta, escape))
    stages: list[Stage] = []
    starts = [i for i, ins in enumerate(instructions) if ins.command == "FROM"]
    names: dict[str, int] = {}
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(instructions)
        stage = _stage(index, instructions[start:end], stages, meta, escape, names)
        stages.append(stage)
        if stage.name is not None:
            names.setdefault(stage.name, index)
    final = stages[-1]
    if target is not None:
        final = next((s for s in stages if s.name == target.lower()), final)
    return StageModel(escape, tuple(global_settings), tuple(stages), final)


def _read(instruction: Instruction, word: str, scope: Mapping[str, str], escape: str) -> Word:
    try:
        return expand(word, scope, escape)
    except WordError as exc:
        raise ParseFailure(f"Dockerfile: cannot read {word!r}: {exc}", instruction.line) from None


def _declare(
    instruction: Instruction,
    args: dict[str, str],
    env: Mapping[str, Setting],
    meta: Mapping[str, str],
    escape: str,
) -> list[Setting]:
    """An ``ARG``: a default is read in the current scope; a bare name takes the value of
    the same ``ARG`` before the first ``FROM``, if that has one. Returns the defaults."""
    defaults: list[Setting] = []
    for declaration in instruction.args:
        name, eq, default = declaration.partition("=")
        if eq:
            value = _read(instruction, default, _scope(args, env), escape)
            defaults.append(Setting(name, value.text, value.known, instruction))
            if value.known:
                args[name] = value.text
            else:
                args.pop(name, None)
        elif name in meta:
            args[name] = meta[name]
    return defaults


def _scope(args: Mapping[str, str], env: Mapping[str, Setting]) -> dict[str, str]:
    """The variables a value can use: ``ENV`` wins over an ``ARG`` of the same name."""
    scope = dict(args)
    for name, setting in env.items():
        if setting.known:
            scope[name] = setting.value
        else:
            scope.pop(name, None)
    return scope


def _stage(
    index: int,
    block: Sequence[Instruction],
    earlier: Sequence[Stage],
    meta: Mapping[str, str],
    escape: str,
    names: Mapping[str, int],
) -> Stage:
    from_instruction, body = block[0], tuple(block[1:])
    image = _read(from_instruction, from_instruction.args[0], meta, escape)
    if image.unknown and image.unknown <= _PLATFORM_NAMES:
        guess = _read(from_instruction, from_instruction.args[0], {**_PLATFORM, **meta}, escape)
        if any(s.name == guess.text.lower() for s in earlier):
            image = guess
    parent = next((s for s in earlier if image.known and s.name == image.text.lower()), None)
    name = from_instruction.args[2].lower() if len(from_instruction.args) == 3 else None
    stage = Stage(index, name, from_instruction, image, parent.position if parent else None, body)
    return _run(stage, parent, meta, escape, names)


def _run(
    stage: Stage,
    parent: Stage | None,
    meta: Mapping[str, str],
    escape: str,
    names: Mapping[str, int],
) -> Stage:
    """Follow the stage's instructions, starting from what its parent stage left."""
    env = dict(parent.env) if parent else {}
    user = parent.user if parent else None
    entrypoint = parent.entrypoint if parent else None
    cmd = parent.cmd if parent else None
    workdir = parent.workdir if parent else "/"
    args: dict[str, str] = {}
    settings: list[Setting] = []
    copies: list[Copy] = []
    uses: list[ImageUse] = []
    cmd_set_here = False
    for instruction in stage.instructions:
        command = instruction.command
        if command in ("COPY", "ADD"):
            copy, use = copy_of(instruction, _scope(args, env), escape, workdir, names)
            copies += [copy] if copy is not None else []
            uses += [use] if use is not None else []
        elif command == "RUN" and instruction.flags:
            uses += mount_images(instruction, _scope(args, env), escape, names)
        elif command == "WORKDIR":
            word = _read(instruction, instruction.args[0], _scope(args, env), escape)
            workdir = resolve(word.text, workdir)
        elif command == "ARG":
            settings.extend(_declare(instruction, args, env, meta, escape))
        elif command == "ENV":
            values = _env_settings(instruction, _scope(args, env), escape)
            settings.extend(values.values())
            env.update(values)
        elif command == "USER":
            word = _read(instruction, instruction.args[0], _scope(args, env), escape)
            user = UserSetting(word.text, word.known, instruction)
        elif command == "ENTRYPOINT":
            entrypoint, cmd = instruction, cmd if cmd_set_here else None
        elif command == "CMD":
            cmd, cmd_set_here = instruction, True
    return stage._replace(
        env=env,
        settings=tuple(settings),
        user=user,
        entrypoint=entrypoint,
        cmd=cmd,
        workdir=workdir,
        copies=tuple(copies),
        image_uses=tuple(uses),
    )


def _env_settings(
    instruction: Instruction, scope: Mapping[str, str], escape: str
) -> dict[str, Setting]:
    """Every value of one ``ENV`` is read with the variables from before it."""
    pairs = instruction.args
    out: dict[str, Setting] = {}
    for key, raw in zip(pairs[0::2], pairs[1::2], strict=False):
        value = _read(instruction, raw, scope, escape)
        out[key] = Setting(key, value.text, value.known, instruction)
    return out
