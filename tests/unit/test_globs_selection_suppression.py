from __future__ import annotations

import pytest

from hardkit.domain.config import Config
from hardkit.domain.globs import matches
from hardkit.domain.selection import enabled_codes, ignored_for_path, is_selected
from hardkit.domain.suppression import dockerfile_ignore_codes, names_code, noqa_codes


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("tests/**", "tests/unit/test_a.py", True),
        ("tests/**", "tests", True),
        ("tests/**", "src/tests/a.py", False),
        ("**/test_*.py", "test_a.py", True),
        ("**/test_*.py", "pkg/sub/test_a.py", True),
        ("**/test_*.py", "pkg/mytest_a.py", False),
        ("**/*_test.py", "pkg/a_test.py", True),
        ("**/conftest.py", "conftest.py", True),
        ("node_modules", "web/node_modules/x.py", True),
        ("*.egg-info", "pkg.egg-info", True),
        ("legacy/**", "legacy/old/views.py", True),
        ("legacy/*.py", "legacy/old/views.py", False),
        ("src/?.py", "src/a.py", True),
        ("src/[ab].py", "src/c.py", False),
        ("src/[!ab].py", "src/c.py", True),
        ("./src/app.py", "src/app.py", True),
        ("tests/**/fixtures", "tests/unit/fixtures", True),
    ],
)
def test_glob_semantics(pattern: str, path: str, expected: bool) -> None:
    assert matches(pattern, path) is expected


def test_prefix_selection_more_specific_wins() -> None:
    assert is_selected("HK101", ["HK"], [])
    assert not is_selected("HK101", ["HK"], ["HK1"])
    assert is_selected("HK101", ["HK101"], ["HK1"])
    assert not is_selected("HK101", ["HK1"], ["HK1"])  # a tie: ignore wins
    assert not is_selected("HK301", ["HK1"], [])


def test_enabled_codes_combine_select_extend_select_and_ignore() -> None:
    codes = ["HK001", "HK101", "HK102", "HK301"]
    config = Config(select=("HK1",), extend_select=("HK301",), ignore=("HK102",))
    assert enabled_codes(codes, config) == {"HK101", "HK301"}


def test_per_file_ignores_apply_by_glob() -> None:
    config = Config(per_file_ignores=(("legacy/**", ("HK101",)), ("*.pyi", ("HK2",))))
    assert ignored_for_path("legacy/a.py", config) == ("HK101",)
    assert ignored_for_path("src/a.pyi", config) == ("HK2",)
    assert ignored_for_path("src/a.py", config) == ()


@pytest.mark.parametrize(
    ("comment", "codes"),
    [
        ("# noqa: HK101", {"HK101"}),
        ("# noqa:HK101,HK203", {"HK101", "HK203"}),
        ("# NOQA: hk101 , S101", {"HK101", "S101"}),
        ("# noqa", set()),
        ("# noqa - reviewed", set()),
        ("# type: ignore  # noqa: HK101", {"HK101"}),
    ],
)
def test_noqa_codes(comment: str, codes: set[str]) -> None:
    assert noqa_codes(comment) == codes


def test_a_bare_noqa_names_no_hk_code() -> None:
    assert not names_code(noqa_codes("# noqa"), "HK101")
    assert names_code(noqa_codes("# noqa: HK101"), "HK101")
    assert not names_code(noqa_codes("# noqa: HK102"), "HK101")


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("# hardkit ignore=HK301,HK304", {"HK301", "HK304"}),
        ("  #hardkit ignore = HK307", {"HK307"}),
        ("# hardkit ignore", set()),
        ("RUN echo # hardkit ignore=HK301", set()),
    ],
)
def test_dockerfile_ignore_comments(line: str, codes: set[str]) -> None:
    assert dockerfile_ignore_codes(line) == codes
