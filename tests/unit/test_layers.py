"""The pure layering model: layouts, placement, import resolution and extraction, and the
import-graph search of HK204 on in-memory packages."""

from __future__ import annotations

import pytest

from hardkit.domain.config import Config, ConfigError, LayerPolicy, config_from_table
from hardkit.domain.layering.import_graph import ModuleSource, layering_chains
from hardkit.domain.layering.imports import ImportRecord, imports_of
from hardkit.domain.layering.modules import absolute_module, io_module
from hardkit.domain.project import LayeredPackage, ModuleName, ProjectLayout, module_below
from hardkit.domain.sources import PythonFile

ORDERS = LayeredPackage("src/orders", "orders")
LAYOUT = ProjectLayout((ORDERS, LayeredPackage("src/orders/plugins/tax", "orders.plugins.tax")))
POLICY = LayerPolicy()


@pytest.mark.parametrize(
    ("key", "place"),
    [
        ("src/orders/domain/model.py", ("src/orders", "domain")),
        ("src/orders/domain.py", ("src/orders", "domain")),
        ("src/orders/services/checkout.py", ("src/orders", "service")),
        ("src/orders/service_layer/uow.py", ("src/orders", "service")),
        ("src/orders/entrypoint/cli.py", ("src/orders", "entrypoints")),
        ("src/orders/adapters/sql/repo.py", ("src/orders", "adapters")),
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
    ("module", "layer"),
    [
        ("orders.adapters.repository.OrderRepository", "adapters"),
        ("orders.services", "service"),
        ("orders", None),
        ("orders.utils", None),
        ("orders.plugins.tax.adapters", "adapters"),
        ("ordersx.adapters", "missing"),
        ("requests", "missing"),
    ],
)
def test_a_module_is_placed_by_its_dotted_name(module: str, layer: str | None) -> None:
    found = LAYOUT.place_of_module(module, POLICY)
    assert (found.layer if found else "missing") == layer


def test_a_root_package_places_every_top_level_name() -> None:
    root = ProjectLayout((LayeredPackage("", ""),))
    assert root.place_of_module("adapters.db", POLICY) == (LayeredPackage("", ""), "adapters")
    assert root.module_of_key("domain/model.py") == ModuleName("domain.model", False)
    assert LayeredPackage("", "").import_root == ""
    assert not LayeredPackage("", "").holds_key("/elsewhere/domain/x.py")
    assert ORDERS.import_root == "src"


def test_module_names_come_from_the_deepest_import_root() -> None:
    assert LAYOUT.module_of_key("src/orders/domain/__init__.py") == ("orders.domain", True)
    assert LAYOUT.module_of_key("src/common/net.pyi") == ("common.net", False)
    assert LAYOUT.module_of_key("tests/test_x.py") == ("tests.test_x", False)
    assert module_below("a/b/__init__.py", "") == ModuleName("a.b", is_package=True)


@pytest.mark.parametrize(
    ("level", "module", "importer", "expected"),
    [
        (0, "a.b", ModuleName("x.y", False), "a.b"),
        (1, "", ModuleName("orders.domain.model", False), "orders.domain"),
        (2, "adapters", ModuleName("orders.domain.model", False), "orders.adapters"),
        (1, "model", ModuleName("orders.domain", True), "orders.domain.model"),
        (2, "", ModuleName("orders.domain", True), "orders"),
        (3, "", ModuleName("orders.domain.model", False), None),
        (3, "x", ModuleName("orders.domain", True), None),
        (1, "x", ModuleName("script", False), None),
    ],
)
def test_relative_imports_resolve_like_python(
    level: int, module: str, importer: ModuleName, expected: str | None
) -> None:
    assert absolute_module(level, module, importer) == expected


def test_io_modules_match_themselves_and_their_submodules_only() -> None:
    assert io_module("http.client") == "http.client"
    assert io_module("http.client.HTTPConnection") == "http.client"
    assert io_module("http") is None
    assert io_module("http.HTTPStatus") is None
    assert io_module("requests.adapters") == "requests"
    assert io_module("corp.storage.s3", ("corp.storage",)) == "corp.storage"
    assert io_module("corpx") is None


def _file(text: str) -> PythonFile:
    def no_cst(_: str) -> object:
        raise AssertionError("not needed")

    return PythonFile("m.py", text, Config(), is_test=False, cst_parser=no_cst)  # type: ignore[arg-type]


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


def test_candidates_name_module_then_parents() -> None:
    record = ImportRecord(0, "a.b", "c", 1, 1, 1, 5)
    assert record.candidates(ModuleName("x", False)) == ("a.b.c", "a.b", "a")
    assert ImportRecord(0, "a.b", "*", 1, 1, 1, 5).candidates(ModuleName("x", False)) == (
        "a.b",
        "a",
    )
    assert ImportRecord(4, "", "x", 1, 1, 1, 5).candidates(ModuleName("a.b", False)) is None


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"order": ["core"]}, "at least two distinct layer names"),
        ({"order": ["a", "a"]}, "at least two distinct layer names"),
        ({"order": ["a.b", "c"]}, "entries must be directory names"),
        ({"aliases": {"svc": "nowhere"}}, "alias target 'nowhere' is not a layer"),
        ({"aliases": {"domain": "service"}}, "alias 'domain' must be a directory name"),
        ({"depth": 3}, "unknown key 'depth'"),
    ],
)
def test_the_layers_table_is_validated(table: dict[str, object], problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        config_from_table({"layers": table}, "pyproject.toml [tool.hardkit]")
    assert problem in caught.value.problems[0]
    assert caught.value.problems[0].startswith("pyproject.toml [tool.hardkit]: 'layers'")


def test_custom_order_without_aliases_drops_the_default_aliases() -> None:
    policy = config_from_table({"layers": {"order": ["api", "core"]}}, "x").layers
    assert (policy.innermost, policy.aliases, policy.layer_of("services")) == ("core", (), None)
    assert LayerPolicy().directories_of("service") == ("service", "service_layer", "services")


def _source(module: str, *imports: str, is_test: bool = False) -> ModuleSource:
    records = tuple(
        ImportRecord(0, name, None, n + 1, 1, n + 1, 10) for n, name in enumerate(imports)
    )
    is_package = module == "orders"
    return ModuleSource(
        f"src/{module.replace('.', '/')}.py", ModuleName(module, is_package), records, is_test
    )


def test_the_graph_reports_the_shortest_chain_and_survives_cycles() -> None:
    sources = [
        _source("orders.domain.a", "orders.utils.long1", "orders.utils.short"),
        _source("orders.utils.long1", "orders.utils.long2"),
        _source("orders.utils.long2", "orders.utils.long1", "orders.utils.short"),
        _source("orders.utils.short", "sqlite3", "orders.utils.long1"),
        _source("orders.adapters.db", "orders.utils.short"),  # adapters: I/O is fine
        _source("orders.domain.b", "orders.utils.short", is_test=True),
    ]
    chains = layering_chains(sources, ProjectLayout((ORDERS,)), POLICY)
    assert [(c.source.module.name, c.record.line, c.modules) for c in chains] == [
        (
            "orders.domain.a",
            1,
            (
                "orders.domain.a",
                "orders.utils.long1",
                "orders.utils.long2",
                "orders.utils.short",
                "sqlite3",
            ),
        ),
        ("orders.domain.a", 2, ("orders.domain.a", "orders.utils.short", "sqlite3")),
    ]


def test_the_outermost_layer_has_no_outer_chain_and_layers_stop_chains() -> None:
    sources = [
        _source("orders.entrypoints.api", "orders.helpers"),
        _source("orders.helpers", "orders.entrypoints.cli", "httpx"),
        _source("orders.service.s", "orders.helpers", "orders.domain.m"),
        _source("orders.domain.m", "orders.service.s"),  # direct: HK201, not HK204
        _source("orders", "orders.entrypoints.api"),
    ]
    chains = layering_chains(sources, ProjectLayout((ORDERS,)), POLICY)
    assert [(c.modules, c.target_layer) for c in chains] == [
        (("orders.service.s", "orders.helpers", "orders.entrypoints.cli"), "entrypoints"),
    ]
