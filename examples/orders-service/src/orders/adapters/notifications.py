"""Sends order e-mails through the mailer command-line tool."""

from __future__ import annotations

import os
import subprocess


def send_confirmation(address: str, reference: str) -> None:
    # HK103: a fixed hash seed makes dict/set order predictable (hash-flooding DoS).
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run(["mailer", "--to", address, "--template", "confirmation", reference], env=env, check=True)
