"""hardkit on a corpus of real Dockerfiles kept outside the project (``make docker-corpus``).

    uv run python perf/dockerfile_corpus.py CORPUS [--expect JUDGED] [--verbose]

CORPUS is a directory (walked for Dockerfiles) or a text file listing paths relative to
its own directory, one per line (``#`` comments; anything after a ``|`` is ignored).
The files are checked where they are, so the scripts they copy are read from their own
repositories, as in a real checkout.

It reports two things:

* **the parser**: hardkit's Python implementation of BuildKit's grammar against
  BuildKit's own parser (the ``dockerfile`` wheel, a development dependency) on every
  Dockerfile: the files where the two disagree on instructions, arguments, flags,
  heredocs or line numbers (none is the expected answer);
* **the findings**: with ``--expect``, precision and recall per rule against judged
  expectations — a text file of lines ``path | CODE:LINE CODE:LINE … | notes``, every
  finding a platform engineer would want on that file; a file listed with no codes
  expects none. ``--verbose`` lists every finding judged noise and every miss.

Nothing is downloaded: corpora are gathered (and judged) by hand, outside the project.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def corpus(source: Path) -> tuple[Path, list[str]]:
    """The directory to run in and the files below it (Dockerfiles, and the gunicorn
    configuration modules a list names)."""
    from hardkit.domain.kinds import is_dockerfile_name

    if source.is_file():
        names = [line.split("|")[0].strip() for line in source.read_text().splitlines()]
        return source.parent, [n for n in names if n and not n.startswith("#")]
    found = [
        p.relative_to(source).as_posix()
        for p in source.rglob("*")
        if p.is_file()
        and is_dockerfile_name(p.name)
        and not any(part.startswith(".") for part in p.relative_to(source).parts)
    ]
    return source, sorted(found)


def parser_differences(where: Path, names: list[str]) -> tuple[int, list[str]]:
    """How many Dockerfiles were compared with BuildKit's parser, and those that differ."""
    from tests.buildkit_oracle import OracleCannotAnswer, oracle_instructions, outcome

    from hardkit.domain.docker.parser import parse_instructions
    from hardkit.domain.kinds import is_dockerfile_name

    compared, differ = 0, []
    for name in names:
        if not is_dockerfile_name(Path(name).name):
            continue
        try:
            text = (where / name).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if "\0" in text:
            continue
        try:
            expected = outcome(oracle_instructions, text)
        except OracleCannotAnswer:
            continue
        compared += 1
        if outcome(parse_instructions, text) != expected:
            differ.append(name)
    return compared, differ


def findings(where: Path, names: list[str]) -> dict[str, list[tuple[str, int, str]]]:
    command = [sys.executable, "-m", "hardkit", "check", "--no-cache", "--exit-zero"]
    command += ["--select", "HK0,HK3", "--output-format", "json", *names]
    done = subprocess.run(command, cwd=where, capture_output=True, text=True, check=False)
    report = json.loads(done.stdout)
    found: dict[str, list[tuple[str, int, str]]] = collections.defaultdict(list)
    for f in report["findings"]:
        found[f["path"]].append((f["code"], f["line"], f["message"]))
    for e in report["errors"]:
        found[e["path"]].append(("error", 0, e["message"]))
    return found


def expectations(path: Path) -> dict[str, collections.Counter[tuple[str, int]]]:
    judged: dict[str, collections.Counter[tuple[str, int]]] = {}
    for line in path.read_text().splitlines():
        if line.startswith("#") or "|" not in line:
            continue
        name, codes = (part.strip() for part in line.split("|")[:2])
        judged[name] = collections.Counter(
            (code, int(at)) for code, at in (item.split(":") for item in codes.split())
        )
    return judged


def score(
    judged: dict[str, collections.Counter[tuple[str, int]]],
    found: dict[str, list[tuple[str, int, str]]],
    verbose: bool,
) -> None:
    tp: collections.Counter[str] = collections.Counter()
    fp: collections.Counter[str] = collections.Counter()
    fn: collections.Counter[str] = collections.Counter()
    notes: list[str] = []
    for name, expected in judged.items():
        actual = collections.Counter((code, line) for code, line, _ in found.get(name, []))
        for key in set(expected) | set(actual):
            hit = min(expected[key], actual[key])
            tp[key[0]] += hit
            fp[key[0]] += actual[key] - hit
            fn[key[0]] += expected[key] - hit
            if actual[key] > hit:
                message = next(m for c, ln, m in found[name] if (c, ln) == key)
                notes.append(f"noise  {name}:{key[1]} {key[0]} {message[:110]}")
            if expected[key] > hit:
                notes.append(f"missed {name}:{key[1]} {key[0]}")
    print(f"{'rule':6} {'TP':>5} {'FP':>5} {'FN':>5} {'precision':>9} {'recall':>7}")
    for code in [*sorted(set(tp) | set(fp) | set(fn)), "all"]:
        t = sum(tp.values()) if code == "all" else tp[code]
        p = sum(fp.values()) if code == "all" else fp[code]
        n = sum(fn.values()) if code == "all" else fn[code]
        precision = t / (t + p) if t + p else 1.0
        recall = t / (t + n) if t + n else 1.0
        print(f"{code:6} {t:5} {p:5} {n:5} {precision:9.3f} {recall:7.3f}")
    print(f"{len(judged)} files judged")
    if verbose:
        print("\n".join(sorted(notes)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", type=Path, help="a directory, or a file listing paths")
    parser.add_argument("--expect", type=Path, help="judged expectations (path | CODE:LINE …)")
    parser.add_argument("--verbose", action="store_true", help="list noise and misses")
    args = parser.parse_args(argv)
    where, names = corpus(args.corpus)
    try:
        compared, differ = parser_differences(where, names)
    except ImportError:
        print("parser: the dockerfile wheel is not installed (uv sync), no comparison")
    else:
        print(f"parser: {compared} Dockerfiles compared with BuildKit's, {len(differ)} differ")
        for name in differ:
            print(f"  differs: {name}")
    if args.expect is not None:
        score(expectations(args.expect), findings(where, names), args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
