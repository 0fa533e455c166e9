"""HK101 scored on the labelled set (``tests/data/hk101_labelled``): precision and recall,
overall and per kind (issue 15).

    make hk101-score     # prints ``report`` (perf/hk101_score.py)

Every ``assert`` in ``security_<kind>.py.txt`` is a security check HK101 must report; every
``assert`` in ``benign_<kind>.py.txt`` is not. A finding is matched to its assert by line.
Per kind: recall for the security kinds, the share wrongly reported for the benign ones;
and the precision of each reason HK101 gives (the part of its message in parentheses).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hardkit.adapters.libcst_parser import parse_cst
from hardkit.domain.config import config_from_table
from hardkit.domain.registry import rules_by_code
from hardkit.domain.sources import PythonFile

DATA = Path(__file__).parent / "data" / "hk101_labelled"
_REASON = re.compile(r"\(([^()]*)\); python -O")


@dataclass(frozen=True)
class Case:
    kind: str  # the file's kind: "permission", "narrowing", ...
    security: bool
    path: str  # the file, for messages
    line: int
    source: str  # the assert's first line


@dataclass
class Score:
    cases: list[Case]
    flagged: dict[tuple[str, int], str] = field(default_factory=dict)  # (path, line) -> reason

    def reported(self, case: Case) -> bool:
        return (case.path, case.line) in self.flagged

    @property
    def true_positives(self) -> int:
        return sum(1 for c in self.cases if c.security and self.reported(c))

    @property
    def precision(self) -> float:
        return self.true_positives / len(self.flagged) if self.flagged else 1.0

    @property
    def recall(self) -> float:
        wanted = sum(1 for c in self.cases if c.security)
        return self.true_positives / wanted if wanted else 1.0

    def misses(self) -> list[Case]:
        """Security asserts not reported, and benign asserts reported."""
        return [c for c in self.cases if c.security != self.reported(c)]


def cases() -> list[Case]:
    found: list[Case] = []
    for path in sorted(DATA.glob("*.py.txt")):
        label, kind = path.name.removesuffix(".py.txt").split("_", 1)
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Assert):
                source = lines[node.lineno - 1].strip()
                found.append(Case(kind, label == "security", path.name, node.lineno, source))
    return sorted(found, key=lambda c: (c.path, c.line))


def score() -> Score:
    rule = rules_by_code()["HK101"]
    config = config_from_table({}, "labelled")
    result = Score(cases())
    for path in sorted({c.path for c in result.cases}):
        text = (DATA / path).read_text(encoding="utf-8")
        file = PythonFile(_path_of(text), text, config, is_test=False, cst_parser=parse_cst)
        for finding in rule.check(file):
            reason = _REASON.search(finding.message)
            result.flagged[path, finding.line] = _kind(reason.group(1) if reason else "?")
    return result


def _path_of(text: str) -> str:
    """Where the module is checked as if it lived: ``# path: bot/cogs/admin.py`` on its first
    line, else ``app/views.py``."""
    first = text.split("\n", 1)[0]
    if first.startswith("# path: "):
        return first.removeprefix("# path: ").strip()
    return "app/views.py"


def _kind(reason: str) -> str:
    """A reason without its particulars: ``refused at line …``, ``a check in `…```."""
    return re.sub(r"`[^`]*`|\d+", "…", reason)


def _kind_rows(result: Score) -> list[str]:
    rows = [
        "| kind | label | asserts | reported | recall / wrongly reported |",
        "|---|---|---|---|---|",
    ]
    kinds = sorted({(not c.security, c.kind) for c in result.cases})
    for benign, kind in kinds:
        group = [c for c in result.cases if c.kind == kind and c.security != benign]
        hit = sum(1 for c in group if result.reported(c))
        share = f"{hit / len(group):.2f}" if group else "-"
        label = "benign" if benign else "security"
        rows.append(f"| {kind} | {label} | {len(group)} | {hit} | {share} |")
    return rows


def _reason_rows(result: Score) -> list[str]:
    by_case = {(c.path, c.line): c for c in result.cases}
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for key, reason in result.flagged.items():
        total[reason] += 1
        case = by_case.get(key)
        right[reason] += bool(case and case.security)
    rows = ["| reason given | reported | right | precision |", "|---|---|---|---|"]
    for reason, count in total.most_common():
        rows.append(f"| {reason} | {count} | {right[reason]} | {right[reason] / count:.2f} |")
    return rows


def report(result: Score, *, verbose: bool = False) -> str:
    security = sum(1 for c in result.cases if c.security)
    lines = [
        f"HK101 on the labelled set: {security} security asserts, "
        f"{len(result.cases) - security} benign, {len(result.flagged)} reported",
        f"precision {result.precision:.3f}  recall {result.recall:.3f}",
        "",
        *_kind_rows(result),
        "",
        *_reason_rows(result),
    ]
    if verbose:
        lines += ["", "missed or wrongly reported:"]
        for case in result.misses():
            what = "missed" if case.security else "wrongly reported"
            lines.append(f"  {case.path}:{case.line}: {what}: {case.source}")
    return "\n".join(lines)
