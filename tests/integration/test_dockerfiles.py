"""Dockerfiles through the real CLI: discovery, HK001, the Python-only rules, suppression,
the HK304 fix on disk, and the parser staying off a Python-only run's start-up path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hardkit.entrypoints.cli import main
from tests.helpers import write

pytestmark = pytest.mark.usefixtures("project")

SHA = "sha256:" + "9c5d8a6b" * 8
CLEAN = f"FROM python:3.13-slim@{SHA}\nENV PYTHONFAULTHANDLER=1\nUSER 10001\n"
EXAMPLE = Path(__file__).parents[2] / "examples" / "orders-service" / "Dockerfile"


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[tuple[str, ...]]]:
    code = main(["check", "--no-cache", "--output-format", "json", *args])
    report = json.loads(capsys.readouterr().out)
    rows = [(f["path"], f["line"], f["column"], f["code"]) for f in report["findings"]]
    rows += [(e["path"], e["message"]) for e in report["errors"]]
    return code, rows


def test_dockerfiles_are_found_by_name(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = [
        "Dockerfile",
        "Containerfile",
        "deploy/api.Dockerfile",
        "deploy/worker.dockerfile",
        "deploy/Dockerfile.prod",
        "deploy/Containerfile.dev",
        "deploy/dockerfile",
    ]
    ignored = ["Dockerfile.dockerignore", "docs/Dockerfile.md", "Dockerfile-notes", "dockerfiles"]
    write(project, dict.fromkeys(names + ignored, "FROM python\n"))
    _, rows = findings(capsys, "--select", "HK302")
    assert sorted(r[0] for r in rows) == sorted(names)


def test_garbage_is_hk001_never_a_crash(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            "Dockerfile": "import os\nprint(os.getcwd())\n",
            "b.Dockerfile": "FROM python:3.13-slim\nRUN <<EOF\nnever closed\n",
            "c.Dockerfile": b"\x89PNG\r\n\x1a\n\x00\x00binary",
            "d.Dockerfile": b"FROM python\xff\n",
            "e.Dockerfile": "",
            "f.Dockerfile": CLEAN + "FROM x AS 9lives\n",
            "good.Dockerfile": "FROM python\n",
        },
    )
    code, rows = findings(capsys, "--select", "HK001,HK302")
    assert code == 1
    assert rows == [
        ("Dockerfile", 1, 1, "HK001"),
        ("b.Dockerfile", 2, 1, "HK001"),
        ("c.Dockerfile", 3, 1, "HK001"),
        ("d.Dockerfile", 1, 12, "HK001"),
        ("e.Dockerfile", 1, 1, "HK001"),
        ("f.Dockerfile", 4, 1, "HK001"),
        ("good.Dockerfile", 1, 6, "HK302"),
    ]


def test_garbage_message_says_what_buildkit_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"Dockerfile": "FROM python:3.13-slim\nimport os\n"})
    assert main(["check", "--no-cache"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "Dockerfile:2:1: HK001 Dockerfile: unknown instruction: import"
    )


def test_a_non_python_final_stage_gets_only_the_image_rules(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            "Dockerfile": (
                "FROM python:3.13 AS docs\nENV PYTHONHASHSEED=0\nRUN pip install mkdocs\n"
                "RUN mkdocs build\n\nFROM nginx:1.27\nUSER root\n"
                "COPY --from=docs /site /usr/share/nginx/html\n"
            )
        },
    )
    _, rows = findings(capsys)
    assert rows == [
        ("Dockerfile", 1, 6, "HK301"),
        ("Dockerfile", 2, 5, "HK305"),
        ("Dockerfile", 6, 6, "HK301"),
    ]


def test_the_bundled_example_violates_what_its_comments_say(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check", "--no-cache", "--output-format", "json", str(EXAMPLE)])
    report = json.loads(capsys.readouterr().out)
    got = sorted((f["line"], f["code"]) for f in report["findings"])
    assert code == 1
    assert got == [
        (5, "HK301"),
        (13, "HK301"),
        (13, "HK302"),
        (13, "HK303"),
        (13, "HK304"),
        (13, "HK307"),
        (14, "HK305"),
        (17, "HK308"),
    ]
    for line, code_ in got:
        comments = EXAMPLE.read_text(encoding="utf-8").splitlines()[: line - 1]
        assert any(code_ in c for c in comments if c.startswith("#")), (line, code_)


@pytest.mark.parametrize(
    ("above", "suppressed"),
    [
        ("# hardkit ignore=HK301,HK304\n", {"HK301", "HK304"}),
        ("#hardkit ignore = hk301 , hk304\n", {"HK301", "HK304"}),
        ("# hardkit ignore=HK301,HK304\n\n", set()),
        ("# hardkit ignore=HK301,HK304\n# base image\n", set()),
        ("# noqa: HK301\n", set()),
    ],
)
def test_ignore_comment_directly_above_a_multi_line_instruction(
    project: Path, capsys: pytest.CaptureFixture[str], above: str, suppressed: set[str]
) -> None:
    text = f"{above}FROM \\\n    python:3.13 \\\n    AS runtime\nUSER app\n"
    write(project, {"Dockerfile": text})
    _, rows = findings(capsys, "--select", "HK301,HK303,HK304")
    codes = {r[3] for r in rows}
    assert codes == {"HK301", "HK303", "HK304"} - suppressed


def test_fix_inserts_the_line_keeping_bom_crlf_and_everything_else(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = (
        "\ufeff# syntax=docker/dockerfile:1\r\nFROM python:3.13-slim AS build\r\n"
        "RUN pip wheel .\r\n\r\n# runtime\r\nFROM --platform=linux/amd64 \\\r\n    build\r\n"
        "USER app  \r\nCMD python -m app"
    )
    path = project / "Dockerfile"
    path.write_bytes(original.encode("utf-8"))
    assert main(["check", "--no-cache", "--select", "HK304", "--fix"]) == 0
    expected = original.replace("    build\r\n", "    build\r\nENV PYTHONFAULTHANDLER=1\r\n")
    assert path.read_bytes() == expected.encode("utf-8")
    assert main(["check", "--no-cache", "--select", "HK304", "--fix"]) == 0
    assert path.read_bytes() == expected.encode("utf-8")
    capsys.readouterr()


def test_fix_on_the_bundled_example_is_idempotent(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "Dockerfile").write_bytes(EXAMPLE.read_bytes())
    main(["check", "--no-cache", "--fix", "--select", "HK304"])
    fixed = (project / "Dockerfile").read_text(encoding="utf-8")
    assert fixed.splitlines()[12:14] == ["FROM python", "ENV PYTHONFAULTHANDLER=1"]
    assert fixed.replace("ENV PYTHONFAULTHANDLER=1\n", "", 1) == EXAMPLE.read_text(encoding="utf-8")
    main(["check", "--no-cache", "--fix", "--select", "HK304"])
    assert (project / "Dockerfile").read_text(encoding="utf-8") == fixed
    capsys.readouterr()


def test_no_fix_when_the_final_stage_sets_it_empty_later(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=\n"
    write(project, {"Dockerfile": text})
    assert main(["check", "--no-cache", "--select", "HK304", "--fix"]) == 1
    assert (project / "Dockerfile").read_text(encoding="utf-8") == text
    assert "sets PYTHONFAULTHANDLER empty (line 2)" in capsys.readouterr().out


def test_dockerfile_target_picks_the_final_stage(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        f"FROM {CLEAN.split()[1]} AS runtime\nUSER app\nENV PYTHONFAULTHANDLER=1\n"
        "FROM python:3.13 AS test\n"
    )
    write(project, {"Dockerfile": text})
    assert findings(capsys, "--select", "HK303") == (1, [("Dockerfile", 4, 1, "HK303")])
    write(project, {"pyproject.toml": '[tool.hardkit]\ndockerfile-target = "runtime"\n'})
    assert findings(capsys, "--select", "HK303") == (0, [])


def test_dockerfile_target_must_be_a_stage_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"pyproject.toml": "[tool.hardkit]\ndockerfile-target = 'run time'\n"})
    assert main(["check", "--no-cache"]) == 2
    assert capsys.readouterr().err == (
        "hardkit: error: pyproject.toml [tool.hardkit]: 'dockerfile-target' must be a build "
        "stage name such as 'runtime' (like docker build --target)\n"
    )


def _run_python(project: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False
    )


def test_a_python_only_run_never_loads_the_dockerfile_parser(project: Path) -> None:
    write(project, {"app.py": "x = 1\n"})
    result = _run_python(
        project,
        "import sys\nfrom hardkit.entrypoints.cli import main\n"
        "code = main(['check', '--no-cache', 'app.py'])\n"
        "print(code, sorted(m for m in sys.modules if 'docker' in m))\n",
    )
    assert result.stdout.splitlines()[-1] == "0 []"


def test_dockerfiles_are_checked_without_any_native_parser(project: Path) -> None:
    """BuildKit's grammar is hardkit's own Python: no compiled parser is needed, so every
    platform hardkit installs on (Linux aarch64, musl) checks Dockerfiles."""
    write(project, {"app.py": "x = 1\n", "Dockerfile": "FROM python\n"})
    result = _run_python(
        project,
        "import sys\nsys.modules['dockerfile'] = None  # as where no such wheel exists\n"
        "from hardkit.entrypoints.cli import main\n"
        "code = main(['check', '--no-cache', '--output-format', 'json'])\n"
        "assert 'dockerfile' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "raise SystemExit(code)\n",
    )
    report = json.loads(result.stdout)
    assert (result.returncode, report["errors"], result.stderr) == (1, [], "")
    assert {f["code"] for f in report["findings"]} >= {"HK301", "HK302", "HK304", "HK307"}


@pytest.mark.slow
def test_pool_workers_forked_after_a_dockerfile_was_parsed_do_not_hang(project: Path) -> None:
    """The Go parser hardkit once used did not survive fork(); its Python successor keeps
    no runtime of its own, so a pool forked from a process that already parsed
    Dockerfiles simply works (no fresh-interpreter workaround is needed)."""
    files = {f"svc{i}/Dockerfile": "FROM python\n" for i in range(48)}  # enough for a pool
    write(project, files)
    script = (
        "from hardkit.domain.docker.parser import parse_instructions\n"
        "from hardkit.entrypoints.cli import main\n"
        "big = 'FROM python\\n' + 'RUN echo hi && echo there\\n' * 2000\n"
        "for _ in range(5):\n"
        "    parse_instructions(big)\n"
        "raise SystemExit(main(['check', '--no-cache', '--jobs', '2', '--select', 'HK302', '.']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,  # a guard against the hang this test is about, not a speed check
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.count(": HK302 ") == 48


ROOT_IMAGE = f"FROM python:3.13-slim@{SHA}\nENV PYTHONFAULTHANDLER=1\n"


def _hk307(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, int]]:
    main(["check", "--select", "HK307", "--output-format", "json", *args])
    report = json.loads(capsys.readouterr().out)
    return [(f["path"], f["line"]) for f in report["findings"]]


def test_the_entrypoint_script_is_read_from_the_build_context_and_its_changes_seen(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cached result that read the entrypoint script is used only while the script is
    unchanged: dropping the gosu line brings HK307 back, on a warm cache too."""
    dockerfile = (
        ROOT_IMAGE + "COPY docker/entrypoint.sh /entrypoint.sh\n"
        'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["python", "-m", "app"]\n'
    )
    write(
        project,
        {"docker/Dockerfile": dockerfile, "docker/entrypoint.sh": 'exec gosu app "$@"\n'},
    )
    assert _hk307(capsys) == []
    assert _hk307(capsys) == []  # from the cache
    (project / "docker" / "entrypoint.sh").write_text('exec "$@"\n')
    assert _hk307(capsys) == [("docker/Dockerfile", 1)]
    (project / "docker" / "entrypoint.sh").write_text('exec su-exec app "$@"\n')
    assert _hk307(capsys) == []


def test_a_script_outside_the_project_is_never_read(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "entrypoint.sh").write_text('exec gosu app "$@"\n')
    (project / "linked.sh").symlink_to(outside / "entrypoint.sh")
    write(
        project,
        {
            "Dockerfile": ROOT_IMAGE + "COPY linked.sh ../entrypoint.sh /\n"
            'ENTRYPOINT ["/linked.sh"]\n'
        },
    )
    assert _hk307(capsys, "--no-cache") == [("Dockerfile", 1)]


def test_gunicorn_configuration_modules_are_checked_by_hk309(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            "deploy/gunicorn.conf.py": "import os\nworkers = os.cpu_count() * 4\n",
            "app/settings.py": "import os\nworkers = os.cpu_count() * 4\n",
        },
    )
    code, rows = findings(capsys, "--select", "HK309")
    assert (code, rows) == (1, [("deploy/gunicorn.conf.py", 2, 1, "HK309")])
