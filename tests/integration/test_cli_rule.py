"""``hardkit rule``: the list (one line per rule), a code, a prefix, --all."""

from __future__ import annotations

import re

import pytest

from hardkit.domain.registry import all_rules
from hardkit.entrypoints.cli import main

RULES = all_rules()
LINE = re.compile(r"(HK\d{3})  (\S+) +(\[\*\]|   )  (\S.*)")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["rule", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_alone_it_lists_code_name_fixable_and_summary_one_line_each(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(RULES)
    for line, rule in zip(lines, RULES, strict=True):
        parsed = LINE.fullmatch(line)
        assert parsed is not None, line
        assert parsed.groups() == (
            rule.code,
            rule.name,
            "[*]" if rule.fixable else "   ",
            rule.summary,
        )
    widths = {line.index(rule.summary) for line, rule in zip(lines, RULES, strict=True)}
    assert len(widths) == 1, "the summaries start in one column"


def test_the_list_holds_hk101_as_a_fixable_rule(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys)
    hk101 = next(line for line in out.splitlines() if line.startswith("HK101 "))
    assert hk101.split()[:3] == ["HK101", "assert-used-for-security", "[*]"]


@pytest.mark.parametrize("prefix", ["HK1", "hk30", "HK4", "HK"])
def test_a_prefix_documents_every_rule_it_names(
    prefix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, prefix)
    assert code == 0
    named = [r for r in RULES if r.code.startswith(prefix.upper())]
    titles = [line for line in out.splitlines() if line.startswith("# ") and "(HK" in line]
    assert titles == [f"# {r.name} ({r.code})" for r in named]


def test_a_full_code_documents_that_rule_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "HK101")
    assert code == 0
    assert out.startswith("# assert-used-for-security (HK101)\n")
    assert "(HK102)" not in out


def test_a_selector_that_names_no_rule_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(capsys, "HK9") == (
        2,
        "",
        "hardkit: error: no rule code is or starts with 'HK9'; 'hardkit rule' lists them\n",
    )
    assert _run(capsys, "HK1", "--all")[0] == 2
