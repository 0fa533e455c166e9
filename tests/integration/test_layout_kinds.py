"""HK2xx on the kinds of layout public projects of the domain/adapters/service/entrypoints
family use, each as a small project written for this test: what is a layered package,
where imports resolve, and which findings a zero-config run gives (every finding by
path, line, column and code). The last tests check one project on its own and inside a
monorepo, next to other projects, and expect the same findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hardkit.entrypoints.cli import main
from tests.helpers import write

PYPROJECT = '[project]\nname = "sample"\n'

# The checklist's own layout: a package under src/, packaged by a setup.py in src/.
COSMIC = {
    "src/setup.py": "from setuptools import setup\nsetup(name='allocation')\n",
    "src/allocation/__init__.py": "",
    "src/allocation/config.py": "import os\nDSN = os.environ.get('DSN')\n",
    "src/allocation/domain/__init__.py": "",
    "src/allocation/domain/model.py": (
        "from dataclasses import dataclass\nfrom allocation import config\n"
        "from allocation.adapters import orm\n"
    ),
    "src/allocation/adapters/__init__.py": "",
    "src/allocation/adapters/orm.py": "import sqlalchemy\nfrom allocation.domain import model\n",
    "src/allocation/service_layer/__init__.py": "",
    "src/allocation/service_layer/unit_of_work.py": (
        "from allocation.adapters import orm\nfrom flask import current_app\n"
    ),
    "src/allocation/entrypoints/__init__.py": "",
    "src/allocation/entrypoints/flask_app.py": (
        "from flask import Flask\nfrom allocation.service_layer import unit_of_work\n"
    ),
}

# ``src`` itself is the package, imported as ``src.domain`` (no packaging metadata).
SRC_PACKAGE = {
    "requirements.txt": "fastapi\n",
    "src/__init__.py": "",
    "src/domain/__init__.py": "",
    "src/domain/use_cases/register.py": "from sqlalchemy import UUID\n",
    "src/infra/__init__.py": "",
    "src/infra/db.py": "import sqlalchemy\nfrom src.domain.use_cases import register\n",
    "src/main/server.py": "from fastapi import FastAPI\n",
}

# Bounded contexts, each with the clean-architecture layer names.
CONTEXTS = {
    "pyproject.toml": PYPROJECT,
    "src/modules/__init__.py": "",
    "src/modules/catalog/__init__.py": "",
    "src/modules/catalog/domain/__init__.py": "",
    "src/modules/catalog/domain/listing.py": (
        "from modules.catalog.infrastructure.repo import ListingModel\n"
        "from modules.bidding.application import bids\n"
    ),
    "src/modules/catalog/application/__init__.py": "",
    "src/modules/catalog/application/ports.py": "class Listings: ...\n",
    "src/modules/catalog/application/queries.py": (
        "from modules.catalog.infrastructure.repo import ListingModel\n"
        "from modules.catalog.presentation.schemas import ListingOut\n"
    ),
    "src/modules/catalog/infrastructure/__init__.py": "",
    "src/modules/catalog/infrastructure/repo.py": (
        "import sqlalchemy\nfrom modules.catalog.application.ports import Listings\n"
    ),
    "src/modules/catalog/infrastructure/container.py": (
        "from fastapi import Depends\nfrom modules.catalog.presentation import api\n"
    ),
    "src/modules/catalog/presentation/__init__.py": "",
    "src/modules/catalog/presentation/api.py": "from fastapi import APIRouter\n",
    "src/modules/catalog/presentation/schemas.py": "",
    "src/modules/catalog/tests/domain/factories.py": "import sqlalchemy\n",
    "src/modules/bidding/__init__.py": "",
    "src/modules/bidding/domain/__init__.py": "",
    "src/modules/bidding/application/__init__.py": "",
    "src/modules/bidding/application/bids.py": "",
}

# A top-level package and a shared package beside it, no packaging metadata at all.
NO_METADATA = {
    "requirements.txt": "aiohttp\n",
    "main.py": "from internal.app import run\n",
    "internal/__init__.py": "",
    "internal/domain/__init__.py": "",
    "internal/domain/account.py": "from pkg.orm.base import Base\n",
    "internal/adapters/__init__.py": "",
    "internal/adapters/http.py": "from aiohttp import web\n",
    "internal/app/__init__.py": "",
    "pkg/__init__.py": "",
    "pkg/orm/__init__.py": "",
    "pkg/orm/base.py": "from sqlalchemy.orm import DeclarativeBase\n",
}

# The repository root is the layered package; its layers are top-level packages.
ROOT_LAYERS = {
    "requirements.txt": "flask\n",
    "config.py": "import os\n",
    "domain/__init__.py": "",
    "domain/model.py": "import config\nfrom service_layer import services\n",
    "adapters/repository.py": "from domain import model\n",
    "service_layer/services.py": "from adapters import repository\nfrom domain import model\n",
    "entrypoints/flask_app.py": "from flask import Flask\nfrom service_layer import services\n",
}

# A src/ without __init__.py holds the layers, with packaging metadata above it.
SRC_LAYERS = {
    "pyproject.toml": PYPROJECT,
    "src/domain/entities/visit.py": "from domain.services.pricing import price\n",
    "src/domain/services/pricing.py": "def price(): ...\n",
    "src/domain/events/dispatcher.py": "def dispatch(e):\n    print(e)\n",
    "src/application/routes.py": "from flask import Blueprint\nfrom domain.entities import visit\n",
    "src/infrastructure/repo.py": "from application.adapters import visitor\n",
    "src/application/adapters/visitor.py": "",
}

# ``domain`` as the name of a folder of features, beside other folders: not a layout.
FEATURE_FOLDERS = {
    "pyproject.toml": PYPROJECT,
    "src/app/__init__.py": "",
    "src/app/db/models.py": "import sqlalchemy\n",
    "src/app/lib/deps.py": "from app.db import models\n",
    "src/app/server/core.py": "from litestar import Litestar\n",
    "src/app/domain/__init__.py": "",
    "src/app/domain/accounts/controllers.py": (
        "from litestar import Controller\nfrom app.lib import deps\nprint('x')\n"
    ),
    "src/app/domain/accounts/services.py": "from app.db.models import User\n",
}

# A Django app whose infrastructure holds the HTTP side (no entrypoints layer).
DJANGO_INFRA = {
    "manage.py": "import django\n",
    "app/__init__.py": "",
    "app/domain/__init__.py": "",
    "app/domain/lists.py": "from app.infrastructure.repositories import ListRepository\n",
    "app/application/__init__.py": "",
    "app/application/lists.py": (
        "from rest_framework import status\nfrom app.domain import lists\n"
    ),
    "app/infrastructure/__init__.py": "",
    "app/infrastructure/repositories.py": "from django.db import models\n",
    "app/infrastructure/api/views.py": (
        "from rest_framework.response import Response\nfrom app.application import lists\n"
    ),
}

# The domain one level down, beside ports, with the other layers outside: not judged.
CORE_DOMAIN = {
    "pyproject.toml": PYPROJECT,
    "src/__init__.py": "",
    "src/core/__init__.py": "",
    "src/core/domain/model.py": "import requests\n",
    "src/core/ports/__init__.py": "",
    "src/application/__init__.py": "",
    "src/infrastructure/web.py": "from fastapi import FastAPI\n",
}

KINDS = {
    "cosmic": (
        COSMIC,
        [
            "src/allocation/domain/model.py:3:1: HK201",
            "src/allocation/service_layer/unit_of_work.py:2:1: HK205",
        ],
    ),
    "src-package": (
        SRC_PACKAGE,
        ["src/domain/use_cases/register.py:1:1: HK202"],
    ),
    "contexts": (
        CONTEXTS,
        [
            "src/modules/catalog/application/queries.py:2:1: HK201",
            "src/modules/catalog/domain/listing.py:1:1: HK201",
            "src/modules/catalog/domain/listing.py:2:1: HK201",
        ],
    ),
    "no-metadata": (
        NO_METADATA,
        ["internal/adapters/http.py:1:1: HK205", "internal/domain/account.py:1:1: HK204"],
    ),
    "root-layers": (ROOT_LAYERS, ["domain/model.py:2:1: HK201"]),
    "src-layers": (
        SRC_LAYERS,
        [
            "src/application/routes.py:1:1: HK205",
            "src/domain/events/dispatcher.py:2:5: HK203",
        ],
    ),
    "feature-folders": (FEATURE_FOLDERS, []),
    "django-infrastructure": (
        DJANGO_INFRA,
        ["app/application/lists.py:1:1: HK205", "app/domain/lists.py:1:1: HK201"],
    ),
    "core-domain": (CORE_DOMAIN, []),
}


def _findings(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code = main(["check", "--quiet", "--no-cache", "--select", "HK2", *args])
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert code == (1 if lines else 0)
    return lines


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_layout_kind_gives_exactly_its_findings(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files, expected = KINDS[kind]
    (tmp_path / ".git").mkdir()
    write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    found = _findings(capsys)
    assert [" ".join(line.split(" ", 2)[:2]) for line in found] == expected


def test_a_file_checked_alone_is_judged_like_in_the_whole_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pre-commit chunk holding one file still knows the other bounded contexts."""
    write(tmp_path, CONTEXTS)
    monkeypatch.chdir(tmp_path)
    whole = [line for line in _findings(capsys) if "listing.py" in line]
    assert _findings(capsys, "src/modules/catalog/domain/listing.py") == whole


# -- monorepos ------------------------------------------------------------------------

# A neighbour with top-level packages named like the project's own modules: when the
# enclosing repository's root was an import root, ``from config import`` and ``import
# adapters`` of the project resolved here.
NEIGHBOUR = {
    "config/__init__.py": "import requests\n",
    "adapters/__init__.py": "from entrypoints import cli\n",
    "entrypoints/cli.py": "",
    "domain/__init__.py": "",
    "domain/model.py": "import adapters\n",
}

SERVICE = {
    "pyproject.toml": PYPROJECT,
    "src/orders/__init__.py": "",
    "src/orders/domain/__init__.py": "",
    "src/orders/domain/model.py": (
        "from config import settings\nfrom orders.adapters import repo\nimport requests\n"
    ),
    "src/orders/adapters/__init__.py": "",
    "src/orders/adapters/repo.py": "from orders.service_layer import handlers\n",
    "src/orders/service_layer/handlers.py": "from orders.utils import net\n",
    "src/orders/utils/__init__.py": "",
    "src/orders/utils/net.py": "from orders.entrypoints import api\n",
    "src/orders/entrypoints/api.py": "",
    "tests/domain/helpers.py": "import sqlite3\n",
    "tests/adapters/fakes.py": "from orders.service_layer import handlers\n",
}

WORKER = {  # no packaging metadata: its own top-level package only
    "requirements.txt": "redis\n",
    "worker/__init__.py": "",
    "worker/domain.py": "import config\nfrom worker import service\n",
    "worker/service.py": "from .adapters import queue\nfrom fastapi import Depends\n",
    "worker/adapters/queue.py": "import redis\n",
}


def _relative(lines: list[str], prefix: str) -> list[str]:
    return sorted(line.removeprefix(prefix) for line in lines if line.startswith(prefix))


@pytest.mark.parametrize(("name", "files"), [("orders", SERVICE), ("worker", WORKER)])
def test_a_project_inside_a_monorepo_gets_the_findings_it_gets_on_its_own(
    name: str,
    files: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    alone = tmp_path / "alone" / name
    (alone / ".git").mkdir(parents=True)
    write(alone, files)
    monkeypatch.chdir(alone)
    on_its_own = _findings(capsys)
    assert on_its_own  # the project has findings to compare

    mono = tmp_path / "mono"
    (mono / ".git").mkdir(parents=True)
    write(mono, NEIGHBOUR)
    write(mono / "services" / "orders", SERVICE)
    write(mono / "services" / "worker", WORKER)
    write(mono / "libs" / "config", {"pyproject.toml": PYPROJECT, "config/__init__.py": ""})
    monkeypatch.chdir(mono)
    everything = _findings(capsys)
    assert _relative(everything, f"services/{name}/") == sorted(on_its_own)
    # ... and checked from its own directory inside the monorepo, too.
    monkeypatch.chdir(mono / "services" / name)
    assert sorted(_findings(capsys)) == sorted(on_its_own)
    shutil.rmtree(mono)


def test_infrastructure_as_a_layer_of_its_own_is_judged_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, CONTEXTS)
    monkeypatch.chdir(tmp_path)
    default = _findings(capsys)
    assert not [line for line in default if "/infrastructure/" in line]
    order = '["presentation", "application", "infrastructure", "domain"]'
    write(tmp_path, {"pyproject.toml": f"{PYPROJECT}\n[tool.hardkit.layers]\norder = {order}\n"})
    judged = [line for line in _findings(capsys) if "/infrastructure/" in line]
    assert [" ".join(line.split(" ", 2)[:2]) for line in judged] == [
        "src/modules/catalog/infrastructure/container.py:2:1: HK201",
        "src/modules/catalog/infrastructure/repo.py:2:1: HK201",
    ]
