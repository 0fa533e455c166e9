from __future__ import annotations

import codecs

import pytest

from hardkit.adapters.source import DecodeError, decode_python, decode_text
from hardkit.domain.findings import Edit, Fix
from hardkit.domain.fixes import apply_fixes


def test_utf8_is_the_default_and_newlines_are_kept() -> None:
    source = decode_python(b"x = 1\r\ny = 'caf\xc3\xa9'\r\n")
    assert source.text == "x = 1\r\ny = 'café'\r\n"
    assert source.encoding == "utf-8"
    assert source.encode(source.text) == b"x = 1\r\ny = 'caf\xc3\xa9'\r\n"


def test_bom_is_kept_on_the_way_back() -> None:
    data = codecs.BOM_UTF8 + b"x = 1\n"
    source = decode_python(data)
    assert source.text == "x = 1\n"
    assert source.encode(source.text) == data


def test_coding_cookie_is_honoured_on_line_one_or_two() -> None:
    data = b"#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n"
    source = decode_python(data)
    assert source.text.endswith("name = 'café'\n")
    assert source.encode(source.text) == data


def test_a_cookie_after_code_is_not_a_cookie() -> None:
    with pytest.raises(DecodeError):
        decode_python(b"x = 1\n# coding: latin-1\ny = '\xe9'\n")


def test_invalid_utf8_names_the_position() -> None:
    with pytest.raises(DecodeError) as info:
        decode_python(b"x = 1\ny = '\xff'\n")
    assert (info.value.line, info.value.column) == (2, 6)
    assert "invalid utf-8 byte 0xff" in str(info.value)


def test_nul_bytes_are_refused() -> None:
    with pytest.raises(DecodeError, match="NUL") as info:
        decode_python(b"x = 1\n\x00\x01binary")
    assert info.value.line == 2


def test_unknown_cookie_and_bom_conflict() -> None:
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode_python(b"# coding: klingon\n")
    with pytest.raises(DecodeError, match="BOM"):
        decode_python(codecs.BOM_UTF8 + b"# coding: latin-1\n")


def test_text_files_are_utf8() -> None:
    assert decode_text(b"FROM python\n").text == "FROM python\n"
    with pytest.raises(DecodeError):
        decode_text(b"FROM \xff\n")


def test_fixes_apply_from_the_end_and_skip_overlaps() -> None:
    text = "abcdef"
    first = Fix((Edit(0, 1, "A"), Edit(4, 5, "E")))
    overlapping = Fix((Edit(0, 2, "xx"),))
    second = Fix((Edit(2, 3, "C"),))
    new, applied = apply_fixes(text, [overlapping, second, first])
    assert applied == 2
    assert new in ("AbCdEf", "xxCdef")
    assert apply_fixes(text, [first, second]) == ("AbCdEf", 2)


def test_two_insertions_at_one_point_do_not_both_apply() -> None:
    new, applied = apply_fixes("ab", [Fix((Edit(1, 1, "X"),)), Fix((Edit(1, 1, "Y"),))])
    assert (new, applied) == ("aXb", 1)
