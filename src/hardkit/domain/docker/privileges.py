"""Whether a container drops root before its Python process starts, read from what the
Dockerfile runs and the files it copies (never run): ``gosu``, ``su-exec``, ``setpriv``,
``runuser``, ``s6-setuidgid``, ``chpst -u``, ``chroot --userspec``, ``su USER``,
``sudo -u`` and uWSGI's ``uid`` in the ``ENTRYPOINT``/``CMD`` or one level down, in the
script it runs; s6-overlay or runit service ``run`` scripts; supervisord programs with
``user=``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence

from hardkit.domain.docker.commands import script_commands, shell_lines
from hardkit.domain.docker.image_files import ImageFile, ImageFiles
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    import configparser

_ROOT = frozenset({"root", "0", "root:root", "0:0", "root:0", "0:root"})
_USER_FIRST = frozenset({"gosu", "su-exec", "s6-setuidgid", "setuidgid"})
_OPTION_USER = {
    "chpst": ("-u", "-U"),
    "runuser": ("-u", "--user", "-l"),
    "sudo": ("-u", "--user"),
    "uwsgi": ("--uid",),
    "s6-applyuidgid": ("-u", "-U"),
    "setpriv": ("--reuid", "--ruid", "--euid"),
    "chroot": ("--userspec",),
}
_NOT_A_RUN = frozenset(
    {"which", "type", "hash", "command", "install", "add", "apk", "apt-get", "apt", "yum",
     "dnf", "chmod", "chown", "cp", "ln", "rm", "mv", "ls", "test", "[", "curl", "wget",
     "echo", "printf", "stat", "file"}
)  # fmt: skip
_SU_OPTIONS_WITH_VALUE = frozenset({"-s", "--shell", "-g", "--group", "-G", "-c", "--command"})
_SERVICE_ROOTS = (
    "/etc/s6-overlay/s6-rc.d",
    "/etc/services.d",
    "/etc/s6/services",
    "/etc/service",
    "/etc/sv",
    "/etc/runit/sv",
)
PYTHONISH = re.compile(
    r"python|gunicorn|uvicorn|celery|uwsgi|granian|hypercorn|daphne|manage\.py|flask|django|"
    r"\.py\b",
    re.IGNORECASE,
)
_SUPERVISORD_DEFAULTS = ("/etc/supervisord.conf", "/etc/supervisor/supervisord.conf")


def _is_user(word: str | None) -> bool:
    return bool(word) and not word.startswith("-") and word.strip("'\"") not in _ROOT  # type: ignore[union-attr]


def _option_value(words: Sequence[str], start: int, options: tuple[str, ...]) -> str | None:
    for i in range(start, min(len(words), start + 8)):
        word = words[i]
        for option in options:
            if word == option and i + 1 < len(words):
                return words[i + 1]
            if word.startswith(option + "=") or (
                option.startswith("--") and word.startswith(option)
            ):
                return word.split("=", 1)[1] if "=" in word else word[len(option) :]
    return None


def drop_in_words(words: Sequence[str]) -> str | None:
    """The command in ``words`` that switches to a non-root user, if any."""
    for i, word in enumerate(words):
        name = posixpath.basename(word.strip("'\"")).lower()
        if name in _NOT_A_RUN or (i and words[i - 1] in ("-v", "which", "command", "type")):
            continue
        if any(w in _NOT_A_RUN for w in words[max(0, i - 3) : i]):
            continue
        user = None
        if name in _USER_FIRST:
            user = words[i + 1] if i + 1 < len(words) else None
            if user == "nobody" and i + 2 < len(words) and words[i + 2] == "true":
                continue  # the install check `gosu nobody true`
        elif name in _OPTION_USER:
            user = _option_value(words, i + 1, _OPTION_USER[name])
        elif name == "su":
            user = _su_user(words[i + 1 :])
        if _is_user(user):
            return name
    return None


def _su_user(words: Sequence[str]) -> str | None:
    i = 0
    while i < len(words) and words[i].startswith("-"):
        i += 2 if words[i] in _SU_OPTIONS_WITH_VALUE else 1
    return words[i] if i < len(words) else None


# A word that can start a user switch: lines without one need no closer reading.
_DROPPER_WORD = re.compile(
    r"(?<![\w.-])(?:gosu|su-exec|setpriv|runuser|s6-setuidgid|setuidgid|s6-applyuidgid|"
    r"chpst|chroot|su|sudo|uwsgi)(?![\w.-])"
)


def drop_in_script(text: str) -> str | None:
    if _DROPPER_WORD.search(text) is None:
        return None
    for line in script_commands(text):
        if _DROPPER_WORD.search(line) is None:
            continue
        found = drop_in_words(shell_lines(line)[0] if shell_lines(line) else [])
        if found is not None:
            return found
    return None


class Drop:
    """How the container's privileges are dropped, worked out once per Dockerfile."""

    def __init__(self, files: ImageFiles, runtime_words: Sequence[str], workdir: str) -> None:
        self.files = files
        self.words = list(runtime_words)
        self.workdir = workdir

    def reason(self) -> str | None:
        """What drops root (for the docs and tests), or None when nothing does."""
        found = drop_in_words(self.words)
        if found is not None:
            return f"`{found}` in ENTRYPOINT/CMD"
        scripts = self.scripts()
        for script in scripts:
            found = drop_in_script(script.text)
            if found is not None:
                return f"`{found}` in {script.image_path}"
        lines = [self.words, *(w for s in scripts for w in _main_lines(s.text))]
        return self._uwsgi(lines) or self._supervisord(lines) or self._services(lines)

    def scripts(self) -> list[ImageFile]:
        """The copied files the ``ENTRYPOINT``/``CMD`` runs (one level)."""
        return self.files.scripts(self.words, self.workdir)

    def _uwsgi(self, lines: Iterable[Sequence[str]]) -> str | None:
        for words in lines:
            if not any(posixpath.basename(w) == "uwsgi" for w in words):
                continue
            for ini in _ini_paths(words):
                config = self.files.read(posixpath.join(self.workdir, ini))
                uid = _ini_value(config.text, "uwsgi", "uid") if config else None
                if _is_user(uid):
                    return f"uWSGI `uid = {uid}` in {config.image_path}"  # type: ignore[union-attr]
        return None

    def _supervisord(self, lines: Iterable[Sequence[str]]) -> str | None:
        for words in lines:
            at = next(
                (i for i, w in enumerate(words) if posixpath.basename(w) == "supervisord"), -1
            )
            if at < 0:
                continue
            given = _option_value(words, at + 1, ("-c", "--configuration"))
            paths = [posixpath.join(self.workdir, given)] if given else list(_SUPERVISORD_DEFAULTS)
            configs = [c for c in (self.files.read(p) for p in paths) if c is not None]
            if not configs:
                return "supervisord (its configuration is not copied from the build context)"
            programs = self._programs(configs)
            if programs and _all_dropped(programs):
                return f"supervisord programs with `user=` ({configs[0].image_path})"
            return None
        return None

    def _programs(self, configs: list[ImageFile]) -> list[tuple[str, str | None]]:
        texts = [c.text for c in configs]
        for config in configs:
            for pattern in _includes(config.text):
                directory = posixpath.join(
                    posixpath.dirname(config.image_path), posixpath.dirname(pattern)
                )
                for name in self.files.names_in(directory):
                    if _fnmatch(name, posixpath.basename(pattern)):
                        included = self.files.read(posixpath.join(directory, name))
                        texts += [included.text] if included else []
        return [p for text in texts for p in _ini_programs(text)]

    def _services(self, lines: Iterable[Sequence[str]]) -> str | None:
        starts_init = not self.words or any(
            posixpath.basename(w) in ("init", "runsvdir", "s6-svscan", "runit")
            for ws in lines
            for w in ws
        )
        if not starts_init:
            return None
        services: list[tuple[str, str | None]] = []
        for root in _SERVICE_ROOTS:
            for name in self.files.names_in(root):
                run = self.files.read(f"{root}/{name}/run")
                kind = self.files.read(f"{root}/{name}/type")
                if run is None or (kind is not None and kind.text.strip() != "longrun"):
                    continue
                services.append((run.text, "s6" if drop_in_script(run.text) else None))
        if services and _all_dropped(
            [(text, "dropped" if how else None) for text, how in services]
        ):
            return "service run scripts that switch user (s6-setuidgid, chpst -u, …)"
        return None


def _main_lines(script: str) -> list[list[str]]:
    """The words of the lines of a script that start its main process: those that
    ``exec`` it, or else the last one (a daemon started on the way is not what keeps
    running)."""
    commands = script_commands(script)
    execs = [c for c in commands if c.startswith("exec ")]
    return [words for c in (execs or commands[-1:]) for words in shell_lines(c)]


def _all_dropped(programs: list[tuple[str, str | None]]) -> bool:
    """Every Python-looking program runs as a non-root user, and at least one program
    does (when none looks like Python, every program must)."""
    dropped = [command for command, user in programs if _is_user(user)]
    if not dropped:
        return False
    pythonish = [(c, u) for c, u in programs if PYTHONISH.search(c)]
    return all(_is_user(u) for _, u in (pythonish or programs))


def _ini_paths(words: Sequence[str]) -> list[str]:
    paths: list[str] = []
    for i, word in enumerate(words):
        if word == "--ini" and i + 1 < len(words):
            paths.append(words[i + 1])
        elif word.startswith("--ini="):
            paths.append(word[len("--ini=") :])
        elif word.endswith(".ini") and not word.startswith("-"):
            paths.append(word)
    return paths


def _parser(text: str) -> configparser.RawConfigParser:
    import configparser  # only for a Dockerfile that starts supervisord or uWSGI

    parser = configparser.RawConfigParser(
        strict=False, interpolation=None, inline_comment_prefixes=(";", "#")
    )
    try:
        parser.read_string(text)
    except configparser.Error:
        return configparser.RawConfigParser()
    return parser


def _ini_value(text: str, section: str, key: str) -> str | None:
    parser = _parser(text)
    return parser.get(section, key, fallback=None) if parser.has_section(section) else None


def _ini_programs(text: str) -> list[tuple[str, str | None]]:
    parser = _parser(text)
    return [
        (parser.get(section, "command", fallback=""), parser.get(section, "user", fallback=None))
        for section in parser.sections()
        if section.startswith(("program:", "fcgi-program:"))
    ]


def _includes(text: str) -> list[str]:
    files = _ini_value(text, "include", "files")
    return files.split() if files else []


def _fnmatch(name: str, pattern: str) -> bool:
    import fnmatch

    return fnmatch.fnmatchcase(name, pattern)
