"""``hardkit rule``: a rule's documentation."""

from __future__ import annotations

import argparse
import sys

from hardkit.entrypoints.common import EXIT_OK, UsageError


def configure(rule: argparse.ArgumentParser) -> None:
    rule.description = "Print a rule's documentation, or every rule's with --all."
    rule.add_argument("code", nargs="?", metavar="CODE", help="a rule code, e.g. HK101")
    rule.add_argument("--all", action="store_true", help="document every rule")
    rule.set_defaults(handler=_run_rule)


def _run_rule(args: argparse.Namespace) -> int:
    from hardkit.domain.docs import rule_markdown
    from hardkit.domain.registry import all_rules, rules_by_code

    if args.all:
        sys.stdout.write("\n\n".join(rule_markdown(rule) for rule in all_rules()))
        return EXIT_OK
    if not args.code:
        raise UsageError("give a rule code (hardkit rule HK101) or --all")
    rule = rules_by_code().get(args.code.upper())
    if rule is None:
        raise UsageError(f"unknown rule code {args.code!r}; 'hardkit rule --all' lists them")
    sys.stdout.write(rule_markdown(rule))
    return EXIT_OK
