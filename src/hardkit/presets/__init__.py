"""The presets as package data: ``hardkit-ruff.toml`` and ``hardkit-pyright.json``.

They are byte-identical copies of the templates in ``hardkit.domain.presets.templates`` (with
the ``{version}`` placeholder that ``hardkit init``/``sync`` fill in); a test keeps them
equal, so either can be read as the preset hardkit ships.
"""
