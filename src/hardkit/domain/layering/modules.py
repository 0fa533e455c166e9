"""Module names as the layering rules read them: which modules do I/O and which are web
frameworks (HK2xx). Where the layered packages are is ``domain.project``; what an import
refers to is ``resolve``."""

from __future__ import annotations

# The rules that judge files inside layered packages only: in a run without any, they
# have nothing to say, and their modules are not even loaded.
LAYER_RULES = frozenset({"HK201", "HK202", "HK203", "HK204", "HK205"})

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


# HK205: the web frameworks that belong in the entrypoints (the domain is HK202's).
DEFAULT_WEB_FRAMEWORKS: frozenset[str] = frozenset(
    (
        "fastapi",
        "starlette",
        "flask",
        "quart",
        "litestar",
        "falcon",
        "sanic",
        "bottle",
        "pyramid",
        "aiohttp.web",
        "tornado.web",
        "rest_framework",
        "django.http",
        "django.views",
        "django.shortcuts",
        "django.urls",
    )
)


def io_module(module: str, extra: tuple[str, ...] = ()) -> str | None:
    """The listed I/O module ``module`` is or lies under (``http.client.HTTPConnection`` ->
    ``http.client``), or None. ``extra`` is the ``io-modules`` setting."""
    return _listed(module, DEFAULT_IO_MODULES, extra)


def web_framework(module: str, extra: tuple[str, ...] = ()) -> str | None:
    """The listed web framework ``module`` is or lies under (``django.http.response`` ->
    ``django.http``), or None. ``extra`` is the ``web-frameworks`` setting."""
    return _listed(module, DEFAULT_WEB_FRAMEWORKS, extra)


def _listed(module: str, listed: frozenset[str], extra: tuple[str, ...]) -> str | None:
    parts = module.split(".")
    for end in range(1, len(parts) + 1):
        prefix = ".".join(parts[:end])
        if prefix in listed or prefix in extra:
            return prefix
    return None


def dotted_prefixes(name: str) -> tuple[str, ...]:
    """``a.b.c`` -> ``(a.b.c, a.b, a)``: what an import may name, most specific first."""
    parts = name.split(".")
    return tuple(".".join(parts[:end]) for end in range(len(parts), 0, -1))
