"""BLAKE2 without OpenSSL: ``hashlib`` loads OpenSSL first (~5 ms of a hook's start-up);
CPython's built-in ``_blake2`` module gives the same function."""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other interpreters
    from hashlib import blake2b

__all__ = ["blake2b"]
