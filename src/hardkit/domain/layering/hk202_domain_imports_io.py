from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.config import Config
from hardkit.domain.findings import Finding
from hardkit.domain.layering.imports import imports_of
from hardkit.domain.layering.placement import layered_file
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_PKG = {
    "src/orders/__init__.py": "",
    "src/orders/domain/__init__.py": "",
    "src/orders/adapters/__init__.py": "",
}


class DomainImportsIo(Rule[PythonFile]):
    code = "HK202"
    name = "domain-imports-io"
    summary = "A domain module imports an I/O module"
    kind = FileKind.PYTHON
    doc = RuleDoc(
        what_it_does=(
            "Reports an import of an I/O module in the domain layer of a layered package "
            "(a directory holding `domain/` or `domain.py` and at least one other layer: "
            "see HK201). The "
            "default list: `socket ssl http.client http.server http.cookiejar "
            "urllib.request ftplib smtplib poplib imaplib xmlrpc subprocess sqlite3 dbm "
            "shelve shutil tempfile glob fcntl select selectors mmap requests httpx aiohttp "
            "urllib3 boto3 botocore sqlalchemy psycopg psycopg2 asyncpg pymysql MySQLdb "
            "pymongo motor redis kafka aiokafka confluent_kafka pika celery elasticsearch "
            "grpc paramiko django flask fastapi starlette`. A module counts when it or a "
            "parent package is listed: `http.client` and `from http import client` do, "
            "`http` and `from http import HTTPStatus` do not.\n\n"
            "Every import counts wherever it sits, inside a function or a `try`, except "
            "under `if TYPE_CHECKING:`: a type-only import loads nothing and does no I/O "
            "at run time (HK201 still reports one that names an outer layer). Test code "
            "(`test-paths`) belongs to no layer. An I/O module reached through helper "
            "modules is HK204."
        ),
        why_is_this_bad=(
            "The checklist's A.1 asks for `domain/` to be pure, with no I/O: a domain that "
            "imports an HTTP client, a database driver or `subprocess` can no longer be "
            "tested, reasoned about or reused without that library, its configuration and "
            "its failures. I/O belongs in `adapters/`, behind an interface the domain "
            "defines."
        ),
        example=(
            "```python\n# src/orders/domain/rates.py\nimport requests\n\n\n"
            "def exchange_rate(currency: str) -> Decimal:\n"
            '    return Decimal(requests.get(f"https://rates.example/{currency}").text)\n```'
        ),
        use_instead=(
            "```python\n# src/orders/domain/rates.py\nclass Rates(Protocol):\n"
            "    def rate(self, currency: str) -> Decimal: ...\n\n\n"
            "# src/orders/adapters/rates.py\nimport requests\n\n\n"
            "class HttpRates:\n    def rate(self, currency: str) -> Decimal: ...\n```"
        ),
        options=(
            '`io-modules` extends the list, e.g. `io-modules = ["my_company.storage"]`. '
            "`[tool.hardkit.layers]` renames the layers (the last one in `order` is the "
            "pure layer)."
        ),
        references=(
            "- hardkit's hardening checklist, [A.1 Project layout]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a1-project-layout): `domain/` is pure, with no I/O\n"
            "- Cosmic Python, [Chapter 3: Coupling and Abstractions]"
            "(https://www.cosmicpython.com/book/chapter_03_abstractions.html)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid(
            "import http\nfrom http import HTTPStatus\nimport os.path\nimport json\n",
            path="src/orders/domain/model.py",
            files=_PKG,
        ),
        valid("import requests\n", path="src/orders/adapters/rates.py", files=_PKG),
        valid(
            "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    from sqlalchemy.orm import Session\n",
            path="src/orders/domain/model.py",
            files=_PKG,
        ),
        valid("import requests\n", path="app/domain/rates.py", files={"app/lib/http.py": ""}),
        valid("import requests\n", path="src/orders/utils/web.py", files=_PKG),
        valid("import sqlite3\n", path="src/orders/domain/test_model.py", files=_PKG),
        invalid(
            '"""Exchange rates."""\n\nimport requests\n',
            path="src/orders/domain/rates.py",
            files=_PKG,
            line=3,
            column=1,
        ),
        invalid(
            "def load(path):\n    from http import client\n    import json, subprocess\n",
            path="src/orders/domain/model.py",
            files=_PKG,
            line=2,
            column=5,
            more=((3, 5),),
        ),
        invalid(
            "import boto3\n",
            path="shop/domain.py",
            files={"shop/__init__.py": "", "shop/adapters.py": ""},
            line=1,
            column=1,
        ),
        invalid(
            "from corp.storage import Bucket\n",
            path="src/orders/domain/model.py",
            files=_PKG,
            config={"io-modules": ["corp.storage"]},
            line=1,
            column=1,
        ),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        del config
        return "import" in text

    def check(self, file: PythonFile) -> Iterator[Finding]:
        layered = layered_file(file)
        if layered is None or not layered.is_innermost:
            return
        seen: set[tuple[int, int, str]] = set()
        for record in imports_of(file):
            if record.type_checking:
                continue  # never imported at run time: no I/O (HK201 still sees the coupling)
            target = layered.io_target(record)
            if target is None or (record.line, record.column, target) in seen:
                continue
            seen.add((record.line, record.column, target))
            message = (
                f"{layered.layer} module imports the I/O module '{target}'; "
                "I/O belongs in an adapter"
            )
            yield file.finding(self.code, record.span, message, anchor_line=record.line)
