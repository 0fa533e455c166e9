from __future__ import annotations

from collections.abc import Iterator

from hardkit.domain.presets.config_files import ConfigFile
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

    from hardkit.domain.findings import Finding

_PRESET = {"hardkit-ruff.toml": "# the preset, as `hardkit init` writes it\n"}


class RuffPresetNotExtended(Rule[ConfigFile]):
    code = "HK401"
    name = "ruff-preset-not-extended"
    summary = "A ruff configuration beside hardkit-ruff.toml does not extend it"
    kind = FileKind.CONFIG
    doc = RuleDoc(
        what_it_does=(
            "Checks the ruff configuration of every directory that holds a "
            "`hardkit-ruff.toml`: the file ruff actually reads there (`.ruff.toml`, else "
            '`ruff.toml`, else `pyproject.toml`) must say `extend = "hardkit-ruff.toml"`. '
            "A `pyproject.toml` without a `[tool.ruff]` table is reported too: ruff does "
            "not read it at all."
        ),
        why_is_this_bad=(
            "ruff reads the preset only through `extend`. A preset nobody extends looks "
            "like protection (the security rules of bandit via `S`, naive datetimes, "
            "blocking calls in async code, `# noqa: HK…` kept by `lint.external`) while "
            "ruff checks none of it. ruff takes a single `extend`, so one pointing "
            "elsewhere is reported as well."
        ),
        example="```toml\n[tool.ruff]\nline-length = 100\n```",
        use_instead=(
            '```toml\n[tool.ruff]\nextend = "hardkit-ruff.toml"\nline-length = 100\n```\n\n'
            "`hardkit init` adds the line, keeping every comment and the layout of the "
            "file. When the configuration already extends another file of yours, make "
            "that file extend `hardkit-ruff.toml` instead and point this one at the preset "
            "— or move its settings here."
        ),
        references=(
            "- hardkit's hardening checklist, [A.2 Tooling stack]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a2-tooling-stack): ruff as the linter, with one shared configuration\n"
            "- ruff, [Config file discovery]"
            "(https://docs.astral.sh/ruff/configuration/#config-file-discovery) and the "
            "[`extend`](https://docs.astral.sh/ruff/settings/#extend) setting\n"
            "- `docs/presets.md`: what the preset enables and why"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid('[tool.ruff]\nextend = "hardkit-ruff.toml"\nline-length = 100\n', files=_PRESET),
        valid('[tool.ruff]\nextend = "./hardkit-ruff.toml"\n', files=_PRESET),
        # No preset beside this file: nothing to extend.
        valid('[project]\nname = "orders"\n'),
        # ruff reads ruff.toml here, and that file extends the preset.
        valid(
            '[project]\nname = "orders"\n',
            files={**_PRESET, "ruff.toml": 'extend = "hardkit-ruff.toml"\n'},
        ),
        valid('extend = "hardkit-ruff.toml"\n', path="ruff.toml", files=_PRESET),
        invalid(
            '[project]\nname = "orders"\n\n[tool.ruff]\nline-length = 100\n',
            line=4,
            column=1,
            files=_PRESET,
        ),
        invalid('[project]\nname = "orders"\n', line=1, column=1, files=_PRESET),
        invalid(
            '[tool.ruff]\n# our house style\nextend = "ruff-base.toml"\n',
            line=3,
            column=1,
            files=_PRESET,
        ),
        # Only a sub-table: [tool.ruff] exists implicitly, without `extend`.
        invalid(
            '[project]\nname = "orders"\n\n[tool.ruff.lint]\nselect = ["E"]\n',
            line=4,
            column=1,
            files=_PRESET,
        ),
        invalid("line-length = 100\n", line=1, column=1, path="ruff.toml", files=_PRESET),
    )

    def check(self, file: ConfigFile) -> Iterator[Finding]:
        from hardkit.domain.presets.config_files import wiring_problem
        from hardkit.domain.presets.shipped import RUFF_PRESET

        if RUFF_PRESET not in file.siblings or not self._ruff_reads(file):
            return
        problem = wiring_problem(file.ruff, RUFF_PRESET, "[tool.ruff]")
        if problem is not None:
            line, message = problem
            yield file.finding(self.code, line, message)

    @staticmethod
    def _ruff_reads(file: ConfigFile) -> bool:
        """Whether ruff takes its settings for this directory from this file."""
        from hardkit.domain.presets.config_files import PYPROJECT, RUFF_CONFIGS

        preferred = (*RUFF_CONFIGS, PYPROJECT)
        if file.name not in preferred:
            return False
        earlier = preferred[: preferred.index(file.name)]
        return not any(name in file.siblings for name in earlier)
