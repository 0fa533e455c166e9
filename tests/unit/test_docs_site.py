"""The docs site: generated pages current, every rule and key documented, strict build."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from hardkit.domain.config import _CHECKERS, KEY_DOCS, Config, config_from_table
from hardkit.domain.registry import all_rules
from hardkit.domain.rule import Rule, invalid, valid

ROOT = Path(__file__).resolve().parents[2]
RULES = all_rules()


def _script(name: str) -> ModuleType:
    scripts = str(ROOT / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    return importlib.import_module(name)


gen_docs = _script("gen_docs")
docs_pages = _script("docs_pages")
docs_examples = _script("docs_examples")
docs_hooks = _script("docs_hooks")


def test_committed_generated_pages_are_current() -> None:
    stale = [p.relative_to(ROOT).as_posix() for p in gen_docs.stale_files(ROOT)]
    assert stale == [], f"generated docs are stale: run `make docs-gen` ({', '.join(stale)})"


def test_check_mode_names_stale_pages_and_regeneration_fixes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs" / "rules").mkdir(parents=True)
    (tmp_path / "docs" / "rules" / "HK999.md").write_text("a rule that no longer exists\n")
    (tmp_path / "docs" / "rules" / "notes.md").write_text("hand-written, kept\n")

    assert gen_docs.main(["--root", str(tmp_path), "--check"]) == 1
    err = capsys.readouterr().err
    assert "stale: docs/rules/HK101.md\n" in err
    assert "stale: docs/rules/HK999.md\n" in err
    assert "stale: docs/configuration.md\n" in err
    assert "run `make docs-gen`" in err

    assert gen_docs.main(["--root", str(tmp_path)]) == 0
    assert "wrote docs/rules/HK101.md\n" in capsys.readouterr().out
    assert not (tmp_path / "docs" / "rules" / "HK999.md").exists()
    assert (tmp_path / "docs" / "rules" / "notes.md").exists()
    assert gen_docs.main(["--root", str(tmp_path), "--check"]) == 0


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_page_holds_its_documentation_and_examples(rule: Rule[Any]) -> None:
    page = (ROOT / "docs" / "rules" / f"{rule.code}.md").read_text(encoding="utf-8")
    assert f"# {rule.name} ({rule.code})\n" in page
    assert rule.doc.what_it_does.strip() in page
    first_invalid = next(e for e in rule.examples if not e.is_valid)
    first_valid = next(e for e in rule.examples if e.is_valid)
    shown_invalid, _ = docs_examples._displayable(first_invalid.source)
    shown_valid, _ = docs_examples._displayable(first_valid.source)
    for shown in (shown_invalid, shown_valid):  # long ones are folded, hence indented
        assert shown in page or docs_examples._indent(shown) in page
    line, column = first_invalid.expect[0]
    assert f"Reported at line {line}, column {column}" in page
    if rule.fixable:
        assert "`hardkit check --fix` rewrites it to:" in page


def test_rules_index_links_every_rule() -> None:
    index = (ROOT / "docs" / "rules" / "index.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| [{rule.code}]({rule.code}.md) | `{rule.name}` |" in index


def test_example_blocks_survive_backticks_crlf_and_control_characters() -> None:
    block = docs_examples._block("x = '```'\r\ny = '\x00\ufeff'\n", "python", "a.py")
    assert block.startswith('````python title="a.py"\n')
    assert "x = '```'\ny = '\\x00\\ufeff'\n````" in block
    assert "CRLF" in block
    assert "escapes" in block


def test_long_sources_are_folded() -> None:
    source = "".join(f"line_{i} = {i}\n" for i in range(40))
    block = docs_examples._block(source, "python", "big.py")
    assert block.startswith('??? example "big.py (40 lines)"\n\n    ```python title="big.py"\n')
    assert block.endswith("\n    line_39 = 39\n    ```")
    assert not docs_examples._block("x = 1\n", "python", "").startswith("???")


def test_multi_file_example_shows_paths_config_and_empty_files() -> None:
    example = invalid(
        "import requests\n",
        path="src/app/domain/model.py",
        files={"src/app/__init__.py": "", "src/app/utils.py": "import httpx\n"},
        config={"io-modules": ["httpx"], "layers": {"order": ["service", "domain"]}},
        line=1,
        column=1,
    )
    text = docs_examples._example(RULES[0], example)
    assert '```toml title="pyproject.toml"\n[tool.hardkit]\nio-modules = ["httpx"]\n' in text
    assert 'layers = { order = ["service", "domain"] }' in text
    assert '```python title="src/app/utils.py"\nimport httpx\n```' in text
    assert '```python title="src/app/domain/model.py"\nimport requests\n```' in text
    assert "Empty: `src/app/__init__.py`." in text
    assert text.startswith(
        'Reported at line 1, column 1:\n\n```python title="src/app/domain/model.py"'
    )
    assert text.index("In the same project:") < text.index("[tool.hardkit]")
    assert docs_examples._language(RULES[0], "deploy/api.Dockerfile") == "dockerfile"
    assert docs_examples._language(RULES[0], "Containerfile") == "dockerfile"
    assert "title" not in docs_examples._example(RULES[0], valid("x = 1\n"))


def test_config_reference_documents_every_key() -> None:
    assert list(KEY_DOCS) == list(_CHECKERS), "KEY_DOCS must list the _CHECKERS keys in order"
    assert {k.replace("-", "_") for k in KEY_DOCS} == set(Config._fields)
    for key, doc in KEY_DOCS.items():
        assert doc.type.strip(), key
        assert doc.description.strip().endswith("."), key


def _toml_blocks(markdown: str) -> list[str]:
    blocks = markdown.split("```toml\n")[1:]
    return [block.split("\n```", 1)[0] for block in blocks]


def test_documented_defaults_are_the_real_defaults() -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    documented = {}
    for block in _toml_blocks(page):
        table = tomllib.loads(block)["tool"]["hardkit"]
        documented.update(table)
    unset = {k for k in KEY_DOCS if getattr(Config(), k.replace("-", "_")) is None}
    assert set(documented) == set(KEY_DOCS) - unset
    for key in unset:
        assert f"## `{key}`\n" in page
    assert page.count("**Default:** not set.") == len(unset)
    assert config_from_table(documented, "docs") == Config()


def test_hooks_page_lists_every_hook() -> None:
    hooks_yaml = """\
- id: demo
  name: demo check
  description: Checks the changed files.
  entry: hardkit check
  language: python
  types_or: [python, dockerfile]
  require_serial: true
- id: demo-repo
  name: demo whole-repository check
  entry: hardkit sync --check
  args: [--quiet]
  language: python
  pass_filenames: false
  files: ^pyproject\\.toml$
"""
    page = docs_hooks.hooks_markdown(hooks_yaml, "https://example.invalid/hardkit", "9.9.9")
    assert "      - id: demo       # demo check\n" in page
    assert "      - id: demo-repo  # demo whole-repository check\n" in page
    assert "    rev: v9.9.9\n" in page
    assert "| [`demo`](#demo) | `hardkit check` | yes |" in page
    assert "- On files of any of the types `python, dockerfile`" in page
    assert "- On files matching `^pyproject\\.toml$`" in page
    assert "| [`demo-repo`](#demo-repo) | `hardkit sync --check --quiet` |" in page
    assert "- `require_serial`: `true`" in page
    assert "- Runs once for the repository: file names are not passed" in page


def test_hooks_page_matches_the_hooks_file() -> None:
    hooks_file = ROOT / ".pre-commit-hooks.yaml"
    page = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    if not hooks_file.exists():
        assert "no `.pre-commit-hooks.yaml` yet" in page
        return
    for hook in docs_hooks.parse_hooks(hooks_file.read_text(encoding="utf-8")):
        assert f"## `{hook['id']}`" in page


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def test_every_docs_page_is_in_the_nav() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = set(_nav_pages(config["nav"]))
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    missing = sorted(pages - listed)
    assert missing == [], f"add these pages to the nav in mkdocs.yml: {missing}"
    assert sorted(listed - pages) == []


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for rule in RULES:
        assert (site / "rules" / rule.code / "index.html").is_file(), rule.code
    reference = (site / "writing-a-rule" / "index.html").read_text(encoding="utf-8")
    assert 'id="hardkit.domain.rule.RuleDoc"' in reference  # mkdocstrings rendered the API
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("rules/HK101/") for doc in search["docs"])
