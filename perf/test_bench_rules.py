"""What one file costs, per rule family, and the engine's other paths: discovery, the
cache and the fix loop.

``make bench`` runs these with pytest-benchmark and archives the JSON under
``perf/results/``; nothing here fails on a slow figure (no timed asserts). The per-file
figures are in-process: the interpreter and every import are already warm, as in a
worker of a directory run. ``perf/compare.py`` measures whole runs against the peers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from hardkit.adapters.cache import ResultCache, cache_key
from hardkit.adapters.config_text import sibling_names
from hardkit.adapters.discovery import discover
from hardkit.adapters.source import SourceText
from hardkit.domain.config import Config
from hardkit.domain.registry import rules_by_code
from hardkit.domain.rule import FileKind
from hardkit.service.analyse import Settings, analyse
from hardkit.service.fix import fix_source
from hardkit.service.layers import with_layout
from hardkit.service.session import CheckOptions, check, load_config, settings_for

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "orders-service"
FAMILIES = ("HK1", "HK2", "HK3", "HK4")

# A plain module of the kind most of a code base is: functions, a class, invariant
# asserts (they name no security word, so the ast screen settles them).
_PLAIN_BLOCK = '''
def area_{n}(width: float, height: float) -> float:
    """The area of a rectangle."""
    assert width >= 0 and height >= 0, "sizes are never negative"
    return width * height


class Basket{n}:
    def __init__(self, items: list[tuple[str, int]]) -> None:
        self.items = items

    def total(self) -> int:
        assert all(quantity > 0 for _, quantity in self.items)
        return sum(quantity for _, quantity in self.items)
'''
PLAIN_MODULE = "".join(_PLAIN_BLOCK.format(n=n) for n in range(20))  # ~300 lines


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "orders-service"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns(".hardkit_cache"))
    return project


def _settings(project: Path, family: str) -> Settings:
    loaded = load_config((project,), None, project)
    settings = settings_for(CheckOptions(select=[family]), loaded)
    candidates = discover([project], loaded.root, settings.config.all_excludes).files
    return with_layout(settings, candidates, loaded.root)


# The bundled example's file that each family is about (each holds a finding).
_FAMILY_FILES = {
    "HK1": ("src/orders/service/checkout.py", FileKind.PYTHON),
    "HK2": ("src/orders/domain/model.py", FileKind.PYTHON),
    "HK3": ("Dockerfile", FileKind.DOCKERFILE),
    "HK4": ("pyproject.toml", FileKind.CONFIG),
}


@pytest.mark.parametrize("family", FAMILIES)
def test_family_cost_of_a_file_with_findings(
    benchmark: BenchmarkFixture, tmp_path: Path, family: str
) -> None:
    project = _project(tmp_path)
    settings = _settings(project, family)
    key, kind = _FAMILY_FILES[family]
    data = (project / key).read_bytes()
    siblings = sibling_names(project / key, project) if kind is FileKind.CONFIG else frozenset()
    result = benchmark(lambda: analyse(key, kind, data, settings, siblings).result)
    assert any(f.code.startswith(family) for f in result.findings), result


@pytest.mark.parametrize("family", ["HK1", "HK2"])
def test_family_cost_of_a_plain_python_file(
    benchmark: BenchmarkFixture, tmp_path: Path, family: str
) -> None:
    """~300 lines with invariant asserts, inside the domain layer: the common case."""
    project = _project(tmp_path)
    settings = _settings(project, family)
    data = PLAIN_MODULE.encode()
    key = "src/orders/domain/shapes.py"
    result = benchmark(lambda: analyse(key, FileKind.PYTHON, data, settings).result)
    assert result.findings == ()


def test_parse_only_cost_of_a_plain_python_file(benchmark: BenchmarkFixture) -> None:
    """HK001 alone: the ``ast.parse`` every Python file pays, the floor of the above."""
    settings = Settings(Config(), frozenset({"HK001"}))
    data = PLAIN_MODULE.encode()
    result = benchmark(lambda: analyse("shapes.py", FileKind.PYTHON, data, settings).result)
    assert result.findings == ()


def test_discovery_of_a_large_tree(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """2,000 Python files in 200 packages, with other files beside them and a .gitignore."""
    root = tmp_path / "tree"
    for package in range(200):
        folder = root / f"pkg{package}" / "sub"
        folder.mkdir(parents=True)
        for module in range(10):
            (folder / f"m{module}.py").write_text("x = 1\n")
            (folder / f"m{module}.txt").write_text("notes\n")
    (root / ".gitignore").write_text("*.txt\nbuild/\n")
    found = benchmark(lambda: discover([root], root, Config().all_excludes))
    assert len(found.files) == 2000


def test_cache_hits(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """Reading back 500 stored results (what a warm run does per unchanged file)."""
    project = _project(tmp_path)
    settings = _settings(project, "HK")
    result = analyse("src/app.py", FileKind.PYTHON, PLAIN_MODULE.encode(), settings).result
    cache = ResultCache(tmp_path)
    keys = [cache_key("bench", str(n), PLAIN_MODULE) for n in range(500)]
    for key in keys:
        cache.put(key, result)
    hits = benchmark(lambda: [cache.get(key) for key in keys])
    assert all(hit == result for hit in hits)


def test_fix_of_a_file(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """The fix loop on the example's checkout module: fix, re-check, stop when stable."""
    project = _project(tmp_path)
    settings = _settings(project, "HK1")
    key = "src/orders/service/checkout.py"
    source = SourceText((project / key).read_text(encoding="utf-8"), "utf-8")
    outcome = benchmark(lambda: fix_source(key, FileKind.PYTHON, source, settings))
    assert outcome.applied >= 1


def test_fix_diff_of_the_example(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """``hardkit check --diff`` of the whole example (every fixable family, no writes)."""
    project = _project(tmp_path)
    options = CheckOptions(paths=(project,), diff=True, use_cache=False)
    report = benchmark(lambda: check(options, cwd=project))
    assert report.diffs


def test_every_family_is_benchmarked() -> None:
    families = {code[:3] for code in rules_by_code() if code[2] in "1234"}
    assert families == set(FAMILIES)
