"""BLAKE2 without OpenSSL: ``hashlib`` loads OpenSSL first (~5 ms of a hook's start-up);
CPython's built-in ``_blake2`` module gives the same function. Likewise the constant-time
comparison comes from where ``hmac`` itself takes it, without ``hmac``'s OpenSSL import."""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other interpreters
    from hashlib import blake2b

from _operator import _compare_digest  # pyright: ignore[reportPrivateUsage]

compare_digest = _compare_digest

__all__ = ["blake2b", "compare_digest"]
