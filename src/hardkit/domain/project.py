"""The project being checked, as far as the rules need it: its layered packages, the
projects they belong to, and where a file or a module path sits in them.

A *layered package* is a directory holding the innermost layer (``domain/`` or
``domain.py`` by default) and at least one other layer. Its *project* is the nearest
directory at or above it with a ``pyproject.toml``, ``setup.cfg`` or ``setup.py``; the
project's *import roots* are the directories its modules are named from: that directory
(and its ``src/`` when that is not a package), the directory above each layered
package's top-level package, and a layered package's own directory when it is not a
package. An enclosing repository never adds a root, so a project inside a monorepo is
named exactly as it is on its own.

Which directories those are is file-system knowledge: the service finds them
(``adapters.layout``) and hands every file a frozen ``ProjectLayout``, so everything here
stays pure. It lives in the core, not in the layering family, because the source model
carries it to the rules.
"""

from __future__ import annotations

from hardkit.domain.config import LayerPolicy
from hardkit.domain.values import NamedTuple


def inside(path: str, directory: str) -> bool:
    """``path`` (project-relative, ``/``-separated) is ``directory`` or lies below it; ""
    is the run's root, which holds every project-relative path."""
    if not directory:
        return not path.startswith("/") and ":" not in path
    return path == directory or path.startswith(directory + "/")


class Project(NamedTuple):
    """A project directory and its import roots, deepest first."""

    directory: str
    roots: tuple[str, ...]

    def holds(self, path: str) -> bool:
        return inside(path, self.directory)

    def roots_holding(self, path: str) -> tuple[str, ...]:
        """The import roots strictly above ``path``, deepest first."""
        return tuple(r for r in self.roots if path != r and inside(path, r))

    def module_names(self, key: str) -> tuple[ModuleName, ...]:
        """Every name file ``key`` can be imported as, the deepest root's first."""
        roots = self.roots_holding(key) or (self.directory,)
        return tuple(module_below(key, root) for root in roots)

    def name_of_path(self, path: str) -> str:
        """The dotted name of a module path (``src/orders/adapters`` -> ``orders.adapters``)."""
        roots = self.roots_holding(path) or (self.directory,)
        rel = path[len(roots[0]) + 1 :] if roots[0] else path
        return rel.replace("/", ".")


class LayeredPackage(NamedTuple):
    """A directory that holds the innermost layer and another one."""

    directory: str  # project-relative with "/"; "" for the run's root itself
    project: str  # the directory of its ``Project``

    def holds_key(self, key: str) -> bool:
        return key != self.directory and inside(key, self.directory)


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


def module_path(key: str) -> str:
    """The module path of file ``key``: ``a/b`` for ``a/b.py`` and ``a/b/__init__.py``."""
    stem = key.rsplit(".", 1)[0]
    return stem[: -len("/__init__")] if stem.endswith("/__init__") else stem


class Place(NamedTuple):
    """Where a file or module sits: its layered package and its layer (None: outside
    the layers, like ``orders/utils`` or the package's ``__init__``)."""

    package: LayeredPackage
    layer: str | None
    entry: str = ""  # the directory or module name the layer has there (``services``)


class ProjectLayout(NamedTuple):
    """The layered packages of the run and their projects, found once per run."""

    packages: tuple[LayeredPackage, ...] = ()
    projects: tuple[Project, ...] = ()
    # What the results of a file in a layered package depend on besides its text, worked
    # out once by whoever finds the layout (a repr per checked file would cost more).
    fingerprint: str = ""

    def package_of_key(self, key: str) -> LayeredPackage | None:
        """The innermost layered package of file ``key``'s project that holds it (a
        project nested in another one is not the outer project's layer)."""
        project = self.project_of_key(key)
        if project is None:
            return None
        # Of directories holding the same path, the longer one is the deeper one.
        best = None
        for package in self.packages:
            longer = best is None or len(package.directory) > len(best.directory)
            if longer and package.project == project.directory and package.holds_key(key):
                best = package
        return best

    def project_of_key(self, key: str) -> Project | None:
        """The innermost project holding ``key`` (a file or a module path)."""
        best = None
        for project in self.projects:
            longer = best is None or len(project.directory) > len(best.directory)
            if longer and project.holds(key):
                best = project
        return best

    def project_of(self, package: LayeredPackage) -> Project:
        return next(p for p in self.projects if p.directory == package.project)

    def fingerprint_for(self, key: str) -> str:
        """What a file's HK2xx results depend on besides its text: the whole layout for a
        file inside a layered package (imports may reach another one), nothing otherwise."""
        if not self.packages or self.package_of_key(key) is None:
            return ""
        return self.fingerprint or repr(self)

    def module_of_key(self, key: str) -> ModuleName:
        """The module file ``key`` defines, named from the deepest import root of its
        project that holds it."""
        project = self.project_of_key(key)
        return project.module_names(key)[0] if project else module_below(key, "")

    def place_of_key(self, key: str, policy: LayerPolicy) -> Place | None:
        package = self.package_of_key(key)
        if package is None:
            return None
        rel = key[len(package.directory) + 1 :] if package.directory else key
        first, _, rest = rel.partition("/")
        entry = first if rest else first.rsplit(".", 1)[0]
        return Place(package, policy.layer_of(entry), entry)

    def place_of_path(self, path: str, policy: LayerPolicy, project: Project) -> Place | None:
        """The place of a module path of ``project`` (``src/orders/adapters/repo``, no
        suffix): the layer of its first directory inside the innermost layered package of
        the project that holds it."""
        package = None
        for candidate in self.packages:
            longer = package is None or len(candidate.directory) > len(package.directory)
            mine = candidate.project == project.directory and inside(path, candidate.directory)
            if mine and longer:
                package = candidate
        if package is None:
            return None
        if path == package.directory:
            return Place(package, None)
        rel = path[len(package.directory) + 1 :] if package.directory else path
        entry = rel.split("/", 1)[0]
        return Place(package, policy.layer_of(entry), entry)
