"""The baseline model (``domain/baseline.py``) on its own: fingerprints, occurrence
numbering, matching. Mutation testing (issue 9) showed it was exercised only through the
CLI tests; these pin each decision where it is made."""

from __future__ import annotations

from hardkit.domain.baseline import (
    BaselineEntry,
    apply_baseline,
    entries_for,
    fingerprint,
    normalised_source,
)
from hardkit.domain.config import Config
from hardkit.domain.findings import Finding
from hardkit.domain.selection import is_unsuppressible


def finding(line: int, end_line: int = 0, code: str = "HK101", path: str = "app.py") -> Finding:
    return Finding(code, path, line, 5, end_line or line, 9, f"message {line}")


LINES = [
    "def view(request, token):\n",
    "    assert   token\n",
    "    assert token\n",
    "    assert (\n",
    "        token.valid\n",
    "    )\n",
]


def test_normalised_source_joins_the_flagged_lines_and_collapses_whitespace() -> None:
    assert normalised_source(LINES, finding(2)) == "assert token"
    assert normalised_source(LINES, finding(4, 6)) == "assert ( token.valid )"
    # an end line before the start (a point finding) still covers the start line
    assert normalised_source(LINES, finding(3)._replace(end_line=1)) == "assert token"
    assert normalised_source(LINES, finding(1)) == "def view(request, token):"
    assert normalised_source([], finding(1)) == ""


def test_the_fingerprint_is_stable_across_versions() -> None:
    """Baseline files keep fingerprints: their format must never drift."""
    assert fingerprint("HK101", "app/views.py", "assert token") == "eec0611167fcff2348bb"
    assert (
        len({fingerprint(*parts) for parts in (("a", "b", "c"), ("b", "a", "c"), ("a", "bc", ""))})
        == 3
    )


def test_entries_number_identical_statements_of_a_file_in_source_order() -> None:
    lines_of = {"app.py": LINES, "other.py": LINES}
    findings = [finding(3), finding(2), finding(4, 6), finding(2, path="other.py")]
    entries = entries_for(findings, lines_of)
    same = fingerprint("HK101", "app.py", "assert token")
    assert entries == [
        BaselineEntry("app.py", "HK101", same, 0, 2, "message 2"),
        BaselineEntry("app.py", "HK101", same, 1, 3, "message 3"),
        BaselineEntry(
            "app.py",
            "HK101",
            fingerprint("HK101", "app.py", "assert ( token.valid )"),
            0,
            4,
            "message 4",
        ),
        BaselineEntry(
            "other.py",
            "HK101",
            fingerprint("HK101", "other.py", "assert token"),
            0,
            2,
            "message 2",
        ),
    ]
    other_code = entries_for([finding(2, code="HK102"), finding(3)], lines_of)
    assert [e.occurrence for e in other_code] == [0, 0]


def test_apply_hides_recorded_findings_and_counts_stale_entries() -> None:
    lines_of = {"app.py": LINES}
    recorded = entries_for([finding(2), finding(4, 6)], lines_of)
    # the same statements one line further down: still matched (not by line number)
    moved = {"app.py": ["\n", *LINES]}
    match = apply_baseline([finding(3), finding(5, 7)], moved, recorded)
    assert (match.kept, match.hidden, match.stale) == ([], 2, 0)
    # a second identical statement is new; an entry with nothing left to match is stale
    match = apply_baseline([finding(3), finding(2)], lines_of, recorded)
    assert (match.kept, match.hidden, match.stale) == ([finding(3)], 1, 1)
    # an edited statement is new, and the entry that recorded it goes stale
    edited = {"app.py": [*LINES[:3], "    assert (\n", "        token.ok\n", "    )\n"]}
    match = apply_baseline([finding(4, 6)], edited, recorded)
    assert (match.kept, match.hidden, match.stale) == ([finding(4, 6)], 0, 2)
    # duplicate entries in a baseline file count once
    match = apply_baseline([], lines_of, [*recorded, *recorded])
    assert (match.kept, match.hidden, match.stale) == ([], 0, 2)


def test_kept_findings_come_back_in_report_order() -> None:
    lines_of = {"app.py": LINES}
    match = apply_baseline([finding(4, 6), finding(2)], lines_of, [])
    assert match.kept == [finding(2), finding(4, 6)]
    assert (match.hidden, match.stale) == (0, 0)


def test_unsuppressible_is_a_prefix_match() -> None:
    config = Config(unsuppressible=("HK1", "HK301"))
    assert is_unsuppressible("HK101", config)
    assert is_unsuppressible("HK301", config)
    assert not is_unsuppressible("HK302", config)
    assert not is_unsuppressible("HK201", Config())
