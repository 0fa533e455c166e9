"""One Dockerfile as the HK3xx rules see it: its text, its stages, and where things are."""

from __future__ import annotations

import bisect
import functools
import posixpath

from hardkit.domain.docker.context import BuildContext, NoFiles, ProjectFiles, choose_context
from hardkit.domain.docker.image_files import ImageFiles
from hardkit.domain.docker.instructions import Instruction, validate
from hardkit.domain.docker.parser import parse_dockerfile
from hardkit.domain.docker.stages import ExternalImage, Stage, StageModel, build_model
from hardkit.domain.findings import Edit, Finding, Fix, Span, finding_at
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from hardkit.domain.config import Config


class DockerfileSource:
    """``path`` is the project-relative key; ``model`` holds the stages and the final one;
    ``context`` is the build context its ``COPY``/``ADD`` read from."""

    def __init__(
        self,
        path: str,
        text: str,
        config: Config,
        model: StageModel,
        files: ProjectFiles | None = None,
        where: str | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.config = config
        self.model = model
        self.files = files or NoFiles()
        self.where = where or path  # its path among ``files``

    @functools.cached_property
    def context(self) -> BuildContext:
        """The build context, found on first use (most rules never need it)."""
        model = self.model
        sources = [
            source
            for stage in model.stages
            for copy in stage.copies
            if copy.local
            for source in copy.sources
            if not source.startswith("<<")
        ]
        sources += _run_files(model, self.final)
        configured = self.config.docker_context
        if configured is not None and self.where.endswith(self.path):
            prefix = self.where[: len(self.where) - len(self.path)]
            configured = prefix + configured
        return choose_context(self.files, self.where, sources, configured)

    @functools.cached_property
    def final_files(self) -> ImageFiles:
        """The files of the final image that come from the build context."""
        return ImageFiles(self.model, self.final, self.context)

    @functools.cached_property
    def privilege_drop(self) -> str | None:
        """What drops root before the Python process starts (``privileges``), if anything."""
        from hardkit.domain.docker.privileges import Drop

        final = self.final
        return Drop(self.final_files, final.runtime_words, final.workdir).reason()

    @property
    def final(self) -> Stage:
        return self.model.final

    @functools.cached_property
    def python_final(self) -> bool:
        """Whether the final stage runs Python: the Python-only rules look at nothing else."""
        return self.model.is_python(self.final)

    @functools.cached_property
    def lines(self) -> list[str]:
        """Lines as BuildKit counts them: split at ``\\n`` only, endings kept."""
        parts = self.text.split("\n")
        return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        for text in self.lines:
            starts.append(starts[-1] + len(text))
        return starts

    def offset(self, line: int, column: int) -> int:
        return self._line_starts[min(line, len(self.lines) + 1) - 1] + column - 1

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def span(self, instruction: Instruction, word: str | None = None) -> Span:
        """Where ``word`` is written in the instruction (its first occurrence after the
        keyword); without a word, or when it cannot be found, the instruction's first line."""
        start = self.offset(instruction.line, 1)
        end = self.offset(instruction.end_line + 1, 1)
        region = self.text[start:end]
        keyword = len(region) - len(region.lstrip())
        if word:
            after = keyword + len(instruction.command)
            for flag in instruction.flags:  # FROM --platform=python python: not the flag
                at = region.find(flag, after)
                after = at + len(flag) if at >= 0 else after
            found = _find_word(region, word, after)
            if found >= 0:
                return Span(
                    *self._position(start + found), *self._position(start + found + len(word))
                )
        first = self.lines[instruction.line - 1].rstrip("\r\n")
        return Span(instruction.line, keyword + 1, instruction.line, len(first) + 1)

    def span_in_flag(self, instruction: Instruction, flag: str, value: str) -> Span:
        """Where ``value`` is written inside the flag ``flag`` (``--from=IMAGE``); the
        instruction's first line when the flag is written otherwise (quoted, continued)."""
        start = self.offset(instruction.line, 1)
        region = self.text[start : self.offset(instruction.end_line + 1, 1)]
        name = flag.split("=", 1)[0]
        at = region.find(name + "=")
        found = region.find(value, at) if at >= 0 else -1
        if found < 0:
            return self.span(instruction)
        return Span(*self._position(start + found), *self._position(start + found + len(value)))

    def image_span(self, image: ExternalImage) -> Span:
        """Where an external image is written: in its ``FROM``, or in its flag."""
        if image.flag is None:
            return self.span(image.instruction, image.written)
        return self.span_in_flag(image.instruction, image.flag, image.written)

    def finding(
        self,
        code: str,
        instruction: Instruction,
        message: str,
        word: str | None = None,
        fix: Fix | None = None,
        span: Span | None = None,
    ) -> Finding:
        """A finding on ``instruction`` (at ``word``, or at ``span``); a ``# hardkit
        ignore=`` line right above it suppresses it, however many lines it spans."""
        span = span or self.span(instruction, word)
        return finding_at(code, self.path, span, message, fix=fix, anchor_line=instruction.line)

    def insert_after(self, instruction: Instruction, content: str) -> Fix | None:
        """A fix adding the line ``content`` right after ``instruction``, ended with the
        file's own newline; None when the instruction is still open there: its last line
        ends with the escape character, or is an empty or comment line that a continuation
        skipped at the end of the file (the new line would continue it)."""
        last = self.lines[instruction.end_line - 1]
        body = last.rstrip("\r\n")
        if body.rstrip().endswith(self.model.escape) or body.strip()[:1] in ("", "#"):
            return None
        ending = last[len(body) :]
        offset = self.offset(instruction.end_line + 1, 1)
        if ending:
            return Fix((Edit(offset, offset, content + ending),))
        return Fix((Edit(offset, offset, _first_newline(self.text) + content),))


def _run_files(model: StageModel, stage: Stage) -> list[str]:
    """The context paths of the files a stage runs from a directory it copies whole
    (``COPY . /app`` and ``ENTRYPOINT ["/app/docker/start.sh"]``): evidence of where the
    build context is, like the ``COPY`` sources themselves."""
    found: list[str] = []
    whole = [c.dest for c in model.image_files(stage) if c.local and c.sources in ((".",), ("./",))]
    for word in stage.runtime_words:
        if "/" not in word and "." not in word.lstrip("."):
            continue  # a command name, not a file
        if not word.startswith("/"):
            word = posixpath.join(stage.workdir, word)
        prefixes = [dest.rstrip("/") + "/" for dest in whole]
        found.extend(word[len(p) :] for p in prefixes if word.startswith(p))
    return found


def _first_newline(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def read_dockerfile(
    path: str,
    text: str,
    config: Config,
    files: ProjectFiles | None = None,
    where: str | None = None,
) -> DockerfileSource:
    """Parse with BuildKit's grammar, check what BuildKit checks before building and build
    the stage model; raises ``ParseFailure`` (HK001) where BuildKit would refuse the file.
    ``files`` gives access to the project (the build context is found in it), where the
    Dockerfile is ``where`` (its ``path`` by default)."""
    parsed = parse_dockerfile(text)
    validate(parsed.instructions)
    model = build_model(parsed.instructions, parsed.escape, config.dockerfile_target)
    return DockerfileSource(path, text, config, model, files, where)


def _find_word(text: str, word: str, start: int) -> int:
    """Where ``word`` first stands on its own in ``text`` at or after ``start``: not glued
    to a word character, ``.`` or ``-`` on either side, nor to an ``=`` before it (a
    flag's value); -1 when nowhere. (A loop, not a regular expression: each word would
    be a new pattern to compile, and compiling costs more than the search.)"""
    at = text.find(word, start)
    while at >= 0:
        before = text[at - 1] if at else ""
        after = text[at + len(word) : at + len(word) + 1]
        if not _glued(before, "=") and not _glued(after, ""):
            return at
        at = text.find(word, at + 1)
    return -1


def _glued(char: str, extra: str) -> bool:
    return bool(char) and (char.isalnum() or char in "_.-" or char in extra)
