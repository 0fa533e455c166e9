"""``hardkit rule``: the rules, one line each, or their documentation."""

from __future__ import annotations

import argparse
import sys

from hardkit.domain.values import TYPE_CHECKING
from hardkit.entrypoints.common import EXIT_OK, UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from hardkit.domain.rule import Rule


def configure(rule: argparse.ArgumentParser) -> None:
    rule.description = (
        "Without arguments, list every rule: code, name, [*] when `hardkit check --fix` "
        "fixes it, and summary, one line each. With a code (HK101) or a prefix (HK1, "
        "HK30), print the documentation of the rules it names; --all prints every rule's."
    )
    rule.add_argument(
        "code", nargs="?", metavar="CODE", help="a rule code or prefix, e.g. HK101 or HK1"
    )
    rule.add_argument("--all", action="store_true", help="document every rule")
    rule.set_defaults(handler=_run_rule)


def _run_rule(args: argparse.Namespace) -> int:
    from hardkit.domain.docs import rule_markdown
    from hardkit.domain.registry import all_rules

    rules = all_rules()
    if args.all and args.code:
        raise UsageError("give a rule code or prefix, or --all, not both")
    if not args.all and not args.code:
        sys.stdout.write(rule_list(rules))
        return EXIT_OK
    chosen = rules if args.all else _named(rules, args.code.upper())
    sys.stdout.write("\n\n".join(rule_markdown(rule) for rule in chosen))
    return EXIT_OK


def _named(rules: Sequence[Rule[Any]], selector: str) -> list[Rule[Any]]:
    chosen = [rule for rule in rules if rule.code.startswith(selector)]
    if not chosen:
        raise UsageError(f"no rule code is or starts with {selector!r}; 'hardkit rule' lists them")
    return chosen


def rule_list(rules: Sequence[Rule[Any]]) -> str:
    """``HK101  assert-used-for-security  [*]  An assert statement …``, aligned."""
    width = max(len(rule.name) for rule in rules)
    lines = [
        f"{rule.code}  {rule.name.ljust(width)}  {'[*]' if rule.fixable else '   '}  {rule.summary}"
        for rule in rules
    ]
    return "\n".join(lines) + "\n"
