"""Checking one file's text: decode, parse once, run the enabled rules, apply suppressions.

This is what a worker process runs. A problem in one file becomes an HK001 finding or
an error entry for that file; it never stops the run.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from hardkit.adapters.source import DecodeError, SourceText, decode_python, decode_text
from hardkit.domain.config import Config
from hardkit.domain.findings import FileError, FileResult, Finding
from hardkit.domain.globs import matches_any
from hardkit.domain.layering.modules import LAYER_RULES
from hardkit.domain.project import ProjectLayout
from hardkit.domain.registry import (
    MODULE_NAMES,
    SKIPS_TEST_CODE,
    kind_codes,
    rules_for,
    rules_for_module,
)
from hardkit.domain.rule import FileKind, Rule
from hardkit.domain.selection import ignored_for_path, is_unsuppressible, names_prefix
from hardkit.domain.sources import (
    CheckUnavailable,
    CstTree,
    NewerSyntax,
    ParseFailure,
    PythonFile,
    comments_by_line,
    physical_lines,
)
from hardkit.domain.suppression import apply_suppressions, dockerfile_ignore_codes, noqa_codes
from hardkit.domain.values import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any

PARSE_ERROR = "HK001"


class Settings(NamedTuple):
    """Everything a worker needs besides the file: picklable, and the cache key's basis."""

    config: Config
    codes: frozenset[str]
    # The run's layered packages (HK2xx), found by the service; part of the cache key of
    # the files inside them only (``ProjectLayout.fingerprint_for``).
    layout: ProjectLayout = ProjectLayout()
    # Build every fix's edits (``--fix``, ``--diff``: ``service.fix``). A check only shows
    # that a finding is fixable, so a rule may defer costly edits (``findings.DEFERRED``);
    # the results are the same either way, hence not part of the cache key.
    fixes: bool = False
    # The project root (absolute), and the directory below which the files a checked file
    # names may be read (a Dockerfile's entrypoint script): its repository; "" reads
    # none. Not part of the cache key: the files read are recorded with each result
    # (``FileResult.reads``).
    project_root: str = ""
    read_root: str = ""

    def fingerprint(self) -> str:
        return f"{self.config!r}|{sorted(self.codes)!r}"


class Analysis:
    """The result of checking one file, being built. ``source`` is None when undecodable."""

    def __init__(self, key: str, source: SourceText | None = None) -> None:
        self.key = key
        self.source = source
        self.findings: list[Finding] = []
        self.errors: list[FileError] = []
        self.reads: tuple[tuple[str, str], ...] = ()

    def parse_error(self, message: str, line: int, column: int) -> None:
        self.findings.append(Finding(PARSE_ERROR, self.key, line, column, line, column, message))

    @property
    def result(self) -> FileResult:
        return FileResult(self.key, tuple(self.findings), tuple(self.errors), self.reads)


def _cst_parser(text: str) -> CstTree:
    from hardkit.adapters.libcst_parser import parse_cst  # heavy: only when a rule needs it

    return parse_cst(text)


def _newer_syntax(text: str, path: str) -> NewerSyntax | None:
    from hardkit.adapters.newer_syntax import parse_newer_syntax  # heavy: only when refused

    return parse_newer_syntax(text, path)


def decode(kind: FileKind, data: bytes) -> SourceText:
    """The file's text; raises ``DecodeError``."""
    return decode_python(data) if kind is FileKind.PYTHON else decode_text(data)


def analyse(
    key: str,
    kind: FileKind,
    data: bytes,
    settings: Settings,
    siblings: frozenset[str] = frozenset(),
) -> Analysis:
    """Check one file's bytes. ``key`` is its project-relative path.

    ``siblings`` names the configuration files beside a CONFIG file (HK401/HK402).
    """
    try:
        source = decode(kind, data)
    except DecodeError as exc:
        analysis = Analysis(key)
        analysis.parse_error(str(exc), exc.line, exc.column)
        return _finish(kind, analysis, settings)
    return analyse_source(key, kind, source, settings, siblings)


def screened_out(key: str, kind: FileKind, data: bytes, settings: Settings) -> Analysis | None:
    """The analysis of a Python file no selected rule needs to parse (decoded and screened
    here, which costs less than sending it to a worker), or None for any other file."""
    if kind is not FileKind.PYTHON or settings.fixes or _syntax_only(settings.codes):
        return None
    try:
        source = decode(kind, data)
    except DecodeError:
        return None
    text = source.text
    if any(rule.prefilter(text, settings.config) for rule in _active_rules(key, kind, settings)):
        return None
    return analyse_source(key, kind, source, settings)


def analyse_source(
    key: str,
    kind: FileKind,
    source: SourceText,
    settings: Settings,
    siblings: frozenset[str] = frozenset(),
) -> Analysis:
    analysis = Analysis(key, source)
    # No cyclic garbage collection while one file is checked: a parse builds millions of
    # objects on a large module, each collection walks all of them again, and that
    # doubled the cost of ``ast.parse`` (a 60,000-line module: 10.9 s -> 5.3 s). Trees
    # hold no cycles; what a check leaves is collected when the file is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _run_rules(analysis, kind, source.text, settings, siblings)
    finally:
        if collecting:
            gc.enable()
    return _finish(kind, analysis, settings)


def finish_findings(
    key: str, kind: FileKind, source: SourceText, findings: list[Finding], settings: Settings
) -> list[Finding]:
    """Selection, ``per-file-ignores`` and suppression comments applied to findings made
    outside the per-file pipeline (the whole-project HK204)."""
    analysis = Analysis(key, source)
    analysis.findings = list(findings)
    return _finish(kind, analysis, settings).findings


def _finish(kind: FileKind, analysis: Analysis, settings: Settings) -> Analysis:
    analysis.findings = [
        f for f in _unsuppressed(kind, analysis, settings.config) if f.code in settings.codes
    ]
    analysis.findings.sort(key=Finding.sort_key)
    return analysis


def _python_file(key: str, text: str, config: Config) -> PythonFile:
    """Parsed on demand: the first rule that needs the tree parses it, and a file no rule
    needed a tree of gets the cheaper syntax check at the end (``_run_rules``). Either
    way a syntax error is HK001 and nothing else, as if it had been parsed first; a file
    only a newer Python reads is parsed with LibCST's grammar (``adapters.newer_syntax``)."""
    return PythonFile(
        key,
        text,
        config,
        is_test=matches_any(config.test_paths, key),
        cst_parser=_cst_parser,
        newer_syntax=_newer_syntax,
    )


def _dockerfile(key: str, text: str, config: Config, settings: Settings | None = None) -> Any:
    """BuildKit's grammar, then BuildKit's own checks and the stage model (all HK001); the
    project's files (the build context) are read only when a rule asks for them."""
    from hardkit.domain.docker.source import read_dockerfile

    if settings is None or not settings.read_root:
        return read_dockerfile(key, text, config)
    from hardkit.adapters.project_files import ProjectFiles, path_below

    where = path_below(settings.read_root, settings.project_root, key)
    if where is None:
        return read_dockerfile(key, text, config)
    return read_dockerfile(key, text, config, ProjectFiles(settings.read_root), where)


def _reads_of(file: Any) -> tuple[tuple[str, str], ...]:
    """The project files a Dockerfile's rules read (its result depends on them)."""
    from hardkit.adapters.project_files import ProjectFiles

    files = getattr(file, "files", None)
    return files.reads() if isinstance(files, ProjectFiles) else ()


def _config_file(key: str, text: str, config: Config) -> Any:
    """pyproject.toml, ruff and pyright configs (parsed: HK001), and the presets (text)."""
    from hardkit.service.config_files import read_config_file

    return read_config_file(key, text, config)


def _beside(file: Any, siblings: frozenset[str]) -> Any:
    """A ``ConfigFile`` told which configuration files lie beside it (HK401/HK402)."""
    return file._replace(siblings=siblings)


# How each kind of file is presented to its rules. A builder raises ParseFailure (HK001),
# or CheckUnavailable when this installation cannot read the file at all.
_FILE_BUILDERS: dict[FileKind, Callable[[str, str, Config], Any]] = {
    FileKind.PYTHON: _python_file,
    FileKind.DOCKERFILE: _dockerfile,
    FileKind.CONFIG: _config_file,
}


def _run_rules(
    analysis: Analysis,
    kind: FileKind,
    text: str,
    settings: Settings,
    siblings: frozenset[str] = frozenset(),
) -> None:
    config = settings.config
    key = analysis.key
    rules = _active_rules(key, kind, settings)
    builder = _FILE_BUILDERS.get(kind)
    if builder is None or not (rules or PARSE_ERROR in settings.codes):
        return
    try:
        if builder is _dockerfile:  # the build context is read from the project
            file = _dockerfile(key, text, config, settings)
        else:
            file = builder(key, text, config)
    except ParseFailure as exc:
        analysis.parse_error(str(exc), exc.line, exc.column)
        return
    except CheckUnavailable as exc:
        analysis.errors.append(FileError(key, str(exc)))
        return
    if isinstance(file, PythonFile):
        file.layout = settings.layout
        file.fixing = settings.fixes
    if kind is FileKind.CONFIG:
        file = _beside(file, siblings)
    screened_in = False
    try:
        for rule in rules:
            if rule.prefilter(text, config):
                screened_in = True
                if not _apply(rule, file, analysis):
                    return
    finally:
        if kind is FileKind.DOCKERFILE:
            analysis.reads = _reads_of(file)
    # A fix's output is always parsed: the fixer refuses text that does not parse, even
    # when the fix removed all that made a rule look at the file.
    parse = screened_in or settings.fixes or _syntax_only(settings.codes)
    if isinstance(file, PythonFile) and parse:
        failure = file.check_syntax()
        if failure is not None:
            _refused(analysis, failure)


def _syntax_only(codes: frozenset[str]) -> bool:
    """Whether HK001 is all that is asked of Python files (``--select HK001``): then every
    one is parsed. Otherwise a Python file none of the selected rules looks at (no rule's
    ``prefilter`` passed) is not parsed at all, as ruff does not parse a file for a rule
    that has nothing to look at: HK001 covers the files that are (DESIGN §7)."""
    return not codes & kind_codes(FileKind.PYTHON)


def _apply(rule: Rule[Any], file: Any, analysis: Analysis) -> bool:
    """Run one rule on the file; False when nothing more is to be checked in it."""
    try:
        analysis.findings.extend(rule.check(file))
    except Exception as exc:  # noqa: BLE001 - one rule failing on one file must not stop the run
        failure = file.syntax_failure if isinstance(file, PythonFile) else None
        if failure is not None:  # the rule asked for the tree of a file CPython refuses
            _refused(analysis, failure)
        elif isinstance(exc, ParseFailure):
            analysis.parse_error(str(exc), exc.line, exc.column)
        elif isinstance(exc, RecursionError):
            analysis.parse_error("too deeply nested to analyse", 1, 1)
        else:
            analysis.errors.append(
                FileError(analysis.key, f"internal error in {rule.code}: {exc!r}")
            )
            return True
        return False
    return True


def _refused(analysis: Analysis, failure: ParseFailure) -> None:
    """A file CPython cannot parse is HK001 and nothing else."""
    analysis.findings.clear()
    analysis.errors.clear()
    analysis.parse_error(str(failure), failure.line, failure.column)


def _active_rules(key: str, kind: FileKind, settings: Settings) -> tuple[Rule[Any], ...]:
    """The enabled rules for this kind, minus those ``per-file-ignores`` turns off here."""
    config = settings.config
    off = ignored_for_path(key, config)
    codes = _python_codes(key, settings) if kind is FileKind.PYTHON else settings.codes
    rules = rules_for(kind, codes)
    name = key.rsplit("/", 1)[-1]
    if kind is FileKind.PYTHON and name in MODULE_NAMES:  # gunicorn.conf.py: HK309 too
        rules += rules_for_module(name, codes)
    return tuple(
        rule
        for rule in rules
        if not names_prefix(off, rule.code) or is_unsuppressible(rule.code, config)
    )


def _python_codes(key: str, settings: Settings) -> frozenset[str]:
    """The selected codes that can say something about Python file ``key``: the layering
    rules only inside a layered package, none of ``SKIPS_TEST_CODE`` in test code."""
    codes = settings.codes
    layout = settings.layout
    if not layout.packages or layout.package_of_key(key) is None:
        codes = codes - LAYER_RULES
    if matches_any(settings.config.test_paths, key):
        codes = codes - SKIPS_TEST_CODE
    return codes


def _unsuppressed(kind: FileKind, analysis: Analysis, config: Config) -> list[Finding]:
    findings = analysis.findings
    if not findings or analysis.source is None:
        return findings
    reader = _PythonComments if kind is FileKind.PYTHON else _LineAboveComments
    return apply_suppressions(
        findings,
        reader(analysis.source.text),
        ignored_for_path(analysis.key, config),
        config.unsuppressible,
    )


class _PythonComments:
    """``# noqa: HK101`` at the end of the flagged line or of the statement's first line.

    The file is tokenized (in Python: the cost of a large module) only when one of the
    lines asked about holds a ``#``: a line without one holds no comment."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines = physical_lines(text)
        self._comments: dict[int, str] | None = None

    def _comment(self, line: int) -> str:
        if not 0 < line <= len(self._lines) or "#" not in self._lines[line - 1]:
            return ""
        if self._comments is None:
            self._comments = comments_by_line(self._text)
        return self._comments.get(line, "")

    def codes(self, line: int) -> frozenset[str]:
        return noqa_codes(self._comment(line))

    def column(self, line: int) -> int:
        comment = self._comment(line)
        return self._lines[line - 1].rfind(comment) + 1 if comment else 1

    def lines_for(self, finding: Finding) -> tuple[int, ...]:
        return finding.suppression_lines


class _LineAboveComments:
    """``# hardkit ignore=HK301`` on the line directly above the instruction (Dockerfile, TOML)."""

    def __init__(self, text: str) -> None:
        self._lines = physical_lines(text)

    def codes(self, line: int) -> frozenset[str]:
        if 0 < line <= len(self._lines):
            return dockerfile_ignore_codes(self._lines[line - 1])
        return frozenset()

    def column(self, line: int) -> int:
        return self._lines[line - 1].find("#") + 1

    def lines_for(self, finding: Finding) -> tuple[int, ...]:
        return ((finding.anchor_line or finding.line) - 1,)
