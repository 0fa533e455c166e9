"""User-facing text names hardkit's own hardening checklist (docs/checklist.md), never a
document users do not have: no "seed", no "Appendix" in the README, the docs, the rule
docs, the CLI's help, `hardkit doctor`'s output or any string of the package. A hash
seed (`PYTHONHASHSEED`, "a fixed hash seed") is the one seed allowed; code in backticks
and the rules' code examples are not prose and are left out."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardkit.domain.registry import all_rules
from tests.helpers import run_hardkit

ROOT = Path(__file__).resolve().parents[2]
JARGON = re.compile(r"\bappendix\b|(?<!hash[ -])\bseeds?\b", re.IGNORECASE)
CHECKLIST = ROOT / "docs" / "checklist.md"
_FENCED = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_INLINE = re.compile(r"`[^`\n]*`")
_EXAMPLE_CALLS = {"valid", "invalid"}


def _prose(markdown: str) -> str:
    return _INLINE.sub("", _FENCED.sub("", markdown))


def _hits(where: str, text: str) -> list[str]:
    found: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        found.extend(
            f"{where}:{number}: {m.group(0)!r} in {line.strip()!r}" for m in JARGON.finditer(line)
        )
    return found


def _markdown_files() -> list[Path]:
    pages = [ROOT / "README.md", ROOT / "CHANGELOG.md"]
    pages += sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "examples").rglob("*.md"))
    return pages


def test_the_jargon_pattern_tells_a_hash_seed_from_the_jargon() -> None:
    for jargon in ("the seed's A.1", "- Seed, Appendix A.6", "seed section", "see appendix A"):
        assert JARGON.search(_prose(jargon)), jargon
    for fine in ("a random hash seed", "hash-seed-tampering", "PYTHONHASHSEED", "`ARG SEED=0`"):
        assert not JARGON.search(_prose(fine)), fine


@pytest.mark.parametrize("page", _markdown_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_docs_pages_name_the_checklist_not_the_jargon(page: Path) -> None:
    text = _prose(page.read_text(encoding="utf-8"))
    assert _hits(page.relative_to(ROOT).as_posix(), text) == []


def test_rule_docs_name_the_checklist_not_the_jargon() -> None:
    hits: list[str] = []
    for rule in all_rules():
        fields = {"summary": rule.summary, **rule.doc._asdict()}
        for field, value in fields.items():
            if isinstance(value, str):
                hits += _hits(f"{rule.code}.{field}", _prose(value))
    assert hits == []


def _package_strings(tree: ast.AST) -> Iterator[ast.Constant]:
    """Every string constant, docstrings and f-string parts included, but not the code
    given to the rules' ``valid(...)`` / ``invalid(...)`` examples."""
    for node in ast.iter_child_nodes(tree):
        called = node.func if isinstance(node, ast.Call) else None
        if isinstance(called, ast.Name) and called.id in _EXAMPLE_CALLS:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node
        yield from _package_strings(node)


def test_the_package_strings_name_the_checklist_not_the_jargon() -> None:
    hits: list[str] = []
    for module in sorted((ROOT / "src" / "hardkit").rglob("*.py")):
        where = module.relative_to(ROOT).as_posix()
        for constant in _package_strings(ast.parse(module.read_text(encoding="utf-8"))):
            hits += _hits(f"{where}:{constant.lineno}", _prose(str(constant.value)))
    assert hits == []


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("check", "--help"),
        ("rule", "--help"),
        ("init", "--help"),
        ("sync", "--help"),
        ("audit", "--help"),
        ("doctor", "--help"),
        ("rule", "--all"),
        ("doctor", "examples/orders-service"),
        ("doctor", "examples/orders-service", "--output-format", "json"),
    ],
    ids=" ".join,
)
def test_cli_output_names_the_checklist_not_the_jargon(args: tuple[str, ...]) -> None:
    done = run_hardkit(*args, cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr
    assert _hits(" ".join(args), _prose(done.stdout + done.stderr)) == []


def test_doctor_links_to_the_checklist() -> None:
    done = run_hardkit("doctor", "examples/orders-service", cwd=ROOT)
    assert done.stdout.splitlines()[1] == (
        "against the hardening checklist: "
        "https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
    )


def _checklist_sections() -> dict[str, str]:
    """``{"a6-deployment-hardening": <the section's text>}`` of docs/checklist.md."""
    parts = re.split(r"^## (A\.\d [^\n]+)\n", CHECKLIST.read_text(encoding="utf-8"), flags=re.M)
    titles, bodies = parts[1::2], parts[2::2]
    return {
        re.sub(r"\W+", "-", t.replace(".", "").lower()): b
        for t, b in zip(titles, bodies, strict=True)
    }


def test_the_checklist_has_its_six_sections_each_with_what_and_why() -> None:
    sections = _checklist_sections()
    assert [s[:2] for s in sections] == ["a1", "a2", "a3", "a4", "a5", "a6"]
    for anchor, body in sections.items():
        assert "What it asks" in body, anchor
        assert "Why" in body or "why" in body, anchor
        assert "What hardkit checks" in body, anchor


def test_every_rule_citing_the_checklist_is_listed_in_that_section() -> None:
    sections = _checklist_sections()
    cited = re.compile(r"docs/checklist\.md#([\w-]+)\)")
    unlisted: list[str] = []
    citing = 0
    for rule in all_rules():
        for anchor in cited.findall(rule.doc.references):
            citing += 1
            assert anchor in sections, f"{rule.code} cites a missing section #{anchor}"
            if f"[{rule.code}](rules/{rule.code}.md)" not in sections[anchor]:
                unlisted.append(f"{rule.code} (#{anchor})")
    assert citing >= 15
    assert unlisted == [], "docs/checklist.md does not list these rules where they cite it"
