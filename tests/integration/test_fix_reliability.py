"""Fix safety on a small committed sample of real-world-style code (``tests/data/
reliability``): the harness of ``make reliability`` (``perf/reliability.py``), which runs
the real CLI, on asserts in every statement position, in CRLF, latin-1 and BOM+tab files.

The sample files end in ``.py.txt`` so that linters and pytest leave them alone; they are
renamed to ``.py`` in the temporary copy the fix runs on.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from perf.reliability import check_hunks, fix_and_verify

SAMPLE = Path(__file__).parent.parent / "data" / "reliability"


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "sample"
    shutil.copytree(SAMPLE, tree)
    for path in list(tree.rglob("*.py.txt")):
        path.rename(path.with_suffix(""))
    (tree / "pyproject.toml").write_text('[project]\nname = "sample"\n', encoding="utf-8")
    return tree


def test_fix_on_the_sample_compiles_touches_only_the_asserts_and_is_stable(
    tmp_path: Path,
) -> None:
    tree = _copy(tmp_path)
    untouched = {name: (tree / name).read_bytes() for name in ("tests/test_views.py",)}
    figures = fix_and_verify(tree)
    assert figures.problems == []
    assert (figures.files, figures.compiled_before, figures.compiled_after) == (5, 5, 5)
    assert figures.findings_before == {"HK101": 17}
    assert (figures.fixes, figures.files_changed) == (17, 4)
    assert figures.findings_after == {}
    assert figures.second_run_changed == 0
    for name, data in untouched.items():
        assert (tree / name).read_bytes() == data  # test code: asserts are fine there
    views = (tree / "app" / "views.py").read_text(encoding="utf-8")
    assert "    assert isinstance(items, list)\n" in views  # not a security check
    assert "        # a comment inside the condition stays\n" in views
    crlf = (tree / "app" / "auth_service.py").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n") == 14  # 11 lines, 3 more from the fix
    assert (tree / "app" / "legacy.py").read_bytes().startswith(b"# -*- coding: latin-1")
    assert b"r\xe9serv\xe9 aux administrateurs" in (tree / "app" / "legacy.py").read_bytes()
    assert (tree / "app" / "gate.py").read_bytes().startswith(b"\xef\xbb\xbfclass Gate:\n\t")


def test_the_harness_sees_a_change_outside_the_fixed_asserts() -> None:
    """The verifier itself: a hunk away from every reported assert is a problem."""
    old = "def f(user):\n    x = 1\n    assert user.is_admin\n    return x\n"
    fixed = "def f(user):\n    x = 1\n    if not user.is_admin:\n        raise AssertionError\n"
    fixed += "    return x\n"
    assert check_hunks(old, fixed, [(3, 3)]) == (1, [])
    for sneaky, lines in ((fixed.replace("x = 1", "x = 2"), "2-3"), (fixed + "y = 1\n", "5-4")):
        _, problems = check_hunks(old, sneaky, [(3, 3)])
        assert len(problems) == 1
        assert problems[0].startswith(f"lines {lines}: a change outside every fixed assert")
    _, problems = check_hunks(old, fixed.replace("return x", "return y"), [(3, 3)])
    assert problems[0].startswith("lines 3-4: a change outside every fixed assert")
