"""The pure layering model: layouts, projects, placement, import resolution and
extraction, and the import-graph search of HK204 on in-memory packages."""

from __future__ import annotations

import pytest

from hardkit.domain.config import Config, LayerPolicy, config_from_table
from hardkit.domain.layering.import_graph import ModuleSource, layering_chains
from hardkit.domain.layering.imports import ImportRecord, imports_of
from hardkit.domain.layering.modules import io_module, web_framework
from hardkit.domain.layering.resolve import Resolver, Target
from hardkit.domain.project import (
    LayeredPackage,
    ModuleName,
    Project,
    ProjectLayout,
    module_below,
    module_path,
)
from hardkit.domain.sources import PythonFile

ORDERS = LayeredPackage("src/orders", "")
TAX = LayeredPackage("src/orders/plugins/tax", "")
PROJECT = Project("", ("src", ""))
LAYOUT = ProjectLayout((ORDERS, TAX), (PROJECT,))
POLICY = LayerPolicy()


@pytest.mark.parametrize(
    ("key", "place"),
    [
        ("src/orders/domain/model.py", ("src/orders", "domain")),
        ("src/orders/domain.py", ("src/orders", "domain")),
        ("src/orders/services/checkout.py", ("src/orders", "service")),
        ("src/orders/service_layer/uow.py", ("src/orders", "service")),
        ("src/orders/application/place.py", ("src/orders", "service")),
        ("src/orders/entrypoint/cli.py", ("src/orders", "entrypoints")),
        ("src/orders/presentation/api.py", ("src/orders", "entrypoints")),
        ("src/orders/adapters/sql/repo.py", ("src/orders", "adapters")),
        ("src/orders/infra/sql/repo.py", ("src/orders", "adapters")),
        ("src/orders/interfaces/ports.py", ("src/orders", None)),
        ("src/orders/utils/money.py", ("src/orders", None)),
        ("src/orders/__init__.py", ("src/orders", None)),
        ("src/orders/plugins/tax/domain/rate.py", ("src/orders/plugins/tax", "domain")),
        ("src/ordersx/domain/model.py", None),
        ("tools/domain/x.py", None),
    ],
)
def test_a_file_is_placed_by_its_path(key: str, place: tuple[str, str | None] | None) -> None:
    found = LAYOUT.place_of_key(key, POLICY)
    assert (None if found is None else (found.package.directory, found.layer)) == place


@pytest.mark.parametrize(
    ("path", "layer"),
    [
        ("src/orders/adapters/repository/OrderRepository", "adapters"),
        ("src/orders/services", "service"),
        ("src/orders", None),
        ("src/orders/utils", None),
        ("src/orders/plugins/tax/adapters", "adapters"),
        ("src/ordersx/adapters", "missing"),
        ("requests", "missing"),
    ],
)
def test_a_module_path_is_placed_by_its_first_directory(path: str, layer: str | None) -> None:
    found = LAYOUT.place_of_path(path, POLICY, PROJECT)
    assert (found.layer if found else "missing") == layer


def test_a_root_package_places_every_top_level_name() -> None:
    root = ProjectLayout((LayeredPackage("", ""),), (Project("", ("",)),))
    assert root.place_of_path("adapters/db", POLICY, root.projects[0]) == (
        LayeredPackage("", ""),
        "adapters",
        "adapters",
    )
    assert root.module_of_key("domain/model.py") == ModuleName("domain.model", False)
    assert not LayeredPackage("", "").holds_key("/elsewhere/domain/x.py")
    assert root.project_of_key("/elsewhere/domain/x.py") is None


def test_module_names_come_from_the_deepest_import_root_of_the_project() -> None:
    assert LAYOUT.module_of_key("src/orders/domain/__init__.py") == ("orders.domain", True)
    assert LAYOUT.module_of_key("src/common/net.pyi") == ("common.net", False)
    assert LAYOUT.module_of_key("tests/test_x.py") == ("tests.test_x", False)
    assert PROJECT.module_names("src/orders/domain.py") == (
        ModuleName("orders.domain", False),
        ModuleName("src.orders.domain", False),
    )
    assert PROJECT.name_of_path("src/orders/adapters") == "orders.adapters"
    assert module_below("a/b/__init__.py", "") == ModuleName("a.b", is_package=True)
    assert (module_path("a/b/__init__.py"), module_path("a/b.pyi")) == ("a/b", "a/b")


def test_a_file_belongs_to_the_innermost_project() -> None:
    inner = Project("services/billing", ("services/billing/src", "services/billing"))
    layout = ProjectLayout((), (Project("", ("",)), inner))
    assert layout.project_of_key("services/billing/src/b/domain.py") == inner
    assert layout.project_of_key("services/billingx/a.py") == Project("", ("",))
    assert ProjectLayout().project_of_key("a.py") is None


def _record(level: int, module: str, name: str | None = None) -> ImportRecord:
    return ImportRecord(level, module, name, 1, 1, 1, 10)


@pytest.mark.parametrize(
    ("key", "record", "expected"),
    [
        (
            "src/orders/domain/model.py",
            _record(0, "orders.adapters.repo", "Repo"),
            [
                ("orders.adapters.repo.Repo", "src/orders/adapters/repo/Repo"),
                ("orders.adapters.repo", "src/orders/adapters/repo"),
                ("orders.adapters", "src/orders/adapters"),
                ("orders", None),
            ],
        ),
        ("src/orders/domain/model.py", _record(0, "requests"), [("requests", None)]),
        (
            "src/orders/domain/model.py",
            _record(2, "adapters", "repo"),
            [
                ("orders.adapters.repo", "src/orders/adapters/repo"),
                ("orders.adapters", "src/orders/adapters"),
                ("orders", "src/orders"),
            ],
        ),
        (
            "src/orders/domain/__init__.py",
            _record(1, "", "model"),
            [
                ("orders.domain.model", "src/orders/domain/model"),
                ("orders.domain", "src/orders/domain"),
                ("orders", "src/orders"),
            ],
        ),
        ("src/orders/domain/model.py", _record(2, "", "*"), [("orders", "src/orders")]),
        ("src/orders/domain/model.py", _record(3, "", "settings"), None),
        ("src/orders/domain/__init__.py", _record(3, "x"), None),
        ("src/script.py", _record(1, "", "x"), None),
    ],
)
def test_imports_resolve_like_python_inside_the_project(
    key: str, record: ImportRecord, expected: list[tuple[str, str | None]] | None
) -> None:
    project = Project("", ("src",))
    targets = Resolver(LAYOUT, project, POLICY).targets(key, record)
    assert (None if targets is None else [tuple(t) for t in targets]) == expected


def test_a_package_that_is_not_a_package_resolves_both_ways() -> None:
    # src/ holds the layers and has no __init__.py; the project above can import src.domain
    layout = ProjectLayout((LayeredPackage("src", ""),), (Project("", ("src", "")),))
    resolver = Resolver(layout, layout.projects[0], POLICY)
    top = resolver.targets("src/domain/model.py", _record(0, "adapters.db"))
    assert top is not None
    assert top[0] == Target("adapters.db", "src/adapters/db")
    relative = resolver.targets("src/domain/model.py", _record(2, "adapters", "db"))
    assert relative is not None
    assert resolver.layer(relative[0].path) == "adapters"
    assert resolver.targets("src/domain/model.py", _record(3, "", "x")) is None


def test_known_files_win_over_layers_when_a_name_is_ambiguous() -> None:
    layout = ProjectLayout((LayeredPackage("src", ""),), (Project("", ("src", "")),))
    resolver = Resolver(layout, layout.projects[0], POLICY, frozenset({"adapters/db"}))
    targets = resolver.targets("src/domain/model.py", _record(0, "adapters.db"))
    assert targets is not None
    assert targets[0] == Target("adapters.db", "adapters/db")


def test_io_modules_and_web_frameworks_match_themselves_and_their_submodules_only() -> None:
    assert io_module("http.client") == "http.client"
    assert io_module("http.client.HTTPConnection") == "http.client"
    assert io_module("http") is None
    assert io_module("http.HTTPStatus") is None
    assert io_module("requests.adapters") == "requests"
    assert io_module("corp.storage.s3", ("corp.storage",)) == "corp.storage"
    assert io_module("corpx") is None
    assert web_framework("django.http.response.JsonResponse") == "django.http"
    assert web_framework("django.db.models") is None
    assert web_framework("aiohttp.web.Response") == "aiohttp.web"
    assert web_framework("aiohttp.ClientSession") is None
    assert web_framework("flask_sqlalchemy") is None
    assert web_framework("ninja.Router", ("ninja",)) == "ninja"


def _file(text: str) -> PythonFile:
    def no_cst(_: str) -> object:
        raise AssertionError("not needed")

    return PythonFile("m.py", text, Config(), is_test=False, cst_parser=no_cst)  # type: ignore[arg-type]


def test_type_checking_blocks_mark_their_imports_type_only() -> None:
    text = (
        "import typing\nif typing.TYPE_CHECKING:\n    import a\n    if x:\n        import b\n"
        "else:\n    import c\n"
        "if not TYPE_CHECKING:\n    import d\nelse:\n    import e\n"
        "if TYPE_CHECKING or x:\n    import f\n"
        "def g():\n    if TYPE_CHECKING:\n        from h import i\n"
    )
    found = [(r.written, r.type_checking) for r in imports_of(_file(text))]
    assert found == [
        ("typing", False),
        ("a", True),
        ("b", True),
        ("c", False),
        ("d", False),
        ("e", True),
        ("f", False),
        ("h", True),
    ]


def test_imports_are_found_in_every_kind_of_block_with_character_columns() -> None:
    text = (
        "s = 'é'; import a\n"
        "try:\n    import b\nexcept ImportError:\n    import c\nelse:\n    import d\n"
        "finally:\n    import e\n"
        "class K:\n    def m(self):\n        from .f import g, h\n"
        "async def run():\n    async with x:\n        import i.j as k\n"
        "while x:\n    pass\nelse:\n    from ... import l\n"
        "match x:\n    case 1:\n        import n\n"
        "if TYPE_CHECKING:\n    from o import *\n"
    )
    found = [(r.line, r.column, r.written, r.name) for r in imports_of(_file(text))]
    assert found == [
        (1, 10, "a", None),
        (3, 5, "b", None),
        (5, 5, "c", None),
        (7, 5, "d", None),
        (9, 5, "e", None),
        (12, 9, ".f", "g"),
        (12, 9, ".f", "h"),
        (15, 9, "i.j", None),
        (19, 5, "...", "l"),
        (22, 9, "n", None),
        (24, 5, "o", "*"),
    ]


def test_custom_order_without_aliases_drops_the_default_aliases() -> None:
    policy = config_from_table({"layers": {"order": ["api", "core"]}}, "x").layers
    assert (policy.innermost, policy.aliases, policy.layer_of("services")) == ("core", (), None)
    assert LayerPolicy().directories_of("adapters") == ("adapters", "infrastructure", "infra")
    assert policy.outer_rings == ()


def test_a_layered_package_needs_the_innermost_layer_and_another() -> None:
    assert POLICY.is_layered(POLICY.layers_among(["domain", "infra", "lib"]))
    assert POLICY.layers_among(["services", "service", "domain"]) == {
        "service": "services",
        "domain": "domain",
    }
    assert not POLICY.is_layered(POLICY.layers_among(["domain", "db", "lib", "server"]))
    assert not POLICY.is_layered(POLICY.layers_among(["adapters", "services"]))


def _source(module: str, *imports: str, is_test: bool = False) -> ModuleSource:
    records = tuple(
        ImportRecord(0, name.lstrip("?"), None, n + 1, 1, n + 1, 10, name.startswith("?"))
        for n, name in enumerate(imports)
    )
    path = module.replace(".", "/")
    key = f"src/{path}/__init__.py" if module == "orders" else f"src/{path}.py"
    return ModuleSource(key, records, is_test)


GRAPH_LAYOUT = ProjectLayout((ORDERS,), (Project("", ("src", "")),))


def test_the_graph_reports_the_shortest_chain_and_survives_cycles() -> None:
    sources = [
        _source("orders.domain.a", "orders.utils.long1", "orders.utils.short"),
        _source("orders.utils.long1", "orders.utils.long2"),
        _source("orders.utils.long2", "orders.utils.long1", "orders.utils.short"),
        _source("orders.utils.short", "sqlite3", "orders.utils.long1"),
        _source("orders.adapters.db", "orders.utils.short"),  # adapters: I/O is fine
        _source("orders.domain.b", "orders.utils.short", is_test=True),
    ]
    chains = layering_chains(sources, GRAPH_LAYOUT, POLICY)
    assert [(c.source.key, c.record.line, c.modules) for c in chains] == [
        (
            "src/orders/domain/a.py",
            1,
            (
                "orders.domain.a",
                "orders.utils.long1",
                "orders.utils.long2",
                "orders.utils.short",
                "sqlite3",
            ),
        ),
        ("src/orders/domain/a.py", 2, ("orders.domain.a", "orders.utils.short", "sqlite3")),
    ]


def test_the_outermost_layer_has_no_outer_chain_and_layers_stop_chains() -> None:
    sources = [
        _source("orders.entrypoints.api", "orders.helpers"),
        _source("orders.helpers", "orders.entrypoints.cli", "httpx"),
        _source("orders.service.s", "orders.helpers", "orders.domain.m"),
        _source("orders.domain.m", "orders.service.s"),  # direct: HK201, not HK204
        _source("orders", "orders.entrypoints.api"),
    ]
    chains = layering_chains(sources, GRAPH_LAYOUT, POLICY)
    assert [(c.modules, c.target_layer) for c in chains] == [
        (("orders.service.s", "orders.helpers", "orders.entrypoints.cli"), "entrypoints"),
    ]


def test_type_only_imports_are_not_edges_of_the_graph() -> None:
    sources = [
        _source("orders.domain.a", "?orders.utils.net", "orders.utils.pure"),
        _source("orders.utils.net", "httpx"),
        _source("orders.utils.pure", "?orders.utils.net", "decimal"),
    ]
    assert layering_chains(sources, GRAPH_LAYOUT, POLICY) == []


def test_each_project_has_its_own_graph() -> None:
    # Two projects side by side, each with a top-level package named ``app``.
    billing = Project("billing", ("billing",))
    shipping = Project("shipping", ("shipping",))
    layout = ProjectLayout(
        (LayeredPackage("billing/app", "billing"), LayeredPackage("shipping/app", "shipping")),
        (billing, shipping),
    )
    record = (ImportRecord(0, "app.helpers", None, 1, 1, 1, 10),)
    sources = [
        ModuleSource("billing/app/domain/model.py", record),
        ModuleSource("billing/app/helpers.py", ()),
        ModuleSource("shipping/app/helpers.py", (ImportRecord(0, "httpx", None, 1, 1, 1, 5),)),
        ModuleSource("elsewhere/app/helpers.py", (ImportRecord(0, "httpx", None, 1, 1, 1, 5),)),
    ]
    assert layering_chains(sources, layout, POLICY) == []


def test_an_infrastructure_ring_starts_no_outward_chain() -> None:
    layout = ProjectLayout((ORDERS,), (Project("", ("src",)),))
    sources = [
        _source("orders.infrastructure.wiring", "orders.helpers"),
        _source("orders.adapters.db", "orders.helpers"),
        _source("orders.helpers", "orders.application.handlers"),
    ]
    chains = layering_chains(sources, layout, POLICY)
    assert [c.modules for c in chains] == [
        ("orders.adapters.db", "orders.helpers", "orders.application.handlers")
    ]
