"""The worker counts a Dockerfile gives its web server (HK309): the final stage's
``CMD``/``ENTRYPOINT`` and ``ENV``, the script they run (one level), and the gunicorn
configuration module ``-c`` names."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping

from hardkit.domain.docker.commands import script_commands
from hardkit.domain.docker.instructions import Instruction
from hardkit.domain.docker.servers import SERVERS, WORKER_VARIABLES
from hardkit.domain.docker.source import DockerfileSource
from hardkit.domain.values import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from hardkit.domain.docker.workers import PerCpu


_STANDARD_CONFIGS = frozenset({"gunicorn.conf.py", "gunicorn_conf.py", "gunicorn_config.py"})
_ASSIGNMENT = re.compile(r"(?P<name>[A-Za-z_]\w*)=(?P<value>.*)\Z", re.DOTALL)
_DEFAULT = re.compile(r"[\"']?\$\{(?P<name>[A-Za-z_]\w*):?=(?P<value>.*)\}[\"']?\Z", re.DOTALL)


class WorkerCount(NamedTuple):
    instruction: Instruction  # where the finding goes
    word: str | None  # the text to point at, when it is in that instruction
    what: str  # "gunicorn's worker count", "WEB_CONCURRENCY", ...
    value: PerCpu


def worker_counts(file: DockerfileSource) -> Iterator[WorkerCount]:
    """(The expression reader, ``workers``, is loaded only when a server is named.)"""
    final = file.final
    variables = {n: s.value for n, s in final.env.items() if s.known}
    for name, setting in final.env.items():
        value = _variable_value(name, setting.value, variables)
        if value is not None and value.more_than_one:
            yield WorkerCount(setting.instruction, name, f"`{name}`", value)
    for instruction in (final.entrypoint, final.cmd):
        if instruction is not None:
            yield from _instruction_counts(file, instruction, variables)


def _variable_value(name: str, value: str, variables: Mapping[str, str]) -> PerCpu | None:
    if name not in WORKER_VARIABLES and name != "GUNICORN_CMD_ARGS":
        return None
    from hardkit.domain.docker.workers import shell_value, shell_words, worker_words

    if name in WORKER_VARIABLES:
        return shell_value(value, variables)
    if name == "GUNICORN_CMD_ARGS":
        given = worker_words(["gunicorn", *shell_words(value)], 0)
        return shell_value(given, variables) if given is not None else None
    return None


def _command_lines(instruction: Instruction) -> list[str]:
    """A shell form's command line; a JSON form's ``sh -c`` script, or its words."""
    if not instruction.json:
        return [" ".join(instruction.args)]
    scripts = [a for a in instruction.args if " " in a.strip()]
    return scripts or [" ".join(instruction.args)]


def _instruction_counts(
    file: DockerfileSource, instruction: Instruction, variables: Mapping[str, str]
) -> Iterator[WorkerCount]:
    lines = _command_lines(instruction)
    scripts = file.final_files.scripts(
        [w for line in lines for w in line.split()], file.final.workdir
    )
    scripts = [s for s in scripts if any(server in s.text for server in SERVERS)]
    if not scripts and not any(server in line for line in lines for server in SERVERS):
        return
    from hardkit.domain.docker.workers import shell_words

    for line in lines:
        for what, value, word in _line_counts(file, shell_words(line), variables, set()):
            if value.more_than_one:
                yield WorkerCount(instruction, word, what, value)
    for script in scripts:
        known = dict(variables)
        assigned: set[str] = set()
        for number, command in enumerate(script_commands(script.text), 1):
            if "=" not in command and not any(server in command for server in SERVERS):
                continue
            line = shell_words(command)
            assigned |= _assign(line, known)
            for what, value, _ in _line_counts(file, line, known, assigned):
                if value.more_than_one:
                    where = f"{what} in {script.image_path} (command {number})"
                    yield WorkerCount(instruction, None, where, value)


def _assign(words: list[str], known: dict[str, str]) -> set[str]:
    """Shell variable assignments on a script line (``X=1``, ``export X=1``,
    ``: "${X:=1}"``) into ``known``; returns the names assigned."""
    names: set[str] = set()
    if words[:1] in (["export"], ["readonly"], ["local"]):
        words = words[1:]
    pattern = _DEFAULT if words[:1] == [":"] else _ASSIGNMENT
    for word in words[1:2] if pattern is _DEFAULT else words[:1]:
        match = pattern.match(word)
        if match is not None:
            known[match.group("name")] = match.group("value")
            names.add(match.group("name"))
    return names


def _line_counts(
    file: DockerfileSource, words: list[str], variables: Mapping[str, str], assigned: set[str]
) -> Iterator[tuple[str, PerCpu, str | None]]:
    """The worker counts a command line gives a server (and the word that says so); the
    server's own variables
    (``WEB_CONCURRENCY``) only when a script set them (an ``ENV`` is reported itself)."""
    from hardkit.domain.docker.workers import shell_value, worker_words

    for at, word in enumerate(words):
        server = posixpath.basename(word.strip("'\""))
        if server not in SERVERS:
            continue
        given = worker_words(words, at)
        if given is not None:
            value = shell_value(given, variables)
            if value is not None:
                yield f"{server}'s worker count `{given}`", value, given
            continue
        if server in ("gunicorn", "uvicorn"):
            for name in ("WEB_CONCURRENCY", "GUNICORN_WORKERS"):
                value = shell_value(variables[name], variables) if name in assigned else None
                if value is not None:
                    yield f"{server}'s worker count (`{name}`)", value, None
        if server == "gunicorn":
            for what, value in _config_counts(file, words, at):
                yield what, value, None


def _config_counts(
    file: DockerfileSource, words: list[str], at: int
) -> Iterator[tuple[str, PerCpu]]:
    config = next(
        (
            words[i + 1] if words[i] in ("-c", "--config") else words[i].split("=", 1)[1]
            for i in range(at + 1, len(words) - 1)
            if words[i] in ("-c", "--config") or words[i].startswith("--config=")
        ),
        None,
    )
    if config is None:
        return
    config = config.strip("'\"")
    if config.startswith("python:"):
        config = config[len("python:") :].replace(".", "/") + ".py"
    if posixpath.basename(config) in _STANDARD_CONFIGS:
        return  # checked on its own (a gunicorn configuration module)
    final = file.final
    found = file.final_files.read(posixpath.join(final.workdir, config))
    if found is None:
        return
    import ast

    from hardkit.domain.docker.workers import module_workers

    try:
        assignment = module_workers(ast.parse(found.text))
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return
    if assignment is not None:
        where = f"{found.image_path}, line {assignment.node.lineno}"
        yield f"gunicorn's `workers` in its configuration ({where})", assignment.value
