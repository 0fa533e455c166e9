"""Coverage-guided fuzzing (atheris, libFuzzer) of the Dockerfile path.

    .venv/bin/python -m tests.fuzz.dockerfile_atheris -max_total_time=300 [CORPUS_DIR]
    make fuzz

hardkit's modules on that path are instrumented, so libFuzzer steers towards inputs that
reach new branches of the decoder, the parser, the stage model and the HK3 rules.
It starts from ``SEEDS`` (written to a temporary corpus unless a corpus folder is given)
and a dictionary of Dockerfile words. A failure of ``check`` is a crash: libFuzzer saves
the input as ``crash-<sha1>`` in the current directory and exits non-zero.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["hardkit", "tests.fuzz"]):
    import hardkit.domain.docker.arguments
    import hardkit.domain.docker.commands
    import hardkit.domain.docker.heredocs
    import hardkit.domain.docker.images
    import hardkit.domain.docker.instructions
    import hardkit.domain.docker.parser
    import hardkit.domain.docker.source
    import hardkit.domain.docker.stages
    import hardkit.domain.docker.words
    import hardkit.domain.fixes  # noqa: F401 - imported to be instrumented
    from hardkit.domain.registry import all_rules
    from tests.fuzz.dockerfile_target import SEEDS, check

    all_rules()  # imports every rule module inside the instrumentation

WORDS = (
    "FROM",
    " AS ",
    "ARG ",
    "ENV ",
    "USER ",
    "CMD ",
    "ENTRYPOINT ",
    "RUN ",
    "COPY ",
    "--from=",
    "--platform=",
    "ONBUILD ",
    "HEALTHCHECK ",
    "SHELL ",
    "<<EOF\n",
    "\nEOF\n",
    "${",
    "}",
    "$",
    ":-",
    "\\\n",
    "# escape=`\n",
    "# syntax=",
    "# hardkit ignore=HK3",
    "python",
    "python:3.12-slim",
    "@sha256:",
    "latest",
    "scratch",
    "distroless",
    "nonroot",
    "slim",
    "root",
    "0:0",
    "gosu",
    "su-exec",
    "setpriv",
    "-O",
    "-OO",
    "-X faulthandler",
    "PYTHONHASHSEED",
    "PYTHONFAULTHANDLER",
    "PYTHONMALLOC=malloc",
    "PYTHONOPTIMIZE",
    "random",
    '["python", "-m", "app"]',
    "pip",
    "uvicorn",
    "gunicorn",
    "app.py",
)


def _corpus(arguments: list[str]) -> list[str]:
    if any(not a.startswith("-") for a in arguments):
        return []  # the caller named a corpus folder
    folder = Path(tempfile.mkdtemp(prefix="hardkit-fuzz-corpus-"))
    for index, seed in enumerate(SEEDS):
        (folder / f"seed-{index}").write_bytes(seed)
    return [str(folder)]


def _dictionary() -> str:
    path = Path(tempfile.mkdtemp(prefix="hardkit-fuzz-dict-")) / "dockerfile.dict"
    escaped = (w.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\x0A") for w in WORDS)
    path.write_text("".join(f'"{w}"\n' for w in escaped), encoding="utf-8")
    return str(path)


def main() -> None:
    arguments = sys.argv[1:]
    atheris.Setup([sys.argv[0], f"-dict={_dictionary()}", *arguments, *_corpus(arguments)], check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
