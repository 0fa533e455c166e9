"""The fast paths against the full ones on real projects (``make corpus-diff``).

    uv run python -m perf.corpus_diff [--workdir DIR] [--mutations 4]

Downloads the wheels ``perf/compare.py`` measures (Django 5.2, Flask, FastAPI,
SQLAlchemy, requests, Starlette, Pydantic) and, on every Python file in them:

* the engine's on-demand parsing (symbol-table syntax check for files no rule reads
  the tree of) gives the same result as parsing every file with ``ast`` first: on the
  file as it is (inside and outside a layered package) and on ``--mutations`` broken
  variants of it (truncated, a character dropped, a breaking line inserted);
* the one-pass LibCST positions equal ``PositionProvider``'s on every node, for each
  file that mentions ``assert``, ``__debug__`` or ``PYTHONHASHSEED``;
* HK101 checked without LibCST (positions and anchors from ``ast``, the fix deferred)
  reports the same findings as HK101 when fixing (the fix's edits built).

Prints one line per corpus and exits 1 on the first kind of mismatch it saw. Needs the
network for the download; the committed test suite covers the same ground offline on
the rule examples (tests/unit/test_syntax_on_demand.py, test_libcst_positions.py,
test_hk101_check_without_libcst.py).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

import libcst
from libcst.metadata import MetadataWrapper, PositionProvider
from tests.hk1_paths import python_file
from tests.hk101_modes import hk101_modes
from tests.syntax_paths import both_paths, mutations

from hardkit.adapters.libcst_parser import node_positions
from hardkit.adapters.source import DecodeError, decode_python
from perf.compare import download_corpora

CORPORA = ("django", "flask", "fastapi", "sqlalchemy", "requests", "starlette", "pydantic")
WORDS = ("assert", "__debug__", "PYTHONHASHSEED")


def positions_agree(text: str) -> bool:
    try:
        module = libcst.parse_module(text)
    except libcst.ParserSyntaxError:
        return True  # nothing to position
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    ours = node_positions(module)
    return len(ours) == len(expected) and all(
        ours[node] == (r.start.line, r.start.column, r.end.line, r.end.column)
        for node, r in expected.items()
    )


def modes_agree(text: str) -> bool:
    file = python_file(text)
    try:
        file.ast  # noqa: B018 - only files ast accepts are checked
    except (SyntaxError, ValueError, RecursionError):
        return True
    checked, fixing = hk101_modes(text)
    return checked == fixing


def check_corpus(name: str, tree: Path, rng: random.Random, count: int) -> list[str]:
    problems: list[str] = []
    files = sorted(tree.rglob("*.py"))
    variants = positioned = 0
    for path in files:
        rel = path.relative_to(tree).as_posix()
        data = path.read_bytes()
        for key in (f"src/orders/domain/{rel}", rel):  # in a layer, and not
            fast, reference = both_paths(key, data)
            if fast != reference:
                problems.append(f"{name}: on-demand parsing differs on {rel}")
        try:
            text = decode_python(data).text
        except DecodeError:
            continue
        for variant in mutations(text, rng, count):
            variants += 1
            fast, reference = both_paths(f"src/orders/domain/{rel}", variant.encode())
            if fast != reference:
                problems.append(f"{name}: on-demand parsing differs on a variant of {rel}")
        if any(word in text for word in WORDS):
            positioned += 1
            if not positions_agree(text):
                problems.append(f"{name}: LibCST positions differ on {rel}")
            if not modes_agree(text):
                problems.append(f"{name}: HK101 checked and fixing differ on {rel}")
    print(
        f"{name}: {len(files)} files (x2 keys), {variants} broken variants, "
        f"{positioned} files positioned and compared: {len(problems)} mismatches"
    )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--workdir", type=Path, help="keep downloads here (default: temp)")
    parser.add_argument("--mutations", type=int, default=4, help="broken variants per file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hardkit-corpus-") as scratch:
        work = args.workdir or Path(scratch)
        trees = download_corpora(work)
        rng = random.Random(2026)  # fixed: the same variants on every run
        problems: list[str] = []
        for name in CORPORA:
            problems += check_corpus(name, trees[name] / name, rng, args.mutations)
    for problem in problems[:50]:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
