from __future__ import annotations

import posixpath
from collections.abc import Iterator

from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.findings import Finding, Severity
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

    from hardkit.domain.docker.workers import PerCpu

# The names gunicorn looks its configuration module up by (``gunicorn.conf.py`` in the
# working directory is loaded without ``-c``); the registry hands these Python files to
# this rule.
GUNICORN_CONFIGS = frozenset({"gunicorn.conf.py", "gunicorn_conf.py", "gunicorn_config.py"})
_WHY = (
    "the checklist (A.6) asks one worker per CPU for I/O-bound services on stock CPython, "
    "and inside a container the CPU count is the host's unless the deployment limits it, "
    "so this can start dozens of workers; use a fixed number or one per CPU"
)
_CONF = "import multiprocessing\n\nbind = '0.0.0.0:8000'\nworkers = {}\n"


def describe(value: PerCpu) -> str:
    per_cpu = value.per_cpu
    shown = f"{per_cpu:g}" if per_cpu != int(per_cpu) else str(int(per_cpu))
    return f"{shown} per CPU ({value.at_8:g} on 8 CPUs)"


class WorkersPerCpu(Rule["DockerfileSource | PythonFile"]):
    code = "HK309"
    name = "workers-per-cpu"
    summary = "A web server starts more than one worker per CPU"
    kind = FileKind.DOCKERFILE
    severity = Severity.WARNING
    python_modules: ClassVar[frozenset[str]] = GUNICORN_CONFIGS
    doc = RuleDoc(
        what_it_does=(
            "Warns when the worker count of gunicorn, uvicorn, hypercorn or granian is "
            "computed as more than one per CPU: `2 * multiprocessing.cpu_count() + 1`, "
            "`os.cpu_count() * 4`, `$(( 2 * $(nproc) + 1 ))`. It reads the final stage's "
            "`CMD`/`ENTRYPOINT` (`-w`, `--workers`), its `ENV` (`WEB_CONCURRENCY`, "
            "`GUNICORN_WORKERS`, `GRANIAN_WORKERS`, `GUNICORN_CMD_ARGS`), the script the "
            "`ENTRYPOINT`/`CMD` runs when the Dockerfile copies it, and the configuration "
            "module `gunicorn -c` names there; and every gunicorn configuration module "
            "checked on its own (`gunicorn.conf.py`, `gunicorn_conf.py`, "
            "`gunicorn_config.py`). Nothing is run: the expression is evaluated for 8 and "
            "16 CPUs (environment variables at their defaults), and one worker per CPU "
            "(`$(nproc)`, `cpu_count()`), `cpu_count() + 1` and fixed numbers pass."
        ),
        why_is_this_bad=(
            "`2 * CPUs + 1` comes from gunicorn's docs for synchronous workers on a "
            "dedicated machine. The hardening checklist (A.6) asks one worker per CPU for "
            "CPU-light, I/O-bound services on stock CPython: more processes only multiply "
            "memory (each holds the whole application) and connections to the database. "
            "Inside a container it is worse: `nproc` and `os.cpu_count()` report the "
            "host's CPUs unless the deployment pins a cpuset, so a pod limited to one CPU "
            "on a 64-core node starts 129 workers and is killed for its memory."
        ),
        example=(
            "```python\n# gunicorn.conf.py\nimport multiprocessing\n\n"
            "workers = multiprocessing.cpu_count() * 2 + 1\n```\n\n"
            "```dockerfile\nCMD gunicorn -w $(( 2 * $(nproc) + 1 )) app:app\n```"
        ),
        use_instead=(
            "```python\n# gunicorn.conf.py\nimport os\n\n"
            'workers = int(os.environ.get("WEB_CONCURRENCY", "2"))\n```\n\n'
            "and set `WEB_CONCURRENCY` per deployment, to the CPUs it is given."
        ),
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): one worker per CPU for CPU-light, I/O-bound "
            "services on stock CPython\n"
            "- gunicorn docs, [How Many Workers?]"
            "(https://docs.gunicorn.org/en/stable/design.html#how-many-workers)\n"
            "- Python docs, [os.process_cpu_count]"
            "(https://docs.python.org/3/library/os.html#os.process_cpu_count)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid('FROM python:3.13-slim\nCMD ["gunicorn", "-w", "4", "app:app"]\n'),
        valid("FROM python:3.13-slim\nCMD gunicorn -w $(nproc) app:app\n"),
        valid("FROM python:3.13-slim\nCMD uvicorn app:app --workers $(( $(nproc) + 1 ))\n"),
        valid("FROM python:3.13-slim\nENV WEB_CONCURRENCY=2\nCMD gunicorn app:app\n"),
        valid(_CONF.format("multiprocessing.cpu_count()"), path="gunicorn.conf.py"),
        valid(_CONF.format("2 * multiprocessing.cpu_count() + 1"), path="app/settings.py"),
        valid(
            "import os\nworkers = int(os.environ.get('WEB_CONCURRENCY', '2'))\n",
            path="gunicorn_conf.py",
        ),
        invalid(
            "FROM python:3.13-slim\nCMD gunicorn -w $(( 2 * $(nproc) + 1 )) -b :8000 app:app\n",
            line=2,
            column=17,
        ),
        invalid(
            'FROM python:3.13-slim\nCMD ["sh", "-c", "uvicorn app:app '
            '--workers=$(( $(nproc) * 4 ))"]\n',
            line=2,
            column=1,
        ),
        invalid(
            "FROM python:3.13-slim\nENV WEB_CONCURRENCY=$((2*$(nproc)+1))\nCMD gunicorn app:app\n",
            line=2,
            column=5,
        ),
        invalid(
            'FROM python:3.13-slim\nENV GUNICORN_CMD_ARGS="--workers=$(( $(nproc) * 2 ))"\n',
            line=2,
            column=5,
        ),
        invalid(
            'FROM python:3.13-slim\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n',
            files={
                "start.sh": "#!/bin/sh\nWORKERS=$(( 2 * $(nproc) + 1 ))\n"
                'exec gunicorn --workers "${WORKERS}" app:app\n'
            },
            line=3,
            column=1,
        ),
        invalid(
            "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\n"
            'CMD ["gunicorn", "-c", "python:config.gunicorn", "app:app"]\n',
            files={"config/gunicorn.py": _CONF.format("multiprocessing.cpu_count() * 2")},
            line=4,
            column=1,
        ),
        invalid(
            _CONF.format("multiprocessing.cpu_count() * 2 + 1"),
            path="gunicorn.conf.py",
            line=4,
            column=1,
        ),
        invalid(
            "import multiprocessing\nimport os\n\ncores = multiprocessing.cpu_count()\n"
            "per_core = float(os.getenv('WORKERS_PER_CORE', '2'))\n"
            "workers = max(int(per_core * cores), 2)\n",
            path="deploy/gunicorn_conf.py",
            line=6,
            column=1,
        ),
    )

    def check(self, file: DockerfileSource | PythonFile) -> Iterator[Finding]:
        if isinstance(file, PythonFile):
            yield from _config_module(self.code, file)
            return
        from hardkit.domain.docker.server_workers import worker_counts

        for found in worker_counts(file):
            message = f"{found.what} is {describe(found.value)}: {_WHY}"
            yield file.finding(self.code, found.instruction, message, found.word)


def _config_module(code: str, file: PythonFile) -> Iterator[Finding]:
    if posixpath.basename(file.path) not in GUNICORN_CONFIGS or "cpu_count" not in file.text:
        return
    from hardkit.domain.docker.workers import module_workers

    try:
        assignment = module_workers(file.ast)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return  # HK001 reports the file
    if assignment is None or not assignment.value.more_than_one:
        return
    message = f"gunicorn's `workers` is {describe(assignment.value)}: {_WHY}"
    yield file.finding(code, file.ast_span(assignment.node), message)
