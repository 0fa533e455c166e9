"""Which file of the build context (or which ``COPY <<EOF`` body) ends up at a path of the
final image: ``COPY`` and ``ADD`` followed backwards, through directories copied whole,
the stages a stage builds on, and ``COPY --from=stage`` (a few stages deep)."""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Iterable

from hardkit.domain.docker.context import BuildContext
from hardkit.domain.docker.copies import Copy
from hardkit.domain.docker.stages import Stage, StageModel
from hardkit.domain.values import NamedTuple

_DEPTH = 4  # COPY --from chains followed at most this deep
_PATH_DIRS = ("/usr/local/bin", "/usr/local/sbin", "/usr/bin", "/usr/sbin", "/bin", "/sbin")


class ImageFile(NamedTuple):
    """A file of the image whose text hardkit can read."""

    image_path: str
    text: str
    origin: str  # the context path it was copied from, or "COPY <<NAME" for a heredoc


class ImageFiles:
    """The files of one stage's image that come from the build context."""

    def __init__(self, model: StageModel, stage: Stage, context: BuildContext) -> None:
        self.model = model
        self.stage = stage
        self.context = context

    def read(self, image_path: str) -> ImageFile | None:
        return self._read(self.stage, posixpath.normpath(image_path), _DEPTH)

    def _read(self, stage: Stage, path: str, depth: int) -> ImageFile | None:
        for copy in self.model.image_files(stage):
            found = self._from_copy(copy, path, depth)
            if found is not None:
                return found
        return None

    def _from_copy(self, copy: Copy, path: str, depth: int) -> ImageFile | None:
        heredoc = _heredoc(copy, path)
        if heredoc is not None:
            return heredoc
        for source in copy.sources:
            if source.startswith("<<"):
                continue
            wanted = _source_for(copy, source, path)
            if wanted is None:
                continue
            if copy.local:
                text = self.context.text_of(wanted)
                if text is not None:
                    return ImageFile(path, text, self.context.path(wanted) or wanted)
            elif copy.from_stage is not None and depth > 0:
                stage = _stage(self.model, copy.from_stage)
                if stage is not None:
                    found = self._read(
                        stage, posixpath.normpath("/" + wanted.lstrip("/")), depth - 1
                    )
                    if found is not None:
                        return found._replace(image_path=path)
        return None

    def scripts(self, words: Iterable[str], workdir: str) -> list[ImageFile]:
        """The copied files a command line runs: each word that names a file of the image
        (absolute, under the ``WORKDIR``, or found on the ``PATH``)."""
        found: list[ImageFile] = []
        for at, word in enumerate(dict.fromkeys(words)):
            for path in _candidates(word, workdir, first=at == 0):
                script = self.read(path)
                if script is not None:
                    found.append(script)
                    break
        return found

    def names_in(self, image_dir: str) -> list[str]:
        """The entries of a directory of the image that the build context provides."""
        image_dir = posixpath.normpath(image_dir)
        names: list[str] = []
        for copy in self.model.image_files(self.stage):
            if not copy.local:
                continue
            for source in copy.sources:
                names.extend(self._names_from(copy, source, image_dir))
        return sorted(set(names))

    def _names_from(self, copy: Copy, source: str, image_dir: str) -> list[str]:
        dest = copy.dest
        if dest != image_dir and dest.startswith(image_dir.rstrip("/") + "/"):
            rest = dest[len(image_dir.rstrip("/")) + 1 :]
            return [rest.split("/", 1)[0]]
        inside = _inside(dest, image_dir)
        if inside is None:
            return []
        names: list[str] = []
        for match in self.context.matches(source):
            if self.context.kind(match) == "dir":
                names.extend(self.context.list_dir(posixpath.join(match, inside)))
        return names


def _candidates(word: str, workdir: str, first: bool) -> list[str]:
    """Where a word of a command line could name a copied file: itself when absolute,
    under the ``WORKDIR`` when relative; a bare name (``docker-entrypoint.sh``) also on
    the ``PATH`` when it looks like a file name or starts the command."""
    word = word.strip("'\"")
    if not word or word.startswith("-") or "=" in word or "$" in word or ":" in word:
        return []
    if word.startswith("/"):
        return [word]
    relative = posixpath.normpath(posixpath.join(workdir, word))
    if "/" in word:
        return [relative]
    if first or any(c in word for c in ".-_"):
        return [relative, *(f"{d}/{word}" for d in _PATH_DIRS)]
    return [relative]


def _inside(dest: str, path: str) -> str | None:
    """``path`` relative to the directory ``dest``, None when outside it."""
    if dest == "/":
        return path.lstrip("/") or "."
    if path == dest:
        return "."
    if path.startswith(dest + "/"):
        return path[len(dest) + 1 :]
    return None


def _source_for(copy: Copy, source: str, path: str) -> str | None:
    """The source path (context- or stage-relative) that would land at ``path``."""
    if source in (".", "./") or source.endswith("/"):
        inside = _inside(copy.dest, path)
        return posixpath.normpath(posixpath.join(source, inside)) if inside else None
    if any(c in source for c in "*?["):
        name = posixpath.basename(path)
        if posixpath.dirname(path) == copy.dest and _glob_match(source, name):
            return posixpath.join(posixpath.dirname(source), name)
        return None
    if path == copy.dest and not copy.into_dir:
        return source
    if path == posixpath.join(copy.dest, posixpath.basename(source)):
        return source
    inside = _inside(copy.dest, path)  # a directory copied by a name without "/"
    if inside and inside != ".":
        return posixpath.join(source, inside)
    return None


def _glob_match(pattern: str, name: str) -> bool:
    return fnmatch.fnmatchcase(name, posixpath.basename(pattern))


def _heredoc(copy: Copy, path: str) -> ImageFile | None:
    names = [s for s in copy.sources if s.startswith("<<")]
    for name, body in zip(names, copy.heredocs, strict=False):
        bare = name.lstrip("<-").strip("'\"")
        target = posixpath.join(copy.dest, bare) if copy.into_dir else copy.dest
        if target == path:
            return ImageFile(path, body, f"COPY {name}")
    return None


def _stage(model: StageModel, position: int) -> Stage | None:
    return model.stages[position] if 0 <= position < len(model.stages) else None
