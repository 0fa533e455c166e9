"""The registry's catalogue names each rule's module, class and kind correctly, and a
run loads only the rule modules of the kinds it checks (start-up time of a hook)."""

from __future__ import annotations

import json
from pathlib import Path

from hardkit.domain import registry
from hardkit.domain.rule import FileKind
from tests.helpers import run_probe


def test_every_catalogue_line_matches_its_class() -> None:
    classes = registry.RULE_CLASSES
    assert len(classes) == len(registry.CATALOGUE)
    for entry, cls in zip(registry.CATALOGUE, classes, strict=True):
        kind, path = entry[0], entry[1]
        module, name = path.rsplit(".", 1)
        assert cls.__name__ == name
        assert cls.__module__ == f"hardkit.domain.{module}"
        assert cls.kind is kind, cls.code
        assert registry.catalogue_code(entry) == cls.code
        # Python files it checks besides its own kind: the same names in both places
        modules = entry[2] if len(entry) > 2 else frozenset()  # type: ignore[misc]
        assert getattr(cls, "python_modules", frozenset()) == modules, cls.code


def test_gunicorn_configuration_modules_reach_hk309_and_only_it() -> None:
    every = frozenset(registry.rule_codes())
    for name in ("gunicorn.conf.py", "gunicorn_conf.py", "gunicorn_config.py"):
        assert [r.code for r in registry.rules_for_module(name, every)] == ["HK309"]
    assert registry.rules_for_module("settings.py", every) == ()
    assert registry.rules_for_module("gunicorn.conf.py", every - {"HK309"}) == ()


def test_rule_codes_are_the_registered_codes() -> None:
    assert registry.rule_codes() == tuple(sorted(cls.code for cls in registry.RULE_CLASSES))
    assert registry.rule_codes() == tuple(registry.rules_by_code())


def test_rules_for_a_kind_are_that_kinds_rules_in_code_order() -> None:
    every = frozenset(registry.rule_codes())
    for kind in FileKind:
        expected = [r.code for r in registry.all_rules() if r.kind is kind]
        assert [r.code for r in registry.rules_for(kind, every)] == expected
    some = registry.rules_for(FileKind.PYTHON, frozenset({"HK101", "HK301"}))
    assert [r.code for r in some] == ["HK101"]


_PROBE = """
import json, sys
from hardkit.domain import registry
from hardkit.domain.rule import FileKind
codes = frozenset(registry.rule_codes())
registry.rules_for(FileKind.{kind}, codes)
names = (m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("hardkit.domain."))
print(json.dumps(sorted(n[:5] for n in names if n[:2] == "hk" and n[2:5].isdigit())))
"""


def _loaded_after_rules_for(kind: str) -> list[str]:
    loaded: list[str] = json.loads(run_probe(_PROBE.format(kind=kind)))
    return loaded


def test_a_python_run_loads_only_the_python_rule_modules() -> None:
    assert _loaded_after_rules_for("PYTHON") == [
        "hk101",
        "hk102",
        "hk103",
        "hk104",
        "hk201",
        "hk202",
        "hk203",
        "hk204",
        "hk205",
    ]


def test_a_dockerfile_run_loads_only_the_dockerfile_rule_modules() -> None:
    loaded = _loaded_after_rules_for("DOCKERFILE")
    assert loaded == [f"hk30{n}" for n in range(1, 10)]


def test_the_layer_rules_say_nothing_without_layered_packages() -> None:
    """What lets a run without layered packages skip loading them (``LAYER_RULES``)."""
    from hardkit.domain.config import Config
    from hardkit.domain.layering.modules import LAYER_RULES
    from hardkit.domain.project import ProjectLayout
    from hardkit.domain.sources import PythonFile
    from hardkit.service.layers import TRANSITIVE

    assert TRANSITIVE in LAYER_RULES
    rules = registry.rules_by_code()
    assert {c for c in rules if c.startswith("HK2")} == LAYER_RULES
    for code in sorted(LAYER_RULES):
        rule = rules[code]
        for example in rule.examples:
            for path, source in (*example.files.items(), (example.path or "x.py", example.source)):
                if not path.endswith(".py"):
                    continue
                file = PythonFile(path, source, Config(), is_test=False, cst_parser=_no_cst)
                assert file.layout == ProjectLayout()
                if rule.prefilter(source, file.config):
                    assert list(rule.check(file)) == [], (code, path)


def test_a_python_hook_without_layered_packages_loads_no_layer_rule(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "views.py").write_text("import os\nprint(os.environ)\nassert token\n")
    probe = (
        "import json, sys\n"
        "from hardkit.entrypoints.cli import main\n"
        "code = main(['check', '--no-cache', 'views.py'])\n"
        "names = [m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('hardkit.domain.')]\n"
        "rules = [n[:5] for n in names if n[:2] == 'hk' and n[2:5].isdigit()]\n"
        "print(json.dumps(sorted(rules)))\n"
    )
    stdout = run_probe(probe, cwd=tmp_path)
    assert json.loads(stdout.splitlines()[-1]) == ["hk101", "hk102", "hk103", "hk104"]


def _no_cst(text: str) -> object:
    raise AssertionError("no LibCST here")
