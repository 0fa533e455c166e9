"""Suppression, fix application and selection, pinned where mutation testing (issue 9)
showed a changed line went unnoticed by the unit tests: the HK002 findings made for
attempts to suppress an unsuppressible rule, fixes given in any order, adjacent edits,
one-letter selectors, a case-insensitive Dockerfile ignore comment."""

from __future__ import annotations

from pathlib import Path

from hardkit.domain.baseline import entries_for
from hardkit.domain.findings import Edit, Finding, Fix
from hardkit.domain.fixes import apply_fixes
from hardkit.domain.selection import is_selected
from hardkit.domain.suppression import apply_suppressions, dockerfile_ignore_codes


class Comments:
    """A file's suppression comments: line -> codes, the comment at column 20 + line."""

    def __init__(self, codes: dict[int, frozenset[str]]) -> None:
        self._codes = codes

    def codes(self, line: int) -> frozenset[str]:
        return self._codes.get(line, frozenset())

    def column(self, line: int) -> int:
        return 20 + line

    def lines_for(self, finding: Finding) -> tuple[int, ...]:
        return (finding.line, finding.anchor_line or finding.line, finding.line)


def flag(line: int, code: str = "HK101", anchor: int = 0) -> Finding:
    fix = Fix((Edit(0, 1, "x"),))
    return Finding(code, "app.py", line, 5, line, 9, "flagged", fix, anchor)


def test_attempts_to_suppress_an_unsuppressible_rule_are_hk002_findings() -> None:
    comments = Comments({3: frozenset({"HK101"}), 2: frozenset({"HK101", "HK203"})})
    kept = apply_suppressions([flag(3, anchor=2)], comments, ("HK1",), ("HK101",))
    assert kept == [
        flag(3, anchor=2),
        flag(3, anchor=2)._replace(
            code="HK002",
            message="per-file-ignores cannot suppress HK101: it is listed in `unsuppressible`",
            fix=None,
        ),
        Finding(
            "HK002",
            "app.py",
            2,
            22,
            2,
            22,
            "this comment cannot suppress HK101: it is listed in `unsuppressible`",
        ),
        Finding(
            "HK002",
            "app.py",
            3,
            23,
            3,
            23,
            "this comment cannot suppress HK101: it is listed in `unsuppressible`",
        ),
    ]


def test_suppression_without_unsuppressible_rules() -> None:
    comments = Comments({3: frozenset({"HK101"})})
    assert apply_suppressions([flag(3), flag(4)], comments, (), ()) == [flag(4)]
    assert apply_suppressions([flag(3), flag(4)], comments, ("HK10",), ()) == []
    # an HK002 finding can never be suppressed, whatever names it
    hk002 = flag(3, code="HK002")
    assert apply_suppressions([hk002], Comments({3: frozenset({"HK002"})}), ("HK0",), ()) == [hk002]
    # an unsuppressible rule nobody tried to suppress: just the finding
    assert apply_suppressions([flag(4)], comments, (), ("HK101",)) == [flag(4)]


def test_the_dockerfile_ignore_comment_ignores_letter_case() -> None:
    assert dockerfile_ignore_codes("# Hardkit IGNORE=hk301, HK304") == {"HK301", "HK304"}
    assert dockerfile_ignore_codes("RUN x # hardkit ignore=HK301") == frozenset()


def test_fixes_apply_in_text_order_whatever_order_they_come_in() -> None:
    text = "aaa bbb ccc"
    first = Fix((Edit(0, 3, "A"),))
    second = Fix((Edit(4, 7, "B"),))
    clash = Fix((Edit(2, 5, "!"),))  # overlaps both: left for the next pass
    assert apply_fixes(text, [clash, second, first]) == ("A B ccc", 2)
    assert apply_fixes(text, [second, clash, first]) == ("A B ccc", 2)


def test_a_fix_without_edits_is_skipped_among_others() -> None:
    text = "aaa bbb"
    assert apply_fixes(text, [Fix(()), Fix((Edit(4, 7, "B"),)), Fix(())]) == ("aaa B", 1)


def test_adjacent_edits_do_not_overlap_but_two_insertions_at_one_point_do() -> None:
    text = "abcdef"
    assert apply_fixes(text, [Fix((Edit(0, 3, "X"),)), Fix((Edit(3, 6, "Y"),))]) == ("XY", 2)
    assert apply_fixes(text, [Fix((Edit(3, 3, "1"),)), Fix((Edit(3, 3, "2"),))]) == (
        "abc1def",
        1,
    )
    for pair in ([(3, 3, "1"), (3, 4, "D")], [(3, 4, "D"), (3, 3, "1")]):
        assert apply_fixes(text, [Fix((Edit(*e),)) for e in pair]) == ("abc1Def", 2)


def test_a_one_letter_selector_selects() -> None:
    assert is_selected("HK101", ["H"], [])
    assert not is_selected("HK101", ["H"], ["HK"])
    assert is_selected("HK101", ["HK101"], ["HK1"])
    assert not is_selected("HK101", ["HK1"], ["HK1"])
    assert not is_selected("HK101", ["HK2"], [])


def test_baseline_entries_come_in_report_order_and_count_every_repeat() -> None:
    lines = ["    assert token\n"] * 3 + ["x = 1\n"]
    findings = [
        Finding("HK101", "b.py", 1, 5, 1, 9, "m"),
        Finding("HK203", "a.py", 4, 1, 4, 5, "m"),
        Finding("HK101", "a.py", 3, 5, 3, 9, "m"),
        Finding("HK101", "a.py", 1, 5, 1, 9, "m"),
        Finding("HK101", "a.py", 2, 5, 2, 9, "m"),
    ]
    entries = entries_for(findings, {"a.py": lines})  # b.py's lines are unknown: no crash
    assert [(e.path, e.code, e.line, e.occurrence) for e in entries] == [
        ("a.py", "HK101", 1, 0),
        ("a.py", "HK101", 2, 1),
        ("a.py", "HK101", 3, 2),
        ("a.py", "HK203", 4, 0),
        ("b.py", "HK101", 1, 0),
    ]


def test_plain_name_excludes_match_any_directory_on_the_path() -> None:
    from hardkit.domain.globs import matches_any

    assert matches_any(("node_modules",), "web/node_modules/pkg/x.py")
    assert matches_any(("node_modules", "*.gen.py"), "node_modules")
    assert matches_any(("x", "*.gen.py"), "src/a.gen.py")
    assert not matches_any(("node_modules",), "web/node_modules_old/x.py")


def test_a_trailing_slash_means_the_directory_and_everything_in_it(tmp_path: Path) -> None:
    """``extend-exclude = ["build/"]`` (gitignore style) used to match nothing at all."""
    from hardkit.adapters.discovery import discover
    from hardkit.domain.globs import matches, matches_any

    assert matches("build/", "build")
    assert matches("build/", "pkg/build/x.py")
    assert not matches("build/", "pkg/builds/x.py")
    assert matches("src/gen/", "src/gen/x.py")
    assert matches("src/gen/", "src/gen")
    assert not matches("src/gen/", "src/general.py")
    assert not matches("src/gen/", "lib/src/gen/x.py")
    assert matches_any(("build/", "node_modules"), "build/lib/x.py")
    for name in ("build/lib/x.py", "src/gen/y.py", "src/app.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    found = discover([tmp_path], tmp_path, ("build/", "src/gen/"))
    assert [c.key for c in found.files] == ["src/app.py"]


def test_a_run_of_capitals_ends_before_the_capital_that_starts_a_word() -> None:
    from hardkit.domain.asserts.security_words import split_words

    assert split_words("HTTPRe") == ("http", "re")
    assert split_words("isJWTs") == ("is", "jw", "ts")
    assert split_words("ABc") == ("a", "bc")


def test_kept_findings_are_in_report_order_across_codes() -> None:
    from hardkit.domain.baseline import apply_baseline

    later = Finding("HK101", "a.py", 2, 1, 2, 5, "m")
    earlier = Finding("HK203", "a.py", 1, 1, 1, 5, "m")
    assert apply_baseline([later, earlier], {"a.py": ["x\n", "y\n"]}, []).kept == [earlier, later]
