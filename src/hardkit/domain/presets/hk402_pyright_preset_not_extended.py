from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.presets.config_files import ConfigFile
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

    from hardkit.domain.findings import Finding

_PRESET = {"hardkit-pyright.json": '{"typeCheckingMode": "strict"}\n'}


class PyrightPresetNotExtended(Rule[ConfigFile]):
    code = "HK402"
    name = "pyright-preset-not-extended"
    summary = "A pyright configuration beside hardkit-pyright.json does not extend it"
    kind = FileKind.CONFIG
    doc = RuleDoc(
        what_it_does=(
            "Checks the pyright configuration of every directory that holds a "
            "`hardkit-pyright.json`: the file pyright actually reads there "
            "(`pyrightconfig.json`, else `pyproject.toml`) must say "
            '`extends = "hardkit-pyright.json"` (`"extends": "hardkit-pyright.json"` in '
            "JSON). A `pyproject.toml` without a `[tool.pyright]` table is reported too."
        ),
        why_is_this_bad=(
            "pyright reads the preset only through `extends`. Without it the project is "
            "checked in pyright's default (standard) mode: unannotated functions, unknown "
            "types and stale `# type: ignore` comments pass, while the preset sitting "
            "beside the configuration suggests they are caught."
        ),
        example='```toml\n[tool.pyright]\ninclude = ["src"]\n```',
        use_instead=(
            '```toml\n[tool.pyright]\nextends = "hardkit-pyright.json"\ninclude = ["src"]\n```\n\n'
            "`hardkit init` adds the line (to `pyrightconfig.json` when the project has "
            "one, since pyright then ignores `[tool.pyright]`). Settings of your own after "
            "`extends` override the preset's."
        ),
        references=(
            "- hardkit's hardening checklist, [A.2 Tooling stack]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a2-tooling-stack): pyright in strict mode\n"
            "- pyright, [Configuration](https://microsoft.github.io/pyright/#/configuration) "
            "(`extends`, and `pyrightconfig.json` taking precedence over `pyproject.toml`)\n"
            "- `docs/presets.md`: what the preset enables and why"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid('[tool.pyright]\nextends = "hardkit-pyright.json"\n', files=_PRESET),
        valid('[project]\nname = "orders"\n'),
        # pyright reads pyrightconfig.json here, not [tool.pyright].
        valid(
            '[project]\nname = "orders"\n',
            files={**_PRESET, "pyrightconfig.json": '{"extends": "hardkit-pyright.json"}\n'},
        ),
        valid(
            '{\n  // strict, from hardkit\n  "extends": "hardkit-pyright.json",\n}\n',
            path="pyrightconfig.json",
            files=_PRESET,
        ),
        invalid(
            '[project]\nname = "orders"\n\n[tool.pyright]\ninclude = ["src"]\n',
            line=4,
            column=1,
            files=_PRESET,
        ),
        invalid('[project]\nname = "orders"\n', line=1, column=1, files=_PRESET),
        invalid(
            '[tool.pyright]\ninclude = ["src"]\nextends = "../base.json"\n',
            line=3,
            column=1,
            files=_PRESET,
        ),
        invalid(
            '{\n  "include": ["src"],\n  "extends": "strict.json"\n}\n',
            line=3,
            column=1,
            path="pyrightconfig.json",
            files=_PRESET,
        ),
        invalid(
            '{"include": ["src"]}\n', line=1, column=1, path="pyrightconfig.json", files=_PRESET
        ),
    )

    def check(self, file: ConfigFile) -> Iterator[Finding]:
        from hardkit.domain.presets.config_files import wiring_problem
        from hardkit.domain.presets.shipped import PYRIGHT_PRESET

        if PYRIGHT_PRESET not in file.siblings or not self._pyright_reads(file):
            return
        problem = wiring_problem(file.pyright, PYRIGHT_PRESET, "[tool.pyright]")
        if problem is not None:
            line, message = problem
            yield file.finding(self.code, line, message)

    @staticmethod
    def _pyright_reads(file: ConfigFile) -> bool:
        """Whether pyright takes its settings for this directory from this file."""
        from hardkit.domain.presets.config_files import PYPROJECT, PYRIGHT_CONFIG

        if file.name == PYPROJECT:
            return PYRIGHT_CONFIG not in file.siblings
        return file.name == PYRIGHT_CONFIG
