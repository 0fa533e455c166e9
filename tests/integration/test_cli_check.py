"""The ``hardkit check`` contract of DESIGN §3: output lines, formats, exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hardkit.entrypoints.cli import main
from tests.fake_rule import flag_rule
from tests.helpers import write

__all__ = ["flag_rule"]

pytestmark = pytest.mark.usefixtures("project")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_syntax_error_is_hk001_and_other_files_are_still_checked(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(project, {"a_bad.py": "assert x\ndef f(:\n", "b_good.py": "x = 'FLAG'\n"})
    code, out, err = run(capsys)
    assert code == 1
    assert out.splitlines() == [
        "a_bad.py:2:7: HK001 syntax error: invalid syntax",
        "b_good.py:1:6: HK999 [*] FLAG found",
        "Found 2 errors.",
        "[*] 1 fixable with the `--fix` option.",
    ]
    assert err == ""


def test_clean_run_exits_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"app.py": "x = 1\n"})
    assert run(capsys) == (0, "All checks passed!\n", "")


def test_a_bad_config_key_is_one_line_and_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"pyproject.toml": "[tool.hardkit]\nselct = ['HK1']\n", "app.py": "x = 1\n"})
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert err == (
        "hardkit: error: pyproject.toml [tool.hardkit]: unknown key 'selct' "
        "(did you mean 'select'?)\n"
    )


def test_several_bad_keys_are_all_named(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"hardkit.toml": "ignore = 'HK1'\nfoo = 1\n"})
    code, _, err = run(capsys)
    assert code == 2
    assert err.splitlines() == [
        "hardkit: error: hardkit.toml: 'ignore' must be a list of strings",
        "hardkit: error: hardkit.toml: unknown key 'foo'",
    ]


def test_config_that_is_not_toml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"hardkit.toml": "select = [\n"})
    code, _, err = run(capsys)
    assert code == 2
    assert err.startswith("hardkit: error: ")
    assert "hardkit.toml: not valid TOML" in err
    assert len(err.splitlines()) == 1


def test_unknown_selector_on_the_command_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--select", "HK9")
    assert code == 2
    assert err == (
        "hardkit: error: command line: unknown rule selector 'HK9' (no rule code starts with it)\n"
    )


def test_explicit_config_file(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(project, {"conf/hardkit.toml": "ignore = ['HK999']\n", "app.py": "FLAG = 1\n"})
    assert run(capsys, "--config", "conf/hardkit.toml")[0] == 0
    assert run(capsys, "--config", "missing.toml")[0] == 2


def test_a_bare_noqa_does_not_hide_hk_findings(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(
        project,
        {
            "app.py": (
                "a = 'FLAG'  # noqa\n"
                "b = 'FLAG'  # noqa: HK999\n"
                "c = 'FLAG'  # noqa: E501\n"
                "d = f(\n    'FLAG',\n)  # noqa: HK999\n"
                "e = '# noqa: HK999 FLAG'\n"
            )
        },
    )
    code, out, _ = run(capsys, "--quiet")
    assert code == 1
    assert out.splitlines() == [
        "app.py:1:6: HK999 [*] FLAG found",
        "app.py:3:6: HK999 [*] FLAG found",
        "app.py:5:6: HK999 [*] FLAG found",
        "app.py:7:20: HK999 [*] FLAG found",
    ]


def test_per_file_ignores_and_select_prefixes(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(
        project,
        {
            "pyproject.toml": "[tool.hardkit]\nper-file-ignores = { 'legacy/**' = ['HK9'] }\n",
            "legacy/old.py": "x = 'FLAG'\n",
            "new.py": "x = 'FLAG'\n",
        },
    )
    code, out, _ = run(capsys, "-q")
    assert (code, out) == (1, "new.py:1:6: HK999 [*] FLAG found\n")
    assert run(capsys, "--ignore", "HK9")[0] == 0
    assert run(capsys, "--select", "HK0", "-q") == (0, "", "")


def test_excludes_and_gitignore_when_walking(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(
        project,
        {
            "pyproject.toml": "[tool.hardkit]\nextend-exclude = ['generated']\n",
            ".gitignore": "ignored_dir/\n*.gen.py\n",
            "src/app.py": "x = 'FLAG'\n",
            "src/generated/out.py": "x = 'FLAG'\n",
            "ignored_dir/a.py": "x = 'FLAG'\n",
            "src/b.gen.py": "x = 'FLAG'\n",
            ".venv/lib/site.py": "x = 'FLAG'\n",
            "node_modules/x/y.py": "x = 'FLAG'\n",
        },
    )
    code, out, _ = run(capsys, "-q")
    assert (code, out) == (1, "src/app.py:1:6: HK999 [*] FLAG found\n")
    # Naming a git-ignored file checks it; an excluded one stays excluded.
    code, out, _ = run(capsys, "-q", "ignored_dir/a.py", "src/generated/out.py")
    assert out == "ignored_dir/a.py:1:6: HK999 [*] FLAG found\n"


def test_nested_gitignore_applies_below_its_directory(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(
        project,
        {
            "pkg/.gitignore": "build_*.py\n",
            "pkg/build_x.py": "x = 'FLAG'\n",
            "build_y.py": "x = 'FLAG'\n",
        },
    )
    assert run(capsys, "-q")[1] == "build_y.py:1:6: HK999 [*] FLAG found\n"


def test_paths_are_relative_to_the_current_directory(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    flag_rule: None,
) -> None:
    write(project, {"pkg/sub/app.py": "x = 'FLAG'\n"})
    monkeypatch.chdir(project / "pkg")
    assert run(capsys, "-q", "sub")[1] == "sub/app.py:1:6: HK999 [*] FLAG found\n"
    assert run(capsys, "-q", "../pkg/sub/app.py")[1] == "sub/app.py:1:6: HK999 [*] FLAG found\n"


def test_missing_file_and_dangling_symlink_are_errors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"ok.py": "x = 1\n"})
    (project / "dangling.py").symlink_to(project / "nowhere.py")
    code, out, _ = run(capsys)
    assert code == 1
    assert out.splitlines() == [
        "dangling.py: error: dangling symbolic link",
        "1 file could not be checked.",
    ]
    code, out, _ = run(capsys, "missing.py")
    assert code == 1
    assert out.splitlines()[0] == "missing.py: error: no such file or directory"


def test_symlink_loops_and_links_out_of_the_tree_are_not_followed(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
    flag_rule: None,
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    write(outside, {"secret.py": "x = 'FLAG'\n"})
    write(project, {"pkg/app.py": "x = 'FLAG'\n"})
    (project / "pkg" / "loop").symlink_to(project / "pkg")
    (project / "out").symlink_to(outside)
    (project / "out.py").symlink_to(outside / "secret.py")
    code, out, _ = run(capsys, "-q")
    assert (code, out) == (1, "pkg/app.py:1:6: HK999 [*] FLAG found\n")


def test_unreadable_file_is_an_error_entry(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, {"secret.py": "x = 1\n", "other.py": "y = (  # assert\n"})
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        # Tests run as root, which reads a mode-000 file anyway: refuse like the kernel would.
        if self.name == "secret.py":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, out, _ = run(capsys)
    assert code == 1
    assert out.splitlines()[:2] == [
        "other.py:1:5: HK001 syntax error: '(' was never closed",
        "secret.py: error: cannot read file: Permission denied",
    ]


def test_a_directory_named_like_a_python_file_is_walked(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(project, {"foo.py/inner.py": "x = 'FLAG'\n"})
    assert run(capsys, "-q")[1] == "foo.py/inner.py:1:6: HK999 [*] FLAG found\n"


def test_exit_zero_statistics_and_quiet(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(project, {"a.py": "x = 'FLAG'\ny = 'FLAG'\n", "b.py": "def f(:\n    assert ok\n"})
    code, out, _ = run(capsys, "--statistics", "--exit-zero")
    assert code == 0
    assert out.splitlines() == [
        "2\tHK999\t[*] flag-word",
        "1\tHK001\t[ ] parse-error",
        "Found 3 errors.",
        "[*] 2 fixable with the `--fix` option.",
    ]


def test_colour_only_when_asked_or_on_a_terminal(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    flag_rule: None,
) -> None:
    write(project, {"a.py": "x = 'FLAG'\n"})
    assert "\x1b[" not in run(capsys)[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run(capsys)[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(capsys)[1]


def test_json_output_is_exactly_the_contract(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(project, {"src/app.py": "x = 'FLAG'\n", "bad.py": "x = (  # assert\n"})
    (project / "gone.py").symlink_to(project / "nowhere.py")
    code, out, _ = run(capsys, "--output-format", "json")
    assert code == 1
    assert json.loads(out) == {
        "version": 1,
        "findings": [
            {
                "code": "HK001",
                "name": "parse-error",
                "path": "bad.py",
                "line": 1,
                "column": 5,
                "end_line": 1,
                "end_column": 5,
                "severity": "error",
                "message": "syntax error: '(' was never closed",
                "fixable": False,
            },
            {
                "code": "HK999",
                "name": "flag-word",
                "path": "src/app.py",
                "line": 1,
                "column": 6,
                "end_line": 1,
                "end_column": 10,
                "severity": "error",
                "message": "FLAG found",
                "fixable": True,
            },
        ],
        "errors": [{"path": "gone.py", "message": "dangling symbolic link"}],
    }


def test_sarif_output_validates_against_the_official_schema(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    import jsonschema

    schema_path = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    write(project, {"src/app.py": "x = 'FLAG'\n", "bad.py": "x = (  # assert\n"})
    (project / "gone.py").symlink_to(project / "nowhere.py")
    code, out, _ = run(capsys, "--output-format", "sarif")
    assert code == 1
    document = json.loads(out)
    jsonschema.Draft7Validator(schema).validate(document)
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"HK001", "HK999"}
    results = run_["results"]
    assert [(r["ruleId"], rules[r["ruleIndex"]]["id"]) for r in results] == [
        ("HK001", "HK001"),
        ("HK999", "HK999"),
    ]
    region = results[1]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 10}
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "dangling symbolic link"


def test_github_output_is_workflow_commands(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(project, {"src/a,b.py": "x = 'FLAG'\n"})
    (project / "gone.py").symlink_to(project / "nowhere.py")
    code, out, _ = run(capsys, "--output-format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::error file=src/a%2Cb.py,line=1,col=6,endLine=1,endColumn=10,title=HK999"
        "::HK999 FLAG found",
        "::error file=gone.py,title=hardkit::dangling symbolic link",
    ]


def test_fix_writes_and_reports(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(project, {"a.py": b"x = 'FLAG'\r\ny = 'FLAG'\r\n"})
    (project / "a.py").chmod(0o751)
    code, out, _ = run(capsys, "--fix")
    assert code == 0
    assert out == "Found 2 errors (2 fixed, 0 remaining).\n"
    assert (project / "a.py").read_bytes() == b"x = 'ok'\r\ny = 'ok'\r\n"
    assert (project / "a.py").stat().st_mode & 0o777 == 0o751
    assert run(capsys, "--fix") == (0, "All checks passed!\n", "")


def test_diff_prints_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(project, {"a.py": "x = 'FLAG'\n"})
    code, out, err = run(capsys, "--diff")
    assert code == 1
    assert out == "--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x = 'FLAG'\n+x = 'ok'\n"
    assert err == "Would fix 1 error.\n"
    assert (project / "a.py").read_text() == "x = 'FLAG'\n"
    assert main(["check", "--fix", "--diff"]) == 2


def test_diff_with_nothing_to_fix_says_so(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(project, {"a.py": "x = 'ok'\n"})
    assert run(capsys, "--diff") == (0, "", "Nothing to fix.\n")


def test_diff_counts_in_words(
    project: Path, capsys: pytest.CaptureFixture[str], flag_rule: None
) -> None:
    write(project, {"a.py": "x = 'FLAG'\n", "b.py": "y = 'FLAG'\n"})
    code, _, err = run(capsys, "--diff")
    assert (code, err) == (1, "Would fix 2 errors.\n")


@pytest.mark.parametrize(
    ("argv", "usage"),
    [
        (["check", "--bogus"], "usage: hardkit check "),
        (["check", "src", "--bogus", "-x"], "usage: hardkit check "),
        (["rule", "HK101", "extra"], "usage: hardkit rule "),
        (["--bogus"], "usage: hardkit "),
    ],
)
def test_an_unknown_option_shows_its_commands_usage(
    argv: list[str], usage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage), err
    command = f"hardkit {argv[0]}" if not argv[0].startswith("-") else "hardkit"
    unknown = " ".join(a for a in argv[1:] if a.startswith("-") or a == "extra")
    assert err.endswith(f"{command}: error: unrecognized arguments: {unknown or argv[0]}\n")


def test_a_fix_that_breaks_the_code_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hardkit.domain import registry
    from tests.fake_rule import FlagWord

    class BreakingFix(FlagWord):
        replacement = "("

    monkeypatch.setattr(registry, "RULE_CLASSES", (*registry.RULE_CLASSES, BreakingFix))
    registry.all_rules.cache_clear()
    write(project, {"a.py": "x = FLAG\n"})
    code, out, _ = run(capsys, "--fix")
    registry.all_rules.cache_clear()
    assert code == 1
    assert out.splitlines() == [
        "a.py:1:5: HK999 [*] FLAG found",
        "a.py: error: a fix produced code that does not parse; file left unchanged",
        "Found 1 error.",
        "1 file could not be checked.",
    ]
    assert (project / "a.py").read_text() == "x = FLAG\n"


def test_suppression_lines_count_like_the_parsers(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A form feed or U+2028 is not a line end for BuildKit or Python: the comment directly
    # above the instruction must still be found on the right line.
    write(
        project,
        {
            "Dockerfile": (
                "# syntax=docker/dockerfile:1 \f page break\n"
                "# hardkit ignore=HK301,HK302\n"
                "FROM python\n"
            ),
            "app.py": "x = '\u2028'\nassert user.is_admin  # noqa: HK101\n",
        },
    )
    code, out, _ = run(capsys, "-q", "--select", "HK101,HK301,HK302")
    assert (code, out) == (0, "")


NOTHING = "hardkit: warning: no Python files, Dockerfiles or configuration files found under"


def test_a_directory_with_nothing_to_check_is_no_silent_green(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"docs/index.md": "# hi\n", "app.py": "x = 1\n"})
    assert run(capsys, "docs", "srcc") == (
        1,
        "srcc: error: no such file or directory\n1 file could not be checked.\n",
        f"{NOTHING} docs\n",
    )
    (project / "empty").mkdir()
    assert run(capsys, "empty", "app.py") == (0, "All checks passed!\n", f"{NOTHING} empty\n")


def test_the_default_path_with_nothing_to_check_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"site/README.md": "hi\n"})
    monkeypatch.chdir(tmp_path / "site")
    assert run(capsys) == (0, "All checks passed!\n", f"{NOTHING} .\n")
    assert run(capsys, "-q") == (0, "", f"{NOTHING} .\n")


def test_a_named_file_of_no_checked_kind_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"notes.txt": "hi\n"})
    assert run(capsys, "notes.txt") == (0, "All checks passed!\n", f"{NOTHING} notes.txt\n")


def test_named_files_all_excluded_say_so_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pre-commit passes excluded files too: quiet while something else is checked."""
    write(
        project,
        {
            "pyproject.toml": '[tool.hardkit]\nextend-exclude = ["legacy"]\n',
            "legacy/a.py": "x = 1\n",
            "legacy/b.py": "x = 1\n",
            "app.py": "x = 1\n",
        },
    )
    assert run(capsys, "legacy/a.py", "app.py") == (0, "All checks passed!\n", "")
    assert run(capsys, "legacy/a.py", "legacy/b.py") == (
        0,
        "All checks passed!\n",
        f"{NOTHING} legacy/a.py, legacy/b.py (excluded by the configuration)\n",
    )
