"""HK5xx: known vulnerabilities in locked dependencies (``hardkit audit``), with the lock
and requirements readers."""
