"""Which files hardkit checks, decided by name alone."""

from __future__ import annotations

from hardkit.domain.rule import FileKind

CONFIG_NAMES = frozenset(
    {
        "pyproject.toml",
        "ruff.toml",
        ".ruff.toml",
        "pyrightconfig.json",
        "hardkit-ruff.toml",
        "hardkit-pyright.json",
    }
)


# Named like a Dockerfile, but not one: BuildKit's per-Dockerfile ignore file
# (``Dockerfile.dockerignore``) and documentation about a Dockerfile.
_NOT_DOCKERFILE_SUFFIXES = (".dockerignore", ".md", ".rst")


def is_dockerfile_name(name: str) -> bool:
    """``Dockerfile``, ``Containerfile``, ``*.Dockerfile``, ``*.dockerfile``,
    ``Dockerfile.*`` (and ``Containerfile.*``), in any letter case."""
    lower = name.lower()
    if lower.endswith(_NOT_DOCKERFILE_SUFFIXES):
        return False
    return (
        lower in ("dockerfile", "containerfile")
        or lower.endswith(".dockerfile")
        or lower.startswith(("dockerfile.", "containerfile."))
    )


def kind_of(name: str) -> FileKind | None:
    """The kind of a file from its base name, or None when hardkit has no rule for it."""
    if name.endswith((".py", ".pyi")):
        return FileKind.PYTHON
    if is_dockerfile_name(name):
        return FileKind.DOCKERFILE
    if name in CONFIG_NAMES:
        return FileKind.CONFIG
    return None
