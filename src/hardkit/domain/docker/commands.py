"""What a container runs: the words of ``CMD``/``ENTRYPOINT`` and of the shell scripts it
copies, and the options of every ``python`` they start (``-O``, ``-X faulthandler``)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from hardkit.domain.docker.instructions import Instruction
from hardkit.domain.values import NamedTuple

_PYTHON = re.compile(r"python[0-9.]*\Z")
_SHELL_SEPARATORS = re.compile(r"(?:&&|\|\||[;|&])")


def command_words(instruction: Instruction) -> tuple[str, ...]:
    """The words of a ``CMD``/``ENTRYPOINT``/``RUN``; a JSON element holding a shell
    script (``["sh", "-c", "exec python -O app.py"]``) is split into its words too."""
    parts = instruction.args if instruction.json else (" ".join(instruction.args),)
    out: list[str] = []
    for part in parts:
        out.extend(_split(part) if not instruction.json or _has_space(part) else (part,))
    return tuple(out)


def _has_space(text: str) -> bool:
    # str.split() breaks at exactly the characters str.isspace() accepts
    return bool(text) and text.split() != [text]


def _split(script: str) -> list[str]:
    try:
        words = shlex.split(script, posix=True)
    except ValueError:  # an unbalanced quote: the shell would fail, the words still tell
        words = script.split()
    out: list[str] = []
    for word in words:
        if _has_space(word):  # a quoted script: sh -c "exec python -O app.py"
            out.extend(_split(word))
        else:
            out.extend(w for w in _SHELL_SEPARATORS.split(word) if w)
    return out


def _basename(word: str) -> str:
    return word.rsplit("/", 1)[-1]


class PythonRun(NamedTuple):
    """One ``python`` started by a command: its ``-O`` level, the option word that set it,
    and its ``-X`` options (names only)."""

    optimize: int
    optimize_word: str | None
    xoptions: frozenset[str]


def python_runs(words: Sequence[str]) -> tuple[PythonRun, ...]:
    return tuple(
        _options(words[i + 1 :]) for i, word in enumerate(words) if _PYTHON.match(_basename(word))
    )


def _options(words: Sequence[str]) -> PythonRun:
    optimize, optimize_word, xoptions = 0, None, set[str]()
    i = 0
    while i < len(words):
        word = words[i]
        if not word.startswith("-") or word in ("-", "--") or word.startswith("--"):
            break  # the script, stdin, or a long option this reading does not need
        letters = word[1:]
        for j, letter in enumerate(letters):
            if letter in "cm":
                return PythonRun(optimize, optimize_word, frozenset(xoptions))
            if letter in "WX":
                value = letters[j + 1 :] or (words[i + 1] if i + 1 < len(words) else "")
                i += 0 if letters[j + 1 :] else 1
                if letter == "X":
                    xoptions.add(value.split("=", 1)[0])
                break
            if letter == "O":
                optimize += 1
                optimize_word = optimize_word or word
        i += 1
    return PythonRun(optimize, optimize_word, frozenset(xoptions))


def script_commands(script: str) -> list[str]:
    """The command lines of a shell script: comments dropped, lines continued with
    ``\\`` joined."""
    out: list[str] = []
    pending = ""
    for raw in script.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if "#" in line:
            line = _COMMENT.sub("", line)
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        out.append(pending + line)
        pending = ""
    if pending.strip():
        out.append(pending)
    return out


def shell_lines(script: str) -> list[list[str]]:
    """The words of each command line of a shell script, quotes read (a quoted command
    split into its words)."""
    return [words for line in script_commands(script) if (words := _split(line))]


_COMMENT = re.compile(r"(?:^|\s)#.*\Z")
