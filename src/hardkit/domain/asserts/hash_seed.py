"""HK103's search on LibCST trees: code that fixes or removes ``PYTHONHASHSEED``.

Imports LibCST at the top; the rule imports this module only inside ``check``.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from hardkit.domain.asserts.libcst_checks import string_key
from hardkit.domain.asserts.security_words import HASH_SEED

_SETTERS = frozenset({"setdefault", "putenv"})
_REMOVERS = frozenset({"pop", "unsetenv"})


@dataclass(frozen=True)
class SeedChange:
    node: cst.CSTNode  # what to point at: the subscript, the call or the dict key
    anchor: cst.CSTNode  # the statement whose first line may carry ``noqa``
    removes: bool


def _is_seed(node: cst.BaseExpression | None) -> bool:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return node.evaluated_value == HASH_SEED
    return False


def _is_random(node: cst.BaseExpression | None) -> bool:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return node.evaluated_value == "random"
    return False


def _seed_subscripts(target: cst.BaseExpression) -> list[cst.Subscript]:
    if isinstance(target, cst.Subscript):
        return [target] if string_key(target) == HASH_SEED else []
    if isinstance(target, (cst.Tuple, cst.List)):
        return [s for element in target.elements for s in _seed_subscripts(element.value)]
    return []


def _call_name(call: cst.Call) -> str | None:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else None


class _Scan(cst.CSTVisitor):
    def __init__(self) -> None:
        self.changes: list[SeedChange] = []
        self._statements: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            self._statements.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if isinstance(original_node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            self._statements.pop()
        super().on_leave(original_node)

    def _add(self, node: cst.CSTNode, *, removes: bool) -> None:
        self.changes.append(SeedChange(node, self._statements[-1], removes))

    def visit_Assign(self, node: cst.Assign) -> None:
        targets = [t.target for t in node.targets]
        fixed_random = len(targets) == 1 and _is_random(node.value)
        for target in targets:
            for subscript in _seed_subscripts(target):
                if not (fixed_random and target is subscript):
                    self._add(subscript, removes=False)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        for subscript in _seed_subscripts(node.target):
            if not _is_random(node.value):
                self._add(subscript, removes=False)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        for subscript in _seed_subscripts(node.target):
            self._add(subscript, removes=False)

    def visit_Del(self, node: cst.Del) -> None:
        for subscript in _seed_subscripts(node.target):
            self._add(subscript, removes=True)

    def visit_Call(self, node: cst.Call) -> None:
        name = _call_name(node)
        positional = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
        if positional and _is_seed(positional[0]):
            value = positional[1] if len(positional) > 1 else None
            if name in _REMOVERS:
                self._add(node, removes=True)
            elif name in _SETTERS and not _is_random(value):
                self._add(node, removes=False)
        for arg in node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword == HASH_SEED and not _is_random(arg.value):
                self._add(arg, removes=False)

    def visit_Dict(self, node: cst.Dict) -> None:
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                continue
            if _is_seed(element.key) and not _is_random(element.value):
                self._add(element.key, removes=False)


def seed_changes(module: cst.Module) -> list[SeedChange]:
    scan = _Scan()
    module.visit(scan)
    return scan.changes
