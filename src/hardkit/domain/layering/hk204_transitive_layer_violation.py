from __future__ import annotations

from collections.abc import Iterable

from hardkit.domain.config import Config
from hardkit.domain.findings import Finding
from hardkit.domain.project import ProjectLayout
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

    from hardkit.domain.layering.import_graph import Chain, ModuleSource

_PKG = {
    "src/orders/__init__.py": "",
    "src/orders/domain/__init__.py": "",
    "src/orders/adapters/__init__.py": "",
    "src/orders/adapters/repository.py": "import sqlite3\n",
    "src/orders/utils/__init__.py": "",
    "src/orders/utils/money.py": "import httpx\n",
    "src/orders/utils/wiring.py": "from orders.adapters.repository import connect\n",
    "src/orders/utils/pure.py": "from decimal import Decimal\nfrom orders.domain import model\n",
}


class TransitiveLayerViolation(Rule[PythonFile]):
    code = "HK204"
    name = "transitive-layer-violation"
    summary = "A layer reaches an outer layer or an I/O module through other modules"
    kind = FileKind.PYTHON
    doc = RuleDoc(
        what_it_does=(
            "A whole-project check: follows the import graph from every module of a layered "
            "package's layers through modules *outside* the layers (`orders.utils`, a "
            "package's `__init__`, another top-level package) and reports a chain that "
            "ends where HK201 or HK202 would have fired on a direct import: at a module of "
            "a layer further out, or — from the domain — at an I/O module. The finding sits "
            "on the layer-side import that starts the chain, and its message shows the "
            "whole chain, e.g. `orders.domain.pricing -> orders.utils.money -> httpx`. Only "
            "the shortest chain per import is shown.\n\n"
            "Imports are read statically, as for HK201, against the project's own import "
            "roots (a project inside a monorepo is one graph of its own: a neighbouring "
            "project never lends it a module): relative and absolute, inside functions, "
            "but not under `if TYPE_CHECKING:` (a type-only import loads nothing at run "
            "time). Import cycles are fine: each module is visited once per kind of "
            "target. The "
            "import lists are cached (by path, modification time and size), so a re-run "
            "opens and parses only the files that changed.\n\n"
            "It runs when whole packages are checked — `hardkit check` on a directory (the "
            "default `.`) — and in the `hardkit-layers` pre-commit hook, which runs "
            "`hardkit check --select HK204` on the whole project; it does not run when "
            "only single files are named (pre-commit's `hardkit` hook)."
        ),
        why_is_this_bad=(
            "A helper module outside the layers is a back door: `domain -> utils -> httpx` "
            "makes the domain exactly as impure as `import httpx` would, but no per-file "
            "check can see it. Tools that check only direct imports, and code review, miss "
            "it until the domain's tests need a network."
        ),
        example=(
            "```python\n# src/orders/domain/pricing.py\n"
            "from orders.utils.money import to_major_units\n\n"
            "# src/orders/utils/money.py\nimport httpx\n```"
        ),
        use_instead=(
            "Split the helper: keep the pure part where the domain can use it, and move the "
            "I/O part into an adapter.\n\n```python\n# src/orders/utils/money.py\n"
            "from decimal import Decimal\n\n# src/orders/adapters/rates.py\nimport httpx\n```"
        ),
        options=(
            "`io-modules` extends the I/O module list (see HK202); `[tool.hardkit.layers]` "
            "renames the layers (see HK201)."
        ),
        references=(
            "- hardkit's hardening checklist, [A.1 Project layout]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a1-project-layout): `domain/` is pure, with no I/O\n"
            "- import-linter, [Layers contract]"
            "(https://import-linter.readthedocs.io/en/stable/contract_types.html#layers) "
            "(which follows indirect imports too, but not I/O)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid(
            "from orders.utils.pure import Decimal\nfrom orders.domain import model\n",
            path="src/orders/domain/pricing.py",
            files={**_PKG, "src/orders/domain/model.py": "from orders.utils import pure\n"},
        ),
        valid(
            "from orders.utils.money import fetch\n",
            path="src/orders/adapters/rates.py",
            files=_PKG,
        ),
        valid(
            "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    from orders.utils.money import Cents\n",
            path="src/orders/domain/pricing.py",
            files=_PKG,
        ),
        valid(
            "from config import settings  # config/ of a neighbouring project\n",
            path="billing/src/invoices/domain/model.py",
            files={
                "billing/pyproject.toml": "[project]\nname = 'billing'\n",
                "billing/src/invoices/__init__.py": "",
                "billing/src/invoices/domain/__init__.py": "",
                "billing/src/invoices/adapters.py": "",
                "config/__init__.py": "import requests\n",
            },
        ),
        invalid(
            '"""Prices."""\nfrom orders.utils.money import to_major_units\n',
            path="src/orders/domain/pricing.py",
            files=_PKG,
            line=2,
            column=1,
        ),
        invalid(
            "def wire():\n    from ..utils import wiring\n",
            path="src/orders/domain/setup.py",
            files=_PKG,
            line=2,
            column=5,
        ),
        invalid(
            "from orders import helpers\n",
            path="src/orders/service/checkout.py",
            files={
                **_PKG,
                "src/orders/service/__init__.py": "",
                "src/orders/helpers.py": "from orders.lib import web\n",
                "src/orders/lib/__init__.py": "",
                "src/orders/lib/web.py": (
                    "from orders.helpers import x\nfrom ..entrypoints import api\n"
                ),
                "src/orders/entrypoints/__init__.py": "",
                "src/orders/entrypoints/api.py": "",
            },
            line=1,
            column=1,
        ),
        invalid(
            "import common.net\n",
            path="src/billing/domain/invoice.py",
            files={
                "src/billing/__init__.py": "",
                "src/billing/domain/__init__.py": "",
                "src/billing/service.py": "",
                "src/common/__init__.py": "",
                "src/common/net.py": "import socket\n",
            },
            line=1,
            column=1,
        ),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        del text, config
        return False  # a whole-project rule: never run file by file

    def check_project(
        self, sources: Iterable[ModuleSource], layout: ProjectLayout, config: Config
    ) -> list[Finding]:
        """The chains among ``sources`` (every Python file of the project), as findings on
        the layer-side import of each."""
        from hardkit.domain.layering.import_graph import layering_chains  # whole-project runs only

        chains = layering_chains(sources, layout, config.layers, config.io_modules)
        return [self._finding(chain) for chain in chains]

    def _finding(self, chain: Chain) -> Finding:
        record, path = chain.record, " -> ".join(chain.modules)
        through = f"'{chain.modules[1]}'"
        if chain.target_layer is None:
            what = f"reaches the I/O module '{chain.modules[-1]}' through {through}"
        else:
            what = f"reaches the outer layer {chain.target_layer} through {through}"
        return Finding(
            code=self.code,
            path=chain.source.key,
            line=record.line,
            column=record.column,
            end_line=record.end_line,
            end_column=record.end_column,
            message=f"{chain.layer} module {what}: {path}",
            anchor_line=record.line,
        )
