"""Module names as the layering rules read them: which modules do I/O, and what a
relative import names (HK2xx). Where the layered packages are is ``domain.project``."""

from __future__ import annotations

from hardkit.domain.project import ModuleName

# The per-file rules that judge files inside layered packages only: in a run without
# any, they have nothing to say, and their modules are not even loaded.
LAYER_RULES = frozenset({"HK201", "HK202", "HK203", "HK204"})

DEFAULT_IO_MODULES: frozenset[str] = frozenset(
    (
        "socket",
        "ssl",
        "http.client",
        "http.server",
        "http.cookiejar",
        "urllib.request",
        "ftplib",
        "smtplib",
        "poplib",
        "imaplib",
        "xmlrpc",
        "subprocess",
        "sqlite3",
        "dbm",
        "shelve",
        "shutil",
        "tempfile",
        "glob",
        "fcntl",
        "select",
        "selectors",
        "mmap",
        "requests",
        "httpx",
        "aiohttp",
        "urllib3",
        "boto3",
        "botocore",
        "sqlalchemy",
        "psycopg",
        "psycopg2",
        "asyncpg",
        "pymysql",
        "MySQLdb",
        "pymongo",
        "motor",
        "redis",
        "kafka",
        "aiokafka",
        "confluent_kafka",
        "pika",
        "celery",
        "elasticsearch",
        "grpc",
        "paramiko",
        "django",
        "flask",
        "fastapi",
        "starlette",
    )
)


def io_module(module: str, extra: tuple[str, ...] = ()) -> str | None:
    """The listed I/O module ``module`` is or lies under (``http.client.HTTPConnection`` ->
    ``http.client``), or None. ``extra`` is the ``io-modules`` setting."""
    parts = module.split(".")
    for end in range(1, len(parts) + 1):
        prefix = ".".join(parts[:end])
        if prefix in DEFAULT_IO_MODULES or prefix in extra:
            return prefix
    return None


def absolute_module(level: int, module: str, importer: ModuleName) -> str | None:
    """The absolute name a ``from``-import refers to, or None when a relative import climbs
    above the top-level package (Python raises ImportError there)."""
    if level == 0:
        return module
    parts = importer.name.split(".") if importer.name else []
    base = parts if importer.is_package else parts[:-1]
    if level > len(base):
        return None
    base = base[: len(base) - level + 1]
    return ".".join([*base, module] if module else base)


def dotted_prefixes(name: str) -> tuple[str, ...]:
    """``a.b.c`` -> ``(a.b.c, a.b, a)``: what an import may name, most specific first."""
    parts = name.split(".")
    return tuple(".".join(parts[:end]) for end in range(len(parts), 0, -1))
