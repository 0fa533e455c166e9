"""HK101 holds its bar on the labelled set of issue 15: precision and recall >= 0.90.

``make hk101-score`` prints the figures per kind; ``-v`` lists every miss."""

from __future__ import annotations

from tests.hk101_labelled import cases, report, score


def test_the_labelled_set_is_big_enough_and_labelled_by_kind() -> None:
    found = cases()
    security = [c for c in found if c.security]
    assert len(security) >= 80
    assert len(found) - len(security) >= 150
    assert {c.kind for c in security} == {
        "permission", "ownership", "credential", "untrusted_input", "caught"
    }  # fmt: skip


def test_hk101_precision_and_recall_on_the_labelled_set() -> None:
    result = score()
    assert result.precision >= 0.90, report(result, verbose=True)
    assert result.recall >= 0.90, report(result, verbose=True)
