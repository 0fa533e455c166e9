"""Rule metadata, documentation and examples: what every rule module declares.

One rule is one module holding one class. The class carries its code, name, summary,
severity, fixability, documentation and its valid/invalid examples; the examples are
run as tests. Rule classes are stateless: the registry instantiates each once.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from hardkit.domain.findings import Finding, Severity
from hardkit.domain.values import TYPE_CHECKING, Generic, NamedTuple, TypeVar

if TYPE_CHECKING:
    from typing import Any, ClassVar

    from hardkit.domain.config import Config


class FileKind(str, enum.Enum):
    PYTHON = "python"
    DOCKERFILE = "dockerfile"
    CONFIG = "config"
    # Lock files (uv.lock, pylock.toml, requirements*.txt): only ``hardkit audit`` reads
    # them, never ``hardkit check`` (``kinds.kind_of`` does not return it).
    LOCK = "lock"


_EMPTY: Mapping[str, Any] = MappingProxyType({})

_SECTIONS: tuple[tuple[str, str], ...] = (
    ("what_it_does", "What it does"),
    ("why_is_this_bad", "Why is this bad?"),
    ("example", "Example"),
    ("use_instead", "Use instead"),
    ("fix_safety", "Fix safety"),
    ("options", "Options"),
    ("references", "References"),
)


class RuleDoc(NamedTuple):
    """The fixed documentation sections (ruff's layout). Markdown text."""

    what_it_does: str
    why_is_this_bad: str
    example: str
    use_instead: str
    fix_safety: str = "This rule has no fix."
    options: str = "None."
    references: str = ""

    def sections(self) -> list[tuple[str, str]]:
        return [(title, getattr(self, attr)) for attr, title in _SECTIONS]


class Example(NamedTuple):
    """A rule example; invalid ones list the expected (line, column) of each finding.

    ``files`` adds further files for multi-file examples (layering): ``{path: source}``.
    ``config`` is a raw ``[tool.hardkit]`` table applied to the example.
    """

    source: str
    path: str = ""
    expect: tuple[tuple[int, int], ...] = ()
    fixed: str | None = None
    files: Mapping[str, str] = _EMPTY
    config: Mapping[str, Any] = _EMPTY

    @property
    def is_valid(self) -> bool:
        return not self.expect


def valid(
    source: str,
    *,
    path: str = "",
    files: Mapping[str, str] | None = None,
    config: Mapping[str, Any] | None = None,
) -> Example:
    return Example(source, path=path, files=dict(files or {}), config=dict(config or {}))


def invalid(
    source: str,
    *,
    line: int,
    column: int,
    more: Iterable[tuple[int, int]] = (),
    fixed: str | None = None,
    path: str = "",
    files: Mapping[str, str] | None = None,
    config: Mapping[str, Any] | None = None,
) -> Example:
    return Example(
        source,
        path=path,
        expect=((line, column), *more),
        fixed=fixed,
        files=dict(files or {}),
        config=dict(config or {}),
    )


FileT = TypeVar("FileT")


class Rule(Generic[FileT]):
    """Base of every rule. Subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    kind: ClassVar[FileKind | None] = None  # None: produced by the engine itself (HK001)
    severity: ClassVar[Severity] = Severity.ERROR
    fixable: ClassVar[bool] = False
    fix_always: ClassVar[bool] = True  # False: some findings come without a fix
    doc: ClassVar[RuleDoc]
    examples: ClassVar[tuple[Example, ...]] = ()

    def prefilter(self, text: str, config: Config) -> bool:
        """Cheap screen on the raw text: False means this file cannot hold a finding."""
        del text, config
        return True

    def check(self, file: FileT) -> Iterable[Finding]:
        del file
        return ()
