"""How a configuration file is presented to the HK4xx rules (the CONFIG builder)."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from hardkit import __version__
from hardkit.adapters.config_text import parse_jsonc, parse_toml
from hardkit.domain.config import Config
from hardkit.domain.presets.config_files import (
    PYRIGHT_CONFIG,
    ConfigFile,
    json_settings,
    toml_settings,
)
from hardkit.domain.presets.shipped import PRESET_NAMES, shipped_presets


@functools.cache
def _shipped() -> Mapping[str, str]:
    return shipped_presets(__version__)


def read_config_file(key: str, text: str, config: Config) -> ConfigFile:
    """Parse ``text`` (a ``ParseFailure`` is HK001); presets are compared as text only,
    so a broken preset is still rewritten by HK403's fix."""
    name = key.rsplit("/", 1)[-1]
    ruff = pyright = None
    if name == PYRIGHT_CONFIG:
        ruff, pyright = json_settings(name, text, parse_jsonc(text))
    elif name not in PRESET_NAMES:
        ruff, pyright = toml_settings(name, text, parse_toml(text))
    return ConfigFile(key, text, config, ruff, pyright, shipped=_shipped())
