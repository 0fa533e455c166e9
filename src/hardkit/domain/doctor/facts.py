"""What ``hardkit doctor`` knows about a repository: frozen values that adapters fill in.

Paths are repository-relative with ``/`` separators. A ``problem`` field holds one line
saying why a file that exists could not be read; the items report it instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hardkit.domain.config import LayerPolicy

# The directories whose contents A.1 asks for, counted by the adapter.
SURVEYED_DIRECTORIES: tuple[str, ...] = (
    "tests/unit",
    "tests/integration",
    "tests/property",
    "perf",
    "docs",
)


@dataclass(frozen=True)
class Package:
    """A directory under ``src/`` and the names directly inside it (directories end in ``/``)."""

    name: str
    entries: frozenset[str] = frozenset()

    def has(self, entry: str) -> bool:
        return entry in self.entries

    @property
    def is_package(self) -> bool:
        return self.has("__init__.py")


@dataclass(frozen=True)
class Directory:
    """File counts of one surveyed directory, recursively (hidden and cache dirs skipped)."""

    path: str
    files: int = 0
    python_files: int = 0  # ``*.py`` other than ``__init__.py`` and ``conftest.py``
    test_files: int = 0  # ``test_*.py`` and ``*_test.py``


@dataclass(frozen=True)
class PyrightSettings:
    source: str | None = None  # where they were found: "pyrightconfig.json", ...
    mode: str | None = None  # ``typeCheckingMode`` when set explicitly
    extends: str | None = None
    problem: str | None = None


@dataclass(frozen=True)
class MakeTarget:
    name: str
    prerequisites: tuple[str, ...] = ()
    recipe: tuple[str, ...] = ()


@dataclass(frozen=True)
class Makefile:
    path: str
    targets: tuple[MakeTarget, ...] = ()

    def target(self, name: str) -> MakeTarget | None:
        return next((t for t in self.targets if t.name == name), None)


@dataclass(frozen=True)
class Workflow:
    """What one GitHub Actions workflow file says about its test matrix."""

    path: str
    python_versions: tuple[str, ...] = ()  # literal versions from matrices and setup steps
    runners: tuple[str, ...] = ()  # literal ``runs-on`` labels and OS matrix values
    commands: tuple[str, ...] = ()  # the ``run:`` scripts of its steps
    problem: str | None = None


@dataclass(frozen=True)
class PreCommitConfig:
    path: str
    repos: tuple[str, ...] = ()
    hook_ids: tuple[str, ...] = ()
    problem: str | None = None


@dataclass(frozen=True)
class DockerFinding:
    code: str
    path: str
    line: int


@dataclass(frozen=True)
class DockerReport:
    """The HK3xx check of the repository's Dockerfiles, as ``hardkit check`` ran it."""

    dockerfiles: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # the HK3xx codes this hardkit has
    findings: tuple[DockerFinding, ...] = ()
    problem: str | None = None  # a configuration or read problem stopped the check


@dataclass(frozen=True)
class RepoFacts:
    project_name: str | None = None
    packages: tuple[Package, ...] = ()  # directories under ``src/``, sorted by name
    directories: tuple[Directory, ...] = ()  # those of SURVEYED_DIRECTORIES that exist
    has_uv_lock: bool = False
    ruff_config: str | None = None  # where ruff is configured, None when nowhere
    pyright: PyrightSettings = field(default_factory=PyrightSettings)
    dependencies: frozenset[str] = frozenset()  # normalised names, every group and extra
    mutmut_config: str | None = None
    pre_commit: PreCommitConfig | None = None
    makefile: Makefile | None = None
    workflows: tuple[Workflow, ...] = ()
    pyproject_problem: str | None = None
    docker: DockerReport = field(default_factory=DockerReport)
    layers: LayerPolicy = field(default_factory=LayerPolicy)  # ``[tool.hardkit.layers]``

    def directory(self, path: str) -> Directory | None:
        return next((d for d in self.directories if d.path == path), None)
