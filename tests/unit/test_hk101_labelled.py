"""HK101 holds its bar on the labelled set of issue 15: precision and recall >= 0.90.

``make hk101-score`` prints the figures per kind; ``-v`` lists every miss."""

from __future__ import annotations

from tests.hk101_labelled import cases, report, score


def test_the_labelled_set_is_big_enough_and_labelled_by_kind() -> None:
    found = cases()
    security = [c for c in found if c.security]
    assert len(security) >= 230
    assert len(found) - len(security) >= 300
    assert {c.kind for c in security} == {
        "permission", "ownership", "credential", "untrusted_input", "caught", "integrity",
        "command_role", "rpc_socket", "protocol", "tenant", "upload",
    }  # fmt: skip


def test_hk101_precision_and_recall_on_the_labelled_set() -> None:
    result = score()
    assert result.precision >= 0.90, report(result, verbose=True)
    assert result.recall >= 0.90, report(result, verbose=True)


def test_hk101_holds_per_kind() -> None:
    """Recall >= 0.90 for every security kind; at most 10% of every benign kind reported."""
    result = score()
    for kind in {c.kind for c in result.cases}:
        for security in (True, False):
            group = [c for c in result.cases if c.kind == kind and c.security == security]
            if not group:
                continue
            share = sum(1 for c in group if result.reported(c)) / len(group)
            wanted = share >= 0.90 if security else share <= 0.10
            assert wanted, (kind, security, share, report(result, verbose=True))
