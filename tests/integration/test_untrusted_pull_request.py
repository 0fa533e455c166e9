"""The threat model's CI recipe for outside pull requests (docs/threat-model.md): the
settings come from a trusted copy with ``--config``, while the project checked (its
root: paths, per-file-ignores, layers, cache) is still the pull request's checkout."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from hardkit.adapters.cache import CACHE_DIR
from tests.helpers import run_hardkit, write

ROOT = Path(__file__).resolve().parents[2]
VIEW = "def delete(request, order):\n    assert request.user.is_staff  # noqa: HK101\n"
TRUSTED = """\
[tool.hardkit]
unsuppressible = ["HK101"]
per-file-ignores = {"legacy/**" = ["HK103"]}
baseline = "hardkit-baseline.json"
"""


def _pull_request(root: Path) -> None:
    """A checkout whose own configuration switches HK101 off and hides it with noqa."""
    write(
        root,
        {
            "pyproject.toml": '[project]\nname = "shop"\n\n[tool.hardkit]\nignore = ["HK1"]\n',
            "shop/views.py": VIEW,
            "legacy/old.py": 'import os\n\nos.environ["PYTHONHASHSEED"] = "0"\n',
        },
    )


def test_the_trusted_configuration_decides_and_the_project_stays_the_checkout(
    tmp_path: Path,
) -> None:
    checkout, trusted = tmp_path / "checkout", tmp_path / "runner-temp" / "trusted"
    _pull_request(checkout)
    baseline = {"version": 1, "findings": []}
    write(trusted, {"pyproject.toml": TRUSTED, "hardkit-baseline.json": json.dumps(baseline)})
    home = {"XDG_CACHE_HOME": str(tmp_path / "user-cache")}

    own = run_hardkit("check", "-q", cwd=checkout, env=home)
    assert (own.returncode, own.stdout) == (0, "")  # what the pull request asks for

    config = str(trusted / "pyproject.toml")
    result = run_hardkit(
        "check", "-q", "--config", config, "--output-format", "json", cwd=checkout, env=home
    )
    assert (result.returncode, result.stderr) == (1, "")
    found = sorted((f["path"], f["code"], f["line"]) for f in json.loads(result.stdout)["findings"])
    # A noqa comment cannot hide an unsuppressible rule (HK002 says it tried); the trusted
    # per-file-ignores pattern, relative to the project, still applies to legacy/.
    assert found == [("shop/views.py", "HK002", 2), ("shop/views.py", "HK101", 2)]
    assert (checkout / CACHE_DIR).is_dir()
    assert not (trusted / CACHE_DIR).exists()


def test_the_recipe_in_the_docs_passes_the_trusted_configuration() -> None:
    page = (ROOT / "docs" / "threat-model.md").read_text(encoding="utf-8")
    block = re.search(r'```yaml title="\.github/workflows/hardkit\.yml"\n(.*?)```', page, re.S)
    assert block
    workflow = yaml.safe_load(block.group(1))
    assert workflow[True] == "pull_request"  # YAML 1.1 reads the key "on" as True
    assert workflow["permissions"] == {"contents": "read"}
    runs = "\n".join(step.get("run", "") for step in workflow["jobs"]["hardkit"]["steps"])
    assert '--config "$RUNNER_TEMP/trusted/pyproject.toml"' in runs
    assert "--no-cache" not in runs
