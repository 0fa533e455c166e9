"""The Django warm re-check of ``compare.py``, for an A/B of a change to the cache.

    uv run python perf/warm_ab.py [--runs 15] [--workdir DIR] [--before SRC]

Times ``hardkit check --quiet .`` on the Django 5.2 package with a warm cache, next to
``ruff check`` with its cache (the row of ``compare.py``), interleaved round by round
(``compare.side_by_side``). ``--before SRC`` adds hardkit run from another source tree
(``git archive main src | tar -x -C DIR`` gives one; its ``src`` is put first on
``PYTHONPATH``), so the figures before and after a change come from the same minutes of
the same machine. Both hardkits run as ``python -m hardkit`` through ``env``, alike.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import REPO, download_corpora, install_peers, side_by_side


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="runs per figure (median)")
    parser.add_argument("--workdir", type=Path, help="keep downloads here (default: a temp dir)")
    parser.add_argument("--before", type=Path, help="a source tree holding hardkit's src/")
    args = parser.parse_args(argv)
    scratch = None if args.workdir else tempfile.TemporaryDirectory(prefix="hardkit-warm-")
    work = args.workdir or Path(scratch.name)  # type: ignore[union-attr]
    bin_dir = install_peers(work)
    django = download_corpora(work, str(bin_dir / "python"))["django"]
    shutil.rmtree(django / ".hardkit_cache", ignore_errors=True)

    def hardkit(src: Path) -> list[str]:
        return ["env", f"PYTHONPATH={src}", sys.executable, "-m", "hardkit", "check", "-q", "."]

    commands = {"after": hardkit(REPO / "src")}
    if args.before:
        commands["before"] = hardkit(args.before.resolve() / "src")
    ruff_cache = ["--cache-dir", str(work / "ruff-cache")]
    commands["ruff"] = [str(bin_dir / "ruff"), "check", "--isolated", "--select", "S101",
                        "--quiet", *ruff_cache, "--exit-zero", "."]  # fmt: skip
    timings = side_by_side(commands, django, args.runs)
    ruff = timings["ruff"].wall
    for name, timing in timings.items():
        ratio = "" if name == "ruff" else f"  {timing.wall / ruff:.2f}x ruff"
        wall, cpu = timing.wall * 1000, timing.cpu * 1000
        print(f"{name:>7}: {wall:7.1f} ms wall, {cpu:7.1f} ms cpu{ratio}")
    if scratch is not None:
        scratch.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
