"""Fix safety on real code: ``hardkit check --fix`` over the wheels of popular libraries.

    .venv/bin/python -m perf.reliability [--workdir DIR] [PACKAGE ...]
    make reliability

Downloads the wheels (``pip download --no-deps``, default: FastAPI, Flask, SQLAlchemy,
requests, Starlette, Pydantic) into a temporary folder, unpacks them, and on a copy runs
the real CLI: ``hardkit check --fix --select HK1,HK3``. Then the harness (not hardkit)
checks that

* every Python file that compiled before still compiles (``compile()`` of the bytes,
  coding cookie and BOM included),
* nothing outside the fixed statements changed: each changed file is diffed against the
  original, and every hunk must lie on the lines of an assert that HK101 reported
  (before the fix) and turn it into a ``raise``,
* the asserts removed are exactly the HK101 findings fixed, each replaced by a raise,
* a second ``--fix`` changes no byte of any file,

and prints the figures. Then the same again on a second copy under *stress*: the
security vocabulary (``security-names``) widened to every word of every assert condition
in the corpus, so that nearly every assert becomes a finding and goes through the fixer.
Exit status 1 when any check fails. Nothing is committed: the wheels live in the
temporary folder.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import tokenize
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import run_hardkit as hardkit

PACKAGES = ("fastapi", "flask", "sqlalchemy", "requests", "starlette", "pydantic")
SELECT = "HK1,HK3"
PIP_DOWNLOAD = (sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q")


@dataclass
class Figures:
    """What one fix-and-verify run measured; ``problems`` empty means every check held."""

    files: int = 0
    lines: int = 0
    compiled_before: int = 0
    compiled_after: int = 0
    findings_before: dict[str, int] = field(default_factory=dict)
    fixable_before: int = 0
    findings_after: dict[str, int] = field(default_factory=dict)
    fixes: int = 0
    files_changed: int = 0
    hunks: int = 0
    second_run_changed: int = 0
    seconds_check: float = 0.0
    seconds_fix: float = 0.0
    seconds_second_fix: float = 0.0
    problems: list[str] = field(default_factory=list)


def python_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if p.is_file())


def _digests(root: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in python_files(root)}


def _compiles(data: bytes, name: str) -> bool:
    try:
        compile(data, name, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def _text(data: bytes) -> str:
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def _findings(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    if result.returncode not in (0, 1):
        raise RuntimeError(f"hardkit failed ({result.returncode}): {result.stderr.strip()}")
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


def _count(findings: Iterable[dict[str, object]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        code = str(finding["code"])
        counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items()))


def _assert_lines(findings: Iterable[dict[str, object]]) -> dict[str, list[tuple[int, int]]]:
    """The 1-based line span of every HK101 finding (the assert statement), by path."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding["code"] == "HK101" and finding["fixable"]:
            span = (int(str(finding["line"])), int(str(finding["end_line"])))
            spans.setdefault(str(finding["path"]), []).append(span)
    return spans


def _asserts_and_raises(text: str) -> tuple[int, int]:
    tree = ast.parse(text)
    asserts = sum(isinstance(node, ast.Assert) for node in ast.walk(tree))
    raises = sum(isinstance(node, ast.Raise) for node in ast.walk(tree))
    return asserts, raises


def check_hunks(old: str, new: str, spans: Sequence[tuple[int, int]]) -> tuple[int, list[str]]:
    """Diff ``old`` against ``new``; every hunk must lie on the lines of a reported assert
    (``spans``, 1-based inclusive). Returns (hunks, problems). That each assert became a
    raise is checked per file by counting (a hunk may hold only half of a rewrite)."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    hunks = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    problems: list[str] = []
    for _, i1, i2, j1, j2 in hunks:  # old lines [i1, i2) became new lines [j1, j2)
        first = i1 + 1
        if i2 > i1:  # old lines first..i2 replaced or deleted: each one an assert's
            inside = all(any(s <= n <= e for s, e in spans) for n in range(first, i2 + 1))
        else:  # lines inserted before old line ``first``: within or right after an assert
            inside = any(s <= first <= e + 1 for s, e in spans)
        if not inside:
            shown = "".join(old_lines[i1:i2] + new_lines[j1:j2]).strip()[:80]
            problems.append(f"lines {first}-{i2}: a change outside every fixed assert: {shown!r}")
    return len(hunks), problems


def fix_and_verify(tree: Path) -> Figures:
    """Run ``--fix`` on ``tree`` (a copy: it is rewritten) and verify the result."""
    figures = Figures()
    original = {p: p.read_bytes() for p in python_files(tree)}
    figures.files = len(original)
    figures.lines = sum(data.count(b"\n") for data in original.values())
    compiled = {p for p, data in original.items() if _compiles(data, str(p))}
    figures.compiled_before = len(compiled)
    args = ("check", "--select", SELECT, "--no-cache", "--output-format", "json")
    start = time.perf_counter()
    before = _findings(hardkit(*args, ".", cwd=tree))
    figures.seconds_check = time.perf_counter() - start
    figures.findings_before = _count(before)
    figures.fixable_before = sum(bool(f["fixable"]) for f in before)
    spans = _assert_lines(before)
    start = time.perf_counter()
    after = _findings(hardkit(*args, "--fix", ".", cwd=tree))
    figures.seconds_fix = time.perf_counter() - start
    figures.findings_after = _count(after)
    fixed_count = figures.findings_before.get("HK101", 0) - figures.findings_after.get("HK101", 0)
    figures.fixes = fixed_count
    for path, old_data in original.items():
        _verify_file(tree, path, old_data, path in compiled, spans, figures)
    figures.compiled_after = sum(_compiles(p.read_bytes(), str(p)) for p in original)
    snapshot = _digests(tree)
    start = time.perf_counter()
    second = hardkit("check", "--select", SELECT, "--no-cache", "--fix", "-q", ".", cwd=tree)
    figures.seconds_second_fix = time.perf_counter() - start
    if second.returncode not in (0, 1):
        figures.problems.append(f"second --fix failed: {second.stderr.strip()}")
    changed = [p for p, digest in _digests(tree).items() if snapshot.get(p) != digest]
    figures.second_run_changed = len(changed)
    figures.problems += [f"{p.relative_to(tree)}: changed by a second --fix" for p in changed]
    return figures


def _verify_file(
    tree: Path,
    path: Path,
    old_data: bytes,
    compiled_before: bool,
    spans: dict[str, list[tuple[int, int]]],
    figures: Figures,
) -> None:
    new_data = path.read_bytes()
    if new_data == old_data:
        return
    key = path.relative_to(tree).as_posix()
    figures.files_changed += 1
    if compiled_before and not _compiles(new_data, str(path)):
        figures.problems.append(f"{key}: compiled before the fix, not after")
        return
    old, new = _text(old_data), _text(new_data)
    hunks, problems = check_hunks(old, new, spans.get(key, []))
    figures.hunks += hunks
    figures.problems += [f"{key}: {problem}" for problem in problems]
    old_asserts, old_raises = _asserts_and_raises(old)
    new_asserts, new_raises = _asserts_and_raises(new)
    removed, added = old_asserts - new_asserts, new_raises - old_raises
    if removed != added or removed != len(spans.get(key, [])):
        figures.problems.append(
            f"{key}: {removed} assert(s) removed, {added} raise(s) added, "
            f"{len(spans.get(key, []))} reported"
        )


def assert_words(root: Path) -> list[str]:
    """Every word (as HK101 splits identifiers) named in an assert condition under ``root``."""
    from hardkit.domain.asserts.security_words import split_words

    words: set[str] = set()
    for path in python_files(root):
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assert):
                continue
            for inner in ast.walk(node.test):
                name = inner.id if isinstance(inner, ast.Name) else getattr(inner, "attr", None)
                if isinstance(name, str):
                    words.update(word.lower() for word in split_words(name))
    return sorted(w for w in words if w.isidentifier())


def widen_vocabulary(tree: Path) -> int:
    """Make nearly every assert under ``tree`` a security check; returns the word count."""
    words = assert_words(tree)
    listed = ", ".join(json.dumps(w) for w in words)
    text = f'[project]\nname = "corpus"\n[tool.hardkit]\nsecurity-names = [{listed}]\n'
    (tree / "pyproject.toml").write_text(text, encoding="utf-8")
    return len(words)


def download(packages: Sequence[str], into: Path) -> list[Path]:
    """The wheels of ``packages`` (no dependencies), fetched with pip."""
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [*PIP_DOWNLOAD, "--dest", str(into), *packages],
        check=True,
    )
    return sorted(into.glob("*.whl"))


def unpack(wheels: Iterable[Path], into: Path) -> None:
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(into / wheel.name.split("-")[0].lower())


def report(figures: Figures, wheels: Sequence[Path]) -> str:
    lines = [
        "wheels: " + ", ".join(w.name for w in wheels),
        f"python files: {figures.files} ({figures.lines} lines)",
        f"findings before: {figures.findings_before} ({figures.fixable_before} fixable)",
        f"fixes applied: {figures.fixes} in {figures.files_changed} files ({figures.hunks} hunks)",
        f"findings after: {figures.findings_after}",
        f"compile(): {figures.compiled_before} of {figures.files} before, "
        f"{figures.compiled_after} after",
        f"second --fix: {figures.second_run_changed} files changed",
        f"time: check {figures.seconds_check:.1f}s, fix {figures.seconds_fix:.1f}s, "
        f"second fix {figures.seconds_second_fix:.1f}s (--no-cache, fresh processes)",
        f"problems: {len(figures.problems)}",
        *(f"  {problem}" for problem in figures.problems),
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("packages", nargs="*", default=list(PACKAGES))
    parser.add_argument("--workdir", type=Path, help="keep the wheels and the trees here")
    parser.add_argument(
        "--stress", action="store_true", help="also fix with every assert made a finding"
    )
    args = parser.parse_args(argv)
    workdir: Path = args.workdir or Path(tempfile.mkdtemp(prefix="hardkit-reliability-"))
    wheels = download(args.packages, workdir / "wheels")
    pristine, tree = workdir / "pristine", workdir / "fixed"
    for folder in (pristine, tree):
        shutil.rmtree(folder, ignore_errors=True)
    unpack(wheels, pristine)
    shutil.copytree(pristine, tree)
    figures = fix_and_verify(tree)
    print(report(figures, wheels), end="")
    print(f"trees: {pristine} (original), {tree} (fixed)")
    problems = len(figures.problems)
    if args.stress:
        stressed = workdir / "stressed"
        shutil.rmtree(stressed, ignore_errors=True)
        shutil.copytree(pristine, stressed)
        words = widen_vocabulary(stressed)
        print(f"\nstress: security-names widened to the {words} words of all assert conditions")
        figures = fix_and_verify(stressed)
        print(report(figures, wheels), end="")
        print(f"tree: {stressed} (fixed under stress)")
        problems += len(figures.problems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
