"""What installing hardkit costs a hook environment (``make footprint``; needs the package
index).

    uv run python -m perf.footprint [--runs 3] [--wheel DIR_OR_FILE] [--json FILE]

Builds hardkit's wheel (``uv build --wheel``), or takes the one given, then for the
plain install and for ``hardkit[audit]``, ``--runs`` times each, in turn: a fresh
``uv venv`` and ``uv pip install`` of the wheel with an empty uv cache (everything
downloaded, as on a fresh machine or in a new pre-commit environment). Prints the
packages installed (hardkit included), the size of the environment (``du`` of the venv,
minus the size of an empty venv) and the median wall time of the install.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent


class Install(NamedTuple):
    name: str
    packages: list[str]
    megabytes: float
    seconds: float


def _du_megabytes(path: Path) -> float:
    done = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[0]) / 1024


def _build_wheel(out: Path) -> Path:
    subprocess.run(["uv", "build", "--wheel", "-q", "-o", str(out)], cwd=REPO, check=True)
    return next(out.glob("hardkit-*.whl"))


def _packages(venv: Path) -> list[str]:
    done = subprocess.run(
        ["uv", "pip", "list", "--python", str(venv / "bin" / "python"), "--format", "freeze"],
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(line.split("==")[0] for line in done.stdout.splitlines() if "==" in line)


def _install_once(work: Path, requirement: str) -> tuple[list[str], float, float]:
    venv, cache = work / "venv", work / "cache"
    for path in (venv, cache):
        shutil.rmtree(path, ignore_errors=True)
    subprocess.run(["uv", "venv", "-q", str(venv)], check=True)
    empty = _du_megabytes(venv)
    start = time.perf_counter()
    subprocess.run(
        ["uv", "pip", "install", "-q", "--cache-dir", str(cache), "--python",
         str(venv / "bin" / "python"), requirement],
        check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    return _packages(venv), _du_megabytes(venv) - empty, seconds


def measure(wheel: Path, runs: int, work: Path) -> list[Install]:
    variants = {"hardkit": str(wheel), "hardkit[audit]": f"hardkit[audit] @ {wheel.as_uri()}"}
    times: dict[str, list[float]] = {name: [] for name in variants}
    last: dict[str, tuple[list[str], float]] = {}
    for _ in range(runs):
        for name, requirement in variants.items():  # in turn: a drifting network hits both
            packages, megabytes, seconds = _install_once(work, requirement)
            times[name].append(seconds)
            last[name] = (packages, megabytes)
    return [
        Install(name, last[name][0], last[name][1], statistics.median(times[name]))
        for name in variants
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="What installing hardkit costs.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--wheel", type=Path, help="a wheel, or a folder holding one")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hardkit-footprint-") as scratch:
        work = Path(scratch)
        wheel: Path = args.wheel or _build_wheel(work / "dist")
        if wheel.is_dir():
            wheel = next(wheel.glob("hardkit-*.whl"))
        results = measure(wheel, args.runs, work)
    print("| install | packages | MB | time (median) |")
    print("|---|---:|---:|---:|")
    for result in results:
        row = f"| `{result.name}` | {len(result.packages)} | {result.megabytes:.1f} | "
        print(row + f"{result.seconds:.2f} s |")
    for result in results:
        print(f"{result.name}: {' '.join(result.packages)}")
    if args.json:
        args.json.write_text(json.dumps([r._asdict() for r in results], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
