"""Reading a word the way BuildKit's shell lexer does before it builds anything.

Quotes are removed, the escape character (``\\`` or the ``# escape=`` one) escapes the
next character, and ``$VAR``, ``${VAR}``, ``${VAR:-word}``, ``${VAR-word}``,
``${VAR:+word}``, ``${VAR+word}``, ``${VAR:?word}``, ``${VAR#pat}``/``##``,
``${VAR%pat}``/``%%`` and ``${VAR/pat/repl}`` are expanded from the variables in scope.

A plain reference to a variable without a value (an ``ARG`` with no default, a build
platform argument, anything the base image defines) cannot be read statically: it
expands to nothing, as BuildKit's does, and its name is recorded in ``Word.unknown``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hardkit.domain.values import NamedTuple


class Word(NamedTuple):
    text: str
    unknown: frozenset[str] = frozenset()

    @property
    def known(self) -> bool:
        return not self.unknown


class WordError(Exception):
    """A substitution BuildKit rejects (``${``, ``${:x}``, an unterminated quote)."""


def expand(word: str, scope: Mapping[str, str], escape: str = "\\") -> Word:
    """``word`` read as BuildKit reads an ``ENV``/``ARG``/``FROM``/``USER`` value."""
    if not any(ch in word for ch in ("$", "'", '"', escape)):
        return Word(word)  # nothing to read: most words (the lexer would copy each char)
    lexer = _Lexer(word, scope, escape)
    text = lexer.until(None)
    return Word(text, frozenset(lexer.unknown))


_SPECIAL = frozenset("@*#?-$!0")


class _Lexer:
    def __init__(self, text: str, scope: Mapping[str, str], escape: str) -> None:
        self.text = text
        self.pos = 0
        self.scope = scope
        self.escape = escape
        self.unknown: set[str] = set()

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def next(self) -> str:
        ch = self.peek()
        self.pos += 1
        return ch

    def until(self, stop: str | None, raw_escapes: bool = False) -> str:
        out: list[str] = []
        while self.pos < len(self.text):
            ch = self.peek()
            if stop is not None and ch == stop:
                self.pos += 1
                return "".join(out)
            if ch == "$":
                out.append(self.dollar())
            elif ch == "'":
                out.append(self.single_quoted())
            elif ch == '"':
                out.append(self.double_quoted())
            else:
                self.pos += 1
                if ch == self.escape:
                    if raw_escapes:
                        out.append(ch)
                    ch = self.next()
                out.append(ch)
        if stop is not None:
            raise WordError(f"missing {stop!r}")
        return "".join(out)

    def single_quoted(self) -> str:
        self.pos += 1
        end = self.text.find("'", self.pos)
        if end < 0:
            raise WordError("unterminated single quote")
        value, self.pos = self.text[self.pos : end], end + 1
        return value

    def double_quoted(self) -> str:
        self.pos += 1
        out: list[str] = []
        while True:
            ch = self.peek()
            if not ch:
                raise WordError("unterminated double quote")
            if ch == '"':
                self.pos += 1
                return "".join(out)
            if ch == "$":
                out.append(self.dollar())
                continue
            self.pos += 1
            if ch == self.escape and self.peek() in ('"', "$", self.escape):
                ch = self.next()
            elif ch == self.escape and not self.peek():
                continue
            out.append(ch)

    def name(self) -> str:
        start = self.pos
        if self.peek().isdigit():
            while self.peek().isdigit():
                self.pos += 1
            return self.text[start : self.pos]
        if self.peek() in _SPECIAL and self.peek():
            return self.next()
        while self.peek() and (self.peek().isalnum() or self.peek() == "_"):
            self.pos += 1
        return self.text[start : self.pos]

    def lookup(self, name: str, plain: bool) -> str | None:
        value = self.scope.get(name)
        if value is None and plain:
            self.unknown.add(name)
        return value

    def dollar(self) -> str:
        self.pos += 1
        if self.peek() != "{":
            name = self.name()
            return (self.lookup(name, plain=True) or "") if name else "$"
        self.pos += 1
        if self.peek() in ("", "{", "}", ":"):
            raise WordError("bad substitution")
        name = self.name()
        op = self.next()
        if op == "}":
            return self.lookup(name, plain=True) or ""
        if op == ":":
            op += self.next()
        if op == "/":
            return self.replace(name)
        if op[-1:] not in ("-", "+", "?", "#", "%"):
            raise WordError(f"unsupported modifier {op!r} in substitution")
        return self.modifier(name, op)

    def modifier(self, name: str, op: str) -> str:
        pattern_op = op[-1] in "#%"
        word = self.until("}", raw_escapes=pattern_op)
        value = self.lookup(name, plain=op[-1] in "?#%")
        null_is_unset = op.startswith(":")
        unset = value is None or (null_is_unset and value == "")
        if op[-1] == "-":
            return word if unset else value or ""
        if op[-1] == "+":
            return "" if unset else word
        if op[-1] == "?":
            return value or ""
        return _trim(value or "", word, suffix=op[-1] == "%")

    def replace(self, name: str) -> str:
        every = self.peek() == "/"
        if every:
            self.pos += 1
        pattern = self.until("/", raw_escapes=True)
        replacement = self.until("}", raw_escapes=True)
        value = self.lookup(name, plain=True) or ""
        regex = _pattern(pattern, greedy=True)
        return regex.sub(replacement.replace("\\", "\\\\"), value, count=0 if every else 1)


def _pattern(pattern: str, greedy: bool) -> re.Pattern[str]:
    star = ".*" if greedy else ".*?"
    parts = [star if c == "*" else "." if c == "?" else re.escape(c) for c in pattern]
    return re.compile("".join(parts), re.DOTALL)


def _trim(value: str, word: str, suffix: bool) -> str:
    """``${V#p}``/``${V##p}`` (prefix) and ``${V%p}``/``${V%%p}`` (suffix) trimming."""
    greedy = word[:1] == ("%" if suffix else "#")
    if greedy:
        word = word[1:]
    regex = _pattern(word, greedy)
    if not suffix:
        match = re.compile(f"^(?:{regex.pattern})", re.DOTALL).match(value)
        return value[match.end() :] if match else value
    candidates = range(len(value) + 1) if greedy else range(len(value), -1, -1)
    for start in candidates:
        if regex.fullmatch(value, start):
            return value[:start]
    return value
