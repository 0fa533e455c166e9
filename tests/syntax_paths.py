"""The engine checks syntax on demand; the reference parses every Python file first.

``analyse`` parses a file with ``ast`` only when a rule needs its tree, and otherwise
checks its syntax with the cheaper symbol-table pass (``PythonFile.check_syntax``). The
reference builder below is the engine as it was: ``ast.parse`` before any rule. Both
must report exactly the same thing on every file, valid or not; ``mutations`` turns a
valid file into broken ones to compare them on.
"""

from __future__ import annotations

import random

from hardkit.adapters.source import DecodeError, decode_python
from hardkit.domain.config import Config
from hardkit.domain.findings import FileResult
from hardkit.domain.globs import matches_any
from hardkit.domain.project import LayeredPackage, Project, ProjectLayout
from hardkit.domain.registry import SKIPS_TEST_CODE, all_rules, rule_codes
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
    try:
        text = decode_python(data).text
    except DecodeError:  # undecodable: HK001 whatever the rules, before any parse
        return fast, reference
    if not screened_in(key, text, settings):
        reference = reference._replace(findings=())  # not parsed: nothing to report
    return fast, reference


def screened_in(key: str, text: str, settings: Settings) -> bool:
    """Whether some selected rule looks at this file, so the engine parses it (DESIGN §7):
    a rule of its kind that may report there (the layering rules inside a layered
    package, the HK1xx and HK2xx rules outside test code) whose ``prefilter`` passes; or
    HK001 selected with no Python rule at all."""
    codes = settings.codes
    python = {r.code for r in all_rules() if r.kind is FileKind.PYTHON}
    if not codes & python:
        return "HK001" in codes
    in_layers = settings.layout.package_of_key(key) is not None
    in_tests = matches_any(settings.config.test_paths, key)
    for rule in all_rules():
        if rule.kind is not FileKind.PYTHON or rule.code not in codes:
            continue
        if rule.code.startswith("HK2") and not in_layers:
            continue
        if in_tests and rule.code in SKIPS_TEST_CODE:
            continue
        if rule.prefilter(text, settings.config):
            return True
    return False


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
