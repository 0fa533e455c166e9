from __future__ import annotations

import pytest

from hardkit.domain.config import Config, ConfigError, LayerPolicy, config_from_table


def test_empty_table_gives_defaults() -> None:
    assert config_from_table({}, "pyproject.toml") == Config()


def test_keys_are_read_in_kebab_case() -> None:
    config = config_from_table(
        {
            "select": ["HK1"],
            "extend-select": ["HK3"],
            "ignore": ["HK102"],
            "per-file-ignores": {"legacy/**": ["HK101"]},
            "extend-exclude": ["generated"],
            "test-paths": ["spec/**"],
            "security-names": ["approval"],
            "io-modules": ["zmq"],
            "allowed-base-images": ["registry.internal/*"],
            "assert-fix-exception": "PermissionError",
            "unsuppressible": ["HK101"],
            "baseline": "hardkit-baseline.json",
        },
        "pyproject.toml",
    )
    assert config.select == ("HK1",)
    assert config.per_file_ignores == (("legacy/**", ("HK101",)),)
    assert config.all_excludes[-1] == "generated"
    assert config.assert_fix_exception == "PermissionError"
    assert config.baseline == "hardkit-baseline.json"


def test_every_bad_key_is_reported_at_once_with_the_file() -> None:
    with pytest.raises(ConfigError) as info:
        config_from_table(
            {"selct": ["HK1"], "ignore": "HK101", "assert-fix-exception": "not a name"},
            "pyproject.toml [tool.hardkit]",
        )
    assert info.value.problems == [
        "pyproject.toml [tool.hardkit]: unknown key 'selct' (did you mean 'select'?)",
        "pyproject.toml [tool.hardkit]: 'ignore' must be a list of strings",
        "pyproject.toml [tool.hardkit]: 'assert-fix-exception' must be an exception class name"
        " such as 'PermissionError'",
    ]


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        (
            {"select": ["E501"]},
            "'select' unknown rule selector 'E501' (expected HK, HK1, HK10 or HK101)",
        ),
        (
            {"per-file-ignores": ["x"]},
            "'per-file-ignores' must be a table of glob = [\"HK101\", ...]",
        ),
        (
            {"per-file-ignores": {"a/**": "HK1"}},
            "'per-file-ignores' entry 'a/**' must be a list of strings",
        ),
        ({"baseline": ""}, "'baseline' must be a non-empty string (a path)"),
        ({"layers": []}, "'layers' must be a table with 'order', 'aliases' and 'extend-aliases'"),
        (
            {"layers": {"orde": []}},
            "'layers' unknown key 'orde' (known: order, aliases, extend-aliases)",
        ),
        (
            {"layers": {"order": ["domain"]}},
            "'layers.order' must list at least two distinct layer names, outermost first",
        ),
        ({"layers": {"order": ["a.b", "c"]}}, "'layers.order' entry 'a.b' is not a directory name"),
        ({"layers": {"order": "domain"}}, "'layers.order' must be a list of strings"),
        (
            {"layers": {"aliases": {"svc": "nowhere"}}},
            "'layers.aliases' maps 'svc' to 'nowhere', which is not a layer (layers: "
            "entrypoints, service, adapters, domain)",
        ),
        (
            {"layers": {"extend-aliases": {"gateways": "adapter"}}},
            "'layers.extend-aliases' maps 'gateways' to 'adapter', which is not a layer "
            "(layers: entrypoints, service, adapters, domain)",
        ),
        (
            {"layers": {"order": ["api", "core"], "extend-aliases": {"web": "entrypoints"}}},
            "'layers.extend-aliases' maps 'web' to 'entrypoints', which is not a layer "
            "(layers: api, core)",
        ),
        (
            {"layers": {"aliases": {"svc": 1}}},
            "'layers.aliases' must be a table of directory = layer",
        ),
        (
            {"layers": {"extend-aliases": {"domain": "service"}}},
            "'layers.extend-aliases' alias 'domain' must be a directory name that is not a layer",
        ),
        (
            {"web-frameworks": ["fast api"]},
            "'web-frameworks' entry 'fast api' is not a module "
            "name such as 'fastapi' or 'aiohttp.web'",
        ),
    ],
)
def test_wrong_types_name_the_key(table: dict[str, object], problem: str) -> None:
    with pytest.raises(ConfigError) as info:
        config_from_table(table, "hardkit.toml")
    assert info.value.problems == [f"hardkit.toml: {problem}"]


def test_layers_replace_the_defaults() -> None:
    config = config_from_table(
        {"layers": {"order": ["api", "app", "core"], "aliases": {"application": "app"}}}, "x"
    )
    assert config.layers == LayerPolicy(("api", "app", "core"), (("application", "app"),))
    assert config.layers.layer_of("application") == "app"
    assert config.layers.layer_of("service_layer") is None
    assert config.layers.rank("api") > config.layers.rank("core")


def test_default_layers_know_the_aliases() -> None:
    policy = LayerPolicy()
    names = ("service_layer", "services", "application", "use_cases", "usecases")
    assert [policy.layer_of(n) for n in names] == ["service"] * 5
    assert [policy.layer_of(n) for n in ("infrastructure", "infra")] == ["adapters"] * 2
    assert [policy.layer_of(n) for n in ("entrypoint", "presentation")] == ["entrypoints"] * 2
    assert policy.layer_of("interfaces") is None  # ports in some projects, adapters in others
    assert policy.layer_of("utils") is None
    assert policy.outer_rings == ("infrastructure", "infra")


def test_aliases_replace_and_extend_aliases_add() -> None:
    replaced = config_from_table({"layers": {"aliases": {"gateways": "adapters"}}}, "x").layers
    assert replaced.aliases == (("gateways", "adapters"),)
    assert replaced.layer_of("services") is None
    extended = config_from_table({"layers": {"extend-aliases": {"gateways": "adapters"}}}, "x")
    policy = extended.layers
    assert policy.layer_of("gateways") == policy.layer_of("infra") == "adapters"
    assert policy.layer_of("services") == "service"
    # Re-mapping a ring name makes it that layer, plainly; a layer of that name too.
    remapped = config_from_table({"layers": {"extend-aliases": {"infra": "service"}}}, "x")
    assert remapped.layers.layer_of("infra") == "service"
    assert remapped.layers.outer_rings == ("infrastructure",)
    order = ["entrypoints", "service", "infrastructure", "domain"]
    assert config_from_table({"layers": {"order": order}}, "x").layers.outer_rings == ()
    both = {"aliases": {"svc": "service"}, "extend-aliases": {"gw": "adapters"}}
    assert config_from_table({"layers": both}, "x").layers.aliases == (
        ("svc", "service"),
        ("gw", "adapters"),
    )


def test_web_frameworks_extend_the_list() -> None:
    config = config_from_table({"web-frameworks": ["ninja", "connexion.apps"]}, "x")
    assert config.web_frameworks == ("ninja", "connexion.apps")
