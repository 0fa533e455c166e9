"""The engine checks syntax on demand; the reference parses every Python file first.

``analyse`` parses a file with ``ast`` only when a rule needs its tree, and otherwise
checks its syntax with the cheaper symbol-table pass (``PythonFile.check_syntax``). The
reference builder below is the engine as it was: ``ast.parse`` before any rule. Both
must report exactly the same thing on every file, valid or not; ``mutations`` turns a
valid file into broken ones to compare them on.
"""

from __future__ import annotations

import random

from hardkit.domain.config import Config
from hardkit.domain.findings import FileResult
from hardkit.domain.globs import matches_any
from hardkit.domain.project import LayeredPackage, Project, ProjectLayout
from hardkit.domain.registry import rule_codes
from hardkit.domain.rule import FileKind
from hardkit.domain.sources import ParseFailure, PythonFile
from hardkit.service import analyse as engine
from hardkit.service.analyse import Settings, analyse

# Files under src/orders are in layers: the layering rules read their trees too.
LAYOUT = ProjectLayout((LayeredPackage("src/orders", ""),), (Project("", ("src", "")),))
SETTINGS = Settings(Config(), frozenset(rule_codes()), LAYOUT)


def parse_first(key: str, text: str, config: Config) -> PythonFile:
    """The reference builder: CPython's parser before any rule (a failure is HK001)."""
    file = PythonFile(
        key,
        text,
        config,
        is_test=matches_any(config.test_paths, key),
        cst_parser=engine._cst_parser,  # the engine's own LibCST adapter
        newer_syntax=engine._newer_syntax,  # and its grammar of newer Pythons
    )
    try:
        file.ast  # noqa: B018 - the parse is the point
    except SyntaxError as exc:
        raise ParseFailure(f"syntax error: {exc.msg}", exc.lineno or 1, exc.offset or 1) from None
    except (ValueError, MemoryError, RecursionError) as exc:
        raise ParseFailure(f"cannot parse: {exc}") from None
    return file


def both_paths(
    key: str, data: bytes, settings: Settings = SETTINGS
) -> tuple[FileResult, FileResult]:
    """(on-demand result, parse-first result) of one file."""
    fast = analyse(key, FileKind.PYTHON, data, settings).result
    builders = engine._FILE_BUILDERS
    builders[FileKind.PYTHON] = parse_first
    try:
        reference = analyse(key, FileKind.PYTHON, data, settings).result
    finally:
        builders[FileKind.PYTHON] = engine._python_file
    return fast, reference


# Statements that break a module wherever they land, and a few the symbol table (but not
# ``ast.parse``) refuses: both paths must still agree.
_BREAKERS = (
    ")",
    "(",
    ":",
    "def",
    "\n    x = 1\n",
    "\tx = 1\n",
    "else:\n",
    "nonlocal token\n",
    "def f(a, a): pass\n",
    "from __future__ import braces\n",
    "return 1\n",
    "await x\n",
    "'''",
    "f'{",
    "\\",
    "x = yield = 1\n",
)


def mutations(text: str, rng: random.Random, count: int) -> list[str]:
    """``count`` broken (or, by chance, still valid) variants of ``text``."""
    out: list[str] = []
    for index in range(count):
        cut = rng.randrange(len(text) + 1)
        if index % 3 == 0:
            out.append(text[:cut])  # truncated mid-file
        elif index % 3 == 1:
            out.append(text[:cut] + text[cut + 1 :])  # one character gone
        else:
            line_start = text.rfind("\n", 0, cut) + 1
            out.append(text[:line_start] + rng.choice(_BREAKERS) + text[line_start:])
    return out
