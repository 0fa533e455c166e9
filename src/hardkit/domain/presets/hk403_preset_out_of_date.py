from __future__ import annotations

from collections.abc import Iterator

from hardkit import __version__
from hardkit.domain.findings import Edit, Finding, Fix
from hardkit.domain.presets.config_files import ConfigFile
from hardkit.domain.presets.shipped import (
    PYRIGHT_PRESET,
    RUFF_PRESET,
    first_difference,
    is_newer,
    newline_of,
    render_preset,
    with_newlines,
    written_by,
)
from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

_RUFF = render_preset(RUFF_PRESET, __version__)
_PYRIGHT = render_preset(PYRIGHT_PRESET, __version__)
_RUFF_EDITED = _RUFF.replace('  "T20",\n', "")
_EDITED_LINE = _RUFF.count("\n", 0, _RUFF.index('  "T20",\n')) + 1


class PresetOutOfDate(Rule[ConfigFile]):
    code = "HK403"
    name = "preset-out-of-date"
    summary = "A preset file differs from the one the running hardkit ships"
    kind = FileKind.CONFIG
    fixable = True
    fix_always = False
    doc = RuleDoc(
        what_it_does=(
            "Compares `hardkit-ruff.toml` and `hardkit-pyright.json` with the presets of "
            "the running hardkit. The version header on the first line and the line "
            "endings do not count: a release that leaves a preset alone, or a checkout "
            "with CRLF line endings, is not out of date. The finding points at the first "
            "line that differs."
        ),
        why_is_this_bad=(
            "The presets are hardkit's: a preset from an older release misses the checks "
            "added since, and a preset edited by hand is overwritten by the next "
            "`hardkit sync`, losing the edit. Settings of your own belong in the "
            "configuration that extends the preset, where they override it."
        ),
        example=(
            "A `hardkit-ruff.toml` with a rule family removed by hand, or one written by "
            "an older hardkit."
        ),
        use_instead=(
            "Run `hardkit sync` (or `hardkit check --fix`). To drop a rule, add it to "
            "`ignore` in `[tool.ruff.lint]` of `pyproject.toml`; to add one, use "
            "`extend-select` there."
        ),
        fix_safety=(
            "The fix rewrites the file with the shipped preset, in the file's own line "
            "endings. It is safe: the file is hardkit's and holds nothing of yours. There "
            "is no fix when the file was written by a newer hardkit than the running one "
            "(that would downgrade it): upgrade hardkit instead."
        ),
        references=(
            "- hardkit's hardening checklist, [A.2 Tooling stack]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a2-tooling-stack): one shared lint and type-check configuration\n"
            "- `docs/presets.md`: what each preset enables, and how to override it locally"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid(_RUFF, path=RUFF_PRESET),
        valid(_PYRIGHT, path=PYRIGHT_PRESET),
        # Written by an older hardkit whose preset had the same content.
        valid(render_preset(RUFF_PRESET, "0.0.1"), path=RUFF_PRESET),
        valid(_PYRIGHT.replace("\n", "\r\n"), path=PYRIGHT_PRESET),
        invalid(_RUFF_EDITED, line=_EDITED_LINE, column=1, fixed=_RUFF, path=RUFF_PRESET),
        invalid(
            _PYRIGHT.replace('"strict"', '"basic"'),
            line=_PYRIGHT.count("\n", 0, _PYRIGHT.index('"strict"')) + 1,
            column=1,
            fixed=_PYRIGHT,
            path=PYRIGHT_PRESET,
        ),
    )

    def check(self, file: ConfigFile) -> Iterator[Finding]:
        shipped = file.shipped.get(file.name)
        if shipped is None:
            return
        line = first_difference(file.text, shipped)
        if line is None:
            return
        theirs, ours = written_by(file.text), written_by(shipped) or "?"
        if theirs is not None and is_newer(theirs, ours):
            message = (
                f"{file.name} was written by hardkit {theirs}, newer than this hardkit "
                f"{ours}; upgrade hardkit"
            )
            yield file.finding(self.code, line, message)
            return
        if theirs is not None and theirs != ours:
            why = f"was written by hardkit {theirs} and differs from hardkit {ours}'s preset"
        else:
            why = f"differs from hardkit {ours}'s preset (edited by hand?)"
        rewrite = Edit(0, len(file.text), with_newlines(shipped, newline_of(file.text)))
        message = f"{file.name} {why}; `hardkit sync` rewrites it"
        yield file.finding(self.code, line, message, fix=Fix((rewrite,)))
