"""Which rules are on: ruff's selector semantics over ``HK`` code prefixes.

A code is enabled when the most specific matching ``select``/``extend-select``
prefix is more specific than the most specific matching ``ignore`` prefix; on a tie
``ignore`` wins.
"""

from __future__ import annotations

from collections.abc import Iterable

from hardkit.domain.config import Config
from hardkit.domain.globs import matches


def _specificity(code: str, selectors: Iterable[str]) -> int:
    return max((len(s) for s in selectors if code.startswith(s)), default=-1)


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    chosen = _specificity(code, select)
    return chosen >= 0 and chosen > _specificity(code, ignore)


def enabled_codes(all_codes: Iterable[str], config: Config) -> frozenset[str]:
    select = (*config.select, *config.extend_select)
    return frozenset(c for c in all_codes if is_selected(c, select, config.ignore))


def ignored_for_path(path: str, config: Config) -> tuple[str, ...]:
    """Code prefixes that ``per-file-ignores`` switches off for ``path``."""
    out: list[str] = []
    for pattern, codes in config.per_file_ignores:
        if matches(pattern, path):
            out.extend(codes)
    return tuple(out)


def names_prefix(prefixes: Iterable[str], code: str) -> bool:
    """Whether any of ``prefixes`` (``HK1``, ``HK101``) covers ``code``."""
    return any(code.startswith(prefix) for prefix in prefixes)


def is_unsuppressible(code: str, config: Config) -> bool:
    return names_prefix(config.unsuppressible, code)
