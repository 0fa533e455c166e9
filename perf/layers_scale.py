"""HK204 at scale: time the whole-project layering check on generated projects.

    .venv/bin/python -m perf.layers_scale [MODULES ...]   # default: 500 1000 2000 4000

For each size it prints the wall time of ``hardkit check --select HK204`` run as a user
runs it (a fresh process): cold (no cache), warm (every file cached) and after one file
changed, plus the time of the graph search alone (in-process, imports already
extracted). Each figure is the best of three runs. No assertions: the figures are for
reading.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.generated_layers import generate

from hardkit.domain.config import Config
from hardkit.domain.import_graph import ModuleSource, layering_chains
from hardkit.domain.layers import LayeredPackage, ProjectLayout
from hardkit.service.analyse import Settings
from hardkit.service.layers import extract_imports

HARDKIT = [sys.executable, "-m", "hardkit", "check", "--select", "HK204", "--quiet"]


def _run(project: Path, *extra: str) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run([*HARDKIT, *extra], cwd=project, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    return elapsed, len(done.stdout.splitlines())


def _graph_only(project: Path) -> tuple[float, int]:
    settings = Settings(Config(), frozenset({"HK204"}))
    layout = ProjectLayout((LayeredPackage("src/big", "big"),))
    sources = []
    for path in sorted(project.rglob("*.py")):
        key = path.relative_to(project).as_posix()
        imports = extract_imports(key, path.read_bytes(), settings)
        sources.append(ModuleSource(key, layout.module_of_key(key), imports))
    start = time.perf_counter()
    chains = layering_chains(sources, layout, Config().layers)
    return time.perf_counter() - start, len(chains)


def _touch(project: Path, index: int) -> None:
    changed = project / f"src/big/domain/d{index}.py"
    changed.write_text(changed.read_text() + "# touched\n")


def measure(modules: int, repeat: int = 3) -> str:
    """Best of ``repeat`` for each figure: the machine may be busy with other work."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        expected = generate(project, modules)
        cold, found = min(_run(project, "--no-cache") for _ in range(repeat))
        _run(project)  # fill the cache
        warm = min(_run(project)[0] for _ in range(repeat))
        one = min(_touch(project, i + 1) or _run(project)[0] for i in range(repeat))
        graph, chains = min(_graph_only(project) for _ in range(repeat))
    ok = "ok" if found == len(expected) == chains else f"MISMATCH {found}/{len(expected)}"
    return (
        f"{modules:>6} {cold:>9.2f} {warm:>9.2f} {one:>11.2f} {graph * 1000:>10.1f} {found:>8} {ok}"
    )


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [500, 1000, 2000, 4000]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(
        f"{'modules':>6} {'cold s':>9} {'warm s':>9} {'1 changed s':>11} {'graph ms':>10} findings"
    )
    for size in sizes:
        print(measure(size), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
