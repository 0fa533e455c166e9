from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.config import Config
from hardkit.domain.findings import Finding
from hardkit.domain.layering.imports import imports_of
from hardkit.domain.layering.placement import beyond_top_level_message, layered_file
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_PKG = {
    "src/orders/__init__.py": "",
    "src/orders/domain/__init__.py": "",
    "src/orders/adapters/__init__.py": "",
    "src/orders/adapters/repository.py": "class OrderRepository: ...\n",
    "src/orders/service/__init__.py": "",
    "src/orders/entrypoints/__init__.py": "",
}
_FLAT = {
    "shop/__init__.py": "",
    "shop/domain.py": "class Cart: ...\n",
    "shop/adapters.py": "class Store: ...\n",
}


class LayerImportsOuterLayer(Rule[PythonFile]):
    code = "HK201"
    name = "layer-imports-outer-layer"
    summary = "A layer imports a module of a layer further out"
    kind = FileKind.PYTHON
    doc = RuleDoc(
        what_it_does=(
            "In a *layered package* (a package directory holding a `domain` subpackage or a "
            "`domain.py` module), reports an import that points outward: from `domain` to "
            "`adapters`, `service` or `entrypoints`; from `adapters` to `service` or "
            "`entrypoints`; from `service` to `entrypoints`. The layers, outermost first, "
            "are `entrypoints > service > adapters > domain`; `service_layer` and `services` "
            "count as `service`, `entrypoint` as `entrypoints`. A file belongs to a layer by "
            "its path inside the package (`orders/adapters/sql/repo.py` is in `adapters`).\n\n"
            "Imports are resolved statically, never executed: absolute imports in `src/` and "
            "flat layouts, relative imports of any depth, `import a.b.c`, and `from a import "
            "b` whether `b` is a module or a name. Every import counts wherever it sits: "
            "inside a function, or under `if TYPE_CHECKING:` — a type-only import of an "
            "outer layer is still a layering violation, because the inner layer now names "
            "(and depends on the shape of) something it must not know about. Modules of "
            "another layered package count by their layer too.\n\n"
            "A relative import that climbs above the top-level package is reported as well: "
            "it fails at import time, and its layer cannot be checked. Test code "
            "(`test-paths`) belongs to no layer."
        ),
        why_is_this_bad=(
            "The checklist's A.1 layout keeps dependencies pointing inward so that the domain can "
            "be tested without a database, the service without HTTP, and each outer layer "
            "replaced without touching the inner ones. One import outward ties the inner "
            "layer to the outer one's libraries, start-up cost and failure modes, and it "
            "is usually the first step of an import cycle."
        ),
        example=(
            "```python\n# src/orders/domain/model.py\n"
            "from orders.adapters.repository import OrderRepository\n\n\n"
            "def load(reference: str, repository: OrderRepository) -> Order: ...\n```"
        ),
        use_instead=(
            "Declare what the domain needs as a protocol inside `domain/`, and let the "
            "adapter satisfy it:\n\n```python\n# src/orders/domain/ports.py\n"
            "from typing import Protocol\n\n\nclass Orders(Protocol):\n"
            "    def get(self, reference: str) -> Order: ...\n```"
        ),
        options=(
            "`[tool.hardkit.layers]`: `order` (outermost first; the last entry is the pure "
            "layer whose presence marks a layered package) and `aliases` (directory name = "
            'layer) replace the defaults, e.g. `order = ["api", "app", "infra", '
            '"core"]`.'
        ),
        references=(
            "- hardkit's hardening checklist, [A.1 Project layout]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a1-project-layout): the four layers and their imports\n"
            "- Cosmic Python, [Chapter 2: Repository Pattern]"
            "(https://www.cosmicpython.com/book/chapter_02_repository.html)\n"
            "- import-linter, [Layers contract]"
            "(https://import-linter.readthedocs.io/en/stable/contract_types.html#layers)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid(
            "from orders.domain import model\nfrom . import pricing\n",
            path="src/orders/service/checkout.py",
            files=_PKG,
        ),
        valid(
            "from orders.domain.model import Order\n",
            path="src/orders/adapters/orm.py",
            files=_PKG,
        ),
        valid(
            "from orders.adapters.repository import OrderRepository\n",
            path="src/orders/utils/wiring.py",
            files=_PKG,
        ),
        valid(
            "from orders.adapters.repository import OrderRepository\n",
            path="tests/unit/domain/test_model.py",
            files=_PKG,
        ),
        invalid(
            '"""The order aggregate."""\nfrom orders.adapters.repository import OrderRepository\n',
            path="src/orders/domain/model.py",
            files=_PKG,
            line=2,
            column=1,
        ),
        invalid(
            "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    from ..adapters import repository\n",
            path="src/orders/domain/model.py",
            files=_PKG,
            line=4,
            column=5,
        ),
        invalid(
            "def handler():\n    import orders.entrypoints.api\n",
            path="src/orders/service/checkout.py",
            files=_PKG,
            line=2,
            column=5,
        ),
        invalid(
            "from orders import service\n",
            path="src/orders/adapters/notify.py",
            files=_PKG,
            line=1,
            column=1,
        ),
        invalid(
            "from .adapters import Store\n", path="shop/domain.py", files=_FLAT, line=1, column=1
        ),
        invalid(
            "import adapters.db\n",
            path="domain/model.py",
            files={"adapters/db.py": "", "domain/__init__.py": ""},
            line=1,
            column=1,
        ),
        invalid(
            "from ... import settings\n",
            path="src/orders/domain/model.py",
            files=_PKG,
            line=1,
            column=1,
        ),
        invalid(
            "from app.infra.db import Session\n",
            path="src/app/core/rules.py",
            files={"src/app/__init__.py": "", "src/app/core/__init__.py": ""},
            config={"layers": {"order": ["api", "infra", "core"]}},
            line=1,
            column=1,
        ),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        del config
        return "import" in text

    def check(self, file: PythonFile) -> Iterator[Finding]:
        layered = layered_file(file)
        if layered is None:
            return
        seen: set[tuple[int, int, str]] = set()
        for record in imports_of(file):
            names = record.candidates(layered.module)
            if names is None:
                yield file.finding(
                    self.code, record.span, beyond_top_level_message(record, layered.module)
                )
                continue
            outer = layered.outer_layer(names[0]) if names else None
            if outer is None or (record.line, record.column, outer) in seen:
                continue
            seen.add((record.line, record.column, outer))
            shown = names[1] if record.name and layered.outer_layer(names[1]) else names[0]
            message = (
                f"{layered.layer} module imports '{shown}' from the outer layer {outer}; "
                "dependencies must point inward"
            )
            yield file.finding(self.code, record.span, message, anchor_line=record.line)
