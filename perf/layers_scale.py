"""HK204 at scale: time the whole-project layering check on generated projects.

    .venv/bin/python -m perf.layers_scale [MODULES ...]   # default: 500 1000 2000 4000

For each size it prints the wall and CPU time of ``hardkit check --select HK204`` run as
a user runs it (a fresh process): cold (no cache), warm (every file cached) and after one
file changed, plus the time of the graph search alone (in-process, imports already
extracted). Each figure is the best of three runs. No assertions: the figures are for
reading.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.generated_layers import generate

from hardkit.domain.config import Config
from hardkit.domain.layering.import_graph import ModuleSource, layering_chains
from hardkit.domain.project import LayeredPackage, Project, ProjectLayout
from hardkit.service.analyse import Settings
from hardkit.service.layers import extract_imports

HARDKIT = [sys.executable, "-m", "hardkit", "check", "--select", "HK204", "--quiet"]


def _run(project: Path, *extra: str) -> tuple[float, float, int]:
    """Wall and CPU seconds (user + system, of the child) of one run, and its findings."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*HARDKIT, *extra], cwd=project, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, cpu, len(done.stdout.splitlines())


def _graph_only(project: Path) -> tuple[float, int, int]:
    settings = Settings(Config(), frozenset({"HK204"}))
    layout = ProjectLayout((LayeredPackage("src/big", ""),), (Project("", ("src", "")),))
    sources = []
    for path in sorted(project.rglob("*.py")):
        key = path.relative_to(project).as_posix()
        sources.append(ModuleSource(key, extract_imports(key, path.read_bytes(), settings)))
    start = time.perf_counter()
    chains = layering_chains(sources, layout, Config().layers)
    size = len(sources) + sum(len(s.imports) for s in sources)
    return time.perf_counter() - start, len(chains), size


def _touch(project: Path, index: int) -> None:
    changed = project / f"src/big/domain/d{index}.py"
    changed.write_text(changed.read_text() + "# touched\n")


def measure(modules: int, repeat: int = 3) -> str:
    """Best of ``repeat`` for each figure: the machine may be busy with other work."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        expected = generate(project, modules)
        cold = min(_run(project, "--no-cache") for _ in range(repeat))
        _run(project)  # fill the cache
        warm = min(_run(project) for _ in range(repeat))
        one = min(_touch(project, i + 1) or _run(project) for i in range(repeat))
        graph, chains, size = min(_graph_only(project) for _ in range(repeat))
    found = cold[2]
    ok = "ok" if found == len(expected) == chains == warm[2] else f"MISMATCH {found}"
    cells = " ".join(f"{wall:>6.2f}/{cpu:<5.2f}" for wall, cpu, _ in (cold, warm, one))
    per = graph * 1e6 / size
    return f"{modules:>7} {cells} {graph * 1000:>9.1f} {per:>8.1f} {found:>8} {ok}"


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [500, 1000, 2000, 4000]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print("seconds as wall/cpu; graph = the search alone, in-process, and per module+import")
    print(
        f"{'modules':>7} {'cold':>12} {'warm':>12} {'1 changed':>12} {'graph ms':>9} "
        f"{'us/item':>8} findings"
    )
    for size in sizes:
        print(measure(size), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
