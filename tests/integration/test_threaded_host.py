"""hardkit called from a process that runs other threads (a test runner, an editor plugin).

Worker processes forked from such a host can inherit a lock another thread held at fork
time and wait for it forever (seen as a hang of a parallel run inside a pytest-xdist
worker); there the pool starts its workers from a fork server instead.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from hardkit.domain.config import Config
from hardkit.domain.registry import rules_by_code
from hardkit.service.analyse import Settings
from hardkit.service.check import PARALLEL_THRESHOLD, CheckRequest, pool_context, run_check
from tests.helpers import write

FORKSERVER = "forkserver" in multiprocessing.get_all_start_methods()


@contextmanager
def another_thread() -> Iterator[None]:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _positions(root: Path, jobs: int) -> list[tuple[str, str, int, int]]:
    settings = Settings(Config(), frozenset(rules_by_code()))
    request = CheckRequest(
        paths=(root,), settings=settings, root=root, cwd=root, use_cache=False, jobs=jobs
    )
    report = run_check(request)
    return sorted((f.path, f.code, f.line, f.column) for f in report.findings)


def test_a_single_threaded_process_keeps_the_default_start_method() -> None:
    if threading.active_count() > 1:
        pytest.skip("this test process already runs other threads")
    assert pool_context() is None


@pytest.mark.skipif(not FORKSERVER, reason="no forkserver start method on this platform")
def test_a_threaded_host_starts_workers_from_a_fork_server(tmp_path: Path) -> None:
    count = PARALLEL_THRESHOLD + 12
    files = {
        # Every file needs a parse (an assert): screened-out ones never reach a worker.
        f"pkg/mod_{i}.py": "def f(user):\n    assert user.is_admin\n"
        if i % 5 == 0
        else "def f(x):\n    assert x\n"
        for i in range(count)
    }
    write(tmp_path, files)
    serial = _positions(tmp_path, jobs=1)
    with another_thread():
        context = pool_context()
        assert context is not None
        assert context.get_start_method() == "forkserver"
        parallel = _positions(tmp_path, jobs=2)
    assert parallel == serial
    assert [p for p in serial if p[1] == "HK101"][:2] == [
        ("pkg/mod_0.py", "HK101", 2, 5),
        ("pkg/mod_10.py", "HK101", 2, 5),
    ]
