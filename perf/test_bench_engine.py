"""Engine benchmarks: a cold check of the bundled example, and a warm (cached) one."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytest_benchmark.fixture import BenchmarkFixture

from hardkit.service.session import CheckOptions, check

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "orders-service"


def test_cold_check_of_example(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    project = tmp_path / "orders-service"
    shutil.copytree(EXAMPLE, project)
    report = benchmark(lambda: check(CheckOptions(paths=(project,), use_cache=False), cwd=project))
    assert report.files_checked > 0


def test_warm_check_of_example(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    project = tmp_path / "orders-service"
    shutil.copytree(EXAMPLE, project)
    check(CheckOptions(paths=(project,)), cwd=project)
    report = benchmark(lambda: check(CheckOptions(paths=(project,)), cwd=project))
    assert report.files_checked > 0
