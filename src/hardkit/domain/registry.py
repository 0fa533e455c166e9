"""Every rule hardkit knows, one line each. Importing this module does no work."""

from __future__ import annotations

import functools
from typing import Any

from hardkit.domain.rule import FileKind, Rule
from hardkit.domain.rules.hk001_parse_error import ParseError
from hardkit.domain.rules.hk002_unsuppressible_rule_suppressed import UnsuppressibleRuleSuppressed
from hardkit.domain.rules.hk101_assert_used_for_security import AssertUsedForSecurity
from hardkit.domain.rules.hk102_security_check_under_debug import SecurityCheckUnderDebug
from hardkit.domain.rules.hk103_hash_seed_tampering import HashSeedTampering
from hardkit.domain.rules.hk201_layer_imports_outer_layer import LayerImportsOuterLayer
from hardkit.domain.rules.hk202_domain_imports_io import DomainImportsIo
from hardkit.domain.rules.hk203_domain_performs_io import DomainPerformsIo
from hardkit.domain.rules.hk204_transitive_layer_violation import TransitiveLayerViolation
from hardkit.domain.rules.hk301_base_image_not_digest_pinned import BaseImageNotDigestPinned
from hardkit.domain.rules.hk302_base_image_latest_tag import BaseImageLatestTag
from hardkit.domain.rules.hk303_base_image_not_slim import BaseImageNotSlim
from hardkit.domain.rules.hk304_missing_faulthandler import MissingFaulthandler
from hardkit.domain.rules.hk305_hash_seed_fixed import HashSeedFixed
from hardkit.domain.rules.hk306_pymalloc_disabled import PymallocDisabled
from hardkit.domain.rules.hk307_runs_as_root import RunsAsRoot
from hardkit.domain.rules.hk308_asserts_stripped import AssertsStripped
from hardkit.domain.rules.hk401_ruff_preset_not_extended import RuffPresetNotExtended
from hardkit.domain.rules.hk402_pyright_preset_not_extended import PyrightPresetNotExtended
from hardkit.domain.rules.hk403_preset_out_of_date import PresetOutOfDate
from hardkit.domain.rules.hk501_vulnerable_dependency import VulnerableDependency

RULE_CLASSES: tuple[type[Rule[Any]], ...] = (
    ParseError,
    UnsuppressibleRuleSuppressed,
    AssertUsedForSecurity,
    SecurityCheckUnderDebug,
    HashSeedTampering,
    LayerImportsOuterLayer,
    DomainImportsIo,
    DomainPerformsIo,
    TransitiveLayerViolation,
    BaseImageNotDigestPinned,
    BaseImageLatestTag,
    BaseImageNotSlim,
    MissingFaulthandler,
    HashSeedFixed,
    PymallocDisabled,
    RunsAsRoot,
    AssertsStripped,
    RuffPresetNotExtended,
    PyrightPresetNotExtended,
    PresetOutOfDate,
    VulnerableDependency,
)


@functools.cache
def all_rules() -> tuple[Rule[Any], ...]:
    return tuple(sorted((cls() for cls in RULE_CLASSES), key=lambda r: r.code))


def rules_by_code() -> dict[str, Rule[Any]]:
    return {rule.code: rule for rule in all_rules()}


def rules_for(kind: FileKind, codes: frozenset[str]) -> tuple[Rule[Any], ...]:
    return tuple(r for r in all_rules() if r.kind is kind and r.code in codes)
