"""HK103: code that fixes or removes ``PYTHONHASHSEED``."""

from __future__ import annotations

from collections.abc import Iterable

from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import ast  # noqa: F401 - named in the cast below
    from typing import ClassVar

    from hardkit.domain.config import Config
    from hardkit.domain.findings import Finding

SET_MESSAGE = "PYTHONHASHSEED set to a fixed value; keep hash randomisation on (`random`)"
REMOVE_MESSAGE = "PYTHONHASHSEED removed from the environment; leave hash randomisation alone"


class HashSeedTampering(Rule[PythonFile]):
    code = "HK103"
    name = "hash-seed-tampering"
    summary = "Code sets, fixes or deletes PYTHONHASHSEED"
    kind = FileKind.PYTHON
    doc = RuleDoc(
        what_it_does=(
            "Finds code that sets `PYTHONHASHSEED` to anything but `random`, or removes it: "
            '`os.environ["PYTHONHASHSEED"] = …` (on `os.environ` or a copy of it), '
            '`setdefault`/`pop`/`update(PYTHONHASHSEED=…)`, `del env["PYTHONHASHSEED"]`, '
            '`os.putenv`/`os.unsetenv`, and dict literals with the key `"PYTHONHASHSEED"` '
            "such as a subprocess `env=`."
        ),
        why_is_this_bad=(
            "Since Python 3.3 `str` and `bytes` hashes are salted with a random hash seed per "
            "process. A fixed hash seed makes the order of every `dict` and `set` built from "
            "attacker-supplied keys predictable again, which reopens hash-flooding denial of "
            "service (CVE-2012-1150): a request with a few thousand colliding keys pins a "
            "CPU for seconds."
        ),
        example=(
            "```python\n"
            'env = {**os.environ, "PYTHONHASHSEED": "0"}\n'
            'subprocess.run(["worker"], env=env, check=True)\n'
            "```"
        ),
        use_instead=(
            "```python\n"
            'subprocess.run(["worker"], env=dict(os.environ), check=True)\n'
            "```\n\n"
            "For reproducible output, sort instead of relying on hash order."
        ),
        options="- `test-paths` (list of globs): files never reported.",
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): leave the hash seed random\n"
            "- Python docs, [PYTHONHASHSEED]"
            "(https://docs.python.org/3/using/cmdline.html#envvar-PYTHONHASHSEED)\n"
            "- HK305 `hash-seed-fixed`, the same check for Dockerfiles."
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("import os\nseed = os.environ.get('PYTHONHASHSEED')\n"),
        valid("import os\nos.environ['PYTHONHASHSEED'] = 'random'\n"),
        valid("env = {'PYTHONHASHSEED': 'random', 'LANG': 'C'}\n"),
        valid("print('set PYTHONHASHSEED=0 for reproducible builds')\n"),
        valid("import os\nif 'PYTHONHASHSEED' in os.environ:\n    log('seed pinned')\n"),
        valid("env = {'PYTHONHASHSEED': '0'}\n", path="tests/test_repro.py"),
        valid("import os\nos.environ.setdefault('PYTHONHASHSEED', 'random')\n"),
        invalid("import os\nos.environ['PYTHONHASHSEED'] = '0'\n", line=2, column=1),
        invalid("import os\nos.environ.setdefault('PYTHONHASHSEED', '42')\n", line=2, column=1),
        invalid("import os\nos.environ.pop('PYTHONHASHSEED', None)\n", line=2, column=1),
        invalid("import os\ndel os.environ['PYTHONHASHSEED']\n", line=2, column=5),
        invalid("import os\nos.putenv('PYTHONHASHSEED', '0')\n", line=2, column=1),
        invalid("import os\nos.unsetenv('PYTHONHASHSEED')\n", line=2, column=1),
        invalid("import os\nos.environ.update(PYTHONHASHSEED='0')\n", line=2, column=19),
        invalid("import os\nos.environ.update({'PYTHONHASHSEED': seed})\n", line=2, column=20),
        invalid(
            "import os\nimport subprocess\n\n"
            "subprocess.run(\n"
            "    ['worker'],\n"
            "    env={**os.environ, 'PYTHONHASHSEED': '0'},\n"
            "    check=True,\n"
            ")\n",
            line=6,
            column=24,
        ),
        invalid(
            "import os\nenv = os.environ.copy()\nenv['PYTHONHASHSEED'] = str(seed)\n",
            line=3,
            column=1,
        ),
        invalid(
            "from os import environ\nif fast: environ['PYTHONHASHSEED'] = '0'  # repro\n",
            line=2,
            column=10,
        ),
        invalid("import os\nos.environ['PYTHONHASHSEED'] += '1'\n", line=2, column=1),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        return "PYTHONHASHSEED" in text

    def check(self, file: PythonFile) -> Iterable[Finding]:
        if file.is_test:
            return ()
        from hardkit.domain.asserts.hash_seed import seed_changes
        from hardkit.domain.asserts.logical_lines import logical_line_starts

        changes = seed_changes(file.ast, file.lines)
        anchors = logical_line_starts(file.ast, file.lines, [c.statement for c in changes])
        findings: list[Finding] = []
        for change, anchor in zip(changes, anchors, strict=True):
            message = REMOVE_MESSAGE if change.removes else SET_MESSAGE
            # a keyword argument has a position like an expression's (Python 3.9+)
            span = file.ast_span(cast("ast.expr", change.node))
            findings.append(file.finding(self.code, span, message, None, anchor))
        return findings
