from __future__ import annotations

import ast
from collections.abc import Iterator

from hardkit.domain.config import Config
from hardkit.domain.findings import Finding
from hardkit.domain.layering.placement import layered_file
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_PKG = {
    "src/orders/__init__.py": "",
    "src/orders/domain/__init__.py": "",
    "src/orders/adapters/__init__.py": "",
}

# Built-in functions that do I/O when called (also reached as builtins.x / io.open).
_IO_CALLS = frozenset(
    {"open", "print", "input", "builtins.open", "builtins.print", "builtins.input", "io.open"}
)
_PATH_METHODS = frozenset({"read_text", "write_text", "read_bytes", "write_bytes"})
# os names that touch the process environment, files or processes: flagged wherever used.
_OS_NAMES: dict[str, str] = {
    "os.environ": "reads or writes the process environment (os.environ)",
    "os.environb": "reads or writes the process environment (os.environb)",
    "os.getenv": "reads the process environment (os.getenv)",
    "os.getenvb": "reads the process environment (os.getenvb)",
    "os.putenv": "writes the process environment (os.putenv)",
    "os.unsetenv": "writes the process environment (os.unsetenv)",
    "os.system": "runs a shell command (os.system)",
    "os.popen": "runs a shell command (os.popen)",
    "os.remove": "deletes a file (os.remove)",
    "os.unlink": "deletes a file (os.unlink)",
    "os.makedirs": "creates directories (os.makedirs)",
}
_WORDS = (
    "open",
    "print",
    "input",
    "environ",
    "getenv",
    "putenv",
    "unsetenv",
    "system",
    "popen",
    "remove",
    "unlink",
    "makedirs",
    "_text",
    "_bytes",
)


class DomainPerformsIo(Rule[PythonFile]):
    code = "HK203"
    name = "domain-performs-io"
    summary = "A domain module performs I/O"
    kind = FileKind.PYTHON
    doc = RuleDoc(
        what_it_does=(
            "In the domain layer of a layered package (a directory holding `domain/` or "
            "`domain.py` and at least one other layer: see HK201), reports code that "
            "performs I/O "
            "itself: a call of `open`, `print` or `input`; a read or write of "
            "`os.environ`, `os.getenv` or `os.putenv`; a call of `os.system`, `os.popen`, "
            "`os.remove`, `os.unlink` or `os.makedirs`; and a call of a `read_text`, "
            "`write_text`, `read_bytes` or `write_bytes` method (pathlib's file I/O). "
            "Names are followed through their imports (`from os import environ`, `import os "
            "as system`). The finding is on the call (or the `os` name) itself. Test code "
            "(`test-paths`) belongs to no layer."
        ),
        why_is_this_bad=(
            "HK202 catches I/O libraries; this rule catches the I/O that needs no import. "
            "A domain function that prints, reads a file or looks at the environment "
            "behaves differently on every machine and in every test: the checklist's A.1 asks "
            "for `domain/` to be pure. Read configuration and files in an adapter or the "
            "service layer, and pass plain values in."
        ),
        example=(
            "```python\n# src/orders/domain/model.py\nimport os\n\n\n"
            "def tax_rate() -> Decimal:\n"
            '    return Decimal(os.environ["TAX_RATE"])\n```'
        ),
        use_instead=(
            "```python\n# src/orders/domain/model.py\n"
            "def tax_rate(settings: Settings) -> Decimal:\n"
            "    return settings.tax_rate\n```"
        ),
        options=(
            "`[tool.hardkit.layers]` renames the layers (the last one in `order` is the pure "
            "layer)."
        ),
        references=(
            "- hardkit's hardening checklist, [A.1 Project layout]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a1-project-layout): `domain/` is pure, with no I/O"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid(
            "def total(lines):\n    return sum(l.price for l in lines)\n\n"
            "def describe(printer):\n    printer.print('x')\n",
            path="src/orders/domain/model.py",
            files=_PKG,
        ),
        valid("import os\nprint(os.environ['X'])\n", path="src/orders/service/app.py", files=_PKG),
        valid("import os\nos.path.join('a', 'b')\n", path="src/orders/domain/paths.py", files=_PKG),
        valid(
            "print('a feature folder named domain')\n",
            path="app/domain/accounts/services.py",
            files={"app/__init__.py": "", "app/db/models.py": "", "app/lib/log.py": ""},
        ),
        invalid(
            "class Order:\n    def add(self, line):\n        print(f'added {line}')\n",
            path="src/orders/domain/model.py",
            files=_PKG,
            line=3,
            column=9,
        ),
        invalid(
            "import os\n\nRATE = os.environ['TAX_RATE']\nDEBUG = os.getenv('DEBUG')\n",
            path="src/orders/domain/model.py",
            files=_PKG,
            line=3,
            column=8,
            more=((4, 9),),
        ),
        invalid(
            "from os import environ as env, remove\n\n"
            "def reset(path):\n    env['X'] = '1'\n    remove(path)\n",
            path="src/orders/domain/model.py",
            files=_PKG,
            line=4,
            column=5,
            more=((5, 5),),
        ),
        invalid(
            "def load(path):\n    with open(path) as handle:\n        return handle.read()\n\n"
            "def save(path, text):\n    path.write_text(text)\n",
            path="src/orders/domain/model.py",
            files=_PKG,
            line=2,
            column=10,
            more=((6, 5),),
        ),
        invalid(
            "def publish(event):\n    print(event)\n",
            path="svc/domain/events/bus.py",
            files={"svc/domain/orders/model.py": "", "svc/service_layer/handlers.py": ""},
            line=2,
            column=5,
        ),
        invalid(
            "name = input('name? ')  # the first line of a one-module domain\n",
            path="shop/domain.py",
            files={"shop/__init__.py": "", "shop/adapters.py": ""},
            line=1,
            column=8,
        ),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        del config
        return any(word in text for word in _WORDS)

    def check(self, file: PythonFile) -> Iterator[Finding]:
        layered = layered_file(file)
        if layered is None or not layered.is_innermost:
            return
        aliases = _import_aliases(file.ast)
        prefix = f"{layered.layer} module"
        for node in ast.walk(file.ast):
            if not isinstance(node, ast.expr):
                continue
            message = _io_message(node, aliases)
            if message is not None:
                yield file.finding(
                    self.code, file.ast_span(node), f"{prefix} {message}; I/O belongs in an adapter"
                )


def _io_message(node: ast.expr, aliases: dict[str, str]) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _PATH_METHODS:
            return f"calls .{func.attr}()"
        name = _qualified(func, aliases)
        if name in _IO_CALLS:
            return f"calls {name}()"
        return None
    if isinstance(node, (ast.Name, ast.Attribute)):
        name = _qualified(node, aliases)
        return _OS_NAMES.get(name) if name else None
    return None


def _qualified(node: ast.expr, aliases: dict[str, str]) -> str | None:
    """``os.environ`` for ``os.environ``, ``environ`` (after ``from os import environ``) or
    ``o.environ`` (after ``import os as o``); None for anything but a dotted name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(aliases.get(node.id, node.id))
    return ".".join(reversed(parts))


def _import_aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> what it was imported as, from every import in the file."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases
