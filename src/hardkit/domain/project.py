"""The project being checked, as far as the rules need it: its layered packages, and
where a file or an imported module sits in them.

A *layered package* is a package directory holding the innermost layer (``domain/``
or ``domain.py`` by default). Which directories those are is file-system knowledge:
the service finds them (``adapters.layout``) and hands every file a frozen
``ProjectLayout``, so everything here stays pure. It lives in the core, not in the
layering family, because the source model carries it to the rules.
"""

from __future__ import annotations

from hardkit.domain.config import LayerPolicy
from hardkit.domain.values import NamedTuple


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
