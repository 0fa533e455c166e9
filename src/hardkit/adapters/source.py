"""Reading source bytes as text and writing text back exactly as it was encoded.

Python files are decoded per PEP 263 (BOM, coding cookie, UTF-8 default) without
newline translation, so offsets and line endings survive a fix byte for byte.
"""

from __future__ import annotations

import codecs
import re

from hardkit.domain.values import NamedTuple

# Compiled (and cached by ``re``) on first use: only a line naming "coding" needs it.
_COOKIE = rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)"


class DecodeError(Exception):
    """The bytes are not text in the file's declared encoding."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class SourceText(NamedTuple):
    text: str
    encoding: str  # a codec name; "utf-8-sig" when the file starts with a BOM

    def encode(self, text: str) -> bytes:
        return text.encode(self.encoding)


def _cookie(data: bytes) -> str | None:
    lines = data.split(b"\n", 2)[:2]
    for index, line in enumerate(lines):
        match = re.match(_COOKIE, line) if b"coding" in line else None
        if match:
            return match.group(1).decode("ascii")
        if index == 0 and not _blank_or_comment(line):
            return None
    return None


def _blank_or_comment(line: bytes) -> bool:
    """Whether the line holds nothing but blanks and maybe a comment (PEP 263)."""
    rest = line.lstrip(b" \t\f")
    return not rest or rest[:1] in (b"#", b"\r", b"\n")


def _position(data: bytes, byte_offset: int) -> tuple[int, int]:
    before = data[:byte_offset]
    line = before.count(b"\n") + 1
    column = byte_offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def decode_python(data: bytes) -> SourceText:
    """Decode a Python file the way the interpreter would; raise ``DecodeError`` if it can't."""
    if b"\0" in data:
        line, column = _position(data, data.index(b"\0"))
        raise DecodeError("source contains NUL bytes", line, column)
    bom = data.startswith(codecs.BOM_UTF8)
    cookie = _cookie(data[len(codecs.BOM_UTF8) :] if bom else data)
    encoding = "utf-8"
    if cookie is not None:
        try:
            encoding = codecs.lookup(cookie).name
        except LookupError:
            raise DecodeError(f"unknown encoding in coding cookie: {cookie}") from None
        if bom and encoding != "utf-8":
            raise DecodeError(f"UTF-8 BOM contradicts the coding cookie {cookie!r}")
    if bom:
        encoding = "utf-8-sig"
    try:
        return SourceText(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise DecodeError(
            f"invalid {exc.encoding} byte 0x{data[exc.start]:02x}; "
            "declare the encoding with a coding cookie or re-save as UTF-8",
            line,
            column,
        ) from None


def decode_text(data: bytes) -> SourceText:
    """Decode a non-Python text file (Dockerfile, TOML, JSON): UTF-8, BOM allowed."""
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    if b"\0" in data:
        line, column = _position(data, data.index(b"\0"))
        raise DecodeError("file contains NUL bytes", line, column)
    try:
        return SourceText(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise DecodeError(f"invalid UTF-8 byte 0x{data[exc.start]:02x}", line, column) from None
