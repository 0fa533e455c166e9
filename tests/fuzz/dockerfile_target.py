"""The Dockerfile path as one fuzz target: bytes in, through decoding, BuildKit's grammar
(``domain.docker.parser``), the stage model and every HK3 rule, then the fixer.

``check(data)`` raises ``AssertionError`` when hardkit misbehaves: an exception escaping,
an error entry (a rule failing), a finding outside the file, a fix whose output no longer
parses or is not stable. Anything else (HK001 included) is a correct answer. Shared by
the atheris harness (``tests/fuzz/dockerfile_atheris.py``) and the hypothesis tests.
"""

from __future__ import annotations

from hardkit.adapters.source import SourceText
from hardkit.domain.config import config_from_table
from hardkit.domain.registry import all_rules
from hardkit.domain.rule import FileKind
from hardkit.service.analyse import PARSE_ERROR, Settings, analyse
from hardkit.service.fix import fix_source

CODES = frozenset(r.code for r in all_rules() if r.kind is FileKind.DOCKERFILE) | {PARSE_ERROR}
SETTINGS = Settings(config_from_table({}, "fuzz"), CODES)
KEY = "Dockerfile"

SEEDS = (
    b"FROM python:3.12-slim\nCMD python app.py\n",
    b"# syntax=docker/dockerfile:1\nARG V=3.13\nFROM python:${V} AS build\nRUN pip install .\n"
    b"FROM python\nENV PYTHONHASHSEED=0\nCOPY --from=build /usr/local /usr/local\n"
    b'CMD ["python", "-O", "-m", "orders"]\n',
    b"FROM --platform=$BUILDPLATFORM python:3.13-slim@sha256:" + b"a" * 64 + b" AS base\n"
    b"ENV PYTHONFAULTHANDLER=1 PYTHONMALLOC=malloc\nUSER 10001:10001\n"
    b'ENTRYPOINT ["gosu", "app", "uvicorn", "main:app"]\n',
    b"# escape=`\nFROM gcr.io/distroless/python3-debian12:nonroot\nRUN echo a `\n  b\n",
    b"FROM python:3.12\nRUN <<EOF\npip install -r requirements.txt\nEOF\n"
    b"COPY <<-EOT /app/x.py\n\tprint(1)\n\tEOT\nUSER root\n",
    b"ARG BASE\nFROM ${BASE}\nFROM scratch\nCOPY --from=0 /a /a\n",
    b"FROM cgr.dev/chainguard/python:latest-dev AS dev\nFROM dev\n"
    b'ARG PYTHONHASHSEED=random\nENV PYTHONOPTIMIZE=2\nCMD ["python", "-X", "faulthandler"]\n',
    b"FROM python:3.12-slim-bookworm\n# hardkit ignore=HK304,HK307\nENV A=1 \\\n    B=2\n",
    # a continuation left open at the end of the file (atheris found the fix joining it)
    b"FROM python:3.11 \\\n  \n",
    b"FROM python:3.11 \\\n# a comment\n\n",
)


def check(data: bytes) -> None:
    analysis = analyse(KEY, FileKind.DOCKERFILE, data, SETTINGS)
    if analysis.errors:
        raise AssertionError(f"error entries: {analysis.errors!r}")
    source = analysis.source
    lines = data.count(b"\n") + 1  # undecodable bytes are placed by their byte line
    for finding in analysis.findings:
        if not (1 <= finding.line <= finding.end_line <= lines + 1 and finding.column >= 1):
            raise AssertionError(f"finding outside the file: {finding!r}")
    if source is None or not any(f.fixable for f in analysis.findings):
        return
    outcome = fix_source(KEY, FileKind.DOCKERFILE, source, SETTINGS)
    if outcome.analysis.errors:
        raise AssertionError(f"fix: {outcome.analysis.errors!r}")
    if outcome.text == source.text:
        return
    if any(f.code == PARSE_ERROR for f in outcome.analysis.findings):
        raise AssertionError("the fixed Dockerfile does not parse")
    if any(f.fixable for f in outcome.analysis.findings):
        raise AssertionError(f"fixable findings left: {outcome.analysis.findings!r}")
    again = fix_source(
        KEY, FileKind.DOCKERFILE, SourceText(outcome.text, source.encoding), SETTINGS
    )
    if again.text != outcome.text:
        raise AssertionError("a second fix changed the Dockerfile again")
