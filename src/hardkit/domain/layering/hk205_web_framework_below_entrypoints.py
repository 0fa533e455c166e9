from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.config import Config
from hardkit.domain.findings import Finding
from hardkit.domain.layering.imports import imports_of
from hardkit.domain.layering.modules import web_framework
from hardkit.domain.layering.placement import layered_file
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_PKG = {
    "src/orders/__init__.py": "",
    "src/orders/domain/__init__.py": "",
    "src/orders/service/__init__.py": "",
    "src/orders/adapters/__init__.py": "",
    "src/orders/entrypoints/__init__.py": "",
}
# The layers a web framework must stay out of, besides the domain (HK202 covers it).
_BELOW_ENTRYPOINTS = ("service", "adapters")


class WebFrameworkBelowEntrypoints(Rule[PythonFile]):
    code = "HK205"
    name = "web-framework-below-entrypoints"
    summary = "A service or adapters module imports a web framework"
    kind = FileKind.PYTHON
    doc = RuleDoc(
        what_it_does=(
            "In a *layered package* (a directory holding `domain/` and at least one other "
            "layer), reports an import of a web framework in the service layer (`service/`, "
            "`services/`, `service_layer/`, `application/`, `use_cases/`) or the adapters "
            "layer (`adapters/`): `fastapi`, `starlette`, `flask`, `quart`, `litestar`, "
            "`falcon`, `sanic`, `bottle`, `pyramid`, `aiohttp.web`, `tornado.web`, "
            "`rest_framework`, `django.http`, `django.views`, `django.shortcuts` and "
            "`django.urls`. A module counts when it or a parent package is listed: "
            "`from fastapi import HTTPException` and `from django.http.response import "
            "JsonResponse` do, `import aiohttp` (the HTTP client) and `from django.db "
            "import models` do not. The domain is HK202's: `django`, `flask`, `fastapi` and "
            "`starlette` are on its list of I/O modules.\n\n"
            "Imports under `if TYPE_CHECKING:` count too: a service whose signatures speak "
            "in `Request` objects is tied to the framework even if nothing is imported at "
            "run time. Test code (`test-paths`) belongs to no layer.\n\n"
            "An `infrastructure/` or `infra/` directory counts as the adapters layer for "
            "everything further in (a domain module must not import it), but it is not "
            "judged here: in clean architecture it is the outer ring of frameworks and "
            "drivers, where the web framework belongs. To have it judged, make "
            "`infrastructure` a layer of its own in `[tool.hardkit.layers]` `order`."
        ),
        why_is_this_bad=(
            "The checklist's A.1 layout puts the framework in `entrypoints/` (\"FastAPI, "
            "CLI\"): the service layer is the application's API, and the adapters talk to "
            "databases and other services. A service that raises `HTTPException` or reads "
            "`flask.request` cannot be driven from a CLI, a worker or a test without the "
            "framework and a request context, and every change of framework goes through "
            "the business logic."
        ),
        example=(
            "```python\n# src/orders/service/checkout.py\nfrom fastapi import HTTPException\n"
            "\n\ndef place(order_id: str, orders: Orders) -> Order:\n"
            "    order = orders.get(order_id)\n    if order is None:\n"
            "        raise HTTPException(status_code=404)\n    return order.place()\n```"
        ),
        use_instead=(
            "Raise the service's own exception, and translate it at the edge:\n\n"
            "```python\n# src/orders/service/checkout.py\nclass UnknownOrder(Exception): ...\n"
            "\n\n# src/orders/entrypoints/api.py\nfrom fastapi import HTTPException\n\n\n"
            '@app.post("/orders/{order_id}/place")\ndef place_order(order_id: str):\n'
            "    try:\n        return checkout.place(order_id, orders)\n"
            "    except checkout.UnknownOrder:\n        raise HTTPException(status_code=404)\n"
            "```"
        ),
        options=(
            '`web-frameworks` extends the list, e.g. `web-frameworks = ["ninja", '
            '"connexion"]`. `[tool.hardkit.layers]` renames the layers (HK201): this rule '
            "judges the layers named `service` and `adapters` there."
        ),
        references=(
            "- hardkit's hardening checklist, [A.1 Project layout]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a1-project-layout): the web application and the CLI are entrypoints\n"
            "- Cosmic Python, [Chapter 4: Our First Use Case: Flask API and Service Layer]"
            "(https://www.cosmicpython.com/book/chapter_04_service_layer.html)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid(
            "from fastapi import APIRouter, HTTPException\nfrom orders.service import checkout\n",
            path="src/orders/entrypoints/api.py",
            files=_PKG,
        ),
        valid(
            "import aiohttp\nfrom django.db import models\nimport flask_sqlalchemy\n",
            path="src/orders/adapters/clients.py",
            files=_PKG,
        ),
        valid("from flask import Flask\n", path="src/orders/wsgi.py", files=_PKG),
        valid(
            "from fastapi import Depends\n",
            path="tests/unit/service/test_checkout.py",
            files=_PKG,
        ),
        valid(
            "from fastapi import Request\n",
            path="app/infrastructure/http/routes.py",
            files={
                "app/__init__.py": "",
                "app/domain/__init__.py": "",
                "app/application/__init__.py": "",
            },
        ),
        invalid(
            '"""Checkout."""\nfrom fastapi import HTTPException\n',
            path="src/orders/service/checkout.py",
            files=_PKG,
            line=2,
            column=1,
        ),
        invalid(
            "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    from flask import Request\n",
            path="src/orders/service/auth.py",
            files=_PKG,
            line=4,
            column=5,
        ),
        invalid(
            "from django.http.response import JsonResponse\nfrom aiohttp import web\n",
            path="src/orders/adapters/notify.py",
            files=_PKG,
            line=1,
            column=1,
            more=((2, 1),),
        ),
        invalid(
            "def handle():\n    from litestar.exceptions import NotFoundException\n",
            path="app/application/use_cases/cancel.py",
            files={"app/__init__.py": "", "app/domain.py": "", "app/application/__init__.py": ""},
            line=2,
            column=5,
        ),
        invalid(
            "import ninja\n",
            path="src/orders/service/api_types.py",
            files=_PKG,
            config={"web-frameworks": ["ninja"]},
            line=1,
            column=1,
        ),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        del config
        return "import" in text

    def check(self, file: PythonFile) -> Iterator[Finding]:
        layered = layered_file(file)
        if layered is None or layered.layer not in _BELOW_ENTRYPOINTS or layered.outer_ring:
            return
        extra = file.config.web_frameworks
        seen: set[tuple[int, int, str]] = set()
        for record in imports_of(file):
            targets = None if record.level else layered.targets(record)
            framework = web_framework(targets[0].name, extra) if targets else None
            if framework is None or (record.line, record.column, framework) in seen:
                continue
            seen.add((record.line, record.column, framework))
            message = (
                f"{layered.layer} module imports the web framework '{framework}'; the "
                "framework belongs in the entrypoints"
            )
            yield file.finding(self.code, record.span, message, anchor_line=record.line)
