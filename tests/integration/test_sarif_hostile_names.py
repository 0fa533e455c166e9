"""SARIF URIs for file names a pull request may choose (issue 20): every
``artifactLocation.uri`` is an RFC 3986 reference that names exactly its file, and the
whole report is valid SARIF 2.1.0 with the schema's formats checked. The plain-path
formats keep the name as it is."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from hardkit.adapters.reporters.sarif import artifact_location
from hardkit.entrypoints.cli import main
from tests.helpers import write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")

SECURITY_ASSERT = "def view(request, user):\n    assert user.is_admin\n"
HOSTILE = [
    "with space.py",
    "hash#tag.py",
    "query?x=1.py",
    "100%.py",
    "percent%41.py",  # must not decode to "percentA.py"
    "café.py",
    "日本語.py",
    "tab\tname.py",
    "new\nline.py",
    "carriage\rreturn.py",
    "ctrl\x01\x1f.py",
    "del\x7f.py",
    "esc\x1b[2K\r.py",  # erases the terminal line it is printed on, if printed raw
    "colon:first.py",  # a first segment with a colon would read as a scheme
    "[brackets].py",
    "plus+amp&eq=semi;.py",
    "@at!dollar$'quote'(paren)*star,comma.py",
    "back\\slash.py",
    "sub dir/a#b/deep?.py",
]
DANGLING = "dangling #link.py"

# RFC 3986 relative-ref with a path-noscheme (no colon in the first segment).
_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})"
_FIRST = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-F]{2})+"
RELATIVE_REF = re.compile(rf"{_FIRST}(?:/{_PCHAR}*)*")


def assert_names_exactly(location: dict[str, str], path: str) -> None:
    uri = location["uri"]
    assert location.get("uriBaseId") == "%SRCROOT%", location
    assert RELATIVE_REF.fullmatch(uri), uri
    parts = urlsplit(uri)
    assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", "")
    assert unquote(uri, errors="strict") == path


@pytest.fixture
def hostile(project: Path) -> list[str]:
    write(project, dict.fromkeys(HOSTILE, SECURITY_ASSERT))
    os.symlink("missing-target.py", project / DANGLING)
    return sorted(HOSTILE)


def test_every_uri_names_its_file_and_the_report_is_valid_sarif(
    hostile: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    import jsonschema

    assert main(["check", "--no-cache", "--output-format", "sarif"]) == 1
    document = json.loads(capsys.readouterr().out)
    results = document["runs"][0]["results"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    paths = sorted(unquote(location["uri"]) for location in locations)
    assert paths == hostile
    for location, path in zip(locations, [unquote(loc["uri"]) for loc in locations], strict=True):
        assert_names_exactly(location, path)
    (notification,) = document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert_names_exactly(
        notification["locations"][0]["physicalLocation"]["artifactLocation"], DANGLING
    )

    schema_path = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    assert checker.conforms("a b", "uri-reference") is False  # formats really are checked
    jsonschema.Draft7Validator(schema, format_checker=checker).validate(document)


def test_json_keeps_the_plain_path_and_text_one_visible_line_each(
    hostile: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--no-cache", "--output-format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert sorted(f["path"] for f in document["findings"]) == hostile
    assert [e["path"] for e in document["errors"]] == [DANGLING]

    assert main(["check", "--no-cache", "-q"]) == 1
    lines = capsys.readouterr().out.split("\n")
    assert lines.pop() == ""
    assert len(lines) == len(hostile) + 1
    assert all(line.isprintable() for line in lines)
    where = {line.split(":2:5: HK101 ")[0] for line in lines}
    assert {"new\\nline.py", "esc\\x1b[2K\\r.py", "café.py", "tab\\tname.py"} <= where
    assert f"{DANGLING}: error: dangling symbolic link" in lines


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("src/app.py", {"uri": "src/app.py", "uriBaseId": "%SRCROOT%"}),
        ("../other/a b.py", {"uri": "../other/a%20b.py", "uriBaseId": "%SRCROOT%"}),
        ("/abs/dir #1/x.py", {"uri": "file:///abs/dir%20%231/x.py"}),
        ("C:/Users/a?.py", {"uri": "file:///C:/Users/a%3F.py"}),
        ("c:first.py", {"uri": "c%3Afirst.py", "uriBaseId": "%SRCROOT%"}),
    ],
)
def test_artifact_locations(path: str, expected: dict[str, str]) -> None:
    assert artifact_location(path) == expected
