"""The fix loop: apply safe fixes, re-check, repeat until nothing more changes.

New text is accepted only when it still parses; the file is then written atomically
in its original encoding, BOM and line endings (edits carry the file's own newlines).
"""

from __future__ import annotations

from typing import NamedTuple

from hardkit.adapters.source import SourceText
from hardkit.domain.findings import FileError
from hardkit.domain.fixes import apply_fixes
from hardkit.domain.rule import FileKind
from hardkit.service.analyse import PARSE_ERROR, Analysis, Settings, analyse_source

MAX_PASSES = 10


class FixOutcome(NamedTuple):
    text: str
    applied: int
    analysis: Analysis  # of the final text


def fix_source(
    key: str,
    kind: FileKind,
    source: SourceText,
    settings: Settings,
    siblings: frozenset[str] = frozenset(),
) -> FixOutcome:
    settings = settings._replace(fixes=True)  # every fix with its edits
    analysis = analyse_source(key, kind, source, settings, siblings)
    text, applied = source.text, 0
    had_parse_error = any(f.code == PARSE_ERROR for f in analysis.findings)
    for _ in range(MAX_PASSES):
        fixes = [f.fix for f in analysis.findings if f.fix is not None]
        if not fixes:
            break
        new_text, count = apply_fixes(text, fixes)
        if new_text == text:
            break
        new_source = SourceText(new_text, source.encoding)
        checked = analyse_source(key, kind, new_source, settings, siblings)
        if not had_parse_error and any(f.code == PARSE_ERROR for f in checked.findings):
            analysis.errors.append(
                FileError(key, "a fix produced code that does not parse; file left unchanged")
            )
            return FixOutcome(source.text, 0, analysis)
        text, applied, analysis = new_text, applied + count, checked
    return FixOutcome(text, applied, analysis)
