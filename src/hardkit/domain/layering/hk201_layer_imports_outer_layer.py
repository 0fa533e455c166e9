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
_CLEAN = {
    "app/__init__.py": "",
    "app/domain/__init__.py": "",
    "app/application/__init__.py": "",
    "app/infrastructure/__init__.py": "",
    "app/presentation/__init__.py": "",
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
            "In a *layered package*, reports an import that points outward: from `domain` "
            "to `adapters`, `service` or `entrypoints`; from `adapters` to `service` or "
            "`entrypoints`; from `service` to `entrypoints`. The layers, outermost first, "
            "are `entrypoints > service > adapters > domain`, and these directory (or "
            "module) names count as them: `service_layer`, `services`, `application`, "
            "`use_cases` and `usecases` as `service`; `infrastructure` and `infra` as "
            "`adapters`; `entrypoint` and `presentation` as `entrypoints` (not "
            "`interfaces`: some projects keep their inner ports there, others their outer "
            "adapters). A file belongs to a layer by its path inside the package "
            "(`orders/adapters/sql/repo.py` is in `adapters`).\n\n"
            "A layered package is a directory holding `domain/` (or `domain.py`) **and at "
            "least one other layer**: a lone `domain/` among feature folders (`app/domain/` "
            "beside `app/db/` and `app/server/`) is a name, not a layered architecture, and "
            "is not judged. A `domain/` made only of subpackages counts; so does a directory "
            "without `__init__.py` (`src/` with `domain/` and `adapters/` in it, whose "
            "layers are then imported as top-level packages: `from domain import model`).\n\n"
            "Imports are resolved statically, never executed, against the project's own "
            "import roots: the nearest directory at or above the layered package with a "
            "`pyproject.toml`, `setup.cfg` or `setup.py` (and its `src/`), the directory "
            "above its top-level package, and the layered package itself when it is not a "
            "package. An enclosing repository never adds one: a project inside a monorepo "
            "gets exactly the findings it gets on its own. Relative imports of any depth, "
            "`import a.b.c`, and `from a import b` whether `b` is a module or a name are "
            "followed. Every import counts wherever it sits: inside a function, or under "
            "`if TYPE_CHECKING:` — a type-only import of an outer layer is still a layering "
            "violation, because the inner layer now names (and depends on the shape of) "
            "something it must not know about. Modules of another layered package count by "
            "their layer too.\n\n"
            "`infrastructure/` and `infra/` are read both ways: clean architecture makes "
            "infrastructure the outer ring of frameworks and drivers (it implements the "
            "ports the application declares and wires the application together), ports "
            "and adapters puts it below the service. So they count as `adapters` for "
            "everything further in (a domain module must not import them), but their own "
            "imports of the service and entrypoints layers are not reported. To have them "
            "judged, make `infrastructure` a layer of its own in `order` (e.g. `order = "
            '["entrypoints", "service", "infrastructure", "domain"]`).\n\n'
            "A relative import that climbs above the top-level package is reported as well: "
            "it fails at import time, and its layer cannot be checked. Test code "
            "(`test-paths`, also read from the project's own directory) belongs to no layer."
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
            "layer whose presence, with another layer's, marks a layered package) and "
            "`aliases` (directory name = layer) replace the defaults, e.g. `order = "
            '["api", "app", "infra", "core"]`; `extend-aliases` adds names to the default '
            'aliases, e.g. `extend-aliases = { gateways = "adapters" }`.'
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
            files={
                "src/app/__init__.py": "",
                "src/app/core/__init__.py": "",
                "src/app/infra/db.py": "class Session: ...\n",
            },
            config={"layers": {"order": ["api", "infra", "core"]}},
            line=1,
            column=1,
        ),
        valid(
            "from app.server.deps import provide_session\n",
            path="app/domain/accounts/controllers.py",
            files={"app/__init__.py": "", "app/db/models.py": "", "app/server/deps.py": ""},
        ),
        valid(
            "from app.application.ports import Orders\nfrom app.presentation import routes\n",
            path="app/infrastructure/repositories.py",
            files=_CLEAN,
        ),
        invalid(
            "from app.infrastructure.repositories import SqlOrders\n",
            path="app/domain/orders.py",
            files=_CLEAN,
            line=1,
            column=1,
        ),
        invalid(
            "from app.presentation.schemas import OrderIn\n",
            path="app/application/place_order.py",
            files=_CLEAN,
            line=1,
            column=1,
        ),
        invalid(
            "from infrastructure.db import Session\n",
            path="src/domain/orders/model.py",
            files={"src/infrastructure/db.py": "class Session: ...\n"},
            line=1,
            column=1,
        ),
        invalid(
            "from ..gateways import payments\n",
            path="shop/domain/cart.py",
            files={"shop/__init__.py": "", "shop/gateways/payments.py": ""},
            config={"layers": {"extend-aliases": {"gateways": "adapters"}}},
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
            targets = layered.targets(record)
            if targets is None:
                yield file.finding(
                    self.code, record.span, beyond_top_level_message(record, layered)
                )
                continue
            outer = layered.outer_layer(targets[0]) if targets else None
            if outer is None or (record.line, record.column, outer) in seen:
                continue
            seen.add((record.line, record.column, outer))
            # ``from pkg.adapters.repo import Repo``: name the module, not the class
            module = next(iter(targets[1:]), None) if record.name else None
            shown = (module if module and layered.outer_layer(module) else targets[0]).name
            message = (
                f"{layered.layer} module imports '{shown}' from the outer layer {outer}; "
                "dependencies must point inward"
            )
            yield file.finding(self.code, record.span, message, anchor_line=record.line)
