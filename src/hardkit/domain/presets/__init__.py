"""HK4xx: the ruff and pyright presets, their texts, and the config files that extend them."""
