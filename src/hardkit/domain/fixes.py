"""Applying fixes to text: non-overlapping edits, all or nothing per fix."""

from __future__ import annotations

from collections.abc import Iterable

from hardkit.domain.findings import Edit, Fix


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply every fix whose edits overlap no earlier-accepted fix; return (text, applied).

    Fixes left out because of an overlap are found again on the next pass.
    """
    accepted: list[Edit] = []
    applied = 0
    for fix in sorted(fixes, key=lambda f: min((e.start for e in f.edits), default=0)):
        if not fix.edits or any(_overlaps(e, a) for e in fix.edits for a in accepted):
            continue
        accepted.extend(fix.edits)
        applied += 1
    for edit in sorted(accepted, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text, applied


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True  # two insertions at one point: order would be ambiguous
    return a.start < b.end and b.start < a.end
