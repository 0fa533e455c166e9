"""Layered packages, and where a file or an imported module sits in them (HK2xx).

A *layered package* is a package directory holding the innermost layer (``domain/``
or ``domain.py`` by default). Which directories those are is file-system knowledge:
the service finds them (``adapters.layout``) and hands the domain a frozen
``ProjectLayout``, so everything here stays pure.
"""

from __future__ import annotations

from hardkit.domain.config import LayerPolicy
from hardkit.domain.values import NamedTuple

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


class LayeredPackage(NamedTuple):
    """A package directory that holds the innermost layer."""

    directory: str  # project-relative with "/"; "" for the project root itself
    module: str  # its dotted import name; "" when the directory is itself on sys.path

    @property
    def import_root(self) -> str:
        """The directory import names are relative to: ``src`` for ``src/orders``."""
        parts = self.directory.split("/") if self.directory else []
        depth = len(self.module.split(".")) if self.module else 0
        return "/".join(parts[: len(parts) - depth])

    def holds_key(self, key: str) -> bool:
        if not self.directory:  # the project root: every project-relative key
            return not key.startswith("/") and ":" not in key
        return key.startswith(self.directory + "/")

    def holds_module(self, module: str) -> bool:
        return not self.module or module == self.module or module.startswith(self.module + ".")


class ModuleName(NamedTuple):
    """A file's dotted module name; ``is_package`` for an ``__init__`` (relative imports
    of a package start from the package itself)."""

    name: str
    is_package: bool


def module_below(key: str, import_root: str) -> ModuleName:
    """The module that file ``key`` defines when ``import_root`` is on sys.path."""
    rel = key[len(import_root) + 1 :] if import_root else key
    *dirs, filename = rel.split("/")
    stem = filename.rsplit(".", 1)[0]
    if stem == "__init__":
        return ModuleName(".".join(dirs), is_package=True)
    return ModuleName(".".join([*dirs, stem]), is_package=False)


class Place(NamedTuple):
    """Where a file or module sits: its layered package and its layer (None: outside
    the layers, like ``orders/utils`` or the package's ``__init__``)."""

    package: LayeredPackage
    layer: str | None


class ProjectLayout(NamedTuple):
    """The layered packages of the project being checked, found once per run."""

    packages: tuple[LayeredPackage, ...] = ()

    def package_of_key(self, key: str) -> LayeredPackage | None:
        """The innermost layered package whose directory holds file ``key``."""
        found = [p for p in self.packages if p.holds_key(key)]
        return max(found, key=lambda p: len(p.directory), default=None)

    def package_of_module(self, module: str) -> LayeredPackage | None:
        found = [p for p in self.packages if p.holds_module(module)]
        return max(found, key=lambda p: len(p.module), default=None)

    def fingerprint_for(self, key: str) -> str:
        """What a file's HK2xx results depend on besides its text: the whole layout for a
        file inside a layered package (imports may reach another one), nothing otherwise."""
        return repr(self.packages) if self.package_of_key(key) else ""

    @property
    def import_roots(self) -> tuple[str, ...]:
        """The directories on sys.path, deepest first; the project root is always one."""
        roots = {p.import_root for p in self.packages} | {""}
        return tuple(sorted(roots, key=lambda r: (-len(r), r)))

    def module_of_key(self, key: str) -> ModuleName:
        """The module file ``key`` defines, relative to the deepest import root holding it."""
        for root in self.import_roots:
            if not root or key.startswith(root + "/"):
                return module_below(key, root)
        return module_below(key, "")  # pragma: no cover - "" holds every key

    def place_of_key(self, key: str, policy: LayerPolicy) -> Place | None:
        package = self.package_of_key(key)
        if package is None:
            return None
        rel = key[len(package.directory) + 1 :] if package.directory else key
        first, _, rest = rel.partition("/")
        return Place(package, policy.layer_of(first if rest else first.rsplit(".", 1)[0]))

    def place_of_module(self, module: str, policy: LayerPolicy) -> Place | None:
        package = self.package_of_module(module)
        if package is None:
            return None
        if module == package.module:
            return Place(package, None)
        rest = module[len(package.module) + 1 :] if package.module else module
        return Place(package, policy.layer_of(rest.split(".", 1)[0]))


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
