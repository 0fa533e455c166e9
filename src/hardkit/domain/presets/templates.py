"""The text of the two presets hardkit writes into a repository, ``{version}`` unrendered.

These strings are the single source of both presets: ``hardkit init``/``sync`` write
them, HK403 compares against them, and ``src/hardkit/presets/`` holds byte-identical
copies as package data (a test keeps them equal). They live in the domain because they
are product knowledge, like a rule's vocabulary: HK403's examples need them without I/O.

The first line of each is the version header; comparisons ignore it, so a release that
leaves a preset's content alone does not make every user's copy "out of date".
"""

from __future__ import annotations

RUFF_TEMPLATE = """\
# Written by hardkit {version}: hardkit's ruff preset, rewritten by `hardkit sync`.
# Do not edit it: pyproject.toml's [tool.ruff] extends it (`extend = "hardkit-ruff.toml"`)
# and overrides it there: add rules with `extend-select`, drop them with `ignore`, add
# file patterns with `extend-per-file-ignores` (a `per-file-ignores` or `select` of yours
# replaces the preset's). Why each rule family is on: the comment above it.

[lint]
select = [
  # Pyflakes: undefined names, unused imports and variables, shadowed imports:
  # bugs a type checker does not always see, found in milliseconds.
  "F",
  # pycodestyle errors that are not formatting (ruff format owns layout): E4 imports,
  # E7 statements (bare `except:`, `== None`, lambda assignment), E9 syntax/IO errors.
  "E4", "E7", "E9",
  # Invalid escape sequences ("\\d" in a normal string): a SyntaxWarning since 3.12
  # and a bug in every regular expression that has one.
  "W6",
  # flake8-bugbear: mutable default arguments, loop variables captured late by
  # closures, `except` clauses that swallow too much; bugs, not style.
  "B",
  # flake8-bandit: the general security rules (shell injection, unsafe YAML/pickle,
  # weak hashes, hard-coded secrets, requests without timeouts). S101 is left to
  # hardkit's HK101, which flags only the asserts that are security checks.
  "S",
  # pyupgrade: code written for the oldest Python you support (requires-python).
  "UP",
  # isort: one import order, so merges and reviews never fight over it.
  "I",
  # flake8-simplify: needless branches and conditions that hide what code does.
  "SIM",
  # flake8-comprehensions: needless list()/dict() calls and nested comprehensions.
  "C4",
  # flake8-pytest-style: pytest used the way its authors intend (raises, fixtures).
  "PT",
  # flake8-async: blocking calls inside `async def` stall the whole event loop.
  "ASYNC",
  # flake8-blind-except: `except Exception:` without re-raising hides outages.
  "BLE",
  # flake8-debugger: a breakpoint() or pdb.set_trace() left in hangs a worker.
  "T10",
  # flake8-print: print() in a service bypasses logging, its levels and its handlers.
  "T20",
  # flake8-use-pathlib: pathlib instead of os.path string juggling.
  "PTH",
  # flake8-datetimez: naive datetimes are the classic cross-timezone production bug.
  "DTZ",
  # flake8-logging and logging-format: logging.getLogger(__name__), exc_info kept,
  # and lazy %-style arguments so log aggregators can group messages.
  "LOG", "G",
  # pygrep-hooks: blanket `# type: ignore` and `# noqa` hide every future error too.
  "PGH",
  # Perflint: loops that build lists or copy dicts the slow way on hot paths.
  "PERF",
  # Ruff's own rules, including RUF100 (unused noqa comments) and mutable class
  # defaults (RUF012).
  "RUF",
]
ignore = [
  # Every assert is not a security hole: hardkit's HK101 flags only asserts that are
  # security checks (which `python -O` removes) and rewrites them safely.
  "S101",
]
# `# noqa: HK101` comments belong to hardkit. Without this line RUF102 reports them as
# invalid codes, and `ruff check --fix` deletes them (RUF102, and RUF100 when a ruff
# code on the same comment is unused).
external = ["HK"]

[lint.per-file-ignores]
# Test code: fixtures hold fake passwords and temporary paths (S), start processes
# (S603/S607), and may print while debugging (T20). The patterns match from the
# directory of the configuration that extends this file, at any depth.
"**/tests/**" = ["S", "T20"]
"**/test/**" = ["S", "T20"]
"**/test_*.py" = ["S", "T20"]
"**/*_test.py" = ["S", "T20"]
"**/conftest.py" = ["S", "T20"]

[lint.flake8-bugbear]
# FastAPI's dependency markers are meant to be called in argument defaults (B008).
extend-immutable-calls = [
  "fastapi.Body", "fastapi.Cookie", "fastapi.Depends", "fastapi.File", "fastapi.Form",
  "fastapi.Header", "fastapi.Path", "fastapi.Query", "fastapi.Security",
]
"""

PYRIGHT_TEMPLATE = """\
// Written by hardkit {version}: hardkit's pyright preset, rewritten by `hardkit sync`.
// Do not edit it: [tool.pyright] in pyproject.toml (or pyrightconfig.json) extends it
// (`extends = "hardkit-pyright.json"`), and any setting there overrides the one here.
{
  // Every check of pyright's strict mode: unknown types, missing annotations,
  // unnecessary casts and isinstance calls, deprecated APIs, private use.
  "typeCheckingMode": "strict",

  // What strict leaves off and a production service wants:

  // A `# type: ignore` that no longer hides anything will hide the next real error.
  "reportUnnecessaryTypeIgnoreComment": "error",
  // Methods that override a base method say so with @override, so renaming the base
  // method cannot silently turn the override into dead code.
  "reportImplicitOverride": "error",
  // An attribute declared in the class body but never assigned in __init__ is an
  // AttributeError waiting for the first request that reads it.
  "reportUninitializedInstanceVariable": "error",
  // A property setter must accept what its getter returns.
  "reportPropertyTypeMismatch": "error"
}
"""
