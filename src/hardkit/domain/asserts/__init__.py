"""HK1xx: behaviour that ``python -O`` removes (security checks written as ``assert``,
``__debug__`` blocks) and hash-seed tampering, with the helpers only these rules use."""
