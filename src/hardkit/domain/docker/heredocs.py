"""Finding the heredocs (``<<EOF``, ``<<-EOT``, ``<<"EOF"``) a ``RUN``/``COPY``/``ADD``
line opens, the way BuildKit's parser finds them.

BuildKit splits the whole line into shell words with its shell lexer (always with ``\\``
as the escape character, quotes and escapes kept, unset variables left as written), and
every word of the form ``[fd]<<[-]NAME`` opens a heredoc; ``NAME`` is read once more
without quotes and must be one word. A line the lexer cannot read (an unbalanced quote)
opens none. Written after ``parser.go`` and ``shell/lex.go`` of BuildKit 0.12.
"""

from __future__ import annotations

import re

from hardkit.domain.docker.arguments import SPACE
from hardkit.domain.values import NamedTuple

_HEREDOC = re.compile(r"[0-9]*<<(-?)([^<]*)\Z")
_SPECIAL_PARAMETERS = frozenset("@*#?-$!0")


class Heredoc(NamedTuple):
    name: str
    chomp: bool  # <<-: leading tabs are removed from the body and the terminator


class HeredocError(Exception):
    """A heredoc word BuildKit cannot read (``<<${X:-a`` …)."""


def heredocs_of(line: str) -> tuple[Heredoc, ...]:
    """The heredocs ``line`` opens, in order; raises ``HeredocError``."""
    if "<<" not in line:
        return ()
    try:
        words = _Lexer(line, raw_quotes=True, raw_escapes=True).words()
    except HeredocError:
        return ()  # BuildKit ignores the lexer's error here: no heredoc
    found: list[Heredoc] = []
    for word in words:
        match = _HEREDOC.match(word)
        if match is None or not match.group(2):
            continue
        names = _Lexer(match.group(2)).words()
        if len(names) != 1:
            continue
        if len(_Lexer(match.group(2), raw_quotes=True).words()) != 1:
            raise HeredocError(f"cannot read the heredoc word {match.group(2)!r}")
        found.append(Heredoc(names[0], match.group(1) == "-"))
    return tuple(found)


class _Words:
    """BuildKit's ``wordsStruct``: characters gathered into words split at spaces."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.word = ""
        self.in_word = False

    def add_char(self, ch: str) -> None:
        if ch not in SPACE:
            self.add_raw(ch)
        elif self.in_word and self.word:
            self.words.append(self.word)
            self.word, self.in_word = "", False

    def add_raw(self, text: str) -> None:
        self.word += text
        self.in_word = True

    def result(self) -> list[str]:
        if self.word:
            self.words.append(self.word)
            self.word, self.in_word = "", False
        return self.words


class _Lexer:
    """BuildKit's shell lexer with no variables set and unset ones kept as written;
    ``raw_quotes``/``raw_escapes`` keep quotes and escape characters in the words."""

    def __init__(self, text: str, raw_quotes: bool = False, raw_escapes: bool = False) -> None:
        # Go's text/scanner skips a byte-order mark at the start of its input.
        self.text = text[1:] if text.startswith("\ufeff") else text
        self.pos = 0
        self.raw_quotes = raw_quotes
        self.raw_escapes = raw_escapes

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def next(self) -> str:
        ch = self.peek()
        if ch:
            self.pos += 1
        return ch

    def words(self) -> list[str]:
        return self.until("")[1]

    def until(self, stop: str) -> tuple[str, list[str]]:
        result: list[str] = []
        words = _Words()
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if stop and ch == stop:
                self.pos += 1
                return "".join(result), words.result()
            if ch in "$'\"":
                part = self.dollar() if ch == "$" else self.quoted(ch)
                result.append(part)
                if ch == "$":
                    for char in part:
                        words.add_char(char)
                else:
                    words.add_raw(part)
                continue
            self.pos += 1
            if ch == "\\":
                if self.raw_escapes:
                    words.add_raw(ch)
                    result.append(ch)
                ch = self.next()
                if not ch:
                    break
                words.add_raw(ch)
            else:
                words.add_char(ch)
            result.append(ch)
        if stop:
            raise HeredocError(f"no matching {stop}")
        return "".join(result), words.result()

    def quoted(self, quote: str) -> str:
        opening = self.next()
        out = [opening] if self.raw_quotes else []
        while True:
            ch = self.peek()
            if not ch:
                raise HeredocError("unterminated quote")
            if ch == quote:
                self.pos += 1
                if self.raw_quotes:
                    out.append(ch)
                return "".join(out)
            if quote == '"' and ch == "$":
                out.append(self.dollar())
                continue
            self.pos += 1
            if quote == '"' and ch == "\\":
                if self.raw_escapes:
                    out.append(ch)
                after = self.peek()
                if not after:
                    continue
                if after in '"$\\':
                    ch = self.next()
            out.append(ch)

    def dollar(self) -> str:
        self.pos += 1
        if self.peek() != "{":
            name = self.name()
            return "$" + name
        self.pos += 1
        if self.peek() in ("", "{", "}", ":"):
            raise HeredocError("bad substitution")
        name = self.name()
        op = self.next()
        if op == "}":
            return "${" + name + "}"
        if op == ":":
            op += self.next()
        elif op not in ("+", "-", "?"):
            raise HeredocError("unsupported modifier")
        try:
            word = self.until("}")[0]
        except HeredocError:
            raise HeredocError("missing '}'") from None
        return "${" + name + op + word + "}"

    def name(self) -> str:
        start = self.pos
        ch = self.peek()
        if ch.isdecimal():
            while self.peek().isdecimal():
                self.pos += 1
            return self.text[start : self.pos]
        if ch in _SPECIAL_PARAMETERS and ch:
            self.pos += 1
            return ch
        while self.peek() and (
            self.peek().isalpha() or self.peek().isdecimal() or self.peek() == "_"
        ):
            self.pos += 1
        return self.text[start : self.pos]
