"""HK101 and HK104 on the code of security-heavy Python projects (``make hk1-corpus``).

    uv run python -m perf.hk1_corpus [--workdir DIR] [--json FILE]

Downloads the current wheels (or, without one, the sdists) of Django, django-allauth,
django-oauth-toolkit, oauthlib, Authlib, PyJWT, social-auth-core, pysaml2,
matrix-synapse, Tornado, SQLAlchemy, FastAPI, Starlette, Flask, Werkzeug, itsdangerous
and requests-oauthlib (``pip download --no-deps`` from a throwaway venv, as
``perf/compare.py`` does; nothing is committed), unpacks them, and runs ``hardkit check
--select HK101,HK104`` on each. Prints every hit with its source line, to be judged by
reading the code (issue 15's closing note lists each with a verdict), and per project
the number of asserts outside test code: what bandit's B101 would report there.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from hardkit.domain.globs import matches_any

PACKAGES = (
    "django",
    "django-allauth",
    "django-oauth-toolkit",
    "oauthlib",
    "authlib",
    "pyjwt",
    "social-auth-core",
    "pysaml2",
    "matrix-synapse",
    "tornado",
    "sqlalchemy",
    "fastapi",
    "starlette",
    "flask",
    "werkzeug",
    "itsdangerous",
    "requests-oauthlib",
)
TEST_PATHS = ("tests/**", "test/**", "**/test_*.py", "**/*_test.py", "**/conftest.py")


def _run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def download(work: Path) -> list[Path]:
    """One archive per package (a wheel where there is one), in ``work/archives``."""
    archives = work / "archives"
    if not archives.is_dir() or not any(archives.iterdir()):
        venv = work / "venv"
        _run(["uv", "venv", "--quiet", "--seed", str(venv)])
        _run([str(venv / "bin" / "python"), "-m", "pip", "download", "--quiet", "--no-deps",
              "--prefer-binary", "--dest", str(archives), *PACKAGES])  # fmt: skip
    return sorted(p for p in archives.iterdir() if p.suffix in {".whl", ".gz", ".zip"})


def unpack(archive: Path, work: Path) -> Path:
    """The archive's files under ``work/trees/<archive name>``."""
    target = work / "trees" / archive.name.split("-")[0].lower().replace("_", "-")
    if target.exists():
        return target
    target.mkdir(parents=True)
    if archive.suffix in {".whl", ".zip"}:
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(target)
    else:
        with tarfile.open(archive) as tarred:
            if hasattr(tarfile, "data_filter"):  # Python 3.12+, and 3.10.12/3.11.4+
                tarred.extractall(target, filter="data")
            else:  # pragma: no cover - older interpreters
                tarred.extractall(target)
    return target


def b101_count(tree: Path) -> int:
    """Asserts in the files hardkit checks (test code left out, as HK1xx does)."""
    count = 0
    for path in tree.rglob("*.py"):
        if matches_any(TEST_PATHS, path.relative_to(tree).as_posix()):
            continue
        try:
            module = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        count += sum(isinstance(node, ast.Assert) for node in ast.walk(module))
    return count


def hits(tree: Path) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "hardkit", "check", "--no-cache", "--exit-zero",
         "--select", "HK101,HK104", "--output-format", "json", "."],
        cwd=tree, capture_output=True, text=True, check=False,
    )  # fmt: skip
    findings: list[dict[str, Any]] = json.loads(done.stdout)["findings"]
    for finding in findings:
        lines = (tree / finding["path"]).read_text(encoding="utf-8", errors="replace")
        finding["source"] = lines.splitlines()[finding["line"] - 1].strip()
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--workdir", type=Path, help="keep downloads here (default: temp)")
    parser.add_argument("--json", type=Path, help="also write every hit and count here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hardkit-hk1-") as scratch:
        work = args.workdir or Path(scratch)
        report: list[dict[str, Any]] = []
        for archive in download(work):
            tree = unpack(archive, work)
            found = hits(tree)
            report.append({"archive": archive.name, "b101": b101_count(tree), "hits": found})
    print("| archive | asserts outside tests (B101) | HK101 | HK104 |")
    print("|---|---|---|---|")
    for entry in report:
        codes = [f["code"] for f in entry["hits"]]
        print(f"| {entry['archive']} | {entry['b101']} | "
              f"{codes.count('HK101')} | {codes.count('HK104')} |")  # fmt: skip
    total = sum(e["b101"] for e in report)
    every = [f for e in report for f in e["hits"]]
    print(f"| all | {total} | {sum(f['code'] == 'HK101' for f in every)} | "
          f"{sum(f['code'] == 'HK104' for f in every)} |")  # fmt: skip
    print()
    for entry in report:
        for f in entry["hits"]:
            print(f"{entry['archive']}: {f['path']}:{f['line']}: {f['code']} {f['message']}")
            print(f"    {f['source']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
