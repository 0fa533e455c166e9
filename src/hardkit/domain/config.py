"""The configuration model and its strict validation (``[tool.hardkit]``).

Parsing TOML is an adapter's job; this module turns an already-parsed table into a
frozen ``Config`` and reports every bad key at once, naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from hardkit.domain.values import TYPE_CHECKING, NamedTuple, cast

if TYPE_CHECKING:
    from typing import Any

DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".hg",
    ".hardkit_cache",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".nox",
    ".pants.d",
    ".pytest_cache",
    ".pytype",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    "venv",
    "__pycache__",
    "__pypackages__",
    "_build",
    "buck-out",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "*.egg-info",
)

DEFAULT_TEST_PATHS: tuple[str, ...] = (
    "tests/**",
    "test/**",
    "**/test_*.py",
    "**/*_test.py",
    "**/conftest.py",
)

DEFAULT_LAYER_ORDER: tuple[str, ...] = ("entrypoints", "service", "adapters", "domain")
# Directory names that mean a layer. Not ``interfaces``: some projects keep their inner
# ports there, others their outer adapters.
DEFAULT_LAYER_ALIASES: tuple[tuple[str, str], ...] = (
    ("service_layer", "service"),
    ("services", "service"),
    ("application", "service"),
    ("use_cases", "service"),
    ("usecases", "service"),
    ("infrastructure", "adapters"),
    ("infra", "adapters"),
    ("entrypoint", "entrypoints"),
    ("presentation", "entrypoints"),
)

# Aliases whose layer depends on the school (see ``LayerPolicy.outer_rings``).
DEFAULT_OUTER_RINGS: tuple[str, ...] = ("infrastructure", "infra")

# Patterns as text: ``re`` compiles (and caches) one the first time a key needs it, so a
# start-up pays only for the keys the configuration sets.
_CODE_PREFIX = r"HK[0-9]{0,3}\Z"
_STAGE_NAME = r"[A-Za-z][A-Za-z0-9\-_.]*\Z"
_DOTTED_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\Z"


class ConfigError(Exception):
    """A configuration problem; ``problems`` holds one line per bad key."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class LayerPolicy(NamedTuple):
    """Layers outermost first, and directory-name aliases (``services`` -> ``service``).

    ``infrastructure`` and ``infra`` as aliases of ``adapters`` are read both ways (see
    ``outer_rings``).
    """

    order: tuple[str, ...] = DEFAULT_LAYER_ORDER
    aliases: tuple[tuple[str, str], ...] = DEFAULT_LAYER_ALIASES

    @property
    def outer_rings(self) -> tuple[str, ...]:
        """Alias names of ``adapters`` read both ways: clean architecture's infrastructure
        is the outer ring of frameworks and drivers, ports and adapters' the adapters
        below the service. Such a directory is ``adapters`` for everything further in,
        but its own imports of outer layers and web frameworks are not judged. A layer
        of that name in ``order`` is a plain layer."""
        return tuple(r for r in DEFAULT_OUTER_RINGS if (r, "adapters") in self.aliases)

    def layer_of(self, directory: str) -> str | None:
        name = dict(self.aliases).get(directory, directory)
        return name if name in self.order else None

    def rank(self, layer: str) -> int:
        """Higher is further out: ``entrypoints`` outranks ``domain``."""
        return len(self.order) - self.order.index(layer)

    @property
    def innermost(self) -> str:
        """The pure layer (``domain`` by default), whose presence marks a layered package."""
        return self.order[-1]

    def directories_of(self, layer: str) -> tuple[str, ...]:
        """The directory (or module) names that belong to ``layer``: itself and its aliases."""
        return (layer, *(alias for alias, target in self.aliases if target == layer))

    def layers_among(self, names: Iterable[str]) -> dict[str, str]:
        """The layers that directory or module names stand for (``services`` -> ``service``),
        each with the first name that holds it."""
        found: dict[str, str] = {}
        for name in names:
            layer = self.layer_of(name)
            if layer is not None:
                found.setdefault(layer, name)
        return found

    def is_layered(self, layers: Iterable[str]) -> bool:
        """A directory holding these layers is a layered package: the innermost layer and at
        least one other (a lone ``domain/`` among feature folders is only a name)."""
        present = set(layers)
        return self.innermost in present and len(present) > 1


class Config(NamedTuple):
    """Effective settings for one run. Field names are the kebab-case keys in snake_case."""

    select: tuple[str, ...] = ("HK",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    test_paths: tuple[str, ...] = DEFAULT_TEST_PATHS
    security_names: tuple[str, ...] = ()
    io_modules: tuple[str, ...] = ()
    web_frameworks: tuple[str, ...] = ()
    allowed_base_images: tuple[str, ...] = ()
    non_root_base_images: tuple[str, ...] = ()
    dockerfile_target: str | None = None
    docker_context: str | None = None
    assert_fix_exception: str = "AssertionError"
    unsuppressible: tuple[str, ...] = ()
    baseline: str | None = None
    layers: LayerPolicy = LayerPolicy()

    @property
    def all_excludes(self) -> tuple[str, ...]:
        return self.exclude + self.extend_exclude


# -- value checkers: each returns the converted value or raises _Bad(reason) -------------


class _Bad(Exception):
    """A bad value; ``key`` names a sub-key (``layers.aliases``) when not the key itself."""

    def __init__(self, reason: str, key: str | None = None) -> None:
        super().__init__(reason)
        self.key = key


def _table(value: object) -> dict[str, object] | None:
    """``value`` as a TOML table with string keys, or None when it is not one."""
    if not isinstance(value, dict):
        return None
    return {str(k): v for k, v in cast("dict[object, object]", value).items()}


def _str_list(value: object) -> tuple[str, ...]:
    items = cast("list[object]", value) if isinstance(value, list) else None
    if items is None or not all(isinstance(v, str) for v in items):
        raise _Bad("must be a list of strings")
    return tuple(cast("list[str]", items))


def _module_list(value: object) -> tuple[str, ...]:
    items = _str_list(value)
    bad = [v for v in items if not re.match(_DOTTED_NAME, v)]
    if bad:
        raise _Bad(f"entry {bad[0]!r} is not a module name such as 'fastapi' or 'aiohttp.web'")
    return items


def _selectors(value: object) -> tuple[str, ...]:
    items = _str_list(value)
    bad = [v for v in items if not re.match(_CODE_PREFIX, v)]
    if bad:
        raise _Bad(f"unknown rule selector {bad[0]!r} (expected HK, HK1, HK10 or HK101)")
    return items


def _name_str(value: object) -> str:
    if not isinstance(value, str) or not re.match(_DOTTED_NAME, value):
        raise _Bad("must be an exception class name such as 'PermissionError'")
    return value


def _opt_str(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        raise _Bad("must be a non-empty string (a path)")
    return value


def _context_path(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise _Bad("must be a directory of the project, relative to its root, such as '.'")
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\")) or ".." in parts or re.match(r"[A-Za-z]:", value):
        raise _Bad("must be a directory inside the project, relative to its root, such as '.'")
    return value


def _stage_name(value: object) -> str:
    if not isinstance(value, str) or not re.match(_STAGE_NAME, value):
        raise _Bad("must be a build stage name such as 'runtime' (like docker build --target)")
    return value


def _per_file_ignores(value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = _table(value)
    if table is None:
        raise _Bad('must be a table of glob = ["HK101", ...]')
    return tuple((pattern, _entry_codes(pattern, codes)) for pattern, codes in table.items())


def _entry_codes(pattern: str, codes: object) -> tuple[str, ...]:
    try:
        return _selectors(codes)
    except _Bad as exc:
        raise _Bad(f"entry {pattern!r} {exc}") from None


_LAYER_KEYS = ("order", "aliases", "extend-aliases")


def _layers(value: object) -> LayerPolicy:
    table = _table(value)
    if table is None:
        raise _Bad("must be a table with 'order', 'aliases' and 'extend-aliases'")
    unknown = sorted(set(table) - set(_LAYER_KEYS))
    if unknown:
        raise _Bad(f"unknown key {unknown[0]!r} (known: {', '.join(_LAYER_KEYS)})")
    order = DEFAULT_LAYER_ORDER
    if "order" in table:
        order = _layer_order(table["order"])
    # A new order drops the default aliases: their layers may not exist any more.
    aliases: tuple[tuple[str, str], ...] = () if "order" in table else DEFAULT_LAYER_ALIASES
    if "aliases" in table:
        aliases = _layer_aliases("aliases", table["aliases"], order)
    if "extend-aliases" in table:
        added = _layer_aliases("extend-aliases", table["extend-aliases"], order)
        kept = tuple((k, v) for k, v in aliases if k not in dict(added))
        aliases = kept + added
    return LayerPolicy(order=order, aliases=aliases)


def _layer_order(value: object) -> tuple[str, ...]:
    try:
        order = _str_list(value)
    except _Bad as exc:
        raise _Bad(str(exc), "layers.order") from None
    bad = [o for o in order if not re.match(_DOTTED_NAME, o) or "." in o]
    if bad:
        raise _Bad(f"entry {bad[0]!r} is not a directory name", "layers.order")
    if len(order) < 2 or len(set(order)) != len(order):
        raise _Bad("must list at least two distinct layer names, outermost first", "layers.order")
    return order


def _layer_aliases(key: str, value: object, order: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    where = f"layers.{key}"
    raw = _table(value)
    if raw is None or not all(isinstance(v, str) for v in raw.values()):
        raise _Bad("must be a table of directory = layer", where)
    pairs = [(k, str(v)) for k, v in raw.items()]
    missing = [(k, v) for k, v in pairs if v not in order]
    if missing:
        name, target = missing[0]
        known = ", ".join(order)
        raise _Bad(f"maps {name!r} to {target!r}, which is not a layer (layers: {known})", where)
    clash = [k for k, _ in pairs if k in order or not re.match(_DOTTED_NAME, k) or "." in k]
    if clash:
        raise _Bad(f"alias {clash[0]!r} must be a directory name that is not a layer", where)
    return tuple(pairs)


_CHECKERS: dict[str, Callable[[object], Any]] = {
    "select": _selectors,
    "ignore": _selectors,
    "extend-select": _selectors,
    "per-file-ignores": _per_file_ignores,
    "exclude": _str_list,
    "extend-exclude": _str_list,
    "test-paths": _str_list,
    "security-names": _str_list,
    "io-modules": _str_list,
    "web-frameworks": _module_list,
    "allowed-base-images": _str_list,
    "non-root-base-images": _str_list,
    "dockerfile-target": _stage_name,
    "docker-context": _context_path,
    "assert-fix-exception": _name_str,
    "unsuppressible": _selectors,
    "baseline": _opt_str,
    "layers": _layers,
}


class KeyDoc(NamedTuple):
    """How the configuration reference documents one key; its default comes from ``Config``."""

    type: str
    description: str


# One entry per key of ``_CHECKERS`` (a meta-test keeps them in step): the source of the
# generated configuration reference.
KEY_DOCS: dict[str, KeyDoc] = {
    "select": KeyDoc(
        "list of rule selectors",
        "The rules to run: codes or code prefixes (`HK`, `HK1`, `HK10`, `HK101`). "
        "Replaces the default; use `extend-select` to add to it.",
    ),
    "ignore": KeyDoc(
        "list of rule selectors",
        "Rules to switch off. As in ruff, the most specific matching selector wins, and "
        "on a tie `ignore` beats `select`.",
    ),
    "extend-select": KeyDoc("list of rule selectors", "Rules to run in addition to `select`."),
    "per-file-ignores": KeyDoc(
        "table of glob = list of rule selectors",
        "Rules switched off for the files matching a glob (relative to the project root), "
        'e.g. `{"legacy/**" = ["HK101"]}`.',
    ),
    "exclude": KeyDoc(
        "list of globs",
        "Files and directories never checked when walking directories. Replaces the "
        "default list; prefer `extend-exclude`. `.gitignore` is honoured as well.",
    ),
    "extend-exclude": KeyDoc("list of globs", "More files and directories to skip."),
    "test-paths": KeyDoc(
        "list of globs",
        "What counts as test code. HK1xx rules never fire in test code. Replaces the default.",
    ),
    "security-names": KeyDoc(
        "list of words",
        "Words that mark a security check: an `assert` whose condition names one (a whole "
        "word of an identifier) is reported by HK101, an `if __debug__:` block naming one by "
        "HK102, on top of the checks they recognise by shape. None by default.",
    ),
    "io-modules": KeyDoc(
        "list of module names",
        "Modules added to the I/O list a domain module must not import, directly (HK202) "
        "or through helper modules (HK204); a module counts when it or a parent package "
        "is listed.",
    ),
    "web-frameworks": KeyDoc(
        "list of module names",
        "Modules added to the web frameworks the service and adapters layers must not "
        "import (HK205); a module counts when it or a parent package is listed.",
    ),
    "allowed-base-images": KeyDoc(
        "list of globs",
        "Final-stage base images HK303 accepts even though they are known full-size "
        "bases: globs (`*` also spans `/`) matched against the image with its tag and "
        "against its name alone, e.g. `python:3.13-bookworm`.",
    ),
    "non-root-base-images": KeyDoc(
        "list of globs",
        "Base images that already run as a non-root user, so a final stage built on "
        "them needs no `USER` (HK307), e.g. the team's own base `registry.example/base:*`. "
        "Distroless `:nonroot` tags, Chainguard's images and the Jupyter docker-stacks "
        "images are known already. Globs as for `allowed-base-images`.",
    ),
    "dockerfile-target": KeyDoc(
        "build stage name",
        "The stage the HK3xx rules treat as the final stage, like `docker build --target` "
        "(stage names compare case-insensitively); in a Dockerfile without a stage of that "
        "name, and by default, the last `FROM`.",
    ),
    "docker-context": KeyDoc(
        "directory",
        "The build context of every Dockerfile, relative to the project root (what `docker "
        "build` is given, e.g. `.`). By default each Dockerfile's context is its own "
        "directory, or the nearest directory above it where its `COPY` sources are found. "
        "hardkit reads the entrypoint scripts and service configurations a Dockerfile "
        "copies from there (HK307, HK309), never anything outside the project.",
    ),
    "assert-fix-exception": KeyDoc(
        "exception class name",
        "The exception the HK101 fix raises in place of the assert, e.g. `PermissionError`.",
    ),
    "unsuppressible": KeyDoc(
        "list of rule selectors",
        "Rules that `# noqa`, `# hardkit ignore=` and `per-file-ignores` cannot hide "
        "(a suppression attempt is reported as HK002). A baseline still applies.",
    ),
    "baseline": KeyDoc(
        "path",
        "A baseline file, relative to the configuration file: only findings not recorded "
        "in it are reported (same as `--baseline`).",
    ),
    "layers": KeyDoc(
        "table with `order`, `aliases` and `extend-aliases`",
        "The layers of a layered package, outermost first, and directory-name aliases "
        '(`services = "service"`) (HK201-HK205). The last layer in `order` is the pure '
        "one: a directory holding it (or an alias of it) and at least one other layer is a "
        "layered package. `aliases` replaces the default aliases, `extend-aliases` adds to "
        "them; setting `order` drops the default aliases. `infrastructure` and `infra` "
        "(aliases of `adapters`) are clean architecture's outer ring as well: their own "
        "imports of outer layers and web frameworks are not judged unless `order` makes "
        "one of them a layer.",
    ),
}


def config_from_table(
    table: Mapping[str, object], source: str, base: Config | None = None
) -> Config:
    """Build a ``Config`` from a ``[tool.hardkit]`` table.

    Raises ``ConfigError`` listing every problem at once.

    ``source`` names the table for messages, e.g. ``pyproject.toml [tool.hardkit]``.
    """
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, raw in table.items():
        checker = _CHECKERS.get(key)
        if checker is None:
            hint = _did_you_mean(key)
            problems.append(f"{source}: unknown key {key!r}{hint}")
            continue
        try:
            values[key.replace("-", "_")] = checker(raw)
        except _Bad as exc:
            problems.append(f"{source}: {exc.key or key!r} {exc}")
    if problems:
        raise ConfigError(problems)
    return (base or Config())._replace(**values)


def _did_you_mean(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(_CHECKERS), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
