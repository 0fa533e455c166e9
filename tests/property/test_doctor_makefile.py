"""Properties of the doctor's Makefile reader: it never fails, and it reads back what a
Makefile written from known rules says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hardkit.domain.doctor.facts import MakeTarget
from hardkit.domain.doctor.makefile import parse_makefile, reachable

NAMES = st.from_regex(r"[a-z][a-z0-9_-]{0,11}", fullmatch=True)
# A recipe line: printable, no newline, no trailing backslash (a continuation).
RECIPE_LINES = st.from_regex(r"[a-z$@][a-z$(){}@.:=# -]{0,30}[a-z)]", fullmatch=True)


@st.composite
def rule_sets(draw: st.DrawFn) -> tuple[MakeTarget, ...]:
    names = draw(st.lists(NAMES, min_size=1, max_size=6, unique=True))
    return tuple(
        MakeTarget(
            name,
            tuple(draw(st.lists(st.sampled_from(names), max_size=4))),
            tuple(draw(st.lists(RECIPE_LINES, max_size=3))),
        )
        for name in names
    )


def render(targets: tuple[MakeTarget, ...]) -> str:
    lines: list[str] = ["# generated", "VAR := value"]
    for target in targets:
        lines.append(f"{target.name}: {' '.join(target.prerequisites)}".rstrip())
        lines.extend(f"\t{line}" for line in target.recipe)
        lines.append("")
    return "\n".join(lines)


@given(st.text())
def test_any_text_reads_without_error(text: str) -> None:
    makefile = parse_makefile("Makefile", text)
    for target in makefile.targets:
        reachable(makefile, target.name)


@given(rule_sets())
def test_rules_read_back_as_written(targets: tuple[MakeTarget, ...]) -> None:
    assert parse_makefile("Makefile", render(targets)).targets == targets


@given(rule_sets())
def test_reachable_targets_are_closed_under_prerequisites(targets: tuple[MakeTarget, ...]) -> None:
    makefile = parse_makefile("Makefile", render(targets))
    names = {t.name for t in reachable(makefile, targets[0].name)}
    assert targets[0].name in names
    for target in targets:
        if target.name in names:
            assert set(target.prerequisites) <= names
