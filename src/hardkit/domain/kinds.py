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


def is_dockerfile_name(name: str) -> bool:
    lower = name.lower()
    return (
        lower in ("dockerfile", "containerfile")
        or lower.endswith(".dockerfile")
        or lower.startswith("dockerfile.")
        or lower.startswith("containerfile.")
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
