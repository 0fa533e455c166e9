"""HK2xx on real projects through the CLI: layouts, resolution, config, the whole-project
import graph (HK204), and its cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from hardkit.entrypoints.cli import main
from hardkit.service import layers as layers_service
from hardkit.service.session import CheckOptions
from hardkit.service.session import check as run_session
from tests.generated_layers import generate
from tests.helpers import write

pytestmark = pytest.mark.usefixtures("project")

ORDERS = {
    "src/orders/__init__.py": "",
    "src/orders/domain/__init__.py": "",
    "src/orders/adapters/__init__.py": "",
    "src/orders/adapters/repository.py": "import sqlite3\n",
    "src/orders/service/__init__.py": "",
    "src/orders/entrypoints/__init__.py": "",
    "src/orders/utils/__init__.py": "",
    "src/orders/utils/money.py": "import httpx\n",
}


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["check", "--quiet", *args])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out.splitlines()


def test_src_layout_every_rule_on_its_own_line_and_column(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, ORDERS)
    write(
        project,
        {
            "src/orders/domain/model.py": (
                "import os\n"
                "import requests\n"
                "from ..adapters.repository import connect\n"
                "from orders.utils.money import cents\n"
                "\n"
                "def rate():\n"
                "    return os.environ['RATE']\n"
            ),
        },
    )
    assert check(capsys, "--select", "HK2", "--no-cache") == (
        1,
        [
            "src/orders/domain/model.py:2:1: HK202 domain module imports the I/O module "
            "'requests'; I/O belongs in an adapter",
            "src/orders/domain/model.py:3:1: HK201 domain module imports "
            "'orders.adapters.repository' from the outer layer adapters; dependencies must "
            "point inward",
            "src/orders/domain/model.py:4:1: HK204 domain module reaches the I/O module "
            "'httpx' through 'orders.utils.money': orders.domain.model -> orders.utils.money "
            "-> httpx",
            "src/orders/domain/model.py:7:12: HK203 domain module reads or writes the process "
            "environment (os.environ); I/O belongs in an adapter",
        ],
    )


def test_flat_layout_with_domain_py_beside_adapters_py(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            "shop/__init__.py": "",
            "shop/adapters.py": "import sqlite3\nfrom shop.domain import Cart\n",
            "shop/service.py": "from . import adapters, domain\n",
            "shop/domain.py": "from shop import service\n\nclass Cart: ...\n",
            "shop/cli.py": "from shop.service import run\n",
        },
    )
    code, lines = check(capsys, "--select", "HK2", "--no-cache")
    assert (code, lines) == (
        1,
        [
            "shop/domain.py:1:1: HK201 domain module imports 'shop.service' from the outer "
            "layer service; dependencies must point inward"
        ],
    )


def test_relative_import_beyond_the_top_level_package_is_a_finding_not_a_crash(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, ORDERS)
    write(
        project,
        {
            "src/orders/domain/model.py": "from ... import settings\nfrom .... import deeper\n",
            "src/orders/utils/paths.py": "from ....x import y\n",  # a go-between: ignored
        },
    )
    code, lines = check(capsys, "--select", "HK2", "--no-cache")
    assert code == 1
    assert lines == [
        "src/orders/domain/model.py:1:1: HK201 relative import '...' climbs above the "
        "top-level package 'orders': it fails at import time and its layer cannot be checked",
        "src/orders/domain/model.py:2:1: HK201 relative import '....' climbs above the "
        "top-level package 'orders': it fails at import time and its layer cannot be checked",
    ]


def test_two_layered_packages_are_judged_each_by_its_own_layers(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            "src/billing/__init__.py": "",
            "src/billing/domain/__init__.py": "",
            "src/billing/domain/invoice.py": (
                "from shipping.domain import parcel\nfrom shipping.adapters import carrier\n"
            ),
            "src/billing/service/__init__.py": "",
            "src/billing/service/bill.py": "from billing.domain import invoice\nimport httpx\n",
            "src/shipping/__init__.py": "",
            "src/shipping/domain.py": "from .adapters import carrier\n",
            "src/shipping/adapters/__init__.py": "",
            "src/shipping/adapters/carrier.py": "from billing.service import bill\n",
            "src/tools/__init__.py": "",
            "src/tools/report.py": "import subprocess\n",
        },
    )
    code, lines = check(capsys, "--select", "HK2", "--no-cache")
    assert code == 1
    assert lines == [
        "src/billing/domain/invoice.py:2:1: HK201 domain module imports "
        "'shipping.adapters' from the outer layer adapters; dependencies must point inward",
        "src/shipping/adapters/carrier.py:1:1: HK201 adapters module imports "
        "'billing.service' from the outer layer service; dependencies must point inward",
        "src/shipping/domain.py:1:1: HK201 domain module imports 'shipping.adapters' "
        "from the outer layer adapters; dependencies must point inward",
    ]


def test_custom_layer_names_from_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            "pyproject.toml": (
                '[project]\nname = "app"\n\n[tool.hardkit.layers]\n'
                'order = ["api", "app", "infra", "core"]\naliases = { http = "api" }\n'
            ),
            "app/__init__.py": "",
            "app/core/__init__.py": "",
            "app/core/rules.py": "from app.infra import db\nimport sqlite3\nprint('x')\n",
            "app/infra/db.py": "from app.http.routes import router\n",
            "app/http/routes.py": "from app.core import rules\n",
            "app/domain/thing.py": "import requests\n",  # not a layer any more
        },
    )
    code, lines = check(capsys, "--select", "HK2", "--no-cache")
    assert code == 1
    assert [line.split(" ", 2)[:2] for line in lines] == [
        ["app/core/rules.py:1:1:", "HK201"],
        ["app/core/rules.py:2:1:", "HK202"],
        ["app/core/rules.py:3:1:", "HK203"],
        ["app/infra/db.py:1:1:", "HK201"],
    ]
    assert lines[0].endswith(
        "'app.infra' from the outer layer infra; dependencies must point inward"
    )
    assert lines[3].startswith("app/infra/db.py:1:1: HK201 infra module imports 'app.http.routes'")


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ("order = ['core']", "'layers.order' must list at least two distinct layer names"),
        ("order = ['core', 'my layer']", "'layers.order' entry 'my layer' is not a directory"),
        ("aliases = { svc = 'services' }", "'layers.aliases' maps 'svc' to 'services', which"),
        ("extend-aliases = { gw = 'adapter' }", "'layers.extend-aliases' maps 'gw' to 'adapter'"),
    ],
)
def test_a_bad_layers_table_is_a_configuration_error(
    project: Path, capsys: pytest.CaptureFixture[str], table: str, problem: str
) -> None:
    write(project, {"pyproject.toml": f"[tool.hardkit.layers]\n{table}\n", "a.py": ""})
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hardkit: error: pyproject.toml [tool.hardkit]: ")
    assert problem in err
    assert len(err.splitlines()) == 1


def test_cycles_in_the_import_graph_end(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, ORDERS)
    write(
        project,
        {
            "src/orders/domain/a.py": "from orders.domain import b\nfrom orders.utils import x\n",
            "src/orders/domain/b.py": "from orders.domain import a\n",
            "src/orders/utils/x.py": "from orders.utils import y\nfrom orders.domain import a\n",
            "src/orders/utils/y.py": "from . import x, z\n",
            "src/orders/utils/z.py": (
                "from orders.utils.y import x\nimport orders.adapters.repository\n"
            ),
        },
    )
    code, lines = check(capsys, "--select", "HK204", "--no-cache")
    assert (code, lines) == (
        1,
        [
            "src/orders/domain/a.py:2:1: HK204 domain module reaches the outer layer adapters "
            "through 'orders.utils.x': orders.domain.a -> orders.utils.x -> orders.utils.y -> "
            "orders.utils.z -> orders.adapters.repository"
        ],
    )


def test_hk204_runs_for_directories_not_for_named_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, ORDERS)
    write(project, {"src/orders/domain/price.py": "from orders.utils import money\n"})
    assert check(capsys, "--no-cache", "src/orders/domain/price.py") == (0, [])
    expected = [
        "src/orders/domain/price.py:1:1: HK204 domain module reaches the I/O module 'httpx' "
        "through 'orders.utils.money': orders.domain.price -> orders.utils.money -> httpx"
    ]
    # A directory below the import root: the chain still runs through src/orders/utils.
    assert check(capsys, "--no-cache", "src/orders/domain") == (1, expected)
    assert check(capsys, "--no-cache", "--select", "HK204") == (1, expected)


def test_hk204_respects_noqa_and_per_file_ignores(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, ORDERS)
    write(
        project,
        {
            "src/orders/domain/a.py": "from orders.utils import money  # noqa: HK204\n",
            "src/orders/domain/b.py": "from orders.utils import money\n",
            "src/orders/domain/c.py": "from orders.utils import money  # noqa\n",
            "pyproject.toml": '[tool.hardkit]\nper-file-ignores = { "**/b.py" = ["HK204"] }\n',
        },
    )
    code, lines = check(capsys, "--no-cache", "--select", "HK204")
    assert code == 1
    assert [line.split(" ")[0] for line in lines] == ["src/orders/domain/c.py:1:1:"]


def test_files_outside_layered_packages_are_left_alone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            "scripts/domain_tool.py": "import requests\nprint(open('x').read())\n",
            "lib/adapters/db.py": "from lib.entrypoints import cli\n",
            "tests/unit/domain/test_model.py": "import tempfile\nprint('x')\n",
        },
    )
    assert check(capsys, "--select", "HK2", "--no-cache") == (0, [])


def test_a_domain_directory_appearing_invalidates_cached_results(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"pkg/__init__.py": "", "pkg/adapters/db.py": "from pkg.service import x\n"})
    assert check(capsys, "--select", "HK2") == (0, [])
    write(project, {"pkg/domain/__init__.py": ""})
    code, lines = check(capsys, "--select", "HK2")
    assert code == 1
    assert lines[0].startswith("pkg/adapters/db.py:1:1: HK201 adapters module imports")


def test_hk204_rereads_only_changed_files(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, ORDERS)
    write(project, {f"src/orders/domain/m{i}.py": f"X = {i}\n" for i in range(5)})
    extracted: list[str] = []
    real = layers_service.extract_imports

    def counting(key: str, content: bytes, settings: layers_service.Settings) -> object:
        extracted.append(key)
        return real(key, content, settings)

    monkeypatch.setattr(layers_service, "extract_imports", counting)
    assert check(capsys, "--select", "HK204") == (0, [])
    # Each distinct content is parsed once (the empty __init__ files share one entry).
    assert {f"src/orders/domain/m{i}.py" for i in range(5)} <= set(extracted)
    assert len(extracted) == len(set(extracted))
    extracted.clear()
    assert check(capsys, "--select", "HK204") == (0, [])
    assert extracted == []
    write(project, {"src/orders/domain/m3.py": "from orders.utils.money import cents\n"})
    code, lines = check(capsys, "--select", "HK204")
    assert extracted == ["src/orders/domain/m3.py"]
    assert (code, [line.split(" ")[0] for line in lines]) == (1, ["src/orders/domain/m3.py:1:1:"])


def test_generated_project_of_2000_modules(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = generate(project, 2000)
    code, lines = check(capsys, "--select", "HK204", "--no-cache")
    assert code == 1
    assert [line.split(": ")[0] + ":" for line in lines] == [f"{e}:" for e in sorted(expected)]
    assert len(expected) == 16
    chain = next(line for line in lines if line.startswith("src/big/domain/d50.py"))
    assert chain.endswith(
        "big.domain.d50 -> big.utils.w0 -> "
        + " -> ".join(f"big.utils.w{i}" for i in range(1, 20))
        + " -> big.adapters.a0"
    )


def test_hardkit_itself_passes_its_layering_rules() -> None:
    repo = Path(__file__).resolve().parents[2]
    options = CheckOptions(paths=(repo / "src",), select=["HK2"], use_cache=False)
    report = run_session(options, cwd=repo)
    assert report.files_checked > 50
    assert [f"{f.path}:{f.line}: {f.code} {f.message}" for f in report.findings] == []
