"""Every rule hardkit knows, one line each. Importing this module does no work.

A rule module is imported the first time a run needs that rule: a hook that checks one
Python file never loads the Dockerfile or configuration rules (their modules, with
their documentation and examples, cost start-up time). ``RULE_CLASSES`` and
``all_rules()`` load every one, for the catalogue, the docs and SARIF.
"""

from __future__ import annotations

import functools
import importlib

from hardkit.domain.rule import FileKind, Rule
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

_PACKAGE = "hardkit.domain."
_PYTHON, _DOCKERFILE, _CONFIG, _LOCK = (
    FileKind.PYTHON,
    FileKind.DOCKERFILE,
    FileKind.CONFIG,
    FileKind.LOCK,
)

# Python modules a Dockerfile rule checks too, by file name (HK309: gunicorn's
# configuration modules); the rule declares the same names (``python_modules``).
_GUNICORN_CONFIGS = frozenset({"gunicorn.conf.py", "gunicorn_conf.py", "gunicorn_config.py"})

# One line per rule: the kind of file it checks (None: reported by the engine itself)
# and ``family.module.Class`` under hardkit.domain; the module name starts with the code;
# optionally the names of Python files it checks as well (``rules_for_module``).
# A family is a package holding its rules next to the helpers only they use.
Entry = tuple[FileKind | None, str] | tuple[FileKind | None, str, frozenset[str]]
CATALOGUE: tuple[Entry, ...] = (
    (None, "engine_rules.hk001_parse_error.ParseError"),
    (None, "engine_rules.hk002_unsuppressible_rule_suppressed.UnsuppressibleRuleSuppressed"),
    (_PYTHON, "asserts.hk101_assert_used_for_security.AssertUsedForSecurity"),
    (_PYTHON, "asserts.hk102_security_check_under_debug.SecurityCheckUnderDebug"),
    (_PYTHON, "asserts.hk103_hash_seed_tampering.HashSeedTampering"),
    (_PYTHON, "asserts.hk104_assert_caught_as_control_flow.AssertCaughtAsControlFlow"),
    (_PYTHON, "layering.hk201_layer_imports_outer_layer.LayerImportsOuterLayer"),
    (_PYTHON, "layering.hk202_domain_imports_io.DomainImportsIo"),
    (_PYTHON, "layering.hk203_domain_performs_io.DomainPerformsIo"),
    (_PYTHON, "layering.hk204_transitive_layer_violation.TransitiveLayerViolation"),
    (_PYTHON, "layering.hk205_web_framework_below_entrypoints.WebFrameworkBelowEntrypoints"),
    (_DOCKERFILE, "docker.hk301_base_image_not_digest_pinned.BaseImageNotDigestPinned"),
    (_DOCKERFILE, "docker.hk302_base_image_latest_tag.BaseImageLatestTag"),
    (_DOCKERFILE, "docker.hk303_base_image_not_slim.BaseImageNotSlim"),
    (_DOCKERFILE, "docker.hk304_missing_faulthandler.MissingFaulthandler"),
    (_DOCKERFILE, "docker.hk305_hash_seed_fixed.HashSeedFixed"),
    (_DOCKERFILE, "docker.hk306_pymalloc_disabled.PymallocDisabled"),
    (_DOCKERFILE, "docker.hk307_runs_as_root.RunsAsRoot"),
    (_DOCKERFILE, "docker.hk308_asserts_stripped.AssertsStripped"),
    (_DOCKERFILE, "docker.hk309_workers_per_cpu.WorkersPerCpu", _GUNICORN_CONFIGS),
    (_CONFIG, "presets.hk401_ruff_preset_not_extended.RuffPresetNotExtended"),
    (_CONFIG, "presets.hk402_pyright_preset_not_extended.PyrightPresetNotExtended"),
    (_CONFIG, "presets.hk403_preset_out_of_date.PresetOutOfDate"),
    (_LOCK, "supply_chain.hk501_vulnerable_dependency.VulnerableDependency"),
)

# Rules that never report in test code (``test-paths``): the engine gives them no test
# file, so a test file none of the others looks at is not even parsed (DESIGN §7). Each
# one's own check says the same (``if file.is_test``, ``layered_file``); a test holds
# them to it.
SKIPS_TEST_CODE = frozenset(
    {"HK101", "HK102", "HK103", "HK104", "HK201", "HK202", "HK203", "HK205"}
)

# Every rule class, in catalogue order: imported on first use (``__getattr__`` below).
RULE_CLASSES: tuple[type[Rule[Any]], ...]

# While ``RULE_CLASSES`` is not loaded: the rules loaded so far, and each selection's.
_LOADED: dict[str, Rule[Any]] = {}
_FOR: dict[tuple[FileKind, frozenset[str]], tuple[Rule[Any], ...]] = {}


def catalogue_code(entry: Entry) -> str:
    """``HK101`` for ``asserts.hk101_assert_used_for_security.AssertUsedForSecurity``."""
    return entry[1].split(".")[-2][:5].upper()


def _load(path: str) -> type[Rule[Any]]:
    module, name = path.rsplit(".", 1)
    rule: type[Rule[Any]] = getattr(importlib.import_module(_PACKAGE + module), name)
    return rule


def __getattr__(name: str) -> Any:  # PEP 562: the module's lazy attributes
    if name == "RULE_CLASSES":
        return _rule_classes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _rule_classes() -> tuple[type[Rule[Any]], ...]:
    classes: tuple[type[Rule[Any]], ...] | None = globals().get("RULE_CLASSES")
    if classes is None:  # (tests may have replaced it: what is there wins)
        classes = tuple(_load(entry[1]) for entry in CATALOGUE)
        globals()["RULE_CLASSES"] = classes
    return classes


@functools.cache
def all_rules() -> tuple[Rule[Any], ...]:
    return tuple(sorted((cls() for cls in _rule_classes()), key=lambda r: r.code))


def rules_by_code() -> dict[str, Rule[Any]]:
    return {rule.code: rule for rule in all_rules()}


def rule_codes() -> tuple[str, ...]:
    """Every rule code, without importing a rule module unless all are loaded already."""
    if "RULE_CLASSES" in globals():
        return tuple(rule.code for rule in all_rules())
    return tuple(sorted(catalogue_code(entry) for entry in CATALOGUE))


def rules_for(kind: FileKind, codes: frozenset[str]) -> tuple[Rule[Any], ...]:
    """The rules of ``codes`` that check files of ``kind``, in code order; only their
    modules are imported."""
    if "RULE_CLASSES" in globals():  # all loaded (or replaced, in tests): one list
        return tuple(r for r in all_rules() if r.kind is kind and r.code in codes)
    rules = _FOR.get((kind, codes))
    if rules is None:
        wanted = sorted(
            (catalogue_code(entry), entry[1])
            for entry in CATALOGUE
            if entry[0] is kind and catalogue_code(entry) in codes
        )
        rules = _FOR[kind, codes] = tuple(_rule(code, path) for code, path in wanted)
    return rules


@functools.cache
def kind_codes(kind: FileKind) -> frozenset[str]:
    """The codes of the rules that check files of ``kind`` (no rule module is imported)."""
    return frozenset(catalogue_code(entry) for entry in CATALOGUE if entry[0] is kind)


# Every Python file name some rule of another kind checks (cheap to test per file).
MODULE_NAMES: frozenset[str] = frozenset(
    name
    for entry in CATALOGUE
    if len(entry) > 2
    for name in entry[2]  # type: ignore[misc]
)


def rules_for_module(name: str, codes: frozenset[str]) -> tuple[Rule[Any], ...]:
    """The rules of ``codes`` that check Python files named ``name`` besides their own kind
    (HK309 and gunicorn's configuration modules); only their modules are imported."""
    wanted = sorted(
        (catalogue_code(entry), entry[1])
        for entry in CATALOGUE
        if len(entry) > 2 and name in entry[2] and catalogue_code(entry) in codes  # type: ignore[misc]
    )
    return tuple(_rule(code, path) for code, path in wanted)


def _rule(code: str, path: str) -> Rule[Any]:
    rule = _LOADED.get(code)
    if rule is None:
        rule = _LOADED[code] = _load(path)()
    return rule
