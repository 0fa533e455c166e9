from __future__ import annotations

import os
import sys

# ``python -m hardkit`` puts the current directory first on ``sys.path``: the repository
# being checked. Every import hardkit makes later (json, tokenize, libcst...) would then
# run that repository's ``json.py`` or ``tokenize.py``. hardkit never imports or runs the
# code it checks, so that entry goes before anything else is imported.
safe_path: bool = getattr(sys.flags, "safe_path", False)  # python -P (3.11+) adds no entry
if sys.path and not safe_path and sys.path[0] in ("", os.getcwd()):  # noqa: PTH109
    del sys.path[0]

from hardkit.entrypoints.cli import run  # noqa: E402 - after the sys.path repair

if __name__ == "__main__":
    run()
