"""Write the docs pages that come from hardkit's own code, so nothing is written twice.

* ``docs/rules/HKxxx.md`` — a rule's documentation (``hardkit rule``'s text) and a few
  of its valid and invalid examples, which are also its tests;
* ``docs/rules/index.md`` — every rule, by family;
* ``docs/configuration.md`` — every ``[tool.hardkit]`` key, from ``domain/config.py``;
* ``docs/hooks.md`` — every hook of ``.pre-commit-hooks.yaml``;
* the rule pages' block of the ``nav`` in ``mkdocs.yml``;
* the presets inside the project template (``src/hardkit/template/project/``), as
  ``hardkit sync`` would write them, so a new project starts with current ones.

    python scripts/gen_docs.py          # write them (make docs-gen)
    python scripts/gen_docs.py --check  # exit 1 naming the stale ones (a test runs this)

Kept out of the package: it is a maintainer's tool, never on ``hardkit``'s start-up path.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docs_pages import (
    GENERATED_RULE_PAGE,
    configuration_page,
    hooks_page,
    nav_with_rules,
    rule_page,
    rules_index_page,
)

from hardkit import __version__
from hardkit.domain.presets.shipped import shipped_presets
from hardkit.domain.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_PROJECT = Path("src", "hardkit", "template", "project")
REGENERATE = "make docs-gen"


def expected_files(root: Path) -> dict[Path, str]:
    """Every generated file under ``root`` and the text it must hold."""
    rules = all_rules()
    docs = root / "docs"
    files = {docs / "rules" / f"{rule.code}.md": rule_page(rule) for rule in rules}
    files[docs / "rules" / "index.md"] = rules_index_page(rules)
    files[docs / "configuration.md"] = configuration_page()
    files[docs / "hooks.md"] = hooks_page(_read(root / ".pre-commit-hooks.yaml"))
    mkdocs = root / "mkdocs.yml"
    files[mkdocs] = nav_with_rules(_read(mkdocs) or "", rules)
    for name, text in shipped_presets(__version__).items():
        files[root / TEMPLATE_PROJECT / name] = text
    return files


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _orphans(root: Path, expected: dict[Path, str]) -> list[Path]:
    """Rule pages left behind by a rule that no longer exists."""
    pages = sorted((root / "docs" / "rules").glob("HK*.md"))
    return [p for p in pages if p not in expected and GENERATED_RULE_PAGE.match(p.name)]


def stale_files(root: Path) -> list[Path]:
    """Generated files that are missing, differ from what the code says, or are orphans."""
    expected = expected_files(root)
    stale = [path for path, text in expected.items() if _read(path) != text]
    return sorted(stale + _orphans(root, expected))


def write_files(root: Path) -> list[Path]:
    """Bring every generated file up to date; returns the ones changed or removed."""
    expected = expected_files(root)
    changed: list[Path] = []
    for path, text in expected.items():
        if _read(path) != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(path)
    for orphan in _orphans(root, expected):
        orphan.unlink()
        changed.append(orphan)
    return sorted(changed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check the generated docs pages.")
    parser.add_argument("--check", action="store_true", help="only report stale files")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root: Path = args.root
    if args.check:
        stale = stale_files(root)
        for path in stale:
            sys.stderr.write(f"stale: {path.relative_to(root).as_posix()}\n")
        if stale:
            sys.stderr.write(f"the generated docs are out of date: run `{REGENERATE}`\n")
        return 1 if stale else 0
    for path in write_files(root):
        sys.stdout.write(f"wrote {path.relative_to(root).as_posix()}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
