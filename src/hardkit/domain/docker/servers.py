"""The web servers HK309 knows: their names, worker options and variables."""

from __future__ import annotations

SERVERS = ("gunicorn", "uvicorn", "hypercorn", "granian")
# Options that set the worker count, per server.
WORKER_OPTIONS = {
    "gunicorn": ("-w", "--workers"),
    "uvicorn": ("--workers",),
    "hypercorn": ("-w", "--workers"),
    "granian": ("--workers",),
}
# Variables the servers read their worker count from.
WORKER_VARIABLES = ("WEB_CONCURRENCY", "GUNICORN_WORKERS", "GRANIAN_WORKERS", "UVICORN_WORKERS")
