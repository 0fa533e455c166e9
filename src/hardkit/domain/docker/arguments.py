"""How BuildKit's parser splits one logical line: the command word, the ``--flags``, and
the arguments each command takes (shell words, a JSON array, ``KEY=value`` pairs).

Written after BuildKit's ``frontend/dockerfile/parser`` (``split_command.go`` and
``line_parsers.go``), whose quirks it keeps: it is what ``docker build`` reads, and the
test suite compares this module with BuildKit's own code (the ``dockerfile`` wheel).
Two of those quirks come from Go reading bytes where it means characters: the flags and
``HEALTHCHECK``'s first word are scanned byte by byte, so a flag's non-ASCII text comes
out as Latin-1 characters, and the bytes 0x85 and 0xA0 inside a UTF-8 character count
as spaces there.
"""

from __future__ import annotations

import json
import math
import re

from hardkit.domain.values import NamedTuple

# Go's unicode.IsSpace: Unicode's White_Space property.
SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # noqa: E501
_BYTE_SPACE = frozenset("\t\n\v\f\r \x85\xa0")  # IsSpace(rune(b)) for one byte b
_ASCII_SPACE = re.compile(r"[\t\v\f\r ]+")  # BuildKit's reWhitespace


class ArgumentError(Exception):
    """A line BuildKit refuses (a JSON array of non-strings, ``ENV`` without a value)."""


class Arguments(NamedTuple):
    """What a command's line parser made of its arguments."""

    values: tuple[str, ...]
    json: bool = False
    sub_command: str | None = None  # ONBUILD's instruction word, as written
    sub_flags: tuple[str, ...] = ()


class SplitLine(NamedTuple):
    command: str  # as written
    flags: tuple[str, ...]
    rest: str


def split_command(line: str) -> SplitLine:
    """The command word, its ``--flags`` and the rest of the line, spaces trimmed."""
    parts = _ASCII_SPACE.split(line.strip(SPACE), maxsplit=1)
    if len(parts) < 2:
        return SplitLine(parts[0], (), "")
    rest, flags = builder_flags(parts[1])
    return SplitLine(parts[0], flags, rest.strip(SPACE))


def builder_flags(line: str) -> tuple[str, tuple[str, ...]]:
    """The leading ``--name=value`` words of ``line`` (quotes and ``\\`` read) and what
    follows them; a lone ``--`` ends the flags."""
    if not line.lstrip(SPACE).startswith("--"):
        return line, ()  # the common case: no flag at all
    if line.isascii() and not any(c in line for c in "'\"\\"):
        return _plain_flags(line)
    text = line if line.isascii() else line.encode("utf-8").decode("latin-1")
    rest, words = _scan_flags(text)
    if text is not line:
        rest = rest.encode("latin-1").decode("utf-8", "replace")
    return rest, tuple(words)


_WORD = re.compile(r"[^\t\n\v\f\r ]+")


def _plain_flags(line: str) -> tuple[str, tuple[str, ...]]:
    """``_scan_flags`` for a line without quotes or backslashes: the same answer, word by
    word instead of character by character."""
    flags: list[str] = []
    for word in _WORD.finditer(line):
        text = word.group()
        if not text.startswith("--"):
            return line[word.start() :], tuple(flags)
        if text == "--":
            return line[word.end() :], tuple(flags)
        flags.append(text)
    return "", tuple(flags)


def _scan_flags(s: str) -> tuple[str, list[str]]:
    words: list[str] = []
    phase, word, quote, blank_ok = 0, "", "", False  # phase: 0 spaces, 1 word, 2 quoted
    n = len(s)
    pos = 0
    while pos <= n:
        ch = s[pos] if pos < n else ""
        if phase == 0:
            if pos == n:
                break
            if ch in _BYTE_SPACE:
                pos += 1
                continue
            if ch != "-" or pos + 1 == n or s[pos + 1] != "-":
                return s[pos:], words
            phase = 1
        if pos == n:
            if word != "--" and (blank_ok or word):
                words.append(word)
            break
        if phase == 1:
            if ch in _BYTE_SPACE:
                if word == "--":
                    return s[pos:], words
                if blank_ok or word:
                    words.append(word)
                phase, word, blank_ok = 0, "", False
                pos += 1
                continue
            if ch in "'\"":
                quote, blank_ok, phase = ch, True, 2
                pos += 1
                continue
        elif ch == quote:
            phase = 1
            pos += 1
            continue
        if ch == "\\":
            if pos + 1 == n:
                phase = 1
                pos += 1
                continue
            pos += 1
            ch = s[pos]
        word += ch
        pos += 1
    return "", words


# -- the arguments of each command -------------------------------------------------------


def parse_arguments(command: str, rest: str, escape: str) -> Arguments:
    """``rest`` read the way ``command`` reads its arguments; raises ``ArgumentError``."""
    parser = _PARSERS.get(command_key(command))
    if parser is None:  # BuildKit keeps an unknown instruction with one empty value
        return Arguments(("",))
    return parser(rest, escape)


def command_key(command: str) -> str:
    """The command in lower case, as Go lowers it (``İ`` is ``i`` there)."""
    return command.lower() if command.isascii() else command.replace("\u0130", "i").lower()


def _maybe_json(rest: str, escape: str) -> Arguments:
    if not rest:
        return Arguments(())
    values = _json_array(rest)
    return Arguments((rest,)) if values is None else Arguments(values, json=True)


def _maybe_json_to_list(rest: str, escape: str) -> Arguments:
    values = _json_array(rest)
    return _whitespace_words(rest, escape) if values is None else Arguments(values, json=True)


def _whitespace_words(rest: str, escape: str) -> Arguments:
    return Arguments(tuple(_ASCII_SPACE.split(rest))) if rest else Arguments(())


def _whole(rest: str, escape: str) -> Arguments:
    return Arguments((rest,) if rest else ())


def _name_or_name_value(rest: str, escape: str) -> Arguments:
    return Arguments(tuple(shell_words(rest, escape)))


def _name_value(rest: str, escape: str, key: str) -> Arguments:
    words = shell_words(rest, escape)
    if not words:
        return Arguments(())
    if "=" not in words[0]:  # the old form: KEY name value
        parts = _ASCII_SPACE.split(rest, maxsplit=1)
        if len(parts) < 2:
            raise ArgumentError(f"{key} must have two arguments")
        return Arguments((parts[0], parts[1]))
    values: list[str] = []
    for word in words:
        name, eq, value = word.partition("=")
        if not eq:
            raise ArgumentError(f"{key}: cannot find '=' in {word!r}; write name=value")
        values += (name, value)
    return Arguments(tuple(values))


def _env(rest: str, escape: str) -> Arguments:
    return _name_value(rest, escape, "ENV")


def _label(rest: str, escape: str) -> Arguments:
    return _name_value(rest, escape, "LABEL")


def _healthcheck(rest: str, escape: str) -> Arguments:
    data = rest.encode("utf-8") if not rest.isascii() else None
    text = rest if data is None else data.decode("latin-1")
    sep = 0
    while sep < len(text) and text[sep] not in _BYTE_SPACE:
        sep += 1
    after = sep
    while after < len(text) and text[after] in _BYTE_SPACE:
        after += 1
    if sep == 0:
        return Arguments(())
    kind, command = text[:sep], text[after:]
    if data is not None:
        kind = kind.encode("latin-1").decode("utf-8", "replace")
        command = command.encode("latin-1").decode("utf-8", "replace")
    tail = _maybe_json(command, escape)
    return Arguments((kind, *tail.values), json=tail.json)


def _onbuild(rest: str, escape: str) -> Arguments:
    if not rest:
        return Arguments(())
    split = split_command(rest)
    if command_key(split.command) == "onbuild":  # read (for its errors), then dropped
        _onbuild(split.rest, escape)
        inner = Arguments(("",) if split.rest else ())
    else:
        inner = parse_arguments(split.command, split.rest, escape)
    return inner._replace(sub_command=split.command, sub_flags=split.flags)


_PARSERS = {
    "add": _maybe_json_to_list,
    "arg": _name_or_name_value,
    "cmd": _maybe_json,
    "copy": _maybe_json_to_list,
    "entrypoint": _maybe_json,
    "env": _env,
    "expose": _whitespace_words,
    "from": _whitespace_words,
    "healthcheck": _healthcheck,
    "label": _label,
    "maintainer": _whole,
    "onbuild": _onbuild,
    "run": _maybe_json,
    "shell": _maybe_json,
    "stopsignal": _whole,
    "user": _whole,
    "volume": _maybe_json_to_list,
    "workdir": _whole,
}


# -- shell words (ARG, ENV, LABEL): quotes and escapes kept, split at spaces ---------------


def shell_words(rest: str, escape: str) -> list[str]:
    """BuildKit's ``parseWords``: words split at unquoted spaces, quotes and escape
    characters kept as written (they are read later, when the value is used)."""
    words: list[str] = []
    word: list[str] = []
    in_word, quote, blank_ok = False, "", False
    n = len(rest)
    pos = 0
    while pos < n:
        ch = rest[pos]
        pos += 1
        if quote:
            if ch == quote:
                quote = ""
            elif ch == escape and quote != "'":
                if pos == n:
                    continue  # a trailing escape character is dropped
                word.append(ch)
                ch = rest[pos]
                pos += 1
            word.append(ch)
            continue
        if ch in SPACE:
            if in_word and (blank_ok or word):
                words.append("".join(word))
            in_word, word, blank_ok = False, [], False
            continue
        in_word = True
        if ch in "'\"":
            quote, blank_ok = ch, True
        elif ch == escape:
            if pos == n:
                continue
            word.append(ch)
            ch = rest[pos]
            pos += 1
        word.append(ch)
    if in_word and (blank_ok or word):
        words.append("".join(word))
    return words


# -- JSON arrays, as Go's encoding/json reads them ---------------------------------------


class _NotGoJson(Exception):
    pass


def _go_number(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _NotGoJson(text)  # out of float64's range: Go's decoder fails
    return value


def _no_constant(text: str) -> float:
    raise _NotGoJson(text)  # NaN and Infinity are not JSON


_DECODER = json.JSONDecoder(
    parse_float=_go_number, parse_int=_go_number, parse_constant=_no_constant
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_array(rest: str) -> tuple[str, ...] | None:
    """The strings of a JSON array at the start of ``rest`` (what follows it is
    ignored, as Go's decoder ignores it), or None when ``rest`` is not one. An array
    holding anything but strings is an error."""
    text = rest.lstrip(SPACE)
    if not text.startswith("["):
        return None
    try:
        value, _ = _DECODER.raw_decode(text)
    except (ValueError, _NotGoJson, RecursionError):
        return None
    if not all(isinstance(item, str) for item in value):
        raise ArgumentError(
            "when using JSON array syntax, arrays must be comprised of strings only"
        )
    # Go decodes an unpaired surrogate escape (\ud800) as U+FFFD.
    return tuple(_SURROGATE.sub("\ufffd", item) for item in value)
